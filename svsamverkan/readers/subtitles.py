"""Subtitles (.srt, .vtt) as a transcript: one paragraph per speaker turn.

A cue's speaker comes from a WebVTT voice tag (``<v Anna Berg>``) or a leading
"Name:" (">> Name:" in broadcast captions); a cue without one continues the
previous speaker's turn. Consecutive cues of the same speaker are merged into one
paragraph "Name: text ..."; turns are separated by a blank line. Without any
speaker, a pause of :data:`PAUSE_S` seconds starts a new paragraph. Each cue's
times and its place in the text are kept in ``metadata['cues']``.

>>> text, cues = subtitles_to_text("1\\n00:00:01,000 --> 00:00:03,000\\nEva: Hej och\\nvälkomna.\\n\\n"
...                                "2\\n00:00:03,500 --> 00:00:05,000\\nIdag om SIP.\\n", "x.srt")
>>> text
'Eva: Hej och välkomna. Idag om SIP.'
>>> cues[1]["start"], cues[1]["speaker"], text[cues[1]["text_start"]:cues[1]["text_end"]]
('00:00:03.500', 'Eva', 'Idag om SIP.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ReadError
from .base import DEFAULT_MAX_BYTES, ReadResult, read_limited
from .text import decode_bytes

PAUSE_S = 2.0
"""Without speakers, a silence at least this long starts a new paragraph."""

_TIME = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+.*)?$")
VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>", re.IGNORECASE)
TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d{1,2}:\d{2}[^>]*>")
NAME_PREFIX = re.compile(
    r"^(?:>>\s*)?((?:[A-ZÅÄÖÉ][\wåäöéÅÄÖÉ'.-]*)(?:\s+[A-ZÅÄÖÉ][\wåäöéÅÄÖÉ'.-]*){0,3}):\s+(?=\S)"
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle cue: times in seconds, speaker (or None) and its text."""

    start: float
    end: float
    speaker: str | None
    text: str


