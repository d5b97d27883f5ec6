"""A series of meetings of one group: tabled items and assignments, followed across the minutes.

Given the analyses of several minutes of the same group, :func:`link_series`
orders them by meeting date and follows

* every **tabled** item (``bordlagd``) to the later meeting where its agenda item
  comes back: taken up (``upptagen``), tabled again and followed further,
  dropped on record (``avförd``: "punkten utgår"), or never seen again
  (``ej återupptagen``; ``öppen`` when no later minutes were given);
* every **assignment** (``uppdrag``) to a later passage that reports back on the
  same task (``återrapporterad``), else ``ej uppföljd`` / ``öppen``.

Matching is by the words of the item title or the task (folded, first six
letters, so inflections match), never by position.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis, Decision, _ToDict
from .keyphrases import domain_stopwords
from .textspans import fold, sentence_spans

_REPORT = re.compile(r"\b(?:aterrapport\w*|redovisa\w*|rapportera\w*|presentera\w*|aterkoppla\w*|aterkom\w*|"
                     r"informera\w*|visa\w*|har\s+tagit\s+fram|har\s+tagits\s+fram|lamnade|har\s+lamnat|klar\w*|"
                     r"genomford\w*|har\s+kontaktat|har\s+bjudit)\b")
_DROPPED = re.compile(r"\b(?:utgar|stryks|avskrivs|avfors|avfordes|lyfts\s+bort|tas\s+bort\s+fran\s+dagordningen)\b")
_STOP = {"kring", "eller", "under", "inför", "infor", "mellan", "genom", "efter", "sedan", "detta", "dessa", "finns",
         "behov", "nästa", "nasta", "möte", "mote", "mötet", "motet", "punkten", "arbete", "arbetet", "gruppen"}


@dataclass(frozen=True, slots=True)
class MeetingRef(_ToDict):
    """One meeting of the series: where its minutes came from and when it was held."""

    source: str
    date: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class FollowedItem(_ToDict):
    """A tabled item or an assignment and what became of it."""

    kind: str
    text: str
    item: str | None
    responsible: str | None
    raised_at: MeetingRef
    status: str
    resolved_at: MeetingRef | None = None
    evidence: str | None = None
    history: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SeriesReport(_ToDict):
    """What :func:`link_series` found: the meetings in date order, tabled items, assignments."""

    group: str | None
    meetings: tuple[MeetingRef, ...]
    tabled: tuple[FollowedItem, ...] = ()
    assignments: tuple[FollowedItem, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _words(text: str) -> set[str]:
    """Content word stems (folded, first six letters) of ``text``.

    >>> sorted(_words("Rutin för skolfrånvaro"))
    ['rutin', 'skolfr']
    """
    stops = domain_stopwords()
    out = set()
    for w in re.findall(r"[a-z0-9-]{4,}", fold(text)):
        if w in stops or w in _STOP or w.isdigit():
            continue
        out.add(w[:6])
    return out


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def _ref(a: Analysis) -> MeetingRef:
    m = a.meeting
    return MeetingRef(source=a.source, date=(m.date or m.document_date) if m else None, name=m.name if m else None)


def _title_of(d: Decision) -> str:
    """The agenda title of a decision (without its number), else its own text."""
    if d.item:
        return re.sub(r"^(?:§\s*)?\d+\s+", "", d.item)
    return d.text


def _items(a: Analysis) -> list[tuple[str, str]]:
    """(title, item text) of every agenda item of an analysis."""
    if a.meeting is None:
        return []
    return [(str(it["title"]), a.text[int(it["start"]) : int(it["end"])]) for it in a.meeting.agenda]


def _follow_tabled(d: Decision, k: int, ordered: list[Analysis]) -> FollowedItem:
    title = _title_of(d)
    key = _words(title)
    history: list[str] = []
    for later in ordered[k + 1 :]:
        for t, body in _items(later):
            if _overlap(key, _words(t)) < 0.6:
                continue
            ref = _ref(later)
            decisions_here = [x for x in later.decisions if x.item and _overlap(key, _words(_title_of(x))) >= 0.6]
            if any(x.type == "bordlagd" for x in decisions_here):
                history.append(f"bordlagd igen {ref.date or ref.source}")
                break
            if _DROPPED.search(fold(body)):
                return FollowedItem("bordlagd", d.text, d.item, d.responsible, _ref(ordered[k]), "avförd", ref,
                                    body.strip()[:300], tuple(history))
            return FollowedItem("bordlagd", d.text, d.item, d.responsible, _ref(ordered[k]), "upptagen", ref,
                                body.strip()[:300], tuple(history))
    still_tabled = bool(history) and len(history) == len(ordered) - 1 - k
    status = "öppen" if k == len(ordered) - 1 or still_tabled else "ej återupptagen"
    return FollowedItem("bordlagd", d.text, d.item, d.responsible, _ref(ordered[k]), status, None, None, tuple(history))


def _task_words(d: Decision) -> set[str]:
    task = re.split(r"\bi\s+uppdrag\s+att\b|\buppdra\w*\s+(?:åt\s+\S+\s+)?att\b", d.text, maxsplit=1)
    text = task[-1]
    return _words(text) - _words(d.deadline or "")


def _follow_assignment(d: Decision, k: int, ordered: list[Analysis]) -> FollowedItem:
    key = _task_words(d)
    who = _words(d.responsible or "")
    for later in ordered[k + 1 :]:
        for s, e in sentence_spans(later.text):
            sentence = later.text[s:e]
            folded = fold(sentence)
            if not _REPORT.search(folded):
                continue
            words = _words(sentence)
            same_task = _overlap(key, words) >= 0.5 and len(key & words) >= 2
            if same_task or (who and who <= words and len(key & words) >= 1):
                return FollowedItem("uppdrag", d.text, d.item, d.responsible, _ref(ordered[k]), "återrapporterad",
                                    _ref(later), " ".join(sentence.split()))
    status = "öppen" if k == len(ordered) - 1 else "ej uppföljd"
    return FollowedItem("uppdrag", d.text, d.item, d.responsible, _ref(ordered[k]), status)


def link_series(analyses: Sequence[Analysis]) -> SeriesReport:
    """Follow tabled items and assignments across minutes of one group, ordered by meeting date.

    >>> from svsamverkan.pipeline import analyze_text
    >>> head = "Minnesanteckningar Styrgruppen 2024-0{}-10\\n1. Skolfrånvaro\\n{}\\n2. Övrigt\\n"
    >>> a1 = analyze_text(head.format(1, "Punkten bordläggs."), source="jan")
    >>> a2 = analyze_text(head.format(2, "Anna visar statistik."), source="feb")
    >>> r = link_series([a2, a1])
    >>> [m.source for m in r.meetings], r.tabled[0].status, r.tabled[0].resolved_at.source
    (['jan', 'feb'], 'upptagen', 'feb')
    """
    ordered = sorted(analyses, key=lambda a: (_ref(a).date or "9999", a.source))
    warnings: list[str] = []
    names = Counter(fold(a.meeting.name) for a in ordered if a.meeting is not None and a.meeting.name)
    group = None
    if names:
        top = names.most_common(1)[0][0]
        group = next(a.meeting.name for a in ordered if a.meeting and a.meeting.name and fold(a.meeting.name) == top)
        if len(names) > 1:
            warnings.append(f"the minutes name {len(names)} different groups; linked them as one series")
    for a in ordered:
        if a.meeting is None or not (a.meeting.date or a.meeting.document_date):
            warnings.append(f"{a.source}: no meeting date found; ordered last")
    tabled: list[FollowedItem] = []
    assignments: list[FollowedItem] = []
    for k, a in enumerate(ordered):
        for d in a.decisions:
            if d.type == "bordlagd":
                tabled.append(_follow_tabled(d, k, ordered))
            elif d.type == "uppdrag":
                assignments.append(_follow_assignment(d, k, ordered))
    return SeriesReport(
        group=group,
        meetings=tuple(_ref(a) for a in ordered),
        tabled=tuple(tabled),
        assignments=tuple(assignments),
        warnings=tuple(warnings),
    )


def series_to_dict(report: SeriesReport) -> dict[str, Any]:
    """The report as a JSON-ready dict.

    >>> series_to_dict(SeriesReport(group=None, meetings=()))["tabled"]
    []
    """
    return report.to_dict()
