"""The progress bar (files done, rate, ETA) and the end-of-run summary, drawn with rich on stderr."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text


class RateColumn(ProgressColumn):
    """Files per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("  ?  files/s" if speed is None else f"{speed:5.1f} files/s", style="progress.data.speed")


def make_progress(*, enabled: bool, console: Console | None = None) -> Progress:
    """A rich progress bar on stderr; drawn only when ``enabled`` (and stderr is a terminal)."""
    console = console or Console(stderr=True)
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        TextColumn("[red]{task.fields[failed]} failed"),
        console=console,
        disable=not enabled,
        transient=False,
    )


def render_summary(summary: dict[str, Any], console: Console | None = None) -> None:
    """Print the summary of a run: files, pages, documents by kind, failures with reasons."""
    console = console or Console(file=sys.stdout)
    s = summary
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    head.add_row("database", s["db"])
    head.add_row("archive", s["archive"])
    head.add_row("pipeline", s["pipeline_version"])
    head.add_row("files seen", str(s["files_seen"]))
    head.add_row("analysed now", f"{s['analysed']} ({s['pages']} pages, {s['bytes'] / 1e6:.2f} MB)")
    head.add_row("unchanged", str(s["unchanged"]))
    head.add_row("failed now", str(s["failed"]))
    head.add_row("missing", f"{s['missing']} (pruned)" if s.get("pruned") else str(s["missing"]))
    rate = s["analysed"] / s["seconds"] if s["seconds"] else 0.0
    head.add_row("time", f"{s['seconds']:.1f} s ({rate:.1f} documents/s, {s['workers']} {s['engine']} workers)")
    console.print(head)
    if s["by_kind"]:
        console.print("by kind (this run): " + ", ".join(f"{k} {n}" for k, n in s["by_kind"].items()))
    totals = s["totals"]
    codes = totals["errors_by_code"]
    by_code = f" ({', '.join(f'{c} {n}' for c, n in codes.items())})" if codes else ""
    console.print(f"database now: {totals['documents']} documents, {totals['pages']} pages, "
                  f"{sum(codes.values())} files with errors{by_code}")
    if s["failures"]:
        t = Table(title="failures in this run", show_lines=False)
        t.add_column("file")
        t.add_column("code")
        t.add_column("reason")
        for f in s["failures"][:50]:
            t.add_row(f["path"], f["code"], f["reason"])
        console.print(t)
        if len(s["failures"]) > 50:
            console.print(f"... and {len(s['failures']) - 50} more (SELECT * FROM errors)")
