"""Plain text and Markdown, with encoding detection.

Order of decisions in :func:`decode_bytes`:

1. a byte-order mark (UTF-8, UTF-16) decides;
2. NUL or other control bytes mean binary data (E005), unless the NULs have the
   pattern of BOM-less UTF-16;
3. valid UTF-8 is UTF-8;
4. otherwise each candidate 8-bit encoding (cp1252, the DOS code pages cp850 and
   cp437, latin-1, and what charset-normalizer guesses) decodes the bytes and the
   decoding with the most plausible Swedish letters wins (:func:`swedish_plausibility`).
   ftfy and charset-normalizer alone often take DOS files for cp1252 and turn
   "för" into "f”r"; counting å/ä/ö inside words against odd characters does not.

>>> decode_bytes("Vi möts på förskolan".encode("cp437"), "gammal.txt")
('Vi möts på förskolan', 'cp850')
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import ReadError
from .base import DEFAULT_MAX_BYTES, ReadResult, read_limited

CANDIDATE_ENCODINGS: tuple[str, ...] = ("cp1252", "cp850", "cp437", "latin-1")
"""8-bit encodings tried in this order; on a tie the earlier one wins.

cp850 comes before cp437: for Swedish letters the two agree byte for byte, and
cp850 was the Western European DOS default, so a tie is reported as cp850.
"""

SWEDISH_LETTERS = frozenset("åäöÅÄÖéÉüÜ")
NEUTRAL_SYMBOLS = frozenset("“”„‘’‚–—…•«»€§°½¼¾±×©®¢£¤µ·¿¡²³¹ ≈≤≥")
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL_BYTES = frozenset(b for b in range(32) if b not in (9, 10, 12, 13, 26, 27))


def swedish_plausibility(text: str) -> int:
    """Score how much a decoded text looks like Swedish (higher is better).

    Each å/ä/ö/é inside a plausibly cased word scores +3; box-drawing and common
    punctuation score 0; any other non-ASCII character -1; control characters -5.

    >>> swedish_plausibility("för barnens bästa")
    6
    >>> swedish_plausibility("f÷r barnens bΣsta")
    -2
    """
    good_positions: set[int] = set()
    for m in _WORD.finditer(text):
        word = m.group()
        if _plausible_word(word):
            good_positions.update(m.start() + i for i, ch in enumerate(word) if ch in SWEDISH_LETTERS)
    score = 0
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        if i in good_positions:
            score += 3
        elif ch in NEUTRAL_SYMBOLS or "\u2500" <= ch <= "\u259f":
            continue
        elif unicodedata.category(ch).startswith("C"):
            score -= 5
        else:
            score -= 1
    return score


def _plausible_word(word: str) -> bool:
    """A word of Latin letters with normal casing and no letter run of three."""
    if len(word) < 2 or not all(ch.isascii() or ch in SWEDISH_LETTERS for ch in word):
        return False
    if any(word[i] == word[i + 1] == word[i + 2] for i in range(len(word) - 2)):
        return False
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls > max(2, len(sample) // 100)


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte, else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _candidates(data: bytes) -> list[str]:
    names = list(CANDIDATE_ENCODINGS)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - the detector is only a hint
        best = None
    if best is not None and best.encoding not in names and best.encoding.replace("_", "-") != "latin-1":
        names.append(best.encoding)
    return names


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode bytes to text and say which encoding was used.

    >>> decode_bytes("för".encode("utf-8"), "x.txt")
    ('för', 'utf-8')
    >>> decode_bytes("Åsa är här".encode("cp1252"), "x.txt")
    ('Åsa är här', 'cp1252')
    >>> decode_bytes(b"", "x.txt")
    Traceback (most recent call last):
    ...
    svsamverkan.errors.ReadError: E003: 'x.txt': the file is empty
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", source), "utf-8-sig"
    for bom, name in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            text = _strict(data[2:], name, source)
            if not text.strip():
                raise ReadError("E003", source, "the file is empty")
            return text, "utf-16"
    data = data.rstrip(b"\x1a")  # DOS end-of-file marker
    if not data.strip():
        raise ReadError("E003", source, "the file is empty")
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _strict(data, utf16, source), utf16
    if _looks_binary(data):
        raise ReadError("E005", source, "the file contains binary data, not text",
                        "is it really a text file? rename it to its real type")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _best_8bit(data, source)


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError("E006", source, f"the file says it is {encoding} but byte {exc.start} is not valid",
                        "convert the file to UTF-8") from None


SAMPLE_BYTES = 256 * 1024
"""The encoding is chosen on this many leading bytes; the whole file is then decoded with it."""


def _best_8bit(data: bytes, source: str) -> tuple[str, str]:
    sample = data[:SAMPLE_BYTES]
    best: tuple[int, str, str] | None = None
    for name in _candidates(sample):
        try:
            data.decode(name)
            text = sample.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        score = swedish_plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, name)
    if best is None:
        raise ReadError("E006", source, "could not detect the text encoding", "convert the file to UTF-8")
    score, text, name = best
    non_ascii = sum(1 for ch in text if not ch.isascii())
    if score < 0 and non_ascii > 0.3 * len(text.strip()):
        raise ReadError("E006", source, "could not detect the text encoding: no candidate gives readable text",
                        "convert the file to UTF-8")
    return data.decode(name), name


def read_text_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a .txt/.md file; ``metadata['encoding']`` says how it was decoded.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "dos.txt"
    >>> _ = p.write_bytes("Möte på BUP\\r\\n".encode("cp850"))
    >>> r = read_text_file(p)
    >>> r.text, r.metadata["encoding"]
    ('Möte på BUP\\n', 'cp850')
    """
    data = read_limited(path, max_bytes)
    text, encoding = decode_bytes(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ReadResult(source=str(path), format=path.suffix.lower().lstrip(".") or "txt", text=text,
                      metadata={"encoding": encoding})
