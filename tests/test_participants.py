"""Participants: given these documents of our own, these persons, roles, organisations and presence."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from svsamverkan.extract import participants as P
from svsamverkan.extract.attendance import attendance_candidates, parse_entry, table_rows_candidates
from svsamverkan.extract.canonical import Candidate, find_mentions, merge_candidates
from svsamverkan.extract.names import is_first_name, looks_like_person, name_key, split_person_prefix
from svsamverkan.extract.organisations import find_organisations, kommuner, regioner, sector_of
from svsamverkan.extract.roles import adjunct_note, find_roles, role_at_start
from svsamverkan.model import Participant

DATA = Path(__file__).resolve().parent / "data" / "participants"


@pytest.fixture(scope="module")
def nlp() -> Language:
    from svsamverkan.nlp import blank_swedish

    return blank_swedish(lemmatizer=False)


def run(nlp: Language, name: str, kind: str) -> list[Participant]:
    return P.extract_participants(nlp((DATA / name).read_text(encoding="utf-8")), kind=kind)


def rows(people: list[Participant]) -> list[tuple[str, str | None, str | None, str | None, bool | None]]:
    return [(p.name, p.role, p.organisation, p.sector, p.present) for p in people]


# -- minutes -------------------------------------------------------------------------------
def test_minutes_with_attendance_lists(nlp: Language) -> None:
    assert rows(run(nlp, "minutes_list.txt", "minutes")) == [
        ("Greta Holm", "ordförande", "Socialtjänsten Vara kommun", "socialtjänst", True),
        ("Nils Åkesson", "skolsköterska", "Elevhälsan Vara kommun", "skola/förskola", True),
        ("Zeynep Aydın", None, "BVC Vara", "hälso- och sjukvård", True),
        ("Rut Lindgren", None, "BUP Skaraborg", "hälso- och sjukvård", False),
        ("Olof Brandt", "rektor (adjungerad punkt 2)", "Nästegårdsskolan", "skola/förskola", True),
    ]


def test_minutes_table_with_marks_and_adjunct_notes(nlp: Language) -> None:
    assert rows(run(nlp, "minutes_table.txt", "minutes")) == [
        ("Hedvig Strand", None, "Socialtjänsten, Tranemo kommun", "socialtjänst", True),
        ("Arvid Lund", None, "BUM", "hälso- och sjukvård", False),
        ("Siri Berg", "adjungerad punkt 3", "Elevhälsan, Tranemo kommun", "skola/förskola", True),
        ("Maja Ek", "Ordförande (adjungerad)", "Lokala gruppen", "övrig", True),
    ]


def test_minutes_pipe_table_with_header(nlp: Language) -> None:
    assert rows(run(nlp, "minutes_pipes.txt", "minutes")) == [
        ("Vera Nord", "ordförande", "Region Halland", "hälso- och sjukvård", True),
        ("Kjell Sand", "kurator", "Elevhälsan, Hylte kommun", "skola/förskola", False),
    ]


def test_short_first_name_mentions_link_to_the_attendee(nlp: Language) -> None:
    text = (DATA / "minutes_list.txt").read_text(encoding="utf-8")
    greta = run(nlp, "minutes_list.txt", "minutes")[0]
    assert [(m.text, text[m.start : m.end]) for m in greta.mentions] == [
        ("Greta Holm", "Greta Holm"),
        ("Greta", "Greta"),
    ]


def test_note_taker_in_signature_block_is_present() -> None:
    text = "Vid protokollet\n\nAlma Ståhl\nNämndsekreterare\n\nJusteras: Ebbe Ring\n"
    people = merge_candidates(P.collect_candidates(text, "minutes"))
    assert [(c.name, c.role, c.present) for c in people] == [
        ("Alma Ståhl", "Nämndsekreterare", True),
        ("Ebbe Ring", "justerare", True),
    ]


def test_inline_attendance_with_semicolons() -> None:
    text = "Närvarande: Ebba Dahl (ordf.), Region Skåne; Ivar Ek, Lunds kommun\nFrånvarande: Tor Berg\n"
    assert [(c.name, c.role, c.organisation, c.present) for c in attendance_candidates(text)] == [
        ("Ebba Dahl", "ordförande", "Region Skåne", True),
        ("Ivar Ek", None, "Lunds kommun", True),
        ("Tor Berg", None, None, False),
    ]


def test_entry_without_mark_in_a_marked_block_is_absent() -> None:
    text = "Deltagare\tX = närvarande\n\tAnna Lind\tX\tKurator, Ale kommun\n\tBo Ek\t\tRektor, Ale kommun\n"
    assert [(c.name, c.role, c.present) for c in attendance_candidates(text)] == [
        ("Anna Lind", "Kurator", True),
        ("Bo Ek", "Rektor", False),
    ]


def test_parse_entry_rejects_non_person_text() -> None:
    assert parse_entry("Punkten bordläggs till nästa möte") is None
    assert parse_entry("") is None


def test_table_rows_from_a_reader() -> None:
    table = [["Namn", "Närvarande"], ["Ines Falk", "ja"], ["Otto Roos", "nej"]]
    assert [(c.name, c.present) for c in table_rows_candidates(table)] == [("Ines Falk", True), ("Otto Roos", False)]
    assert table_rows_candidates([["Punkt", "Beslut"], ["1", "Godkänt"]]) == []


# -- transcripts ---------------------------------------------------------------------------
def test_transcript_turns_intros_and_stripped_variants(nlp: Language) -> None:
    people = run(nlp, "transcript_turns.txt", "transcript")
    assert rows(people) == [
        ("Eva Marklund", None, "FoU Dalarna", "forskning", True),
        ("Åsa Lindqvist", "samordnare", "Elevhälsan i Borlänge kommun", "skola/förskola", True),
        ("Omar Haddad", "socialsekreterare; doktorand", "Högskolan Dalarna", "forskning", True),
    ]
    asa = people[1]
    assert [m.text for m in asa.mentions] == ["Asa Lindkvist", "Asa", "Åsa Lindqvist", "Asa", "Asa"]


def test_vtt_voice_tags(nlp: Language) -> None:
    assert rows(run(nlp, "webinar.txt", "transcript")) == [
        ("Liv Nyman", "kurator", "Sjöviksskolan", "skola/förskola", True),
        ("Sam Öst", None, None, None, True),
    ]


# -- abstracts, articles, slides -----------------------------------------------------------
def test_abstract_authors_with_footnotes_and_cited_researcher_left_out(nlp: Language) -> None:
    assert rows(run(nlp, "abstract_authors.txt", "abstract")) == [
        ("Hilda Ström", None, "Elevhälsan, Skövde kommun", "skola/förskola", None),
        ("Anton Berg", None, "Region Västra Götaland", "hälso- och sjukvård", None),
        ("Klara Nyqvist", None, "Elevhälsan, Skövde kommun", "skola/förskola", None),
    ]


def test_panel_article(nlp: Language) -> None:
    assert rows(run(nlp, "panel_article.txt", "article")) == [
        ("Ida Rosén", None, "barnrättsorganisationen BRIS", "brukar-/barnrättsorganisation", True),
        ("Leo Wahl", "verksamhetschef", "BUP Region Uppsala", "hälso- och sjukvård", True),
    ]


def test_slide_name_and_title_block() -> None:
    text = "Stina Åhs\n\nRektor, Hammarö kommun\n\nAgenda\n"
    assert [(c.name, c.role, c.organisation) for c in P.collect_candidates(text, "slides")] == [
        ("Stina Åhs", "Rektor", "Hammarö kommun")
    ]


# -- edge cases ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   \n\n", "Hej och välkommen.", "Region Sörmland och Ale kommun"])
def test_no_participants_in_text_without_persons(nlp: Language, text: str) -> None:
    assert P.extract_participants(nlp(text), kind="other") == []


def test_unknown_kind_is_treated_like_other(nlp: Language) -> None:
    assert P.extract_participants(nlp("Närvarande: Ada Ek, BVC"), kind="no-such-kind")[0].present is True


# -- building blocks -----------------------------------------------------------------------
def test_gazetteers_and_name_shapes() -> None:
    assert is_first_name("Ingrid") and is_first_name("Ann-Sophie") and not is_first_name("Region")
    assert looks_like_person("Gustav Starke Tanderup")
    assert not looks_like_person("Västra Götalandsregionen")
    assert split_person_prefix("Terese Forsberg Orust kommun") == ("Terese Forsberg", "Orust kommun")
    assert split_person_prefix("Zlatan Berg, BUP") is None
    assert split_person_prefix("Zlatan Berg, BUP", strict=False) == ("Zlatan Berg", "BUP")
    assert name_key("Sjökvist") == name_key("Sjoqvist") == name_key("Sjöqvist")


def test_merge_and_mentions() -> None:
    merged = merge_candidates(
        [Candidate("Karin Westerlund", role="processledare"), Candidate("Karin Westerl", present=True)]
    )
    assert [(c.name, c.role, c.present) for c in merged] == [("Karin Westerlund", "processledare", True)]
    two = merge_candidates([Candidate("Eva Ek"), Candidate("Eva Berg"), Candidate("Eva")])
    assert [c.name for c in two] == ["Eva Ek", "Eva Berg", "Eva"]  # ambiguous short name stays apart
    text = "Anna Ek och Bo Berg. Anna talar."
    mentions = find_mentions(text, [Candidate("Anna Ek"), Candidate("Bo Berg")])
    assert [[(m.text, m.start, m.end) for m in ms] for ms in mentions] == [
        [("Anna Ek", 0, 7), ("Anna", 21, 25)],
        [("Bo Berg", 12, 19)],
    ]


def test_roles() -> None:
    assert role_at_start("Delregional samordnare av Överenskommelsen") == "Delregional samordnare"
    assert role_at_start("Ale kommun") is None
    assert find_roles("annars docent i socialt arbete på MDU") == "docent i socialt arbete"
    assert adjunct_note("√ (adjungerad punkt 1-2)") == "adjungerad punkt 1-2"
    assert role_at_start("Vårdcentralschef") == "Vårdcentralschef"


def test_organisations_and_sectors() -> None:
    assert len(kommuner()) == 290 and len(set(kommuner())) == 290
    assert len(regioner()) == 21
    assert [m[2] for m in find_organisations("Mölndals stad, Ales kommun, Kungälv's kommun och VGR")] == [
        "Mölndals stad",
        "Ales kommun",
        "Kungälv's kommun",
        "VGR",
    ]
    assert sector_of("BUP, Södra Älvsborg") == "hälso- och sjukvård"
    assert sector_of("Elevhälsan, Tjörns kommun") == "skola/förskola"
    assert sector_of("Socialtjänsten, Tjörns kommun") == "socialtjänst"
    assert sector_of("NSPH") == "brukar-/barnrättsorganisation"
    assert sector_of("Högskolan i Gävle") == "forskning"
    assert sector_of("Försäkringskassan") == "annan offentlig"
    assert sector_of("Tjörns kommun") == "annan offentlig"
    assert sector_of(None, "socialsekreterare") == "socialtjänst"
    assert sector_of(None) is None


def test_component_sets_spans_and_ents() -> None:
    from svsamverkan.nlp import make_nlp

    nlp = make_nlp(components=("svsamverkan_kind", "svsamverkan_participants"))
    doc = nlp("Närvarande:\nAnna Berg, Elevhälsan, Ale kommun\n\nAnna informerar.")
    assert [p.name for p in doc._.participants] == ["Anna Berg"]
    assert [s.text for s in doc.spans["svs_persons"]] == ["Anna Berg", "Anna"]
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Anna Berg", "PER"),
        ("Elevhälsan", "ORG"),
        ("Ale kommun", "ORG"),
        ("Anna", "PER"),
    ]


def _people(nlp: Language, text: str, kind: str) -> list[tuple[str, str | None, str | None, bool | None]]:
    return [(p.name, p.role, p.organisation, p.present) for p in P.extract_participants(nlp(text), kind=kind)]


def test_footnote_numbers_restart_in_each_abstract(nlp: Language) -> None:
    text = (
        "Abstract 1\n\nOla Ek1, Eva Lund2\n\n1 Elevhälsan, Ale kommun\n2 BUP Borås\n\n"
        "Abstract 2\n\nPer Holm1, Kim Berg2\n\n1 Socialtjänsten, Lerums kommun\n2 Göteborgs universitet\n"
    )
    assert [(n, o) for n, _, o, _ in _people(nlp, text, "abstract")] == [
        ("Ola Ek", "Elevhälsan, Ale kommun"),
        ("Eva Lund", "BUP Borås"),
        ("Per Holm", "Socialtjänsten, Lerums kommun"),
        ("Kim Berg", "Göteborgs universitet"),
    ]


def test_host_presents_guests_with_roles(nlp: Language) -> None:
    text = (
        "Lisa: Hej! Med mig i studion har jag Ola Ek, som är kurator på BUP, "
        "och Eva Lund, som arbetar som socialsekreterare.\n\nOla: Tack.\n\nEva: Hej.\n\nLisa: Ola?\n\nOla: Ja.\n"
    )
    people = {n: r for n, r, _, _ in _people(nlp, text, "transcript")}
    assert people["Ola Ek"] == "kurator"
    assert people["Eva Lund"] == "socialsekreterare"


def test_text_table_rows_are_not_read_again_as_a_list(nlp: Language) -> None:
    text = "Närvarande\n\nNamn\tOrganisation\tNärvarande\nOla Ek\tBUP Borås\t✓\nEva Lund\tBVC Ale\t-\n\n1. Inledning\n"
    assert _people(nlp, text, "minutes") == [
        ("Ola Ek", None, "BUP Borås", True),
        ("Eva Lund", None, "BVC Ale", False),
    ]


def test_role_with_compound_ellipsis_is_kept_whole() -> None:
    role = find_roles("Åke Ek, chef för individ- och familjeomsorgen, svarar.")
    assert role == "chef för individ- och familjeomsorgen"


def test_signature_names_at_the_end_do_not_make_a_transcript() -> None:
    from svsamverkan.extract.kind import detect_kind

    text = "PM om samverkan\n\nVi ska träffas varje månad på skolan.\n\nOla Ek, rektor.\n\nOla Ek\nEva Lund\n"
    assert detect_kind(text)[0] != "transcript"


def test_signature_role_line_with_organisation() -> None:
    from svsamverkan.extract.attendance import signature_candidates

    cands = signature_candidates("Vid minnesanteckningarna\nEva Lund\nSamordnare, Familjecentralen Ale\n")
    assert [(c.name, c.role, c.organisation) for c in cands] == [("Eva Lund", "Samordnare", "Familjecentralen Ale")]


# -- literal pre-filters: the fast organisation scan finds exactly what the plain patterns find --------
_TRICKY = (
    "Möte med BUP\nElevhälsan i Ale kommun, Östra sjukhuset och grundskolan\n\n"
    "ELEVHÄLSAN\tVGR\tRegion Skåne\r\nSocialtjänsten (IFO) och BRIS.\n"
    "Göteborgs universitet och Högskolan Väst\nİstanbul ſkola och Σ-grupp\nbarn- och\nungdomspsykiatri"
)


def _org_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    texts += [_TRICKY, _TRICKY.upper(), _TRICKY.lower(), "", "\n", "BUP", "x BUP", "skola\n"]
    return texts + [t.replace("\n", " ") for t in texts]


def test_prefiltered_organisation_patterns_match_like_plain_patterns() -> None:
    from svsamverkan.extract.organisations import _prefiltered
    from svsamverkan.extract.prefilter import lower_for_literals

    for text in _org_texts():
        lowered = lower_for_literals(text)
        for rx in _prefiltered():
            assert [m.span() for m in rx.finditer(text, lowered)] == [m.span() for m in rx.regex.finditer(text)]


def test_find_organisations_on_tricky_text() -> None:
    assert [m[2] for m in find_organisations(_TRICKY)] == [
        "BUP", "Elevhälsan", "Ale kommun", "sjukhuset", "grundskolan", "ELEVHÄLSAN", "VGR", "Region Skåne",
        "Socialtjänsten", "IFO", "BRIS", "Göteborgs universitet", "Högskolan", "ſkola",
    ]


def test_required_literals_and_line_locality() -> None:
    import re

    from svsamverkan.extract.prefilter import PrefilteredRegex, required_literals

    assert required_literals(r"\bgodk(?:änns|ändes)\b") == ("godkändes", "godkänns")
    assert required_literals(r"(?:abc)*x") is None  # an optional group promises nothing
    assert required_literals(r"foo(?i:BAR)x", min_len=4) is None  # a scoped (?i:) literal is not case-exact
    assert required_literals("İstanbul", re.I) is None  # İ matches more than its lower case shows
    local = {p: PrefilteredRegex.of(re.compile(p)).line_local for p in (r"ab\sc", r"ab.c", r"[^\n]abc", r"abc$",
                                                                           r"abc(?=\s)", r"(?<=\s)abc")}
    assert local == {r"ab\sc": False, r"ab.c": True, r"[^\n]abc": True, r"abc$": False, r"abc(?=\s)": False,
                     r"(?<=\s)abc": True}


def test_lower_for_literals_refuses_unsafe_text() -> None:
    from svsamverkan.extract.prefilter import lower_for_literals

    assert lower_for_literals("Åsa ÖSTLUND") == "åsa östlund"
    assert [lower_for_literals(t) for t in ("İ", "ſ", "Σ", "µ")] == [None, None, None, None]


def test_fold_and_gazetteer_folding_match_the_per_character_definition() -> None:
    import unicodedata

    from svsamverkan.extract.names import _FOLD_PAIRS, _folded_lower, first_names, fold

    table = str.maketrans(dict(_FOLD_PAIRS))
    samples = ["Sjöqvist", "ÅSA ÄNGLUND Ørsted Æble Zoë Müller", "Cafe\u0301", "x" * 300 + "ö", "İlkay", ""]
    for s in samples:
        assert fold(s) == unicodedata.normalize("NFC", s).translate(table)
    names = frozenset({"Åsa", "Örjan", "Zoë", "İlkay", "ΟΔΥΣΣΕΑΣ", "Cafe\u0301"})
    assert _folded_lower(names) == frozenset(fold(n).lower() for n in names)
    assert {"asa", "ingrid"} <= first_names()


def test_break_positions_and_pieces() -> None:
    import re

    from svsamverkan.extract.prefilter import _break_positions, _pieces_holding

    for text in ("", "a,b", ",,", "abc.", ".abc", "a\nb,c. d", "BUP, bup.\nbup"):
        assert _break_positions(text, ",.\n") == [m.start() for m in re.finditer(r"[,.\n]", text)]
    assert _pieces_holding("x, bup bup. y\nbup", ("bup",), ",.\n") == [(2, 10), (14, 17)]
