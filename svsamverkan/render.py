"""Human-readable renderings of an analysis (Markdown, one-line summaries).

>>> from svsamverkan.model import Analysis
>>> print(to_markdown(Analysis(source="a.txt", kind="other", text="", original_text="")).splitlines()[0])
# a.txt
"""

from __future__ import annotations

from .model import SECTIONS, Analysis


def to_markdown(a: Analysis) -> str:
    """Render an analysis as a Markdown report."""
    lines = [f"# {a.source}", ""]
    conf = f" ({a.kind_confidence:.2f})" if a.kind_confidence is not None else ""
    lines.append(f"- kind: {a.kind}{conf}")
    changes = [e for e in a.edits if e.before != e.after]
    lines.append(f"- repair: {len(changes)} edits")
    if a.meeting is not None:
        m = a.meeting
        lines.append(f"- meeting: {m.name or '?'}, {m.date or '?'}, {m.place or '?'}")
    lines += ["", f"## Participants ({len(a.participants)})", ""]
    if a.participants:
        lines += ["| name | role | organisation | sector | present |", "| --- | --- | --- | --- | --- |"]
        for p in a.participants:
            present = {True: "yes", False: "no", None: "?"}[p.present]
            lines.append(f"| {p.name} | {p.role or ''} | {p.organisation or ''} | {p.sector or ''} | {present} |")
    lines += ["", f"## Decisions ({len(a.decisions)})", ""]
    for d in a.decisions:
        extra = ", ".join(x for x in (d.responsible, d.deadline) if x)
        lines.append(f"- [{d.type}] {d.text}" + (f" ({extra})" if extra else ""))
    lines += ["", "## Themes", ""]
    for t in a.themes[:10]:
        lines.append(f"- {t.label} ({t.score:.2f})")
    lines += ["", "## Sections", ""]
    if a.sections.coverage:
        for s in SECTIONS:
            lines.append(f"- {s}: {a.sections.coverage.get(s, 0.0):.0%} of the text")
    else:
        lines.append("- (no section classifier installed)")
    return "\n".join(lines) + "\n"


def one_line(a: Analysis) -> str:
    """A one-line summary for progress output."""
    cov = ", ".join(f"{k} {v:.0%}" for k, v in a.sections.coverage.items() if v)
    return (
        f"{a.source}: {a.kind}, {len(a.participants)} participants, {len(a.decisions)} decisions, "
        f"{len(a.themes)} themes" + (f", sections: {cov}" if cov else "")
    )
