"""Train, compare and save the section classifier (one command).

    .venv/bin/python scripts/train_sections.py [--skip-e5]
    .venv/bin/python scripts/train_sections.py --export-only   # only rewrite sections.npz from sections.skops

Reads ``corpora/sections/sections.jsonl`` (fixed train/dev/test splits), trains the
TF-IDF model and the e5-embedding model on train (+ damaged copies), picks C on dev
(threshold 0.5 on the calibrated scores; ``--tune-thresholds`` picks them on dev instead),
reports dev and test scores, and writes
``models/sections/sections.skops`` (the default estimator), ``sections.npz`` (its
plain-array copy, which classification loads without scikit-learn; checked to give the
same probabilities on the test split), ``sections-e5.skops`` and ``metrics.json``.
The test split is only scored, never used for a choice.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from svsamverkan.classify.augment import damage
from svsamverkan.classify.estimator import SectionClassifier
from svsamverkan.classify.persist import export_inference, load_model, save_model
from svsamverkan.model import SECTIONS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "sections" / "sections.jsonl"
OUT = ROOT / "models" / "sections"
C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0)


def load_split(split: str, *, augment: bool = False) -> tuple[list[str], np.ndarray, list[int]]:
    """Texts, the (n, 4) label matrix and group ids of one split; ``augment`` adds a damaged copy of each text."""
    texts, rows, groups = [], [], []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["split"] != split:
            continue
        row = [int(s in rec["labels"]) for s in SECTIONS]
        group = len(rows)
        texts.append(rec["text"])
        rows.append(row)
        groups.append(group)
        if augment:
            texts.append(damage(rec["text"], seed=len(texts)))
            rows.append(row)
            groups.append(group)
    return texts, np.array(rows), groups


def f1_table(Y: np.ndarray, P: np.ndarray) -> dict[str, float]:
    """Per-section F1 and their macro mean."""
    out = {}
    for j, s in enumerate(SECTIONS):
        tp = int(np.sum((Y[:, j] == 1) & (P[:, j] == 1)))
        fp = int(np.sum((Y[:, j] == 0) & (P[:, j] == 1)))
        fn = int(np.sum((Y[:, j] == 1) & (P[:, j] == 0)))
        out[s] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    out["macro"] = round(float(np.mean([out[s] for s in SECTIONS])), 4)
    return out


Split = tuple[list[str], np.ndarray, list[int]]


def train_one(features: str, data: dict[str, Split], *, tune: bool = False) -> tuple[SectionClassifier, dict]:
    """Fit for each C on train, keep the C with the best dev macro-F1.

    The scores are Platt-calibrated, so the default threshold is 0.5 for every section;
    ``tune`` chooses per-section thresholds on dev instead (unstable on a dev split this small:
    delaktighet moved between 0.375 and 0.525 across retrains on almost the same data).
    """
    best: tuple[float, SectionClassifier | None, float] = (-1.0, None, 0.0)
    for c in C_GRID:
        clf = SectionClassifier(features=features, C=c).fit(*data["train"])
        if tune:
            clf.tune_thresholds(*data["dev"][:2])
        dev = f1_table(data["dev"][1], clf.predict(data["dev"][0]))["macro"]
        print(f"  {features} C={c}: dev macro-F1 {dev:.3f}")
        if dev > best[0]:
            best = (dev, clf, c)
    clf = best[1]
    assert clf is not None
    report = {"features": features, "C": best[2], "thresholds": dict(zip(SECTIONS, map(float, clf.thresholds_)))}
    for split in ("train", "dev", "test"):
        report[split] = f1_table(data[split][1], clf.predict(data[split][0]))
    texts = data["test"][0]
    t = time.perf_counter()
    clf.predict_proba(texts)
    report["paragraphs_per_s"] = round(len(texts) / (time.perf_counter() - t))
    return clf, report


def export_default(clf: SectionClassifier, texts: list[str]) -> None:
    """Write ``sections.npz`` from the default estimator; refuse it unless its probabilities equal the estimator's."""
    model = export_inference(clf, OUT / "sections.npz")
    diff = float(np.max(np.abs(model.predict_proba(texts) - clf.predict_proba(texts)), initial=0.0))
    if diff > 1e-9:
        (OUT / "sections.npz").unlink()
        raise SystemExit(f"sections.npz differs from the estimator by {diff:.2e} on the test split; not written")
    print(f"wrote {OUT / 'sections.npz'} (max probability difference on the test split: {diff:.1e})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skip-e5", action="store_true", help="train only the TF-IDF model")
    ap.add_argument("--tune-thresholds", action="store_true", help="choose per-section thresholds on dev (default 0.5)")
    ap.add_argument("--export-only", action="store_true", help="only write sections.npz from the saved sections.skops")
    args = ap.parse_args()
    if args.export_only:
        export_default(load_model(OUT / "sections.skops"), load_split("test")[0])
        return
    data = {"train": load_split("train", augment=True), "dev": load_split("dev", augment=True),
            "test": load_split("test")}
    print({k: len(v[0]) for k, v in data.items()}, "paragraphs (train/dev with damaged copies)")
    OUT.mkdir(parents=True, exist_ok=True)
    metrics = OUT / "metrics.json"
    reports = json.loads(metrics.read_text(encoding="utf-8")) if args.skip_e5 and metrics.is_file() else {}
    for features in ("tfidf",) if args.skip_e5 else ("tfidf", "e5"):
        clf, rep = train_one(features, data, tune=args.tune_thresholds)
        name = "sections.skops" if features == "tfidf" else f"sections-{features}.skops"
        rep["untrusted_types"] = save_model(clf, OUT / name)
        rep["file"] = name
        if features == "tfidf":
            export_default(clf, data["test"][0])
            rep["inference_file"] = "sections.npz"
        reports[features] = rep
        print(json.dumps({k: v for k, v in rep.items() if k != "untrusted_types"}, ensure_ascii=False))
    metrics.write_text(json.dumps(reports, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
