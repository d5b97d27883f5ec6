"""Errors with codes and messages that say what to do.

Every error that reaches a user names the input (file or ``<text>``) and the reason.

>>> str(ReadError("E003", "notes.txt", "the file is empty"))
"E003: 'notes.txt': the file is empty"
"""

from __future__ import annotations


class SvsamverkanError(Exception):
    """Base class of all errors this library raises on purpose."""

    def __init__(self, code: str, source: str, reason: str, hint: str = "") -> None:
        self.code = code
        self.source = source
        self.reason = reason
        self.hint = hint
        msg = f"{code}: '{source}': {reason}"
        if hint:
            msg += f"; {hint}"
        super().__init__(msg)

    def to_dict(self) -> dict[str, str]:
        """The error as a JSON-ready dict (used by batch runs and the CLI)."""
        return {"code": self.code, "source": self.source, "reason": self.reason, "hint": self.hint}


class ReadError(SvsamverkanError):
    """A file could not be read (missing, empty, broken, encrypted, binary, too large)."""


class RepairError(SvsamverkanError):
    """Text repair failed (e.g. its lexicon is missing)."""


class ModelError(SvsamverkanError):
    """A model or data file is missing or could not be loaded."""


class MissingExtraError(SvsamverkanError):
    """An optional dependency (an install extra) is needed for this feature."""

    def __init__(self, feature: str, extra: str, module: str) -> None:
        super().__init__(
            "E090",
            feature,
            f"needs the optional module '{module}'",
            f"install it with: pip install 'svsamverkan[{extra}]'",
        )


# Registry of codes, so docs and tests can list them.
ERROR_CODES: dict[str, str] = {
    "E001": "file not found",
    "E002": "unsupported file type",
    "E003": "empty file or no text",
    "E004": "file too large",
    "E005": "binary data where text was expected",
    "E006": "unknown or undecodable text encoding",
    "E010": "broken or unreadable PDF",
    "E012": "encrypted PDF",
    "E013": "scanned PDF page needs OCR (install the ocr extra and tesseract-ocr-swe)",
    "E020": "broken DOCX/PPTX (not a valid Office Open XML file)",
    "E030": "broken HTML",
    "E040": "broken subtitles",
    "E050": "repair lexicon or model missing",
    "E060": "model missing or unreadable",
    "E070": "bad input to a command (e.g. invalid JSON line)",
    "E090": "optional dependency missing",
    "E100": "batch: document over the page limit (--max-pages)",
    "E101": "batch: analysis over the time limit per file (--timeout-per-file)",
    "E102": "batch: worker process died (crash, out of memory) or the Dask task failed",
    "E110": "batch: database cannot be opened (in use by another run?)",
    "E111": "batch: database has an older table layout",
    "E112": "batch: Dask scheduler cannot be reached",
    "E199": "internal error in a pipeline stage (recorded, the batch run goes on)",
}
