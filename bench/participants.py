"""Benchmark participant extraction on the dev gold and on the project's own gold.

Runs the shared scorer (``score_extraction.py``) on each gold folder and prints
one table row per data set with names F1, role, organisation and presence
accuracy, next to the targets of issue 4. Predictions are written by the
library itself into a temporary folder (``--pred-dir`` mode of the scorer), so
one process loads the models once; the spaCy pipeline holds only the kind and
participants components (``--cli`` runs the full pipeline instead).

usage::

    .venv/bin/python bench/participants.py
    .venv/bin/python bench/participants.py --no-repair   # isolate extraction from repair
    .venv/bin/python bench/participants.py --cli         # score through the CLI, as the scorer's docs do

Data: ``/work/shared/dev/extraction`` (dev: the five real seed documents, used
while developing) and ``corpora/gold/participants`` (own: invented documents
written for this project; see its README).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = Path("/work/shared/dev/tools/score_extraction.py")
GOLD_DIRS: dict[str, Path] = {
    "dev (5 real documents)": Path("/work/shared/dev/extraction"),
    "own (invented, corpora/gold/participants)": ROOT / "corpora" / "gold" / "participants",
    "own held-out (corpora/gold/participants/heldout)": ROOT / "corpora" / "gold" / "participants" / "heldout",
    "own held-out 2 (corpora/gold/participants/heldout2)": ROOT / "corpora" / "gold" / "participants" / "heldout2",
    "colleague's examples (corpora/examples/gold)": ROOT / "corpora" / "examples" / "gold",
}
TARGETS = {"names_F1": 0.97, "role_acc": 0.90, "org_acc": 0.90, "present_acc": 0.95}


def _predict(gold_dir: Path, out_dir: Path, *, repair: bool) -> None:
    from svsamverkan.nlp import make_nlp
    from svsamverkan.pipeline import Pipeline
    from svsamverkan.repair import RepairResult

    nlp = make_nlp(components=("svsamverkan_kind", "svsamverkan_participants"))  # only what is scored here
    if repair:
        pipe = Pipeline(nlp=nlp)
    else:
        pipe = Pipeline(nlp=nlp, repairer=lambda text: RepairResult(original=text, text=text))
    for txt in sorted(gold_dir.glob("*.txt")):
        if not (gold_dir / (txt.stem + ".gold.json")).exists():
            continue
        analysis = pipe.analyze_file(txt)
        (out_dir / (txt.stem + ".json")).write_text(json.dumps(analysis.to_dict(), ensure_ascii=False), "utf-8")


def score(gold_dir: Path, *, cli: bool, repair: bool) -> dict[str, float]:
    """Run the scorer on ``gold_dir`` and return its summary numbers."""
    with tempfile.TemporaryDirectory() as tmp:
        if cli:
            mode = ["--cmd", f"{ROOT / '.venv/bin/svsamverkan'} analyze {{}} --format json"]
        else:
            _predict(gold_dir, Path(tmp), repair=repair)
            mode = ["--pred-dir", tmp]
        res = subprocess.run(
            [sys.executable, str(SCORER), "--gold-dir", str(gold_dir), *mode],
            capture_output=True, text=True, check=False,
        )
    last = [ln for ln in res.stdout.splitlines() if ln.startswith("names_F1=")]
    if not last:
        raise SystemExit(f"scorer failed on {gold_dir}: {res.stderr[-500:]}")
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+|nan)", last[0])}


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", action="store_true", help="score through the svsamverkan CLI")
    ap.add_argument("--no-repair", action="store_true", help="skip text repair (extraction alone)")
    a = ap.parse_args(argv)
    cols = list(TARGETS)
    print(f"{'data':50s} " + " ".join(f"{c:>12s}" for c in cols))
    print(f"{'target':50s} " + " ".join(f"{'>=' + str(TARGETS[c]):>12s}" for c in cols))
    for label, gold_dir in GOLD_DIRS.items():
        if not gold_dir.is_dir():
            print(f"{label:50s} (missing: {gold_dir})")
            continue
        nums = score(gold_dir, cli=a.cli, repair=not a.no_repair)
        print(f"{label:50s} " + " ".join(f"{nums.get(c, float('nan')):12.3f}" for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main())
