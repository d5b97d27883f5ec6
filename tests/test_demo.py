"""The demo runner (what ``make demo`` runs): results per file, failures shown, not fatal."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from svsamverkan.demo import run_demo


def test_demo_writes_results_and_counts_failures(tmp_path: Path) -> None:
    archive = tmp_path / "arkiv"
    (archive / "sub").mkdir(parents=True)
    (archive / "mote.txt").write_text("Minnesanteckningar\n\nPunkten bordläggs till nästa möte.\n", encoding="utf-8")
    (archive / "sub" / "tom.txt").write_bytes(b"")
    (archive / "bild.png").write_bytes(b"\x89PNG")  # unsupported: not picked up
    out = tmp_path / "out"
    buf = io.StringIO()
    failures = run_demo(archive, out, Console(file=buf, width=200))
    assert failures == 1
    assert sorted(p.name for p in out.iterdir()) == ["mote_txt.json", "mote_txt.md"]
    printed = buf.getvalue()
    assert "E003" in printed and "mote.txt" in printed
