"""The command line: exit codes, output formats, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from svsamverkan.cli import main


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "svsamverkan", *args], input=stdin, capture_output=True,
                          text=True, timeout=300)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("svsamverkan ")


def test_analyze_missing_file_is_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "no-such-file.txt"]) == 1
    err = capsys.readouterr().err
    assert "E001" in err and "no-such-file.txt" in err and "Traceback" not in err


def test_analyze_writes_one_json_per_input(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Minnesanteckningar\n\nPunkten bordläggs.", encoding="utf-8")
    b = tmp_path / "b.md"
    b.write_text("# Rubrik\n\nText om samverkan.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(a), str(b), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["source"] == str(a)


def test_analyze_partial_failure_keeps_going(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Hej", encoding="utf-8")
    assert main(["analyze", str(tmp_path / "bad.txt"), str(good), "--format", "jsonl"]) == 2
    out = capsys.readouterr().out
    assert json.loads(out)["source"] == str(good)


def test_analyze_stdin_markdown() -> None:
    p = run("analyze", "-", "--format", "md", stdin="Hej och välkommen.")
    assert p.returncode == 0 and p.stdout.startswith("# <stdin>")


def test_repair_stdin_roundtrip() -> None:
    p = run("repair", "-", stdin="Hej på dig\n")
    assert p.returncode == 0 and p.stdout == "Hej på dig\n"


def test_repair_explain_is_json() -> None:
    p = run("repair", "--explain", "-", stdin="Hej")
    assert set(json.loads(p.stdout)) == {"text", "edits"}


def test_classify_jsonl_contract() -> None:
    p = run("classify", "-", stdin='{"id": 1, "text": "Vi upprättar en SIP."}\n{"text": "Hej"}\n')
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert len(rows) == 2 and rows[0]["id"] == 1
    assert all(set(r) >= {"labels", "scores"} for r in rows)


def test_classify_bad_json_is_clear_error() -> None:
    p = run("classify", "-", stdin="not json\n")
    assert p.returncode == 1 and "E070" in p.stderr and "Traceback" not in p.stderr


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 1
    assert "usage" in capsys.readouterr().out


def test_series_follows_tabled_items_in_date_order() -> None:
    series = Path(__file__).parent / "data" / "decisions" / "series"
    files = [series / "03-mars.txt", series / "01-januari.txt", series / "02-februari.txt"]  # out of order
    p = run("series", *map(str, files))
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout)
    assert [m["date"] for m in report["meetings"]] == ["2025-01-15", "2025-02-19", "2025-03-26"]
    first = report["tabled"][0]
    assert (first["item"], first["status"], first["resolved_at"]["date"]) == (
        "2 Rutin för orosanmälan", "upptagen", "2025-02-19")
