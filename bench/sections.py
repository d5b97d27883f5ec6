"""Benchmark of the section classifier: F1 on the corpus splits, the real dev set, and speed.

    .venv/bin/python bench/sections.py [--e5] [--gold-dir ../shared/dev/extraction]

Prints one table per model: per-section F1 and macro-F1 on the project's own dev and
test splits (corpora/sections), on the real dev paragraphs when ``--gold-dir`` is given
(same rules as shared/dev/tools/score_sections.py: blank-line paragraphs of >= 40
characters), and paragraphs per second on one core (``predict_proba`` on the test split
repeated to 2,000 paragraphs, after one warm-up call). Never asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from svsamverkan.classify.estimator import SectionClassifier
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


def speed(clf: SectionClassifier, texts: list[str], n: int = 2000) -> tuple[float, float]:
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
    models = [("tfidf (default)", "sections.skops")] + ([("e5", "sections-e5.skops")] if args.e5 else [])
    data = {"own dev": corpus_split("dev"), "own test": corpus_split("test")}
    if args.gold_dir.is_dir():
        data["real dev"] = real_dev(args.gold_dir)
    head = f"{'model':16s} {'data':9s} {'n':>4s} " + " ".join(f"{s[:10]:>10s}" for s in SECTIONS) + f" {'macro':>6s}"
    print(head)
    print("-" * len(head))
    speeds = {}
    for name, file in models:
        clf = load_model(models_dir() / "sections" / file)
        for dname, (texts, Y) in data.items():
            row = f1s(Y, clf.predict(texts))
            print(f"{name:16s} {dname:9s} {len(texts):4d} " + " ".join(f"{v:10.3f}" for v in row[:-1])
                  + f" {row[-1]:6.3f}")
        speeds[name] = speed(clf, data["own test"][0], n=2000 if clf.features == "tfidf" else 200)
    print()
    for name, (cpu, wall) in speeds.items():
        print(f"{name:16s} {cpu:8.0f} paragraphs per CPU second (one thread), {wall:8.0f} per wall second")


if __name__ == "__main__":
    main()
