"""Themes: explicit ones first, keyphrases after, mapped onto the controlled vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from svsamverkan.extract.keyphrases import keyphrases, lemmatize_word
from svsamverkan.extract.meeting import extract_meeting
from svsamverkan.extract.textspans import load_tsv
from svsamverkan.extract.themes import extract_themes, map_to_vocabulary, vocabulary
from svsamverkan.nlp import blank_swedish


@pytest.fixture(scope="module")
def nlp():
    return blank_swedish()


def _themes(nlp, text: str, kind: str = "other"):
    doc = nlp(text)
    return extract_themes(doc, kind=kind, meeting=extract_meeting(doc, kind=kind))


def test_agenda_titles_come_first_and_procedural_items_are_left_out(nlp, data_dir: Path) -> None:
    text = (data_dir / "decisions" / "minutes_small.txt").read_text(encoding="utf-8")
    labels = [t.label for t in _themes(nlp, text)]
    assert labels[:2] == ["Närvaroteam", "Kartläggning av hemmasittare"]
    assert "Presentationsrunda" not in labels and "Övrigt" not in labels


def test_tema_phrase_is_explicit(nlp) -> None:
    text = "Konferensen i Ljusdal\n\nTemat var Barns delaktighet. Många talade om delaktighet och inflytande."
    t = _themes(nlp, text)[0]
    assert (t.label, t.vocabulary_id) == ("Barns delaktighet", "delaktighet")
    assert text[t.spans[0][0]:t.spans[0][1]] == "Barns delaktighet"


def test_vocabulary_mapping() -> None:
    assert map_to_vocabulary("Samordnad individuell plan") == "sip"
    assert map_to_vocabulary("problematisk frånvaro i skolan") == "skolfranvaro"
    assert map_to_vocabulary("sista punkten") is None  # short synonyms (SiS) match whole words only
    assert map_to_vocabulary("") is None


def test_vocabulary_file_is_well_formed() -> None:
    ids = [e.id for e in vocabulary()]
    assert len(ids) == len(set(ids)) >= 30
    assert all(len(row) == 3 for row in load_tsv("theme_vocabulary.tsv"))


def test_keyphrases_keep_compounds_and_lemmatise(nlp) -> None:
    doc = nlp("Familjecentralerna växer. Familjecentralen i Åby är ny. Vi besökte familjecentraler i hela länet.")
    top = keyphrases(doc)[0]
    assert (top.label, top.count) == ("familjecentral", 3)


def test_lemmatize_unknown_compound_by_its_last_part() -> None:
    assert lemmatize_word("närvaroteamen") == "närvaroteam"


def test_person_names_are_not_themes(nlp) -> None:
    text = ("Lena\nVälkommen hit. Idag pratar vi om skolfrånvaro och hemmasittare.\n\n"
            "Lena\nBerätta om skolfrånvaro.\n\nLena\nTack för att ni kom och pratade om skolfrånvaro.")
    labels = [t.label for t in _themes(nlp, text)]
    assert "Lena" not in labels
    assert any("skolfrånvaro" in label for label in labels)


def test_scores_are_sorted_and_bounded(nlp, data_dir: Path) -> None:
    text = (data_dir / "decisions" / "minutes_small.txt").read_text(encoding="utf-8")
    scores = [t.score for t in _themes(nlp, text)]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_short_or_empty_text_has_no_themes(nlp) -> None:
    assert _themes(nlp, "") == []
    assert _themes(nlp, "Hej") == []


def test_vocabulary_label_keeps_the_documents_genitive_phrase(nlp) -> None:
    text = ("Mötet i Åby\n\nVi pratade länge om placerade barns hälsa och om barnets delaktighet. "
            "Placerade barns hälsa behöver följas upp, och barnets delaktighet ska synas i planen.")
    labels = {t.vocabulary_id: t.label for t in _themes(nlp, text)}
    assert labels["placering"] == "placerade barns hälsa"
    assert labels["delaktighet"] == "barnets delaktighet"


def test_a_single_mention_of_a_vocabulary_concept_is_a_theme(nlp) -> None:
    text = "Rapport från Åby\n\nArbetet utgår från barnkonventionen. Familjecentralen i Åby har öppet två dagar."
    assert "barnkonventionen" in [t.label for t in _themes(nlp, text)]


def test_speaker_labels_in_capitals_are_not_themes(nlp) -> None:
    text = ("MARIA: Idag pratar vi om skärmtid.\n\nJONAS: Skärmtid är viktigt.\n\n"
            "MARIA: Ja, skärmtid och sömn hänger ihop.\n\nJONAS: Tack.")
    labels = [t.label for t in _themes(nlp, text)]
    assert "MARIA" not in labels and "JONAS" not in labels



OWN_GOLD_TEXTS = sorted(Path(__file__).parent.parent.glob("corpora/gold/**/*.txt"))


@pytest.mark.parametrize("path", OWN_GOLD_TEXTS, ids=lambda p: p.name)
def test_themes_run_on_every_own_gold_document(path: Path) -> None:
    # regression: headings that differ from their line once crashed the repeated-label check
    themes = extract_themes(blank_swedish()(path.read_text(encoding="utf-8")))
    assert all(t.label.strip() for t in themes)