def read_subtitles(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read an .srt or .vtt file. Errors: E003 empty, E040 broken.

    >>> import tempfile
    >>> srt = Path(tempfile.mkdtemp()) / "webbinar.srt"
    >>> _ = srt.write_text("1\\n00:00:01,000 --> 00:00:02,000\\nAnna Berg: Välkomna!\\n", encoding="utf-8")
    >>> r = read_subtitles(srt)
    >>> r.text, r.kind_hint, r.metadata["cues"][0]["end"]
    ('Anna Berg: Välkomna!', 'transcript', '00:00:02.000')
    """
    source = str(path)
    data = read_limited(path, max_bytes)
    try:
        raw, encoding = decode_bytes(data, source)
    except ReadError as exc:
        if exc.code in ("E005", "E006"):
            raise ReadError("E040", source, f"broken subtitles: {exc.reason}") from None
        raise
    text, cues = subtitles_to_text(raw, source)
    fmt = path.suffix.lower().lstrip(".") or "srt"
    return ReadResult(source=source, format=fmt, text=text, kind_hint="transcript",
                      metadata={"encoding": encoding, "cues": cues})


def subtitles_to_text(raw: str, source: str = "<subtitles>") -> tuple[str, list[dict[str, Any]]]:
    """Turn SRT/VTT text into transcript text and the cue list (see module doc)."""
    cues = parse_cues(raw, source)
    if not any(c.text for c in cues):
        raise ReadError("E003", source, "the subtitles contain no text")
    return _merge(cues)


def parse_cues(raw: str, source: str = "<subtitles>") -> list[Cue]:
    """Parse the cues of an SRT or WebVTT text, line by line.

    A timing line starts a cue; its text runs to the next blank line. A number (or
    a WebVTT identifier) just before a timing line is the cue's id, so files that
    lost the blank lines between cues still parse.

    >>> parse_cues("WEBVTT\\n\\n00:01.000 --> 00:02.500\\n<v Åsa Lind>Hej!</v>\\n")
    [Cue(start=1.0, end=2.5, speaker='Åsa Lind', text='Hej!')]
    """
    lines = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(line.strip() for line in lines):
        raise ReadError("E003", source, "the file is empty")
    is_vtt = lines[0].strip().startswith("WEBVTT")
    cues: list[Cue] = []
    timing: tuple[float, float] | None = None
    text: list[str] = []
    in_cue = skipping = False
    for i, line in enumerate(lines):
        s = line.strip()
        next_is_timing = i + 1 < len(lines) and "-->" in lines[i + 1]
        if not s:
            in_cue = skipping = False
        elif (is_vtt and i == 0) or skipping:
            continue
        elif "-->" in s:
            if timing is not None:
                cues.append(_cue(timing, text))
            timing, text, in_cue = _timing(s, source, i + 1), [], True
        elif next_is_timing and (s.isdigit() or (is_vtt and not in_cue)):
            continue  # cue number or identifier
        elif is_vtt and not in_cue and s.split(" ", 1)[0] in ("NOTE", "STYLE", "REGION"):
            skipping = True
        elif in_cue:
            text.append(s)
        else:
            raise ReadError("E040", source, f"broken subtitles: text without a timing line at line {i + 1}")
    if timing is None:
        raise ReadError("E040", source, "broken subtitles: no cue with a timing line ('00:00:01,000 --> ...') found")
    cues.append(_cue(timing, text))
    return cues


def _timing(line: str, source: str, line_no: int) -> tuple[float, float]:
    m = TIMING.match(line)
    if m is None:
        raise ReadError("E040", source, f"broken subtitles: bad timing line {line_no}: {line[:60]!r}")
    start, end = _seconds(m.groups()[:4]), _seconds(m.groups()[4:])
    if end < start:
        raise ReadError("E040", source, f"broken subtitles: the cue at line {line_no} ends before it starts")
    return start, end


def _cue(timing: tuple[float, float], lines: list[str]) -> Cue:
    speaker, text = _speaker_and_text(lines)
    return Cue(start=timing[0], end=timing[1], speaker=speaker, text=text)


def _seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, millis = groups
    whole = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0)
    return whole + int((millis or "0").ljust(3, "0")) / 1000


def _speaker_and_text(lines: list[str]) -> tuple[str | None, str]:
    joined = " ".join(line for line in lines if line)
    speaker = None
    voice = VOICE.search(joined)
    if voice:
        speaker = " ".join(voice.group(1).split())
    text = " ".join(TAG.sub("", joined).split())
    if speaker is None:
        m = NAME_PREFIX.match(text)
        if m:
            speaker, text = m.group(1), text[m.end():]
    elif text.startswith(speaker + ":"):
        text = text[len(speaker) + 1:].strip()
    return speaker, text.removeprefix(">> ").strip()


def format_time(seconds: float) -> str:
    """Seconds as WebVTT time.

    >>> format_time(3723.5)
    '01:02:03.500'
    """
    millis = round(seconds * 1000)
    h, rest = divmod(millis, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _merge(cues: list[Cue]) -> tuple[str, list[dict[str, Any]]]:
    parts: list[str] = []
    offset = 0
    records: list[dict[str, Any]] = []
    current: str | None = None
    prev_end: float | None = None
    for index, cue in enumerate(cues, 1):
        speaker = cue.speaker or current
        if not cue.text:
            continue
        if not parts:
            new_turn = True
        elif speaker is not None:
            new_turn = speaker != current
        else:
            new_turn = prev_end is not None and cue.start - prev_end >= PAUSE_S
        if new_turn:
            sep = "\n\n" if parts else ""
            head = f"{speaker}: " if speaker else ""
        else:
            sep, head = " ", ""
        start = offset + len(sep) + len(head)
        piece = sep + head + cue.text
        parts.append(piece)
        offset += len(piece)
        records.append({"index": index, "start": format_time(cue.start), "end": format_time(cue.end),
                        "start_s": cue.start, "end_s": cue.end, "speaker": speaker,
                        "text_start": start, "text_end": offset})
        current, prev_end = speaker, cue.end
    return "".join(parts), records
