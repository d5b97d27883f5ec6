"""Canonicalisation: merge candidate persons into participants and find every mention.

Parsers (attendance blocks, speaker turns, author lists, ...) each propose
``Candidate`` persons. Here they are merged when their names are spelling
variants of each other (Sjökvist/Sjöqvist, a truncated "Westervel" in a
signature), the best-spelled full name is kept, and every mention in the text is
collected: full names, surnames, and short first-name mentions or speaker labels
that belong to exactly one participant.

>>> cs = [Candidate("Malin Sjokvist", present=True), Candidate("Malin Sjöqvist", role="processledare")]
>>> [(c.name, c.role, c.present) for c in merge_candidates(cs)]
[('Malin Sjöqvist', 'processledare', True)]
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace

from ..model import Mention
from .names import NAME_PART, fold, name_key


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person proposed by one parser, with what that parser saw."""

    name: str
    role: str | None = None
    organisation: str | None = None
    present: bool | None = None
    source: str = ""
    confidence: float = 0.8
    labels: tuple[str, ...] = field(default=())
    """Short forms the document uses for this person (speaker labels, first names)."""


def _similar(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    ta, tb = ka.split(), kb.split()
    if not ta or not tb or ta[0] != tb[0] or len(ta) != len(tb):
        return False
    la, lb = ta[-1], tb[-1]
    if len(la) >= 5 and len(lb) >= 5 and (la.startswith(lb) or lb.startswith(la)):
        return True  # a truncated surname in a signature
    return difflib.SequenceMatcher(a=ka, b=kb).ratio() >= 0.88


def _spelling_score(name: str) -> tuple[int, int, int]:
    """Prefer names with Swedish letters (repaired), then longer, then capitalised parts."""
    swedish = sum(ch in "åäöÅÄÖ" for ch in name)
    caps = sum(1 for t in re.split(r"[ -]", name) if t[:1].isupper())
    return swedish, caps, len(name)


def _pick(values: list[str | None]) -> str | None:
    """The first non-empty value, preferring the longest among equals by prefix."""
    vals = [v for v in values if v]
    if not vals:
        return None
    best = vals[0]
    for v in vals[1:]:
        if best.lower() in v.lower() and len(v) > len(best):
            best = v
    return best


def _merge_group(group: list[Candidate]) -> Candidate:
    name = max((c.name for c in group), key=_spelling_score)
    ordered = sorted(group, key=lambda c: -c.confidence)
    present_vals = [c.present for c in ordered if c.present is not None]
    present: bool | None = None
    if present_vals:
        present = True if any(present_vals) and not all(v is False for v in present_vals) else present_vals[0]
        if any(v is False for v in present_vals) and ordered[0].present is False:
            present = False
    labels = tuple(dict.fromkeys(lb for c in group for lb in (*c.labels, c.name) if lb != name))
    return Candidate(
        name=name,
        role=_pick([c.role for c in ordered]),
        organisation=_pick([c.organisation for c in ordered]),
        present=present,
        source="+".join(dict.fromkeys(c.source for c in group if c.source)),
        confidence=max(c.confidence for c in group),
        labels=labels,
    )


def merge_candidates(candidates: list[Candidate]) -> list[Candidate]:
    """Merge candidates naming the same person; keep first-seen order.

    A single-token candidate ("Lena") joins the one full name with that first
    name, if there is exactly one.
    """
    full = [c for c in candidates if len(c.name.split()) >= 2]
    short = [c for c in candidates if len(c.name.split()) < 2]
    groups: list[list[Candidate]] = []
    for c in full:
        for g in groups:
            if _similar(g[0].name, c.name):
                g.append(c)
                break
        else:
            groups.append([c])
    for c in short:
        hits = [g for g in groups if name_key(g[0].name.split()[0]) == name_key(c.name)]
        if len(hits) == 1:
            hits[0].append(replace(c, name=hits[0][0].name, labels=(*c.labels, c.name)))
        else:
            for g in groups:
                if len(g[0].name.split()) == 1 and name_key(g[0].name) == name_key(c.name):
                    g.append(c)
                    break
            else:
                groups.append([c])
    return [_merge_group(g) for g in groups]


def _first_name_owner(people: list[Candidate]) -> dict[str, int]:
    """Map a first-name key to the one participant that has it (ambiguous keys dropped)."""
    seen: dict[str, list[int]] = {}
    for i, p in enumerate(people):
        forms = {p.name.split()[0], *(lb for lb in p.labels if len(lb.split()) == 1)}
        for f in forms:
            seen.setdefault(name_key(f), []).append(i)
    return {k: v[0] for k, v in seen.items() if len(set(v)) == 1}


def _form_matches(form: str, folded: str) -> list[re.Match[str]]:
    """The matches of a full name ``form`` in ``folded`` text, as ``re.finditer`` of its pattern finds them.

    A match starts with the form's first word, so the pattern is tried only where
    that word occurs (much faster than scanning the whole text).

    >>> [m.span() for m in _form_matches("Ola Ek", "Ola Eken, Ola  Ek och Ola\\nEk")]
    [(10, 17), (22, 28)]
    """
    words = [fold(t) for t in form.split()]
    rx = re.compile(r"(?<![\w-])" + r"[ \u00a0\n]+".join(map(re.escape, words)) + r"(?![^\W\d_]|-\w)")
    out: list[re.Match[str]] = []
    i = folded.find(words[0])
    while i >= 0:
        m = rx.match(folded, i)
        if m:
            out.append(m)
        i = folded.find(words[0], m.end() if m else i + 1)
    return out


def find_mentions(text: str, people: list[Candidate]) -> list[list[Mention]]:
    """Every mention of each person in ``text``: full names and variants, then short forms.

    >>> ppl = [Candidate("Nettan Candolf")]
    >>> [m.text for m in find_mentions("Nettan Candolf. Sen sa Nettan att", ppl)[0]]
    ['Nettan Candolf', 'Nettan']
    """
    folded = fold(text)
    out: list[list[Mention]] = [[] for _ in people]
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for i, p in enumerate(people):
        forms = {p.name, *(lb for lb in p.labels if len(lb.split()) >= 2)}
        for form in sorted(forms, key=len, reverse=True):
            for m in _form_matches(form, folded):
                if free(*m.span()):
                    out[i].append(Mention(text[m.start() : m.end()], m.start(), m.end()))
                    taken.append(m.span())
    owners = _first_name_owner(people)
    for m in re.finditer(NAME_PART, text):
        key = name_key(m.group(0))
        if key in owners and free(*m.span()):
            out[owners[key]].append(Mention(m.group(0), m.start(), m.end()))
            taken.append(m.span())
    return [sorted(ms, key=lambda x: x.start) for ms in out]
