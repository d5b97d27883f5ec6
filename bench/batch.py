"""Benchmark of ``svsamverkan batch`` on a generated archive (prints tables, asserts nothing).

    .venv/bin/python bench/batch.py                     # 200 docs; 1 and 2 workers; 2000 docs; 5 kill -9 trials
    .venv/bin/python bench/batch.py --docs 200 --pipeline tests/data/batch/light_pipeline.py:light_pipeline

Targets (issue 7): >= 40 documents/s on 2 cores for 2-10 KB text documents; 10x the
documents in <= 11x the time; 2 workers >= 1.7x faster than 1; worker memory flat
as the archive grows; every kill -9 + resume ends with one row set per document.

The archive is generated from the template sentences below (our own text), seeded,
so every run sees the same files. Each timed run is a new Python process, as a
command-line run is. "Wall" includes start-up (loading the models once, in the process
server the workers fork from); "steady" is the rate after the first document came back.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from svsamverkan.batch import BatchSummary

ROOT = Path(__file__).resolve().parent.parent

NAMES = ["Karin Lund", "Ola Ek", "Sara Holm", "Mats Berg", "Lena Ström", "Johan Nyberg", "Eva Lindqvist",
         "Per Sandberg", "Maria Åberg", "Anders Öhman", "Fatima Ali", "Nils Engström"]
ORGS = [("rektor", "Björkskolan"), ("socialsekreterare", "socialtjänsten"), ("skolsköterska", "elevhälsan"),
        ("verksamhetschef", "barn- och ungdomspsykiatrin"), ("samordnare", "Region Norrbotten"),
        ("ordförande", "föräldraföreningen"), ("enhetschef", "vårdcentralen Söder")]
SENTENCES = [
    "Gruppen diskuterade hur samverkan mellan skola och socialtjänst kan bli tydligare.",
    "Elevhälsan lyfte behovet av tidiga insatser för barn som ofta är frånvarande.",
    "En samordnad individuell plan ska upprättas när flera huvudmän är inblandade.",
    "Föräldrarna vill bli mer delaktiga i planeringen kring sina barn.",
    "Regionen och kommunen har ett gemensamt ansvar för barnens psykiska hälsa.",
    "Arbetsgruppen följer upp rutinen för orosanmälningar under hösten.",
    "Barnens egna röster behöver synas tydligare i dokumentationen.",
    "Det finns ett stort intresse för att utveckla det förebyggande arbetet i förskolan.",
    "Vårdcentralen deltar i nätverket för att korta väntetiderna till första bedömning.",
    "Brukarorganisationerna bjuds in till nästa möte för att ge sin bild av läget.",
    "Socialtjänsten redovisade statistik över antalet ärenden det senaste året.",
    "Skolan har infört ett nytt arbetssätt för att fånga upp elever med stor frånvaro.",
    "Det behövs en gemensam utbildningsdag för personal från alla verksamheter.",
    "Ansvaret för att kalla till samordningsmöten ligger hos den som först ser behovet.",
    "Ledningsgruppen fick information om hur arbetet med handlingsplanen fortskrider.",
]
DECISIONS = ["Beslut: gruppen ställer sig bakom förslaget.", "Beslut: punkten bordläggs till nästa möte.",
             "Uppdrag: {name} tar fram ett underlag till nästa möte.", "Information: lägesrapporten noterades."]


def make_document(rng: random.Random, i: int) -> str:
    """A minutes-like, article-like or transcript-like text of 2-10 KB."""
    target = rng.randint(2_000, 10_000)
    kind = i % 3
    year, month, day = 2012 + i % 10, 1 + i % 12, 1 + i % 28
    if kind == 0:
        people = rng.sample(NAMES, 4)
        head = [f"Minnesanteckningar samverkansgruppen {year}-{month:02d}-{day:02d}", "",
                "Närvarande: " + "; ".join(f"{n}, {r}, {o}" for n, (r, o) in zip(people, rng.sample(ORGS, 4))), ""]
    elif kind == 1:
        head = [f"Nytt arbetssätt ska ge barn stöd tidigare ({year})", ""]
    else:
        head = [f"Avsnitt {i}. Ett samtal om samverkan kring barns hälsa.", ""]
    parts, size = head, sum(len(h) + 1 for h in head)
    while size < target:
        para = " ".join(rng.sample(SENTENCES, rng.randint(2, 5)))
        if kind == 2:
            para = f"{rng.choice(NAMES)}: {para}"
        elif kind == 0 and rng.random() < 0.3:
            para += "\n" + rng.choice(DECISIONS).format(name=rng.choice(NAMES))
        parts += [para, ""]
        size += len(para.encode("utf-8")) + 2
    return "\n".join(parts)


def make_archive(root: Path, n: int, seed: int = 7) -> int:
    """``n`` documents in year/month folders; returns their total size in bytes."""
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        folder = root / str(2012 + i % 10) / f"{1 + i % 12:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = make_document(rng, i).encode("utf-8")
        (folder / f"dokument-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def _row(label: str, s: BatchSummary, mb: float) -> tuple[str, ...]:
    steady_s = s.seconds - (s.first_result_seconds or 0.0)
    steady = (s.analysed - 1) / steady_s if steady_s > 0 and s.analysed > 1 else float("nan")
    peak = max(s.peak_rss_mb.values(), default=0.0)
    return (label, str(s.analysed), f"{mb:.1f}", f"{s.seconds:.1f}", f"{s.analysed / s.seconds:.1f}",
            f"{mb / s.seconds:.2f}", f"{s.first_result_seconds or 0:.1f}", f"{steady:.1f}", f"{peak:.0f}",
            f"{len(s.peak_rss_mb)}")


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    for line in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(c.rjust(w) for c, w in zip(line, widths)))
    print()


def stage_shares(s: BatchSummary) -> dict[str, float]:
    total = sum(s.stage_seconds.values()) or 1.0
    return {k: 100 * v / total for k, v in s.stage_seconds.items()}


def fresh_run(archive: Path, db: Path, workers: int, pipeline: str | None) -> tuple[BatchSummary, float]:
    """``svsamverkan.batch.run`` in a new Python process, as a command-line run starts (models not
    loaded, no process server yet); returns its summary and the parent process's CPU seconds."""
    out = db.with_suffix(".summary.pickle")
    code = ("import pickle, sys, time\n"
            "from svsamverkan.batch import run\n"
            "if __name__ == '__main__':\n"
            "    c = time.process_time()\n"
            f"    s = run({str(archive)!r}, db={str(db)!r}, workers={workers}, pipeline_factory={pipeline!r})\n"
            f"    pickle.dump((s, time.process_time() - c), open({str(out)!r}, 'wb'))\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    with open(out, "rb") as fh:
        return pickle.load(fh)  # written just now by our own code


def resume_trial(archive: Path, db: Path, rng: random.Random, pipeline: str | None, expected: int) -> tuple[str, ...]:
    """Start the CLI, kill -9 it after a random number of commits plus a random delay (so some kills
    land inside a transaction), start it again; check one row set per document and nothing redone."""
    cmd = [sys.executable, "-m", "svsamverkan", "batch", str(archive), "--db", str(db), "--quiet", "--workers", "2",
           "--commit-every", "4"]
    if pipeline:
        cmd += ["--pipeline", pipeline]
    env = dict(os.environ, SVSAMVERKAN_PIPELINE_VERSION="bench-resume")  # models/ may change between the runs
    proc = subprocess.Popen([*cmd, "--verbose"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=env)
    assert proc.stderr is not None
    commits, target = 0, rng.randint(0, max(1, expected // 4 - 2))
    while commits < target:
        line = proc.stderr.readline()
        if not line:
            break
        commits += "committed" in line
    delay = rng.uniform(0.0, 0.4)
    time.sleep(delay)
    killed = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = _count(db, "SELECT count(*) FROM documents") if db.exists() else 0
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    docs = _count(db, "SELECT count(*) FROM documents")
    distinct = _count(db, "SELECT count(DISTINCT path) FROM documents")
    bad_paras = _count(db, "SELECT count(*) FROM documents d WHERE n_paragraphs != "
                           "(SELECT count(*) FROM paragraphs p WHERE p.doc_id = d.doc_id)")
    redone = _count(db, "SELECT files_analysed FROM runs ORDER BY run_id DESC LIMIT 1")
    ok = done.returncode == 0 and docs == distinct == expected and bad_paras == 0 and redone == expected - before
    return (f"{commits} + {delay:.2f} s", "yes" if killed else "no (finished)", str(before), str(redone), str(docs),
            str(bad_paras), "OK" if ok else f"FAIL {done.stderr[-200:]}")


def _count(db: Path, sql: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute(sql).fetchall()[0][0])
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="documents in the small archive (default 200)")
    ap.add_argument("--scale", type=int, default=10, help="the large archive has this many times more (default 10)")
    ap.add_argument("--pipeline", help="pipeline factory module:function (default: the full pipeline)")
    ap.add_argument("--skip-scale", action="store_true", help="skip the large archive")
    ap.add_argument("--resume-trials", type=int, default=5)
    ap.add_argument("--resume-docs", type=int, default=60)
    ap.add_argument("--resume-pipeline", default="tests/data/batch/light_pipeline.py:slow_pipeline",
                    help="pipeline of the kill -9 trials ('' = the full pipeline)")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="svs-bench-batch-"))
    try:
        small = make_archive(work / "small", args.docs)
        print(f"archive: {args.docs} documents, {small / 1e6:.2f} MB (2-10 KB each), pipeline: "
              f"{args.pipeline or 'full'}\n")
        runs: dict[str, tuple[BatchSummary, float]] = {}
        parent_cpu: dict[str, float] = {}
        for workers in (1, 2):
            label = f"{args.docs} docs, {workers} worker(s)"
            s, cpu = fresh_run(work / "small", work / f"w{workers}.duckdb", workers, args.pipeline)
            runs[label], parent_cpu[label] = (s, small / 1e6), cpu
        if not args.skip_scale:
            big = make_archive(work / "big", args.docs * args.scale, seed=8)
            label = f"{args.docs * args.scale} docs, 2 worker(s)"
            s, cpu = fresh_run(work / "big", work / "big.duckdb", 2, args.pipeline)
            runs[label], parent_cpu[label] = (s, big / 1e6), cpu
        header = ("run", "docs", "MB", "wall s", "docs/s", "MB/s", "startup s", "steady docs/s", "peak MB/worker",
                  "workers")
        print_table(header, [_row(k, s, mb) for k, (s, mb) in runs.items()])

        print("CPU time per document (independent of other load on the machine; the estimate assumes two idle "
              "cores, the workers on them and the parent's CPU time shared between them):")
        print_table(("run", "worker CPU ms/doc", "parent CPU ms/doc", "est. docs/s on 2 idle cores"), [
            (k, f"{1000 * s.worker_cpu_seconds / max(s.analysed, 1):.1f}",
             f"{1000 * parent_cpu[k] / max(s.analysed, 1):.1f}",
             f"{2 / ((s.worker_cpu_seconds + parent_cpu[k]) / max(s.analysed, 1)):.1f}")
            for k, (s, _) in runs.items()])

        stages = ("read", "repair", "nlp+extract", "classify", "rows", "write")
        print("share of time per stage (worker CPU per stage + parent write time):")
        print_table(("run", *stages), [(k, *(f"{stage_shares(s).get(st, 0):.1f}%" for st in stages))
                                       for k, (s, _) in runs.items()])

        (s1, _), (s2, _) = runs[f"{args.docs} docs, 1 worker(s)"], runs[f"{args.docs} docs, 2 worker(s)"]
        ratios = [("2 workers vs 1 (wall)", s1.seconds / s2.seconds, ">= 1.7"),
                  ("2 workers vs 1 (steady)", _steady(s2) / max(_steady(s1), 1e-9), ">= 1.7")]
        if not args.skip_scale:
            s10 = runs[f"{args.docs * args.scale} docs, 2 worker(s)"][0]
            ratios += [(f"{args.scale}x docs time ratio (wall)", s10.seconds / s2.seconds, f"<= {args.scale + 1}"),
                       (f"{args.scale}x docs time ratio (steady)",
                        (s10.seconds - (s10.first_result_seconds or 0)) / (s2.seconds - (s2.first_result_seconds or 0)),
                        f"<= {args.scale + 1}"),
                       ("peak MB/worker, large / small", max(s10.peak_rss_mb.values()) / max(s2.peak_rss_mb.values()),
                        "~1 (flat)")]
        print_table(("scaling", "value", "target"), [(a, f"{b:.2f}", c) for a, b, c in ratios])
        print(f"parent peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB\n")

        if args.resume_trials:
            rng = random.Random(11)
            make_archive(work / "resume", args.resume_docs, seed=9)
            rows = [resume_trial(work / "resume", work / f"resume{i}.duckdb", rng, args.resume_pipeline or None,
                                 args.resume_docs) for i in range(args.resume_trials)]
            print(f"kill -9 and resume ({args.resume_docs} documents, pipeline "
                  f"{args.resume_pipeline or 'full'}):")
            print_table(("killed after commits + delay", "killed", "stored before", "analysed after", "documents",
                         "bad row sets", "result"), rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _steady(s: BatchSummary) -> float:
    steady_s = s.seconds - (s.first_result_seconds or 0.0)
    return (s.analysed - 1) / steady_s if steady_s > 0 else 0.0


if __name__ == "__main__":
    main()
