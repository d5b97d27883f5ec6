"""OCR of scanned PDF pages with the Tesseract binary and its Swedish model.

Tesseract is an optional system tool (``apt-get install tesseract-ocr
tesseract-ocr-swe``); :func:`tesseract_available` says whether it and the
language model are installed, and the PDF reader falls back to error E013 when
they are not.

>>> isinstance(tesseract_available(), bool)
True
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from typing import Any

from ..errors import ReadError

OCR_RESOLUTION = 300
"""Dots per inch used to render a page for Tesseract (300 is its sweet spot)."""

OCR_TIMEOUT_S = 300


@functools.lru_cache(maxsize=8)
def tesseract_available(lang: str = "swe") -> bool:
    """True when the ``tesseract`` binary and the model for ``lang`` are installed.

    >>> tesseract_available("no-such-language")
    False
    """
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    langs = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    return lang in langs


def ocr_image_bytes(image: bytes, source: str, *, lang: str = "swe") -> str:
    """Run Tesseract on an encoded image (PNG) and return its text.

    Raises ``ReadError`` E013 naming ``source`` when Tesseract is missing or fails.

    >>> ocr_image_bytes(b"", "sida1.png", lang="no-such-language")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    svsamverkan.errors.ReadError: E013: 'sida1.png': OCR needs tesseract with the 'no-such-language' language model; ...
    """
    exe = shutil.which("tesseract")
    if exe is None or not tesseract_available(lang):
        raise ReadError("E013", source, f"OCR needs tesseract with the '{lang}' language model",
                        "install it with: apt-get install tesseract-ocr tesseract-ocr-swe")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # Tesseract's threads only fight on small machines
    try:
        out = subprocess.run([exe, "stdin", "stdout", "-l", lang], input=image, capture_output=True,
                             timeout=OCR_TIMEOUT_S, check=False, env=env)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ReadError("E013", source, f"tesseract failed: {exc}") from None
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError("E013", source, "tesseract failed: " + (message[-1] if message else f"exit {out.returncode}"))
    return out.stdout.decode("utf-8", "replace")


def ocr_pdf_page(page: Any, source: str, *, lang: str = "swe", resolution: int = OCR_RESOLUTION) -> str:
    """Render a pdfplumber page to an image and OCR it; returns tidied text.

    Lines are kept; runs of blank lines become one blank line (a paragraph break).
    """
    try:
        image = page.to_image(resolution=resolution).original
        buf = io.BytesIO()
        image.save(buf, format="PNG")
    except Exception as exc:
        raise ReadError("E013", source, f"could not render page {page.page_number} for OCR: {exc}") from None
    return tidy_ocr_text(ocr_image_bytes(buf.getvalue(), source, lang=lang))


def tidy_ocr_text(text: str) -> str:
    """Strip trailing spaces, form feeds and repeated blank lines from Tesseract output.

    >>> tidy_ocr_text("Rad ett  \\n\\n\\n\\nRad två\\n\\x0c")
    'Rad ett\\n\\nRad två'
    """
    lines = [line.rstrip() for line in text.replace("\x0c", "\n").splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip()
