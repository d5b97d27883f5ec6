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


# The fast paths must give exactly what the plain patterns give (issue 7: themes faster, output unchanged).

_MIXED = (
    "Samordnad individuell plan (SIP) och SIP-möten.\n\n**Psykiska ohälsan** bland unga; ADHD, autism och npf-team.\n"
    "Placerade barns hälsa\tBilaga\nSkolfrånvaron ökar. sipp, xsip, sip2 och barnets delaktighet i SIP:en.\n"
)


def test_vocabulary_spans_equal_the_plain_pattern() -> None:
    from svsamverkan.extract.themes import _Texts, _vocab_matchers

    texts = _Texts.of(_MIXED)
    for m in _vocab_matchers():
        expected = [(x.start(), x.end()) for x in m.pattern.finditer(texts.folded)]
        assert m.spans_in(texts.folded, texts.index) == expected, m.entry.id
        assert m.spans_in(texts.folded) == expected, m.entry.id


@pytest.mark.parametrize("label", ["SIP-möte", "Psykisk ohälsa hos unga", "sista punkten", "npf", "Barns delaktighet",
                                   "xsip", "sip2", "-", "Skolfrånvaron", "Fika och SIP"])
def test_map_to_vocabulary_equals_trying_every_pattern(label: str) -> None:
    from svsamverkan.extract.textspans import fold
    from svsamverkan.extract.themes import _vocab_matchers

    expected = next((m.entry.id for m in _vocab_matchers() if m.pattern.search(fold(label))), None)
    assert map_to_vocabulary(label) == expected


def test_blanked_tables_and_cleaned_markup_equal_the_shared_helpers() -> None:
    from svsamverkan.extract.textspans import blank_tables, clean_markup
    from svsamverkan.extract.themes import _clean_markup, _Texts

    assert _Texts.of(_MIXED).tabless == blank_tables(_MIXED)
    for line in [*_MIXED.split("\n"), "  a \u00a0 b ,c ( d ) ", "[Länk](x) *fet*", "\x1c x\x85"]:
        assert _clean_markup(line) == clean_markup(line)
    # every punctuation character, so a new markup pattern in textspans cannot slip past the quick test
    for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~–•§«»":
        for line in (f"a {c}{c}b{c} c", f"{c}{c}{c} x", f"<{c}>y</{c}>", f"{c}i{c} ##{c} z"):
            assert _clean_markup(line) == clean_markup(line), line


def test_word_starts_equal_the_lookbehind_pattern() -> None:
    import re

    from svsamverkan.extract.themes import _word_starts

    hay = "sip sipsip xsip 2sip -sip sip-mote sip"
    for needle in ("sip", "sipsip", "p", "sip-mote"):
        assert _word_starts(hay, needle) == [m.start() for m in re.finditer(r"(?<![a-z0-9])" + needle, hay)]
    whole = [m.start() for m in re.finditer(r"(?<![a-z0-9])sip(?![a-z0-9])", hay)]
    assert _word_starts(hay, "sip", whole=True) == whole == [0, 22, 26, 35]


@pytest.mark.parametrize("word", ["skola", "samverkansmodell", "förskolan", "xqzvb", "SIP-möte", "Skola", "café", "a"])
def test_zipf_equals_wordfreq(word: str) -> None:
    from wordfreq import zipf_frequency

    from svsamverkan.extract.keyphrases import zipf

    assert zipf(word) == zipf_frequency(word, "sv", wordlist="large")


def test_keyphrases_leave_out_table_rows(nlp) -> None:
    text = "Familjecentralen växer.\nFamiljecentralen\tÅby\nFamiljecentralen i Åby och familjecentralen i Ale."
    kp = next(k for k in keyphrases(nlp(text)) if k.key == "familjecentral")
    assert kp.count == 3 and all(not 24 <= s < 45 for s, _ in kp.spans)


@pytest.mark.parametrize("text", ["", "a\tb", "x\n\ty\n", "rad\nA\tB\tC\n\nslut\t", _MIXED, "\t\n\t"])
def test_table_line_spans_equal_the_line_pattern(text: str) -> None:
    import re

    from svsamverkan.extract.keyphrases import table_line_spans

    assert table_line_spans(text) == [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\t[^\n]*", text)]
