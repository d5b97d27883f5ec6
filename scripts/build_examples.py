"""Build the example archive corpora/examples/archive/ from the text sources.

    .venv/bin/python scripts/build_examples.py

Every document in corpora/examples/sources/ was written for the project. This
script renders them to the formats analysts have (PDF, DOCX, PPTX, a damaged
podcast transcript, a DOS cp850 text file; HTML, SRT and TXT are copied) and
writes the text each file reads as to corpora/examples/gold/<stem>.txt, next to
the hand-made <stem>.gold.json, so the scorers in shared/dev/tools can run on
that folder. Deterministic: rerunning gives byte-identical files.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from docbuild import parse_slides, write_docx, write_pdf, write_pptx  # noqa: E402

EXAMPLES = ROOT / "corpora" / "examples"
SOURCES = EXAMPLES / "sources"
ARCHIVE = EXAMPLES / "archive"
GOLD = EXAMPLES / "gold"

DAMAGE_SEED = 20260115
STRIP = str.maketrans("åäöÅÄÖ", "aaoAAO")
OCR_CONFUSIONS = {"ö": ("é",), "ä": ("d", "&"), "å": ("3",)}
"""Letters as OCR misreads them in scanned transcripts (ö -> é, ä -> d or &, å -> 3)."""


def damage_text(text: str, *, seed: int = DAMAGE_SEED, p_strip: float = 0.75, p_confuse: float = 0.12) -> str:
    """Damage Swedish letters the way a poor OCR/export does, deterministically.

    Per word with å/ä/ö: with ``p_strip`` all of them lose their dots and rings
    ("bästa" -> "basta"); with ``p_confuse`` the first becomes an OCR confusion
    ("för" -> "fér", "här" -> "hdr", "på" -> "p3") and the rest are stripped;
    otherwise the word is kept. Word and line counts never change.
    """
    rng = random.Random(seed)

    def one(match: re.Match[str]) -> str:
        word = match.group()
        if not any(ch in "åäöÅÄÖ" for ch in word):
            return word
        r = rng.random()
        if r < p_strip:
            return word.translate(STRIP)
        if r < p_strip + p_confuse:
            i = next(i for i, ch in enumerate(word) if ch in "åäöÅÄÖ")
            ch = word[i]
            if ch in OCR_CONFUSIONS:
                options = OCR_CONFUSIONS[ch]
                return (word[:i] + options[rng.randrange(len(options))] + word[i + 1:]).translate(STRIP)
            return word.translate(STRIP)
        return word

    return re.sub(r"\w+", one, text)


def build() -> list[Path]:
    """Write the archive and the read-back texts; return the archive files."""
    ARCHIVE.mkdir(parents=True, exist_ok=True)
    GOLD.mkdir(parents=True, exist_ok=True)
    for old in ARCHIVE.iterdir():
        old.unlink()
    src = SOURCES
    write_pdf((src / "lsg-barn-unga-2026-02-12.md").read_text(encoding="utf-8"),
              ARCHIVE / "lsg-barn-unga-2026-02-12.pdf", title="Minnesanteckningar LSG barn och unga 2026-02-12",
              page_break_before=("5. Placerade barns hälsa",))
    write_docx((src / "lsg-barn-unga-2026-04-16.md").read_text(encoding="utf-8"),
               ARCHIVE / "lsg-barn-unga-2026-04-16.docx", title="Minnesanteckningar LSG barn och unga 2026-04-16")
    write_pptx(parse_slides((src / "bildspel-tidiga-insatser-harryda.md").read_text(encoding="utf-8")),
               ARCHIVE / "bildspel-tidiga-insatser-harryda.pptx", title="Tidiga insatser – tillsammans för barnen")
    clean = (src / "podd-barnens-basta-avsnitt-7.clean.txt").read_text(encoding="utf-8")
    (ARCHIVE / "podd-barnens-basta-avsnitt-7.txt").write_text(damage_text(clean), encoding="utf-8")
    dos = (src / "dos-pm-samverkan-1996.txt").read_text(encoding="utf-8")
    (ARCHIVE / "dos-pm-samverkan-1996.txt").write_bytes(dos.replace("\n", "\r\n").encode("cp850") + b"\x1a")
    for name in ("konferensartikel-barnens-halsa-boras.html", "konferens-abstracts-2026.txt",
                 "webbinarium-sip-i-praktiken.srt"):
        shutil.copyfile(src / name, ARCHIVE / name)
    files = sorted(ARCHIVE.iterdir())
    write_read_back_texts(files)
    return files


def write_read_back_texts(files: list[Path]) -> None:
    """Write gold/<stem>.txt: what svsamverkan's readers make of each archive file."""
    from svsamverkan.readers import read

    for path in files:
        (GOLD / f"{path.stem}.txt").write_text(read(path).text, encoding="utf-8")


if __name__ == "__main__":
    for f in build():
        print(f"{f.stat().st_size:7d}  {f.relative_to(ROOT)}")
