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
    .venv/bin/python bench/participants.py --speed       # CPU ms/doc of the extractors, resource load costs

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
SPEED_TARGETS_MS = {"svsamverkan_kind": 1.0, "svsamverkan_participants": 5.0, "svsamverkan_meeting": 1.3,
                    "svsamverkan_decisions": 3.0}
"""CPU ms per document on 2-10 KB text documents (issue 7: 40 documents/s on 2 cores for the whole analysis)."""


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


def speed(n_docs: int = 60, seed: int = 7) -> None:
    """Print CPU ms per document for each extraction component on generated 2-10 KB documents.

    The documents come from ``bench/batch.py`` (``make_document``), as in the batch benchmark;
    each component runs once per document, in pipeline order, after repair.
    """
    import random
    import time

    sys.path.insert(0, str(ROOT / "bench"))
    from batch import make_document

    from svsamverkan.pipeline import Pipeline, _Context
    from svsamverkan.readers.base import ReadResult

    pipe = Pipeline()
    rng = random.Random(seed)
    docs = [make_document(rng, i) for i in range(n_docs)]
    pipe.analyze_text(docs[0])  # load models and lexicons before timing
    spent = dict.fromkeys(SPEED_TARGETS_MS, 0.0)
    for text in docs[1:]:
        raw = ReadResult(source="bench", format="txt", text=text)
        document, _ = pipe.repair(raw)
        doc = pipe.nlp.make_doc(document.text)
        doc.user_data["svs_text"] = document.text
        doc._.svs_document = _Context(document=document, kind_hint=None, forced_kind=None, tables=raw.tables)
        for name, proc in pipe.nlp.pipeline:
            start = time.process_time()
            doc = proc(doc)
            if name in spent:
                spent[name] += time.process_time() - start
    print(f"{'component (generated 2-10 KB documents)':44s} {'ms/doc':>8s} {'target':>8s}")
    for name, total in spent.items():
        print(f"{name:44s} {1000 * total / (len(docs) - 1):8.2f} {'<=' + str(SPEED_TARGETS_MS[name]):>8s}")


def load_costs() -> None:
    """Print the first-call cost of each extraction resource (run in a fresh process)."""
    import time

    t0 = time.process_time()
    from svsamverkan.extract import attendance, decisions, kind, names, organisations, roles

    steps = {
        "import svsamverkan.extract (spaCy included)": lambda: None,
        "first-name gazetteer": names.first_names,
        "surname gazetteer": names.surnames,
        "role lexicon regex": roles._role_re,
        "kommun regex": organisations._kommun_re,
        "organisation and region patterns": organisations._prefiltered,
        "attendance headings": attendance._folded_headings,
        "decision patterns and vetoes": lambda: (decisions._trigger_words(), decisions._veto_literals()),
        "kind cues": kind._compiled_cues,
        "wordfreq table (shared with keyphrases)": lambda: names.is_common_word("Zlatan"),
    }
    print(f"{'resource (first call, fresh process)':44s} {'CPU ms':>8s}")
    last = t0
    for label, step in steps.items():
        step()
        now = time.process_time()
        print(f"{label:44s} {1000 * (now - last):8.1f}")
        last = now


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", action="store_true", help="score through the svsamverkan CLI")
    ap.add_argument("--no-repair", action="store_true", help="skip text repair (extraction alone)")
    ap.add_argument("--speed", action="store_true", help="CPU time per document and resource load costs")
    ap.add_argument("--load-costs", action="store_true", help=argparse.SUPPRESS)  # run by --speed, fresh process
    a = ap.parse_args(argv)
    if a.load_costs:
        load_costs()
        return 0
    if a.speed:
        subprocess.run([sys.executable, __file__, "--load-costs"], check=True)
        print()
        speed()
        return 0
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
