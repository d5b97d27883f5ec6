"""The batch job: tables, errors, idempotent re-runs, replaced and deleted files, exports,
resume after ``kill -9``, and Dask giving the same rows as the local engine.

Most tests analyse in this process (``workers=0``) so the models load once; the
process-pool and kill tests use the light pipeline in ``tests/data/batch/``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from svsamverkan.batch import BatchSummary, load_dataframes, pipeline_version, run
from svsamverkan.batch.rows import FileInfo, analysis_to_rows
from svsamverkan.batch.schema import DOCUMENT_TABLES, TABLES
from svsamverkan.batch.store import Store
from svsamverkan.batch.version import code_hash, models_hash
from svsamverkan.batch.worker import WorkResult
from svsamverkan.cli import main
from svsamverkan.model import (
    Analysis,
    Decision,
    Edit,
    MeetingInfo,
    Mention,
    ParagraphResult,
    Participant,
    SectionCoverage,
    SectionScores,
    Theme,
)

DATA = Path(__file__).resolve().parent / "data" / "batch"
SLOW = f"{DATA / 'light_pipeline.py'}:slow_pipeline"
CRASHING = f"{DATA / 'light_pipeline.py'}:crashing_pipeline"

MINUTES = """Minnesanteckningar från samverkansgruppen 2021-03-04

Närvarande: Karin Lund, rektor, Björkskolan; Ola Ek, socialsekreterare, socialtjänsten.

Beslut: gruppen ska ta fram en gemensam rutin för samordnad individuell plan.

Nästa möte hålls i maj.
"""
ARTICLE = """Skola och socialtjänst möts om tidiga insatser

Kommunen har startat ett arbete där skolan, elevhälsan och socialtjänsten träffas varje månad
för att upptäcka barn som behöver stöd tidigt.
"""
DIALOGUE = """# Dialogmöte med föräldrar

Föräldrarna berättade om hur det är att ha kontakt med många myndigheter samtidigt.

Barnens egna röster ska synas mer i planeringen.
"""
TRANSCRIPT = """Avsnitt 4. Vi pratar om samverkan kring barns hälsa.

