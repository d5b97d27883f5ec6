"""Benchmark of the section classifier: F1 on the corpus splits, the real dev set, load time and speed.

    .venv/bin/python bench/sections.py [--e5] [--gold-dir ../shared/dev/extraction]

Prints per model: per-section F1 and macro-F1 on the project's own dev and test splits
(corpora/sections), on the real dev paragraphs when ``--gold-dir`` is given (same rules as
shared/dev/tools/score_sections.py: blank-line paragraphs of >= 40 characters). Then, for
each way of loading a model (the default ``sections.npz`` inference copy, the scikit-learn
estimator ``sections.skops`` it was exported from, and with ``--e5`` the embedding model):
the load time in a fresh process (imports + reading the file) and paragraphs per second on
one core (``predict_proba`` on the test split repeated to 2,000 paragraphs, after one
warm-up call). Never asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from svsamverkan.classify.inference import load_inference_model
from svsamverkan.classify.persist import load_model
from svsamverkan.model import SECTIONS
from svsamverkan.resources import models_dir

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "sections" / "sections.jsonl"


def corpus_split(split: str) -> tuple[list[str], np.ndarray]:
    """Texts and label matrix of one split of the project's corpus."""
    texts, rows = [], []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["split"] == split:
            texts.append(rec["text"])
            rows.append([int(s in rec["labels"]) for s in SECTIONS])
    return texts, np.array(rows)


def real_dev(gold_dir: Path, min_chars: int = 40) -> tuple[list[str], np.ndarray]:
    """Paragraphs and gold labels of the real dev documents (read by path, never copied)."""
    texts, rows = [], []
    for gold in sorted(gold_dir.glob("*.gold.json")):
        g = json.loads(gold.read_text(encoding="utf-8"))
        raw = (gold_dir / (gold.name[: -len(".gold.json")] + ".txt")).read_text(encoding="utf-8")
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        paras = [b.strip() for b in re.split(r"\n[ \t\u00a0\f\v]*\n(?:[ \t\u00a0\f\v]*\n)*", raw) if b.strip()]
        if len(paras) != len(g["paragraphs"]):
            continue
        for p, gp in zip(paras, g["paragraphs"]):
            if len(p) >= min_chars:
                texts.append(p)
                rows.append([int(s in gp["labels"]) for s in SECTIONS])
    return texts, np.array(rows)


def f1s(Y: np.ndarray, P: np.ndarray) -> list[float]:
    """Per-section F1 followed by the macro mean."""
    out = []
    for j in range(len(SECTIONS)):
        tp = int(np.sum((Y[:, j] == 1) & (P[:, j] == 1)))
        fp = int(np.sum((Y[:, j] == 0) & (P[:, j] == 1)))
        fn = int(np.sum((Y[:, j] == 1) & (P[:, j] == 0)))
        out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return [*out, float(np.mean(out))]


LOADERS = {  # how each file is loaded by the library, run in a fresh interpreter
    "sections.npz": "from svsamverkan.classify.inference import load_inference_model as load",
    "sections.skops": "from svsamverkan.classify.persist import load_model as load",
    "sections-e5.skops": "from svsamverkan.classify.persist import load_model as load",
}


def load_time(file: str) -> tuple[float, float]:
    """CPU and wall seconds to import the loader and read ``file`` in a fresh process.

    numpy and spaCy (``svsamverkan.nlp``) are imported first: every pipeline has them anyway.
    """
    code = (
        "import time, numpy, svsamverkan.nlp\n"
        "c, w = time.process_time(), time.perf_counter()\n"
        f"{LOADERS[file]}\n"
        f"load({str(models_dir() / 'sections' / file)!r})\n"
        "print(time.process_time() - c, time.perf_counter() - w)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def speed(clf: object, texts: list[str], n: int = 2000) -> tuple[float, float]:
    """Paragraphs per CPU second and per wall-clock second of ``predict_proba`` on ``n`` fresh paragraphs.

    CPU time is the per-core figure (the machine may be shared); wall time is what a user waits.
    """
    batch = [f"{texts[i % len(texts)]} ({i})" for i in range(n)]
    clf.predict_proba(batch[:50])
    cpu, wall = time.process_time(), time.perf_counter()
    clf.predict_proba(batch)
    return n / (time.process_time() - cpu), n / (time.perf_counter() - wall)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--e5", action="store_true", help="also benchmark the embedding model (slow)")
    ap.add_argument("--gold-dir", type=Path, default=ROOT.parent / "shared" / "dev" / "extraction")
    args = ap.parse_args()
    folder = models_dir() / "sections"
    models = [("tfidf (default)", "sections.npz"), ("tfidf sklearn", "sections.skops")]
    models += [("e5", "sections-e5.skops")] if args.e5 else []
    data = {"own dev": corpus_split("dev"), "own test": corpus_split("test")}
    if args.gold_dir.is_dir():
        data["real dev"] = real_dev(args.gold_dir)
    head = f"{'model':16s} {'data':9s} {'n':>4s} " + " ".join(f"{s[:10]:>10s}" for s in SECTIONS) + f" {'macro':>6s}"
    print(head)
    print("-" * len(head))
    loaded = {}
    for name, file in models:
        loaded[name] = clf = load_inference_model(folder / file) if file.endswith(".npz") else load_model(folder / file)
        if name == "tfidf sklearn":  # the same model: show that the scores agree instead of repeating the table
            texts = [text for split_texts, _ in data.values() for text in split_texts]
            diff = np.max(np.abs(clf.predict_proba(texts) - loaded["tfidf (default)"].predict_proba(texts)))
            print(f"{name:16s} max |probability difference| to sections.npz, {len(texts)} paragraphs: {diff:.1e}")
            continue
        for dname, (texts, Y) in data.items():
            row = f1s(Y, clf.predict(texts))
            print(f"{name:16s} {dname:9s} {len(texts):4d} " + " ".join(f"{v:10.3f}" for v in row[:-1])
                  + f" {row[-1]:6.3f}")
    print()
    print(f"{'model':16s} {'file':18s} {'load CPU s':>10s} {'load wall s':>11s} "
          f"{'para/CPU s':>10s} {'para/wall s':>11s}")
    for name, file in models:
        cpu_load, wall_load = load_time(file)
        cpu, wall = speed(loaded[name], data["own test"][0], n=200 if "e5" in file else 2000)
        print(f"{name:16s} {file:18s} {cpu_load:10.2f} {wall_load:11.2f} {cpu:10.0f} {wall:11.0f}")
    print("(load: fresh process, numpy and spaCy already imported; speed: predict_proba, one thread, after warm-up)")


if __name__ == "__main__":
    main()
