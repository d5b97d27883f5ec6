"""Readers on real files of each format (built by scripts/build_test_files.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from svsamverkan.errors import ERROR_CODES, ReadError
from svsamverkan.model import Page, Table
from svsamverkan.readers import ocr, read
from svsamverkan.readers.text import decode_bytes

DATA = Path(__file__).resolve().parent / "data" / "readers"
LINE = "Mötet på familjecentralen i Örby: Åsa och Per går igenom föräldrastödet."


def _error(name: str) -> ReadError:
    with pytest.raises(ReadError) as info:
        read(DATA / name)
    return info.value


# -- errors: every bad file gives a coded error that names the file -------------------------------

BAD_FILES = [
    ("empty.txt", "E003"),
    ("binary.txt", "E005"),
    ("undecodable.txt", "E006"),
    ("empty.pdf", "E003"),
    ("broken.pdf", "E010"),
    ("encrypted.pdf", "E012"),
    ("blank.pdf", "E003"),
    ("empty.docx", "E003"),
    ("broken.docx", "E020"),
    ("empty.pptx", "E003"),
    ("broken.pptx", "E020"),
    ("empty.html", "E003"),
    ("broken.html", "E030"),
    ("chrome_only.html", "E003"),
    ("empty.srt", "E003"),
    ("broken.srt", "E040"),
    ("broken.vtt", "E040"),
]


@pytest.mark.parametrize(("name", "code"), BAD_FILES)
def test_bad_file_gives_coded_error_naming_the_file(name: str, code: str) -> None:
    err = _error(name)
    assert err.code == code
    assert code in ERROR_CODES
    assert str(err).startswith(f"{code}: '{DATA / name}': ")
    assert err.reason


def test_encrypted_pdf_message_says_what_to_do() -> None:
    err = _error("encrypted.pdf")
    assert "encrypted" in err.reason
    assert "password" in err.hint


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    assert _error("no-such-file.pdf").code == "E001"
    odd = tmp_path / "notes.xyz"
    odd.write_text("hej", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read(odd)
    assert info.value.code == "E002"


def test_file_over_the_limit() -> None:
    with pytest.raises(ReadError) as info:
        read(DATA / "minutes.pdf", max_bytes=1000)
    assert info.value.code == "E004"


# -- text and encodings ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "encoding", "text"),
    [
        ("utf8.md", "utf-8", "# Samverkan\n\n" + LINE + "\n"),
        ("utf8_bom.txt", "utf-8-sig", LINE + "\n"),
        ("utf16.txt", "utf-16", LINE + "\n"),
        ("cp1252.txt", "cp1252", "Möte – öppen förskola\n" + LINE + "\n"),
        ("cp850.txt", "cp850", "Närvarande: Åsa, Per\n" + LINE + "\n"),
        ("cp437.txt", "cp437", "╒══════════╕\n│ PROTOKOLL │\n╘══════════╛\n" + LINE + "\n"),
    ],
)
def test_text_encodings(name: str, encoding: str, text: str) -> None:
    result = read(DATA / name)
    assert result.text == text
    assert result.metadata["encoding"] == encoding
    assert result.format == Path(name).suffix.lstrip(".")


def test_dos_file_is_not_taken_for_cp1252() -> None:
    # In cp1252 these bytes would read "M”te p† BUP"
    assert decode_bytes("Möte på BUP".encode("cp437"), "x.txt")[0] == "Möte på BUP"


def test_latin1_file_with_c1_free_bytes_reads_as_cp1252() -> None:
    assert decode_bytes("Västra Götaland".encode("latin-1"), "x.txt") == ("Västra Götaland", "cp1252")


def test_bomless_utf16() -> None:
    assert decode_bytes("Barn och unga".encode("utf-16-le"), "x.txt") == ("Barn och unga", "utf-16-le")


# -- PDF ------------------------------------------------------------------------------------------

MINUTES_PDF_TEXT = (
    "Anteckningar samverkansmöte\n\n"
    "Datum: 2026-03-04\nPlats: Familjecentralen i Örby\n\n"
    "Namn\tOrganisation\tNärvarande\nÅsa Berg\tElevhälsan\t✓\nPer Lind\tSocialtjänsten\t-\n\n"
    "1. Föräldrastöd\n\n"
    "Gruppen beslutar att erbjuda föräldrastöd under våren.\nPer Lind får i uppdrag att boka lokal.\n\n"
    "2. Nästa möte\n\nNästa möte hålls den 6 maj."
)


def test_pdf_text_pages_and_table() -> None:
    result = read(DATA / "minutes.pdf")
    assert result.text == MINUTES_PDF_TEXT
    assert result.format == "pdf"
    assert [p.number for p in result.pages] == [1, 2]
    assert result.text[result.pages[1].start:result.pages[1].end] == "2. Nästa möte\n\nNästa möte hålls den 6 maj."
    assert result.pages[0].end + 2 == result.pages[1].start
    (table,) = result.tables
    assert table.rows == (
        ("Namn", "Organisation", "Närvarande"),
        ("Åsa Berg", "Elevhälsan", "✓"),
        ("Per Lind", "Socialtjänsten", "-"),
    )
    assert table.page == 1
    assert result.text[table.start:table.end].split("\n")[1] == "Åsa Berg\tElevhälsan\t✓"
    assert result.text.count("Socialtjänsten") == 1  # the table's text is not repeated
    assert result.metadata["page_count"] == 2


def test_pdf_page_limit() -> None:
    from svsamverkan.readers.pdf import read_pdf

    result = read_pdf(DATA / "minutes.pdf", max_pages=1)
    assert len(result.pages) == 1
    assert result.text.endswith("boka lokal.")


def test_scanned_pdf_without_tesseract_asks_for_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "tesseract_available", lambda lang="swe": False)
    err = _error("scanned.pdf")
    assert err.code == "E013"
    assert "tesseract" in err.hint
    assert str(DATA / "scanned.pdf") in str(err)


@pytest.mark.skipif(shutil.which("tesseract") is None or not ocr.tesseract_available("swe"),
                    reason="tesseract with the Swedish model is not installed")
def test_scanned_pdf_is_read_with_ocr() -> None:
    result = read(DATA / "scanned.pdf")
    assert result.pages == (Page(number=1, start=0, end=len(result.text), ocr=True),)
    assert "Samverkan kring barn" in result.text
    assert "Elevhälsan och BUP" in result.text


# -- DOCX / PPTX ----------------------------------------------------------------------------------

def test_docx_paragraphs_tables_and_lists_in_order() -> None:
    result = read(DATA / "minutes.docx")
    assert result.text == (
        "Samverkan kring barn\n\nDatum: 2026-03-04\n\nNärvarande\n\n"
        "Namn\tOrganisation\nÅsa Berg\tElevhälsan\nPer Lind\tBUP\n\n"
        "Beslut\n\n- Gruppen beslutar att starta en SIP-rutin.\n- Punkten om lokaler bordläggs.\n\n"
        "Vid anteckningarna\nÅsa Berg"
    )
    assert result.tables == (
        Table(rows=(("Namn", "Organisation"), ("Åsa Berg", "Elevhälsan"), ("Per Lind", "BUP")), start=53, end=103),
    )
    assert result.metadata["title"] == "Samverkan kring barn"


def test_pptx_slides_titles_bullets_tables_and_notes() -> None:
    result = read(DATA / "slides.pptx")
    assert result.kind_hint == "slides"
    assert [p.title for p in result.pages] == ["Tidiga insatser i Örby", "Varför samverkan?", "Vilka deltar"]
    slide2 = result.text[result.pages[1].start:result.pages[1].end]
    assert slide2 == (
        "Varför samverkan?\n\n- Barnets behov först\n  - Skola och socialtjänst\n- SIP\n\n"
        "Anteckningar: Börja med ett exempel från förskolan."
    )
    assert result.text[result.pages[0].start:result.pages[0].end] == "Tidiga insatser i Örby\n\nÅsa Berg, Elevhälsan"
    (table,) = result.tables
    assert table.rows == (("Namn", "Roll"), ("Per Lind", "Kurator"))
    assert table.page == 3
    assert result.text[table.start:table.end] == "Namn\tRoll\nPer Lind\tKurator"


# -- HTML -----------------------------------------------------------------------------------------

def test_html_main_text_without_chrome() -> None:
    result = read(DATA / "article.html")
    assert result.text == (
        "Barnens röst i Örby\n\n"
        "Under våren har elevhälsan och socialtjänsten\nfrågat barnen vad som fungerar.\n\n"
        "Panelen\n\n- Åsa Berg, Elevhälsan\n- Per Lind, Socialtjänsten\n\n"
        "”Vi måste lyssna först”, säger Åsa Berg."
    )
    assert result.kind_hint == "article"
    assert result.metadata["title"] == "Barnens röst i Örby | Kommunen"
    for chrome in ("kakor", "Startsida", "Kontakt", "Läs också", "tracking"):
        assert chrome not in result.text


def test_html_without_article_has_no_kind_hint(tmp_path: Path) -> None:
    page = tmp_path / "sida.htm"
    page.write_text("<html><body><nav>Meny</nav><main><p>Öppet hus på BUP.</p>"
                    "<table><tr><td>Tid</td><td>Plats</td></tr></table></main></body></html>", encoding="utf-8")
    result = read(page)
    assert result.text == "Öppet hus på BUP.\n\nTid\tPlats"
    assert result.kind_hint is None
    assert result.tables == (Table(rows=(("Tid", "Plats"),), start=19, end=28),)


# -- subtitles ------------------------------------------------------------------------------------

def test_srt_speaker_turns_and_cue_times() -> None:
    result = read(DATA / "webinar.srt")
    assert result.text == "Åsa Berg: Välkomna till dagens webbinarium. Vi pratar om SIP.\n\nPer Lind: Tack, Åsa."
    assert result.kind_hint == "transcript"
    cues = result.metadata["cues"]
    assert [(c["start"], c["end"], c["speaker"]) for c in cues] == [
        ("00:00:01.000", "00:00:03.500", "Åsa Berg"),
        ("00:00:03.600", "00:00:06.000", "Åsa Berg"),
        ("00:00:06.500", "00:00:09.000", "Per Lind"),
    ]
    assert [result.text[c["text_start"]:c["text_end"]] for c in cues] == [
        "Välkomna till dagens webbinarium.", "Vi pratar om SIP.", "Tack, Åsa."
    ]


def test_vtt_voice_tags_notes_and_styling() -> None:
    result = read(DATA / "panel.vtt")
    assert result.text == "Åsa Berg: Hej allihop. Först en fråga.\n\nPer Lind: Gärna!"
    assert result.format == "vtt"
    assert [c["start_s"] for c in result.metadata["cues"]] == [0.0, 2.0, 4.5]


def test_subtitles_without_speakers_split_at_pauses(tmp_path: Path) -> None:
    srt = tmp_path / "tyst.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nEtt.\n\n2\n00:00:02,100 --> 00:00:03,000\nTvå.\n\n"
                   "3\n00:00:09,000 --> 00:00:10,000\nTre.\n", encoding="utf-8")
    assert read(srt).text == "Ett. Två.\n\nTre."


# -- the example archive: every file reads as its gold text, and the gold paragraphs line up ------

EXAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "examples"
ARCHIVE_FILES = sorted((EXAMPLES / "archive").iterdir()) if (EXAMPLES / "archive").is_dir() else []


def _blocks(text: str) -> list[str]:
    import re

    return [b.strip() for b in re.split(r"\n[ \t\u00a0\f\v]*\n(?:[ \t\u00a0\f\v]*\n)*", text) if b.strip()]


@pytest.mark.parametrize("path", ARCHIVE_FILES, ids=lambda p: p.name)
def test_example_archive_reads_as_its_gold_text(path: Path) -> None:
    import json

    text = read(path).text
    assert text == (EXAMPLES / "gold" / f"{path.stem}.txt").read_text(encoding="utf-8")
    gold = json.loads((EXAMPLES / "gold" / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
    assert [p["text"] for p in gold["paragraphs"]] == [b[:60] for b in _blocks(text)]


def test_example_archive_covers_every_format() -> None:
    assert {p.suffix for p in ARCHIVE_FILES} == {".pdf", ".docx", ".pptx", ".txt", ".html", ".srt"}
    dos = read(EXAMPLES / "archive" / "dos-pm-samverkan-1996.txt")
    assert dos.metadata["encoding"] == "cp850"
    assert dos.text.startswith("PM SAMVERKAN SKOLA - SOCIALTJÄNST\nVänersborgs kommun")


def test_html_title_above_main_is_kept(tmp_path: Path) -> None:
    page = tmp_path / "nyhet.html"
    page.write_text("<body><div class='hero-banner'><h1>Ny rutin för SIP</h1></div><nav>Meny</nav>"
                    "<main><p>Från och med maj.</p><ul><li><p>Ett</p><p>två</p></li></ul></main>"
                    "<div class='sidebar'>Länkar</div></body>", encoding="utf-8")
    assert read(page).text == "Ny rutin för SIP\n\nFrån och med maj.\n\n- Ett två"


def test_docx_text_inside_content_controls(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("Före")
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>I kontrollen</w:t></w:r></w:p>"
                    "</w:sdtContent></w:sdt>")
    document.element.body.insert(1, sdt)
    path = tmp_path / "mall.docx"
    document.save(str(path))
    assert read(path).text == "Före\n\nI kontrollen"


def test_srt_without_blank_lines_between_cues(tmp_path: Path) -> None:
    srt = tmp_path / "tät.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nEva Lund: Hej.\n2\n00:00:02,000 --> 00:00:03,000\n"
                   "Per Ås: Tjena.\n", encoding="utf-8")
    assert read(srt).text == "Eva Lund: Hej.\n\nPer Ås: Tjena."


def test_srt_text_without_timing_is_an_error(tmp_path: Path) -> None:
    srt = tmp_path / "trasig.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nHej.\n\nLös rad\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read(srt)
    assert info.value.code == "E040"
    assert "line 5" in info.value.reason
