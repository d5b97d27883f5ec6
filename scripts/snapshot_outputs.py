"""Snapshot the full analysis of a fixed set of inputs, and compare two snapshots.

Used to prove that a speed change changes no output::

    .venv/bin/python scripts/snapshot_outputs.py save /tmp/snap-before
    # ... change code ...
    .venv/bin/python scripts/snapshot_outputs.py save /tmp/snap-after
    .venv/bin/python scripts/snapshot_outputs.py compare /tmp/snap-before /tmp/snap-after

Inputs: every document of the project's own corpora (examples archive and gold
folders), 40 generated documents from ``bench/batch.py`` and, when present, the
shared seed documents (read by path, never copied; snapshots go to a folder you
name, which should be outside the repository). ``--only`` limits the comparison to one
part of the analysis (``participants``, ``themes``, ``paragraphs``, ...).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".pptx", ".srt", ".vtt"}


def inputs() -> Iterator[tuple[str, str | Path]]:
    """(name, path or text) for every input, in a fixed order."""
    for folder in [ROOT / "corpora" / "examples" / "archive", ROOT / "corpora" / "gold", SHARED_SEEDS]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.endswith(".gold.txt"):
                yield str(path.relative_to(folder.parent)), path
    sys.path.insert(0, str(ROOT / "bench"))
    from batch import make_document

    rng = random.Random(11)
    for i in range(40):
        yield f"generated/{i:02d}.txt", make_document(rng, i)


def save(out: Path) -> None:
    """Analyse every input and write one JSON file per input under ``out``."""
    from svsamverkan.pipeline import Pipeline

    pipe = Pipeline()
    out.mkdir(parents=True, exist_ok=True)
    for name, src in inputs():
        try:
            if isinstance(src, Path):
                data = pipe.analyze_file(src).to_dict()
            else:
                data = pipe.analyze_text(src, source=name).to_dict()
        except Exception as exc:  # a failure is an output too
            data = {"error": f"{type(exc).__name__}: {exc}"}
        target = out / (name.replace("/", "__") + ".json")
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"saved {len(list(out.glob('*.json')))} analyses to {out}")


def _diff(a: object, b: object, path: str, out: list[str], tol: float) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            _diff(a.get(k, "<missing>"), b.get(k, "<missing>"), f"{path}.{k}", out, tol)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items -> {len(b)} items")
        for i, (x, y) in enumerate(zip(a, b)):
            _diff(x, y, f"{path}[{i}]", out, tol)
    elif isinstance(a, float) and isinstance(b, float):
        if abs(a - b) > tol:
            out.append(f"{path}: {a!r} -> {b!r}")
    elif a != b:
        out.append(f"{path}: {str(a)[:80]!r} -> {str(b)[:80]!r}")


def compare(before: Path, after: Path, only: str | None, tol: float) -> int:
    """Print every difference; returns the number of documents that differ."""
    changed = 0
    for fa in sorted(before.glob("*.json")):
        fb = after / fa.name
        if not fb.exists():
            print(f"{fa.name}: missing in {after}")
            changed += 1
            continue
        a, b = json.loads(fa.read_text("utf-8")), json.loads(fb.read_text("utf-8"))
        if only:
            a, b = a.get(only), b.get(only)
        diffs: list[str] = []
        _diff(a, b, "", diffs, tol)
        if diffs:
            changed += 1
            print(f"== {fa.name}: {len(diffs)} differences")
            for d in diffs[:15]:
                print("   ", d)
    print(f"{changed} of {len(list(before.glob('*.json')))} documents differ")
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("save")
    s.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--only", help="compare only this top-level field of the analysis")
    c.add_argument("--tol", type=float, default=1e-9, help="tolerance for floats (default 1e-9)")
    args = ap.parse_args()
    if args.cmd == "save":
        save(args.out)
    else:
        sys.exit(1 if compare(args.before, args.after, args.only, args.tol) else 0)


if __name__ == "__main__":
    main()
