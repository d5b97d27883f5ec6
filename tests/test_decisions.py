"""Decisions, assignments, tablings: typed, with responsible, deadline and agenda item; and series of minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from svsamverkan.extract.decisions import classify_sentence, extract_decisions, find_deadline, find_responsible
from svsamverkan.extract.meeting import extract_meeting
from svsamverkan.extract.series import link_series
from svsamverkan.nlp import blank_swedish
from svsamverkan.pipeline import Pipeline
from svsamverkan.repair.result import RepairResult


@pytest.fixture(scope="module")
def nlp():
    return blank_swedish()


def _decide(nlp, text: str, kind: str = "other"):
    doc = nlp(text)
    return extract_decisions(doc, kind=kind, meeting=extract_meeting(doc, kind=kind))


def test_minutes_fixture(nlp, data_dir: Path) -> None:
    text = (data_dir / "decisions" / "minutes_small.txt").read_text(encoding="utf-8")
    got = [(d.type, d.text, d.item, d.responsible, d.deadline) for d in _decide(nlp, text)]
    assert got == [
        ("beslut", "Arbetsgruppen beslutar att närvaroteamet ska finnas på alla högstadieskolor.", "2 Närvaroteam",
         "Arbetsgruppen", None),
        ("uppdrag", "Arbetsgruppen ger Kim Rask i uppdrag att ta fram en tidsplan till nästa möte.", "2 Närvaroteam",
         "Kim Rask", "till nästa möte"),
        ("bordlagd", "Punkten bordläggs till nästa möte.", "3 Kartläggning av hemmasittare", None, "till nästa möte"),
    ]


def test_offsets_point_at_the_sentence(nlp, data_dir: Path) -> None:
    text = (data_dir / "decisions" / "minutes_small.txt").read_text(encoding="utf-8")
    for d in _decide(nlp, text):
        assert d.start is not None and d.end is not None
        assert text[d.start:d.end] == d.text


@pytest.mark.parametrize(
    ("sentence", "typ"),
    [
        ("Dagordningen godkändes.", "beslut"),
        ("Nämnden beslutade i juni att införa modellen.", "beslut"),
        ("Gruppen enades om att skriva ett yttrande.", "beslut"),
        ("Utvecklingsgruppen konstaterar att rutinen fungerar.", "beslut"),
        ("Fastställt av ledningsgruppen i maj 2024.", "beslut"),
        ("Nämnden uppdrar åt förvaltningen att utreda frågan.", "uppdrag"),
        ("Vi har fått förlängt uppdrag att stödja implementeringen.", "uppdrag"),
        ("Ärendet bordlades.", "bordlagd"),
        ("Frågan skjuts till nästa möte.", "bordlagd"),
        ("Informationen läggs till handlingarna.", "information"),
        ("Frågan följs upp på nästa möte.", "uppfoljning"),
        ("Styrgruppen rekommenderar att alla kommuner inför SIP-samordnare.", "rekommendation"),
        # bulleted labels: the pattern's \W must stay a non-word character after folding
        ("- Beslut: gruppen antar rutinen.", "beslut"),
        ("* Åtgärd: Karin Lund skickar ut rutinen.", "uppdrag"),
    ],
)
def test_types(sentence: str, typ: str) -> None:
    hit = classify_sentence(sentence, minutes=True)
    assert hit is not None and hit[0] == typ


@pytest.mark.parametrize(
    "sentence",
    [
        "Lisa informerar om läget i förskolan.",
        "Elevhälsan har i uppdrag att arbeta förebyggande.",
        "Arbetet leds av en grupp vars uppdrag är att stödja skolorna.",
        "Kommunen planerar att införa närvaroteam.",
        "Ett förslag ska tas fram och beslutas om i höst.",
        "Frågan diskuterades men inget beslut fattades.",
        "Allt som vi beslutar finns på webben.",
        "Ska vi besluta om det nästa gång?",
        "Vi rekommenderar att du byter webbläsare.",
        "Kommunstyrelsen kommer att besluta om budgeten i december.",
    ],
)
def test_hard_negatives(sentence: str) -> None:
    assert classify_sentence(sentence, minutes=True) is None


def test_minutes_only_patterns_need_minutes() -> None:
    s = "Socialtjänsten ansvarar för att utse en kontaktperson."
    assert classify_sentence(s, minutes=False) is None
    assert classify_sentence(s, minutes=True) is not None


def test_action_item_needs_a_deadline() -> None:
    assert classify_sentence("Alla läser igenom rutinen inför mötet i maj.", minutes=True)[0] == "uppdrag"
    assert classify_sentence("Alla läser igenom rutinen.", minutes=True) is None


def test_stripped_diacritics_still_match() -> None:
    assert classify_sentence("Punkten bordlaggs till nasta mote.", minutes=True)[0] == "bordlagd"


def test_hard_wrapped_sentence_is_one_decision(nlp) -> None:
    d = _decide(nlp, "Styrgruppen ger elevhälsan i uppdrag att ta fram\nen ny rutin.")
    assert [x.text for x in d] == ["Styrgruppen ger elevhälsan i uppdrag att ta fram en ny rutin."]


def test_duplicates_are_reported_once(nlp) -> None:
    d = _decide(nlp, "Fastställt av LGS i december 2021.\n\nText.\n\nFastställt av LGS i december 2021.")
    assert len(d) == 1


def test_deadlines() -> None:
    assert find_deadline("Klart senast 2025-06-01.") == "senast 2025-06-01"
    assert find_deadline("Återkom före sommaren.") == "före sommaren"
    assert find_deadline("Inget datum här.") is None


def test_responsible_of_a_named_pair() -> None:
    s = "Karin och Aida återkommer med ett förslag."
    assert find_responsible(s, "uppdrag", s.index("återkommer")) == "Karin och Aida"


def test_empty_and_plain_text(nlp) -> None:
    assert _decide(nlp, "") == []
    assert _decide(nlp, "Vi hade ett trevligt möte om barns hälsa.") == []


@pytest.fixture(scope="module")
def series(data_dir_module: Path):
    pipe = Pipeline(repairer=lambda t: RepairResult(original=t, text=t))
    files = sorted((data_dir_module / "decisions" / "series").glob("*.txt"), reverse=True)
    return link_series([pipe.analyze_file(f) for f in files])


@pytest.fixture(scope="module")
def data_dir_module() -> Path:
    return Path(__file__).resolve().parent / "data"


def test_series_orders_by_date(series) -> None:
    assert [m.date for m in series.meetings] == ["2025-01-15", "2025-02-19", "2025-03-26"]
    assert series.group == "Samverkansgruppen barn och unga, Björkby"
    assert series.warnings == ()


def test_series_follows_tabled_items(series) -> None:
    got = [(t.item, t.status, t.resolved_at.date if t.resolved_at else None, t.history) for t in series.tabled]
    assert got == [
        ("2 Rutin för orosanmälan", "upptagen", "2025-02-19", ()),
        ("3 Föräldrakväll om nätet", "avförd", "2025-03-26", ("bordlagd igen 2025-02-19",)),
        ("3 Föräldrakväll om nätet", "avförd", "2025-03-26", ()),
    ]


def test_series_follows_assignments(series) -> None:
    got = [(t.responsible, t.status, t.resolved_at.date if t.resolved_at else None) for t in series.assignments]
    assert got == [("Elin Svärd", "återrapporterad", "2025-02-19"), ("Jonas Alm", "ej uppföljd", None)]


def test_series_of_one_leaves_items_open(data_dir_module: Path) -> None:
    pipe = Pipeline(repairer=lambda t: RepairResult(original=t, text=t))
    one = link_series([pipe.analyze_file(data_dir_module / "decisions" / "series" / "01-januari.txt")])
    assert {t.status for t in one.tabled} == {"öppen"}
    assert {t.status for t in one.assignments} == {"öppen"}
    assert link_series([]).meetings == ()


def test_sentences_under_a_beslut_heading(nlp) -> None:
    d = _decide(nlp, "§ 4 Budget\nBeslut\nAtt godkänna förslaget till budget.\n\n§ 5 Ekonomi\nInget.", kind="minutes")
    assert [(x.type, x.text, x.item) for x in d] == [("beslut", "Att godkänna förslaget till budget.", "§ 4 Budget")]
    d = _decide(nlp, "Styrgruppen beslutar:\n- att anta planen\n- att ge Kim uppdraget\n\nSen fika.", kind="minutes")
    assert [x.text for x in d] == ["att anta planen", "att ge Kim uppdraget"]


def test_responsible_on_the_next_line(nlp) -> None:
    d = _decide(nlp, "Kim tar fram underlag till nästa möte.\nAnsvarig: Kim Rask", kind="minutes")
    assert [(x.type, x.responsible) for x in d] == [("uppdrag", "Kim Rask")]


@pytest.mark.parametrize(
    "sentence",
    ["Om ansökan godkänns kan arbetet starta.", "Planen fastställs årligen av nämnden.",
     "Forskarna konstaterar att samverkan lönar sig."],
)
def test_conditions_routines_and_outside_conclusions(sentence: str) -> None:
    assert classify_sentence(sentence, minutes=False) is None


def test_group_conclusion_in_minutes() -> None:
    assert classify_sentence("Gruppen konstaterar att samverkan lönar sig.", minutes=True)[0] == "beslut"


# -- speed changes must not change results: compare with the plain rules -------------------------------
def _plain_classify(sentence: str, minutes: bool) -> tuple[str, int, int] | None:
    """classify_sentence without pre-filters: every veto and pattern is run on every sentence."""
    from svsamverkan.extract.decisions import _modal_before, decision_patterns
    from svsamverkan.extract.textspans import fold

    folded = fold(sentence)
    pats, vetoes = decision_patterns()
    if any(v.search(folded) for v in vetoes):
        return None
    has_deadline = find_deadline(sentence) is not None
    for p in pats:
        if (p.scope == "minutes" and not minutes) or (p.scope == "deadline" and not (minutes and has_deadline)):
            continue
        m = p.regex.search(folded)
        if m and not (p.type in ("beslut", "uppdrag", "rekommendation") and _modal_before(folded, m.start())):
            return p.type, m.start(), m.end()
    return None


def test_prefiltered_classification_equals_plain_rules(data_dir: Path) -> None:
    from svsamverkan.extract.textspans import sentence_spans

    texts = [p.read_text(encoding="utf-8") for p in sorted((data_dir / "decisions").rglob("*.txt"))]
    texts.append("Beslut:\nAtt godkänna.\nKARIN ÅTERKOMMER MED SVAR.\nVi ska skicka underlag senast 3 maj.\n"
                 "Informationen läggs till handlingarna. Har ni i uppdrag att? Gruppen rekommenderar att ta fram.")
    sentences = [t[s:e] for t in texts for s, e in sentence_spans(t)]
    assert len(sentences) > 20
    for sentence in sentences:
        for minutes in (True, False):
            assert classify_sentence(sentence, minutes=minutes) == _plain_classify(sentence, minutes), sentence


def test_fold_and_blank_tables_keep_their_definitions() -> None:
    import re

    from svsamverkan.extract.textspans import _FOLD, blank_markup, blank_tables, fold, fold_for_slicing

    for text in ("Punkten BORDLÄGGS Évian", "İlkay är här", "ΟΔΟΣ ΟΔΟΣ", "", "a\tb\nc\n\td\te\n"):
        low = text.lower() if len(text.lower()) == len(text) else "".join(
            c.lower() if len(c.lower()) == 1 else c for c in text)
        assert fold(text) == low.translate(_FOLD)
        folded = fold_for_slicing(text)
        if folded is not None:
            assert all(folded[a:b] == fold(text[a:b]) for a in range(len(text)) for b in range(a, len(text) + 1))
        plain = re.sub(r"[^\n]*\t[^\n]*", lambda m: " " * (m.end() - m.start()), blank_markup(text))
        assert blank_tables(text) == plain
    assert blank_tables("<b>Namn</b>\tOrg\nText **fet**") == " " * 15 + "\nText   fet  "