Programledaren frågar hur regionen och kommunen delar på ansvaret.
"""

VALID = {"2021/protokoll.txt", "2021/dialog/foraldrar.md", "2022/artikel.txt", "podd/avsnitt4.txt"}
EXPECTED_ERRORS = {"tomt.txt": "E003", "2022/bild.txt": "E005", "budget.xlsx": "E002"}


def make_archive(root: Path) -> Path:
    """A small archive of our own: four valid documents in nested folders and three bad files."""
    files = {"2021/protokoll.txt": MINUTES, "2021/dialog/foraldrar.md": DIALOGUE, "2022/artikel.txt": ARTICLE,
             "podd/avsnitt4.txt": TRANSCRIPT, ".gomd/hoppa-over.txt": MINUTES}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "tomt.txt").write_bytes(b"")
    (root / "2022/bild.txt").write_bytes(bytes(range(256)) * 4)
    (root / "budget.xlsx").write_bytes(b"PK\x03\x04 not really a spreadsheet")
    return root


def count(db: Path, sql: str) -> object:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()[0][0]
    finally:
        con.close()


def all_counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as s:
        return s.table_counts()


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BatchSummary]:
    base = tmp_path_factory.mktemp("batch")
    archive = make_archive(base / "arkiv")
    db = base / "results.duckdb"
    summary = run(archive, db=db, workers=0)
    return archive, db, summary


def test_first_run_stores_every_document_and_every_failure(first_run: tuple[Path, Path, BatchSummary]) -> None:
    _, db, s = first_run
    assert (s.files_seen, s.analysed, s.failed, s.unchanged) == (7, 4, 3, 0)
    assert {f["path"]: f["code"] for f in s.failures} == EXPECTED_ERRORS
    frames = load_dataframes(db)
    assert set(frames) == set(TABLES)
    assert set(frames["documents"]["path"]) == VALID
    assert dict(zip(frames["errors"]["path"], frames["errors"]["code"])) == EXPECTED_ERRORS
    assert set(frames["errors"]["stage"]) == {"scan", "read"}
    # one row per document in documents, texts and analyses; children only for stored documents
    for table in ("documents", "texts", "analyses"):
        assert len(frames[table]) == 4 and frames[table]["doc_id"].is_unique
    ids = set(frames["documents"]["doc_id"])
    for table in DOCUMENT_TABLES:
        assert set(frames[table]["doc_id"]) <= ids
    docs = frames["documents"].set_index("path")
    assert docs.loc["2021/protokoll.txt", "language"] == "sv"
    assert int(docs["n_paragraphs"].sum()) == len(frames["paragraphs"])
    assert int(docs["n_participants"].sum()) == len(frames["participants"])
    texts = frames["texts"].set_index("doc_id")
    assert texts.loc[docs.loc["2022/artikel.txt", "doc_id"], "original_text"] == ARTICLE
    assert frames["runs"]["status"].tolist() == ["finished"]
    assert set(s.stage_seconds) >= {"read", "repair", "nlp+extract", "write"}
    assert s.by_kind and sum(s.by_kind.values()) == 4


def test_rerun_on_unchanged_archive_does_nothing(first_run: tuple[Path, Path, BatchSummary]) -> None:
    archive, db, _ = first_run
    before = all_counts(db)
    again = run(archive, db=db, workers=0)
    assert (again.analysed, again.failed, again.unchanged, again.missing) == (0, 0, 7, 0)
    after = all_counts(db)
    assert after["runs"] == before["runs"] + 1
    assert {t: n for t, n in after.items() if t != "runs"} == {t: n for t, n in before.items() if t != "runs"}


def test_changed_file_replaces_its_rows_and_a_fixed_file_leaves_errors(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "arkiv")
    db = tmp_path / "r.duckdb"
    run(archive, db=db, workers=0)
    (archive / "2022/artikel.txt").write_text(ARTICLE + "\nEn ny sista rad om elevhälsan.\n", encoding="utf-8")
    (archive / "tomt.txt").write_text(TRANSCRIPT, encoding="utf-8")
    s = run(archive, db=db, workers=0)
    assert (s.analysed, s.failed, s.unchanged) == (2, 0, 5)
    frames = load_dataframes(db)
    docs = frames["documents"].set_index("path")
    assert len(docs) == 5 and docs.index.is_unique
    assert set(frames["errors"]["path"]) == {"2022/bild.txt", "budget.xlsx"}
    doc_id = docs.loc["2022/artikel.txt", "doc_id"]
    assert frames["texts"].set_index("doc_id").loc[doc_id, "original_text"].endswith("om elevhälsan.\n")
    paragraphs = frames["paragraphs"][frames["paragraphs"]["doc_id"] == doc_id]
    assert len(paragraphs) == docs.loc["2022/artikel.txt", "n_paragraphs"]
    assert paragraphs["paragraph_idx"].tolist() == list(range(len(paragraphs)))
    assert docs.loc["2022/artikel.txt", "run_id"] == 2 and docs.loc["2021/protokoll.txt", "run_id"] == 1


def test_deleted_file_is_flagged_then_pruned(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "arkiv")
    db = tmp_path / "r.duckdb"
    run(archive, db=db, workers=0)
    (archive / "podd/avsnitt4.txt").unlink()
    s = run(archive, db=db, workers=0)
    assert (s.analysed, s.missing) == (0, 1)
    assert count(db, "SELECT count(*) FROM documents WHERE missing_since IS NOT NULL") == 1
    assert s.totals["documents"] == 3
    s = run(archive, db=db, workers=0, prune=True)
    assert s.missing == 0
    assert count(db, "SELECT count(*) FROM documents") == 3
    assert count(db, "SELECT count(*) FROM paragraphs WHERE doc_id NOT IN (SELECT doc_id FROM documents)") == 0


def test_exports_parquet_and_jsonl(first_run: tuple[Path, Path, BatchSummary], tmp_path: Path) -> None:
    archive, db, _ = first_run
    s = run(archive, db=db, workers=0, parquet=tmp_path / "pq", jsonl=tmp_path / "docs.jsonl")
    assert s.analysed == 0
    counts = all_counts(db)
    for table in TABLES:
        assert pq.read_table(tmp_path / "pq" / f"{table}.parquet").num_rows == counts[table]
    import json

    lines = [json.loads(line) for line in (tmp_path / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(d["path"] for d in lines) == sorted(VALID)
    by_path = {d["path"]: d for d in lines}
    assert by_path["2021/protokoll.txt"]["original_text"] == MINUTES
    assert by_path["2021/protokoll.txt"]["schema_version"]


def test_limits_become_error_rows(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "arkiv")
    limit = 200
    too_big = {p for p in VALID if (archive / p).stat().st_size > limit}
    assert 0 < len(too_big) < len(VALID)
    s = run(archive, db=tmp_path / "r.duckdb", workers=0, max_bytes=limit)
    assert {f["path"] for f in s.failures if f["code"] == "E004"} == too_big | {"2022/bild.txt"}
    assert s.analysed == len(VALID) - len(too_big)


def test_pool_time_limit_kills_the_worker_and_the_run_goes_on(tmp_path: Path) -> None:
    archive = tmp_path / "arkiv"
    archive.mkdir()
    for i in range(2):
        (archive / f"m{i}.txt").write_text(f"Möte {i}.\n\nPunkten bordläggs.", encoding="utf-8")
    s = run(archive, db=tmp_path / "slow.duckdb", workers=1, timeout_per_file=0.01,
            pipeline_factory=SLOW)
    assert (s.analysed, s.failed) == (0, 2)
    assert {f["code"] for f in s.failures} == {"E101"}
    assert count(tmp_path / "slow.duckdb", "SELECT count(*) FROM errors WHERE stage = 'timeout'") == 2


def test_pool_worker_crash_fails_one_file_and_its_queued_files_go_on(tmp_path: Path) -> None:
    archive = tmp_path / "arkiv"
    archive.mkdir()
    (archive / "a.txt").write_text("KRASCH i arbetaren.", encoding="utf-8")
    for name in ("b", "c", "d"):
        (archive / f"{name}.txt").write_text(f"Möte {name}.\n\nPunkten bordläggs.", encoding="utf-8")
    # one worker holding two files: b.txt waits behind a.txt when the worker dies
    s = run(archive, db=tmp_path / "crash.duckdb", workers=1, pipeline_factory=CRASHING)
    assert (s.analysed, s.failed) == (3, 1)
    assert [(f["path"], f["code"]) for f in s.failures] == [("a.txt", "E102")]
    assert count(tmp_path / "crash.duckdb", "SELECT count(*) FROM documents") == 3


def _hand_made_analysis() -> Analysis:
    text = "Protokoll 2021-03-04\n\nKarin Lund, rektor. Ola Ek.\n\nBeslut: ta fram en rutin."
    scores = SectionScores(struktur=0.9, tidiga_insatser=0.2, delaktighet=0.1, samhallsvard=0.0)
    return Analysis(
        source="x.txt", kind="minutes", text=text.replace("Protokoll", "Protokol1"), original_text=text,
        kind_confidence=0.8,
        edits=(Edit(0, 9, "Protokoll", "Protokol1", "ocr_letters", 0.6, ("Protokoll",)),
               Edit(22, 27, "Karin", "Karin", "diacritics:undecided", 0.5)),
        participants=(
            Participant("Karin Lund", "rektor", "Björkskolan", "skola", True,
                        (Mention("Karin Lund", 22, 32),), 0.9),
            Participant("Ola Ek", None, "Björkskolan", "skola", None, (Mention("Ola Ek", 42, 48),), 0.7),
            Participant("Eva Berg", None, "Region Norr", "halso_sjukvard", False),
        ),
        decisions=(Decision("ta fram en rutin", "uppdrag", item="3", responsible="Karin Lund", start=58, end=74),),
        themes=(Theme("SIP", 0.7, "t1", ((58, 74),)), Theme("elevhälsa", 0.3)),
        paragraphs=(ParagraphResult(0, 0, 20, "Protokol1 2021-03-04", (), None),
                    ParagraphResult(1, 22, 48, "Karin Lund, rektor. Ola Ek.", ("struktur",), scores)),
        sections=SectionCoverage(coverage={"struktur": 0.5, "tidiga_insatser": 0.0, "delaktighet": 0.0,
                                           "samhallsvard": 0.0}),
        meeting=MeetingInfo(name="Samverkansgruppen", date="2021-03-04", place="Umeå"),
    )


def test_hand_made_analysis_fills_every_table(tmp_path: Path) -> None:
    info = FileInfo(path="a/x.txt", content_hash="c" * 64, size_bytes=80, mtime_ns=1)
    rows = analysis_to_rows(_hand_made_analysis(), info, pipeline_version="v1", run_id=1)
    with Store(tmp_path / "r.duckdb") as store:
        store.write([WorkResult(info=info, ok=True, rows=rows)], replace=set(), run_id=1, pipeline_version="v1")
        q = store.con.execute
        assert q("SELECT kind, language, date::VARCHAR, meeting_place, n_participants, n_decisions, n_edits, "
                 "damage_level, coverage_struktur, top_theme FROM documents").fetchall() == [
            ("minutes", "und", "2021-03-04", "Umeå", 3, 1, 1, round(1 / 14, 4), 0.5, "SIP")]
        assert q("SELECT organisation, sector, n_participants FROM organisations ORDER BY 1").fetchall() == [
            ("Björkskolan", "skola", 2), ("Region Norr", "halso_sjukvard", 1)]
        assert q("SELECT participant_idx, text, start_char, end_char FROM mentions ORDER BY 1").fetchall() == [
            (0, "Karin Lund", 22, 32), (1, "Ola Ek", 42, 48)]
        assert q("SELECT name, present FROM participants ORDER BY participant_idx").fetchall() == [
            ("Karin Lund", True), ("Ola Ek", None), ("Eva Berg", False)]
        assert q("SELECT type, responsible, start_char FROM decisions").fetchall() == [("uppdrag", "Karin Lund", 58)]
        assert q("SELECT rank, label, n_spans, spans FROM themes ORDER BY rank").fetchall() == [
            (1, "SIP", 1, "[[58, 74]]"), (2, "elevhälsa", 0, "[]")]
        assert q("SELECT paragraph_idx, labels, struktur, samhallsvard FROM paragraphs ORDER BY 1").fetchall() == [
            (0, [], None, None), (1, ["struktur"], 0.9, 0.0)]
        assert q("SELECT step, undecided, alternatives FROM edits ORDER BY edit_idx").fetchall() == [
            ("ocr_letters", False, ["Protokoll"]), ("diacritics:undecided", True, [])]


def test_store_replaces_in_one_transaction(tmp_path: Path) -> None:
    info = FileInfo(path="a/x.txt", content_hash="c" * 64, size_bytes=80, mtime_ns=1)
    rows = analysis_to_rows(_hand_made_analysis(), info, pipeline_version="v1", run_id=1)
    with Store(tmp_path / "r.duckdb") as store:
        store.write([WorkResult(info=info, ok=True, rows=rows)], replace=set(), run_id=1, pipeline_version="v1")
        bad = dict(rows, paragraphs=[("x",)])  # a malformed row: the whole transaction must roll back
        with pytest.raises(Exception):  # noqa: B017 - pyarrow raises its own error type
            store.write([WorkResult(info=info, ok=True, rows=bad)], replace={"a/x.txt"}, run_id=2,
                        pipeline_version="v2")
        assert store.table_counts()["paragraphs"] == 2
        assert store.con.execute("SELECT pipeline_version FROM documents").fetchall() == [("v1",)]
        failed = WorkResult(info=info, ok=False, error={"code": "E005", "reason": "binary"}, stage="read")
        store.write([failed], replace={"a/x.txt"}, run_id=2, pipeline_version="v2")
        counts = store.table_counts()
    assert counts["errors"] == 1 and all(counts[t] == 0 for t in DOCUMENT_TABLES)


def test_cli_batch_reports_failures_with_exit_code_2(first_run: tuple[Path, Path, BatchSummary],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    archive, db, _ = first_run
    assert main(["batch", str(archive), "--db", str(db), "--workers", "0"]) == 2
    out = capsys.readouterr().out
    assert "unchanged" in out and "E005" in out and "4 documents" in out


def test_dask_local_cluster_gives_the_same_rows(first_run: tuple[Path, Path, BatchSummary], tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    archive, local_db, _ = first_run
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        s = run(archive, db=tmp_path / "dask.duckdb", engine="dask", client=client)
    assert (s.analysed, s.failed, s.engine) == (4, 3, "dask")
    local, dask = load_dataframes(local_db), load_dataframes(tmp_path / "dask.duckdb")
    volatile = {"run_id", "analysed_at", "failed_at", "seconds"}
    for table in TABLES:
        if table == "runs":
            continue
        cols = [c.name for c in TABLES[table] if c.name not in volatile]
        key = cols[:2]
        a = local[table][cols].sort_values(key).reset_index(drop=True)
        b = dask[table][cols].sort_values(key).reset_index(drop=True)
        assert a.astype(str).equals(b.astype(str)), table


def test_pipeline_version_hashes_the_models(tmp_path: Path) -> None:
    (tmp_path / "m.bin").write_bytes(b"1")
    first = models_hash(tmp_path)
    (tmp_path / "m.bin").write_bytes(b"2")
    assert models_hash(tmp_path) != first and len(first) == 12
    assert pipeline_version().split("+")[0] == __import__("svsamverkan").__version__


def test_pipeline_version_hashes_the_code_and_its_word_lists(tmp_path: Path) -> None:
    (tmp_path / "rules.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "words.tsv").write_text("a\tb\n", encoding="utf-8")
    first = code_hash(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"compiled")
    (tmp_path / "_models").mkdir()
    (tmp_path / "_models" / "big.json").write_text("{}", encoding="utf-8")  # models have their own hash
    (tmp_path / "notes.md").write_text("not code", encoding="utf-8")
    assert code_hash(tmp_path) == first
    (tmp_path / "words.tsv").write_text("a\tc\n", encoding="utf-8")
    assert code_hash(tmp_path) != first


# -- kill -9 and resume -------------------------------------------------------------------------------
def _start_cli(archive: Path, db: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "svsamverkan", "batch", str(archive), "--db", str(db), "--workers", "2",
           "--commit-every", "3", "--pipeline", SLOW,
           "--verbose", "--quiet"]
    return subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


@pytest.mark.parametrize("kill_after_commits", [2])
def test_resume_after_kill_9(tmp_path: Path, kill_after_commits: int) -> None:
    archive = tmp_path / "arkiv"
    n_docs = 30
    for i in range(n_docs):
        folder = archive / f"{2010 + i % 5}" / ("bilagor" if i % 3 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"protokoll-{i:02d}.txt").write_text(MINUTES.replace("2021", str(2000 + i)), encoding="utf-8")
    db = tmp_path / "r.duckdb"
    env = dict(os.environ, SVSAMVERKAN_PIPELINE_VERSION="test-resume")
    proc = _start_cli(archive, db, env)
    assert proc.stderr is not None
    commits, committed_docs = 0, 0
    deadline = time.monotonic() + 120
    while commits < kill_after_commits and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if "committed" in line:  # "committed 3 documents (6 in this run)"
            commits += 1
            committed_docs = int(line.split("(")[1].split()[0])
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL and commits == kill_after_commits
    stored_before = count(db, "SELECT count(*) FROM documents")
    assert isinstance(stored_before, int) and committed_docs <= stored_before < n_docs

    proc = _start_cli(archive, db, env)
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = con.execute
        assert q("SELECT count(*), count(DISTINCT doc_id), count(DISTINCT path) FROM documents").fetchall() == [
            (n_docs, n_docs, n_docs)]
        for table in ("texts", "analyses"):
            assert q(f"SELECT count(*), count(DISTINCT doc_id) FROM {table}").fetchall() == [(n_docs, n_docs)]
        # every document has exactly its own paragraphs, once
        assert q("SELECT count(*) FROM documents d WHERE n_paragraphs != (SELECT count(*) FROM paragraphs p "
                 "WHERE p.doc_id = d.doc_id)").fetchall() == [(0,)]
        assert q("SELECT count(*) FROM (SELECT doc_id, paragraph_idx FROM paragraphs GROUP BY ALL "
                 "HAVING count(*) > 1)").fetchall() == [(0,)]
        assert q("SELECT count(*) FROM errors").fetchall() == [(0,)]
        runs = q("SELECT status, files_analysed, files_unchanged FROM runs ORDER BY run_id").fetchall()
    finally:
        con.close()
    assert [r[0] for r in runs] == ["interrupted", "finished"]
    assert runs[1][1:] == (n_docs - stored_before, stored_before)  # nothing redone, nothing lost


def test_docs_describe_every_table_and_column() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "batch.md").read_text(encoding="utf-8")
    for table, cols in TABLES.items():
        assert f"### `{table}`" in doc
        for c in cols:
            assert f"| `{c.name}` | {c.type} |" in doc, (table, c.name)


def test_preload_module_loads_the_default_pipeline_only_when_asked() -> None:
    code = ("from svsamverkan.batch import preload; from svsamverkan.nlp import shared_nlp; "
            "print(preload.preloaded(), shared_nlp.cache_info().currsize)")
    asked = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                           env={**os.environ, "SVSAMVERKAN_PRELOAD_DEFAULT_PIPELINE": "1"})
    not_asked = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                               env={k: v for k, v in os.environ.items() if k != "SVSAMVERKAN_PRELOAD_DEFAULT_PIPELINE"})
    assert asked.stdout.split() == ["True", "1"], asked.stderr[-500:]
    assert not_asked.stdout.split() == ["False", "0"], not_asked.stderr[-500:]
