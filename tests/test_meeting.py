"""Meeting metadata: header fields, dates, agenda items and their spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from svsamverkan.extract.agenda import agenda_items, item_at
from svsamverkan.extract.meeting import extract_meeting, header_fields, parse_date
from svsamverkan.nlp import blank_swedish


@pytest.fixture(scope="module")
def nlp():
    return blank_swedish()


def test_minutes_header_and_agenda(nlp, data_dir: Path) -> None:
    text = (data_dir / "decisions" / "minutes_small.txt").read_text(encoding="utf-8")
    m = extract_meeting(nlp(text))
    assert m is not None
    assert (m.name, m.date, m.place, m.document_date) == (
        "Arbetsgruppen för skolnärvaro", "2025-04-02", "Tallbacka skola", "2025-04-07")
    assert [(a["number"], a["title"]) for a in m.agenda] == [
        ("1", "Presentationsrunda"), ("2", "Närvaroteam"), ("3", "Kartläggning av hemmasittare"), ("4", "Övrigt")]
    second = m.agenda[1]
    assert text[second["start"]:second["end"]].startswith("2. **Närvaroteam**")
    assert text[second["start"]:second["end"]].rstrip().endswith("till nästa möte.")


def test_title_line_gives_name_and_date(nlp) -> None:
    m = extract_meeting(nlp("Protokoll från Styrgruppen Barn 5 mars 2024\n\n§ 1 Öppnande\n§ 2 Skolfrånvaro\n"))
    assert m is not None
    assert (m.name, m.date) == ("Styrgruppen Barn", "2024-03-05")
    assert [a["number"] for a in m.agenda] == ["§ 1", "§ 2"]


def test_two_dates_meeting_date_is_the_one_near_the_fields(nlp) -> None:
    text = "Datum 2026-05-07\nDokumenttyp Minnesanteckningar\n\nÄrende\tGruppen\nDatum\t2026-04-29\nPlats\tSalen\n"
    m = extract_meeting(nlp(text))
    assert m is not None
    assert (m.date, m.document_date, m.place) == ("2026-04-29", "2026-05-07", "Salen")


def test_not_a_meeting(nlp) -> None:
    assert extract_meeting(nlp("En artikel om föräldrastöd.\n\nMer text här.")) is None
    assert extract_meeting(nlp("")) is None


def test_kind_minutes_alone_is_enough(nlp) -> None:
    m = extract_meeting(nlp("Anteckningar utan rubriker."), kind="minutes")
    assert m is not None and m.agenda == () and m.name is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [("den 3 oktober 2024", "2024-10-03"), ("2025-01-15", "2025-01-15"), ("7/11 2023", "2023-11-07"),
     ("13/13 2023", None), ("inget datum", None)],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_header_fields_skip_non_dates() -> None:
    assert header_fields("Datum: senare\nPlats: Aulan") == [("place", "Aulan", 1)]


def test_numbered_list_inside_item_is_not_an_item() -> None:
    text = "1. Budget\nText.\n1. första punkt i en lista\n2. Skola\nText.\n"
    assert [i.title for i in agenda_items(text)] == ["Budget", "Skola"]


def test_running_text_is_not_an_item() -> None:
    assert agenda_items("1. Vi började. Sedan fortsatte vi länge med mötet.\n2. Hej\n") == []


def test_item_at_outside_any_item() -> None:
    assert item_at([], 5) is None
