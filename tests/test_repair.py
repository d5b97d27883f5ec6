"""Repair behaviour, driven by the JSON case files in ``tests/data/repair/`` (ftfy's manner).

Files: ``in-the-wild.json`` (our own examples of each damage type), ``synthetic.json``,
``negative.json`` (must come out unchanged), ``speech-and-names.json`` (sa/så in reported speech, first
names before surnames, words never right as written), ``names-prior.json`` (names spelt as Swedish names
usually are, speaker labels, acronym endings; negatives included), ``acute-and-context.json`` (é in
names and words, ``det första är``, ``har inte funnits``, ``lät``, compound heads; negatives and one kept
failure) and ``known-failures.json`` (kept, xfail).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svsamverkan.model import Edit
from svsamverkan.repair import DEFAULT_STEPS, REPAIR_STEPS, compose, fix_and_explain, repair
from svsamverkan.repair.damage import damage, strip_diacritics

DATA = Path(__file__).parent / "data" / "repair"


def _cases() -> list:
    out = []
    for path in sorted(DATA.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(strict=True, reason="known failure")] if case["expect"] == "fail" else []
            out.append(pytest.param(case, id=f"{path.stem}:{case['label']}", marks=marks))
    return out


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict) -> None:
    assert repair(case["original"]).text == case["fixed"]


@pytest.mark.parametrize("case", [p.values[0] for p in _cases()])
def test_edits_rebuild_the_text_from_the_original(case: dict) -> None:
    r = repair(case["original"])
    for e in r.edits:
        assert case["original"][e.start:e.end] == e.before
    assert type(r).from_edits(case["original"], list(r.edits)).text == r.text


def test_registry_order() -> None:
    assert DEFAULT_STEPS == ("encoding", "layout", "ocr_letters", "diacritics")
    assert set(DEFAULT_STEPS) == set(REPAIR_STEPS)


def test_edit_fields_and_offsets() -> None:
    text = "Nu ar det klart. Vi 6nskar att det har arbetet ar bra for barnen."
    r = repair(text)
    by_before = {e.before: e for e in r.changes}
    assert by_before["6nskar"].after == "önskar"
    assert by_before["6nskar"].step == "ocr_letters"
    assert by_before["6nskar"].start == text.index("6nskar")
    assert "Ar" not in by_before["ar"].alternatives
    assert 0.5 <= by_before["for"].confidence <= 1.0
    to_orig = r.offset_mapper()
    assert to_orig(r.text.index("barnen")) == text.index("barnen")


def test_steps_can_be_chosen() -> None:
    text = "Vi 6nskar att det ar bra for barnen och for oss alla."
    assert repair(text, steps=["diacritics"]).text == "Vi 6nskar att det är bra för barnen och för oss alla."
    with pytest.raises(ValueError, match="unknown repair step"):
        repair(text, steps=["nonsense"])


def test_compose_merges_a_token_edited_twice() -> None:
    earlier = [Edit(0, 3, "6ka", "öka", "ocr_letters")]
    later = [Edit(0, 3, "öka", "Öka", "case")]
    merged = compose("6ka nu", earlier, later)
    assert [(e.start, e.end, e.before, e.after, e.step) for e in merged] == [(0, 3, "6ka", "Öka", "ocr_letters+case")]


def test_fix_and_explain() -> None:
    text, edits = fix_and_explain("Det ar bra for oss att vi far hjalp.")
    assert text == "Det är bra för oss att vi får hjälp."
    assert [e.after for e in edits] == ["är", "för", "får", "hjälp"]


def test_bad_input() -> None:
    assert repair("").text == ""
    assert repair("   \n\n ").edits == ()
    with pytest.raises((TypeError, AttributeError)):
        repair(None)  # type: ignore[arg-type]


def test_damage_generator() -> None:
    assert strip_diacritics("Åsa går på mötet") == "Asa gar pa motet"
    assert damage("barn och mat", seed=3) == "barn och mat"
    damaged = [damage("önskar", seed=s) for s in range(40)]
    assert all(d.endswith("nskar") for d in damaged)
    assert {"onskar", "énskar"} <= set(damaged)


def test_module_is_callable_like_the_function() -> None:
    import svsamverkan.repair as m

    assert m("for oss").text == repair("for oss").text
    assert m("Det ar bra for oss att vi far hjalp.").text == "Det är bra för oss att vi får hjälp."
    assert m("Det ar bra", steps=["diacritics"]).text == repair("Det ar bra", steps=["diacritics"]).text


def test_pipe_test_helper() -> None:
    from svsamverkan.repair.ocr_letters import pipe_in_word

    assert pipe_in_word("|nnan", 0, 5)
    assert not pipe_in_word("|", 0, 1)
    assert not pipe_in_word("a|nnan", 1, 6)
    assert not pipe_in_word("|Namn|", 0, 5)


FAST_PATH_TEXTS = [
    "en samver-\nkan och ab-\ncd-\nef, 3-\nx, x_y-\nz",
    "hälsooch sjukvård, och, 3xxxoch, skolaeller-x, barnochoch, -vårdoch, ÅSAOCH",
    "ok\nVÃ¤lkommen, åäö – «Hej» r„ksm”rg†s genomfo\u0308ra fo ̈r\nbar\u0080x Ã",
    "",
    "-\n",
]


@pytest.mark.parametrize("text", FAST_PATH_TEXTS)
def test_fast_scans_find_what_the_regexes_find(text: str) -> None:
    import bisect
    import re

    from svsamverkan.repair import encoding, layout

    def spans(matches: list) -> list:
        return [(m.span(), m.groups()) for m in matches]

    assert spans(layout._hyphen_break_matches(text)) == spans(list(layout._HYPHEN_BREAK.finditer(text)))
    assert spans(layout._glued_matches(text)) == spans(list(layout._GLUED_OCH.finditer(text)))
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    lines_regex = {bisect.bisect_right(line_starts, m.start()) - 1 for m in encoding._SUSPECT.finditer(text)}
    lines_fast = {bisect.bisect_right(line_starts, k) - 1 for k in encoding.suspect_starts(text)}
    assert lines_fast == lines_regex


def test_tokens_moved_with_their_paragraph() -> None:
    from svsamverkan.repair.tokens import tokenize

    first = tokenize("Vi ses.\n\nDet ar bra")
    moved = tokenize("Hej, vi ses.\n\nDet ar bra")
    assert [(t.start, t.text, t.block) for t in first[2:]] == [(9, "Det", 1), (13, "ar", 1), (16, "bra", 1)]
    assert [(t.start, t.text, t.block) for t in moved[3:]] == [(14, "Det", 1), (18, "ar", 1), (21, "bra", 1)]


def test_edit_at_equals_the_constructor() -> None:
    from svsamverkan.repair.result import edit_at

    e = Edit(0, 3, "for", "för", "diacritics", 0.9, ("for",))
    assert edit_at(e, 7, 10) == Edit(7, 10, "for", "för", "diacritics", 0.9, ("for",))
    assert edit_at(e, 7, 10, "FOR") == Edit(7, 10, "FOR", "för", "diacritics", 0.9, ("for",))
