"""The pattern pre-filter gives exactly the plain pattern's matches, also without the private parser."""

from __future__ import annotations

import re

import pytest

from svsamverkan.extract import prefilter
from svsamverkan.extract.prefilter import PrefilteredRegex, required_literals

PATTERNS = [r"\bbordl(?:äggs|ades)\b", r"(?i)\w*skola(?:n)?", r"^\W*beslut\s*:", r"\d+-\d+"]
TEXT = "Punkten bordläggs.\n- Beslut: Åsskolan och GRUNDSKOLA, 12-14 maj.\nÄrendet bordlades igen."


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_matches_as_the_plain_pattern(pattern: str) -> None:
    rx = re.compile(pattern, re.M)
    assert [m.span() for m in PrefilteredRegex.of(rx, min_len=1).finditer(TEXT)] == \
        [m.span() for m in rx.finditer(TEXT)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_without_the_private_parser_the_plain_pattern_runs(pattern: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefilter, "_parse", lambda pattern, flags: None)
    rx = re.compile(pattern, re.M)
    pre = PrefilteredRegex.of(rx, min_len=1)
    assert pre.literals is None and required_literals(pattern) is None
    assert [m.span() for m in pre.finditer(TEXT)] == [m.span() for m in rx.finditer(TEXT)]
