"""The pipeline maps every offset back to the original text, whatever the repairer did."""

from __future__ import annotations

from svsamverkan.model import Edit
from svsamverkan.pipeline import Pipeline
from svsamverkan.repair import RepairResult


def _fake_repairer(text: str) -> RepairResult:
    # a stand-in repairer that lengthens and shortens words, to exercise the offset mapping
    edits = []
    for word, new in (("hdlso", "hälso"), ("Tillsammans for", "Tillsammans för"), ("oe", "ö")):
        i = text.find(word)
        if i >= 0:
            edits.append(Edit(i, i + len(word), word, new, "test", 1.0))
    return RepairResult.from_edits(text, edits)


def test_paragraph_offsets_map_to_original() -> None:
    original = "Om hdlso och skola.\n\nTillsammans for barnen oe.\n\nSista stycket här."
    a = Pipeline(repairer=_fake_repairer).analyze_text(original)
    assert [p.text for p in a.paragraphs] == ["Om hälso och skola.", "Tillsammans för barnen ö.", "Sista stycket här."]
    assert [original[p.start:p.end] for p in a.paragraphs] == [
        "Om hdlso och skola.", "Tillsammans for barnen oe.", "Sista stycket här."]
    assert a.text != a.original_text and a.original_text == original


def test_repair_result_offsets_inside_edit() -> None:
    r = RepairResult.from_edits("ab oe cd", [Edit(3, 5, "oe", "ö", "t")])
    assert r.text == "ab ö cd"
    m = r.offset_mapper()
    assert [m(i) for i in range(len(r.text) + 1)] == [0, 1, 2, 3, 5, 6, 7, 8]


def test_kind_override_is_respected() -> None:
    a = Pipeline().analyze_text("Hej", kind="minutes")
    assert a.kind == "minutes" and a.kind_confidence == 1.0


def test_replaceable_stages() -> None:
    calls = []

    def repairer(text: str) -> RepairResult:
        calls.append(text)
        return RepairResult(original=text, text=text)

    Pipeline(repairer=repairer).analyze_text("Hej hopp")
    assert calls == ["Hej hopp"]
