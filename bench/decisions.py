"""Benchmark: decisions F1 and theme recall@10 on the dev gold and on the project's own gold.

Runs the shared scorer (``score_extraction.py``) with ``svsamverkan analyze`` on

* DEV: ``/work/shared/dev/extraction`` (five real documents; pass ``--dev`` to point elsewhere),
* OWN: ``corpora/gold/decisions`` (documents written by the project, see its README),

and prints one table. Targets (issue 5): decisions F1 >= 0.85, theme recall@10 >= 0.60.

    .venv/bin/python bench/decisions.py
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEV = Path("/work/shared/dev/extraction")
DEFAULT_SCORER = Path("/work/shared/dev/tools/score_extraction.py")


def score(gold_dir: Path, scorer: Path) -> dict[str, str]:
    """Run the scorer on ``gold_dir`` and return its summary numbers."""
    cli = ROOT / ".venv" / "bin" / "svsamverkan"
    cmd = [sys.executable, str(scorer), "--gold-dir", str(gold_dir), "--cmd", f"{cli} analyze {{}} --format json"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout
    found: dict[str, str] = {}
    m = re.search(r"decisions P=([\d.]+) R=([\d.]+) F1=([\d.]+) \| themes recall@10=([\d.]+) \((\d+/\d+)\)"
                  r" \| failed docs=(\d+)", out)
    if m:
        found = {"dec_P": m[1], "dec_R": m[2], "dec_F1": m[3], "themes_R@10": f"{m[4]} ({m[5]})", "failed": m[6]}
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--own", type=Path, default=ROOT / "corpora" / "gold" / "decisions")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    a = ap.parse_args()
    rows = []
    for name, gold in (("DEV (shared/dev/extraction)", a.dev), ("OWN (corpora/gold/decisions)", a.own)):
        if not gold.is_dir():
            rows.append((name, {"failed": "gold folder missing"}))
            continue
        rows.append((name, score(gold, a.scorer)))
    cols = ["dec_P", "dec_R", "dec_F1", "themes_R@10", "failed"]
    print(f"{'data':32s} " + " ".join(f"{c:>14s}" for c in cols))
    for name, r in rows:
        print(f"{name:32s} " + " ".join(f"{r.get(c, '-'):>14s}" for c in cols))
    print("targets: dec_F1 >= 0.85, themes_R@10 >= 0.60")
    return 0


if __name__ == "__main__":
    sys.exit(main())
