"""Build the reader test files in tests/data/readers/ (run once; the files are committed).

    .venv/bin/python scripts/build_test_files.py

All text is written for the project. Needs fpdf2, pypdf, python-docx, python-pptx,
Pillow and the DejaVu fonts. Rerunning gives the same files.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docbuild import Slide, encrypt_pdf, write_docx, write_pdf, write_pptx, write_scanned_pdf

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "readers"

SWEDISH_LINE = "Mötet på familjecentralen i Örby: Åsa och Per går igenom föräldrastödet."

MINUTES = """\
# Anteckningar samverkansmöte

Datum: 2026-03-04
Plats: Familjecentralen i Örby

| Namn | Organisation | Närvarande |
| Åsa Berg | Elevhälsan | ✓ |
| Per Lind | Socialtjänsten | - |

## 1. Föräldrastöd

Gruppen beslutar att erbjuda föräldrastöd under våren.
Per Lind får i uppdrag att boka lokal.

## 2. Nästa möte

Nästa möte hålls den 6 maj.
"""

DOCX_MINUTES = """\
# Samverkan kring barn

Datum: 2026-03-04

## Närvarande

| Namn | Organisation |
| Åsa Berg | Elevhälsan |
| Per Lind | BUP |

## Beslut

- Gruppen beslutar att starta en SIP-rutin.
- Punkten om lokaler bordläggs.

Vid anteckningarna
Åsa Berg
"""

SLIDES = [
    Slide(title="Tidiga insatser i Örby", subtitle="Åsa Berg, Elevhälsan"),
    Slide(title="Varför samverkan?", bullets=["- Barnets behov först", "  - Skola och socialtjänst", "- SIP"],
          notes="Börja med ett exempel från förskolan."),
    Slide(title="Vilka deltar", rows=[["Namn", "Roll"], ["Per Lind", "Kurator"]]),
]

ARTICLE_HTML = """\
<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Barnens röst i Örby | Kommunen</title>
<script>var tracking = 1;</script><style>p { color: black; }</style></head>
<body>
<div id="cookie-consent">Vi använder kakor. <button>Godkänn</button></div>
<header><a href="/">Startsida</a><nav><ul><li>Om oss</li><li>Kontakt</li></ul></nav></header>
<main>
<article>
<h1>Barnens röst i Örby</h1>
<p>Under våren har <b>elevhälsan</b> och socialtjänsten
frågat barnen vad som fungerar.</p>
<h2>Panelen</h2>
<ul><li>Åsa Berg, Elevhälsan</li><li>Per Lind, Socialtjänsten</li></ul>
<blockquote><p>”Vi måste lyssna först”, säger Åsa Berg.</p></blockquote>
</article>
<aside>Läs också: fler nyheter</aside>
</main>
<footer>Kontakta kommunen</footer>
</body></html>
"""

WEBINAR_SRT = """\
1
00:00:01,000 --> 00:00:03,500
Åsa Berg: Välkomna till
dagens webbinarium.

2
00:00:03,600 --> 00:00:06,000
Vi pratar om SIP.

3
00:00:06,500 --> 00:00:09,000
Per Lind: Tack, Åsa.
"""

PANEL_VTT = """\
WEBVTT

NOTE inspelad 2026-03-04

intro
00:00.000 --> 00:02.000 align:start
<v Åsa Berg>Hej allihop.</v>

00:02.000 --> 00:04.000
<v Åsa Berg>Först en fråga.

00:04.500 --> 00:06.000
<v.svar Per Lind><i>Gärna!</i>
"""


def build() -> None:
    """Write every fixture file."""
    OUT.mkdir(parents=True, exist_ok=True)
    build_text_files()
    build_pdf_files()
    build_office_files()
    build_html_files()
    build_subtitle_files()


def build_text_files() -> None:
    (OUT / "utf8.md").write_text("# Samverkan\n\n" + SWEDISH_LINE + "\n", encoding="utf-8")
    (OUT / "utf8_bom.txt").write_bytes(b"\xef\xbb\xbf" + (SWEDISH_LINE + "\n").encode("utf-8"))
    (OUT / "utf16.txt").write_bytes((SWEDISH_LINE + "\n").encode("utf-16"))
    (OUT / "cp1252.txt").write_bytes(("Möte – öppen förskola\r\n" + SWEDISH_LINE + "\r\n").encode("cp1252"))
    framed = "╒══════════╕\n│ PROTOKOLL │\n╘══════════╛\n" + SWEDISH_LINE + "\n"
    (OUT / "cp437.txt").write_bytes(framed.replace("\n", "\r\n").encode("cp437") + b"\x1a")
    (OUT / "cp850.txt").write_bytes(("Närvarande: Åsa, Per\r\n" + SWEDISH_LINE + "\r\n").encode("cp850"))
    (OUT / "empty.txt").write_bytes(b"  \n\n")
    (OUT / "binary.txt").write_bytes(_png_bytes())
    rng = random.Random(7)
    junk = bytes(rng.randrange(0x80, 0x100) if i % 6 else 0x20 for i in range(600))
    (OUT / "undecodable.txt").write_bytes(junk)


def _png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def build_pdf_files() -> None:
    write_pdf(MINUTES, OUT / "minutes.pdf", title="Anteckningar", page_break_before=("2. Nästa möte",))
    encrypt_pdf(OUT / "minutes.pdf", OUT / "encrypted.pdf", "hemligt")
    write_scanned_pdf(["Samverkan kring barn", "Elevhälsan och BUP"], OUT / "scanned.pdf")
    (OUT / "empty.pdf").write_bytes(b"")
    (OUT / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nendobj\ntrailer\n<<")
    from docbuild import new_pdf

    blank = new_pdf("Tom sida")
    blank.add_page()
    blank.output(str(OUT / "blank.pdf"))


def build_office_files() -> None:
    write_docx(DOCX_MINUTES, OUT / "minutes.docx", title="Samverkan kring barn")
    write_pptx(SLIDES, OUT / "slides.pptx", title="Tidiga insatser")
    for name in ("empty.docx", "empty.pptx"):
        (OUT / name).write_bytes(b"")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("readme.txt", date_time=(2026, 1, 15, 9, 0, 0)), "inte ett Word-dokument")
    (OUT / "broken.docx").write_bytes(buf.getvalue())
    (OUT / "broken.pptx").write_text("Det här är ingen presentation.\n", encoding="utf-8")


def build_html_files() -> None:
    (OUT / "article.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (OUT / "empty.html").write_text("\n  \n", encoding="utf-8")
    (OUT / "chrome_only.html").write_text(
        "<html><body><nav><a href='/'>Start</a></nav><footer>Kontakt</footer></body></html>\n", encoding="utf-8"
    )
    (OUT / "broken.html").write_bytes(_png_bytes())


def build_subtitle_files() -> None:
    (OUT / "webinar.srt").write_text(WEBINAR_SRT, encoding="utf-8")
    (OUT / "panel.vtt").write_text(PANEL_VTT, encoding="utf-8")
    (OUT / "empty.srt").write_text("\n", encoding="utf-8")
    (OUT / "broken.srt").write_text("1\nHär saknas tiden\n\n2\nOch här med.\n", encoding="utf-8")
    (OUT / "broken.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:0x.000\nHej\n", encoding="utf-8")


if __name__ == "__main__":
    build()
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:7d}  {path.relative_to(OUT.parent.parent.parent)}")
