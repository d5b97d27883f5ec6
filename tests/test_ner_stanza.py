"""Optional stanza NER: merge logic on stanza-shaped documents; loading only where stanza and models exist."""

from __future__ import annotations

import pytest

from svsamverkan.errors import MissingExtraError, ModelError
from svsamverkan.extract.canonical import Candidate
from svsamverkan.extract.ner_stanza import (
    Entity,
    entities_from_document,
    load_stanza_ner,
    merge_entities,
    stanza_available,
)


def stanza_like(text: str, ents: list[dict[str, object]]) -> object:
    """A stanza ``Document`` built from dicts when stanza is installed, else a minimal stand-in."""
    if stanza_available():
        import stanza

        words = [{"id": i + 1, "text": e["text"], "start_char": e["start_char"], "end_char": e["end_char"],
                  "ner": f"S-{e['type']}"} for i, e in enumerate(ents)]
        return stanza.Document([words], text=text)

    class _Ent:
        def __init__(self, d: dict[str, object]) -> None:
            self.text, self.type = d["text"], d["type"]
            self.start_char, self.end_char = d["start_char"], d["end_char"]

    class _Doc:
        def __init__(self) -> None:
            self.ents = [_Ent(e) for e in ents]

    return _Doc()


TEXT = "Tova Lind, kurator på Elevhälsan Ale. Max Ek skrev boken. Pia Holm, rektor vid Ale kommun, deltog."
ENTS = [
    {"text": "Tova Lind", "type": "PER", "start_char": 0, "end_char": 9},
    {"text": "Elevhälsan Ale", "type": "ORG", "start_char": 22, "end_char": 36},
    {"text": "Max Ek", "type": "PER", "start_char": 38, "end_char": 44},
    {"text": "Pia Holm", "type": "PER", "start_char": 58, "end_char": 66},
    {"text": "Ale kommun", "type": "ORG", "start_char": 79, "end_char": 89},
]


def test_entities_from_a_stanza_document() -> None:
    ents = entities_from_document(stanza_like(TEXT, ENTS))
    assert [(e.label, e.text, TEXT[e.start:e.end]) for e in ents] == [
        ("PER", "Tova Lind", "Tova Lind"),
        ("ORG", "Elevhälsan Ale", "Elevhälsan Ale"),
        ("PER", "Max Ek", "Max Ek"),
        ("PER", "Pia Holm", "Pia Holm"),
        ("ORG", "Ale kommun", "Ale kommun"),
    ]


def test_merge_confirms_adds_titled_persons_and_skips_merely_named() -> None:
    ents = entities_from_document(stanza_like(TEXT, ENTS))
    out = merge_entities([Candidate("Tova Lind", confidence=0.8)], ents, TEXT)
    assert [(c.name, c.role, c.organisation, c.source, c.confidence) for c in out] == [
        ("Tova Lind", None, "Elevhälsan Ale", "", 0.9),
        ("Pia Holm", "rektor", "Ale kommun", "stanza", 0.6),
    ]


def test_merge_ignores_other_labels_and_empty_input() -> None:
    assert merge_entities([], [Entity("LOC", "Ale", 0, 3)], "Ale") == []
    assert entities_from_document(object()) == []


def test_loading_without_stanza_says_which_extra() -> None:
    if stanza_available():
        pytest.skip("stanza is installed")
    with pytest.raises(MissingExtraError, match="svsamverkan\\[stanza\\]"):
        load_stanza_ner()


def test_loading_swedish_models_when_present() -> None:
    if not stanza_available():
        pytest.skip("stanza is not installed")
    try:
        nlp = load_stanza_ner()
    except ModelError:
        pytest.skip("stanza's Swedish models are not downloaded")
    ents = entities_from_document(nlp("Anna Andersson arbetar på Socialstyrelsen i Stockholm."))
    assert any(e.label == "PER" for e in ents)
