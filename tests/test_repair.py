"""Repair behaviour, driven by the JSON case files in ``tests/data/repair/`` (ftfy's manner).

Files: ``in-the-wild.json`` (our own examples of each damage type), ``synthetic.json``,
``negative.json`` (must come out unchanged) and ``known-failures.json`` (kept, xfail).
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
