"""``python -m svsamverkan.demo ARCHIVE OUT``: analyse an archive and show a readable summary.

This is what ``make demo`` runs on the bundled example archive
(``corpora/examples/archive``). It writes ``OUT/<stem>.json`` and ``OUT/<stem>.md``
for every file and prints one table for the whole archive. Failures are shown,
not hidden, and do not stop the run.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .errors import SvsamverkanError
from .model import SECTIONS
from .pipeline import default_pipeline
from .readers import READERS
from .render import to_markdown


def run_demo(archive: Path, out: Path, console: Console | None = None) -> int:
    """Analyse every supported file under ``archive``; return the number of failures."""
    console = console or Console(width=max(150, shutil.get_terminal_size((150, 40)).columns))
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in archive.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
    table = Table(title=f"svsamverkan: {len(files)} documents in {archive}")
    for col in ("file", "kind", "edits", "participants", "sectors", "decisions", "top themes", "sections"):
        table.add_column(col, overflow="fold")
    failures = 0
    pipe = default_pipeline()
    for f in files:
        try:
            a = pipe.analyze_file(f)
        except SvsamverkanError as exc:
            failures += 1
            table.add_row(f.name, "[red]error[/red]", "", "", "", "", str(exc), "")
            continue
        (out / f"{f.stem}{f.suffix.replace('.', '_')}.json").write_text(
            json.dumps(a.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        (out / f"{f.stem}{f.suffix.replace('.', '_')}.md").write_text(to_markdown(a), encoding="utf-8")
        sectors = Counter(p.sector for p in a.participants if p.sector)
        changed = sum(1 for e in a.edits if e.before != e.after)
        cov = a.sections.coverage
        table.add_row(
            f.name,
            a.kind,
            str(changed),
            str(len(a.participants)),
            ", ".join(f"{s} {n}" for s, n in sectors.most_common()),
            str(len(a.decisions)),
            "; ".join(t.label for t in a.themes[:3]),
            ", ".join(f"{s} {cov.get(s, 0):.0%}" for s in SECTIONS if cov.get(s)) or "-",
        )
    console.print(table)
    console.print(f"Results in {out}/ (one .json and one .md per document); {failures} failures.")
    return failures


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = sys.argv[1:] if argv is None else argv
    archive = Path(args[0]) if args else Path("corpora/examples/archive")
    out = Path(args[1]) if len(args) > 1 else Path("out/demo")
    run_demo(archive, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
