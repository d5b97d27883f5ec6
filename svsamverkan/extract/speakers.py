"""Speakers in transcripts: speaker turns, self-introductions and the host's guest list.

Works on repaired and on still-damaged text: patterns are matched on a folded
copy (å/ä/ö/é -> a/a/o/e, same length), so "mitt namn ar" matches too.

* turns: a name alone on a line followed by speech, ``Name:`` prefixes, and
  WebVTT voice tags ``<v Name>``;
* self-introductions: "jag heter X", "mitt namn är X", "X här", "jag som gör
  podden heter X", a turn that opens with "X Y, role ...";
* role and organisation from the introduction: "jag är/jobbar som ROLE",
  "jobbar på/vid ORG", "en enhet som kallas ORG", ", ROLE ... på ORG".

>>> t = "Anna\\nHej, jag heter Anna Berg och jobbar som kurator på elevhälsan.\\n\\nBo\\nTack.\\n\\n"
>>> t += "Anna\\nJa.\\n\\nBo\\nJa."
>>> [(c.name, c.role, c.organisation) for c in speaker_candidates(t)]
[('Anna', None, None), ('Bo', None, None), ('Anna Berg', 'kurator', 'elevhälsan')]
"""

from __future__ import annotations

import re
from collections import Counter

from .canonical import Candidate
from .names import NAME_PART, could_be_first_name, fold, is_first_name, is_name_token
from .organisations import find_organisations
from .roles import find_roles

_FULL = rf"{NAME_PART}(?:[ \u00a0]+{NAME_PART}){{1,2}}"
_INTRO_RES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?:jag|Jag)[ \u00a0]+heter[ \u00a0]+({_FULL})"),
    re.compile(rf"(?:mitt|Mitt)[ \u00a0]+namn[ \u00a0]+ar[ \u00a0]+({_FULL})"),
    re.compile(rf"(?:jag|Jag)[ \u00a0]+som[ \u00a0]+\w+[ \u00a0]+\w+[ \u00a0]+heter[ \u00a0]+({_FULL})"),
    re.compile(rf"(?:jag|Jag)[ \u00a0]+ar[ \u00a0]+({_FULL})(?=[ \u00a0]*[,.]|[ \u00a0]+och)"),
    re.compile(rf"(?:^|[.!?:][ \u00a0]+)({_FULL})[ \u00a0]+heter[ \u00a0]+jag"),
    re.compile(rf"(?:^|\n)(?:Hej,?[ \u00a0]+)?({_FULL})[ \u00a0]+har(?:[ \u00a0]|[,.!])"),
)
_GUESTS_RE = re.compile(
    r"(?:med[ \u00a0]+(?:i[ \u00a0]+)?(?:det[ \u00a0]+h\w{1,3}r|dagens|detta)[ \u00a0]+avsnitt(?:et)?[ \u00a0]+ar"
    r"|(?:gaster|gast)[ \u00a0]+(?:idag[ \u00a0]+)?ar|har[ \u00a0]+med[ \u00a0]+mig[ \u00a0]+(?:idag[ \u00a0]+)?"
    r"|[Mm]ed[ \u00a0]+mig[ \u00a0]+(?:(?:i[ \u00a0]+studion|idag|i[ \u00a0]+dag)[ \u00a0]+)*"
    r"har[ \u00a0]+jag[ \u00a0]+)"
    r"[ \u00a0]*([^.!?\n]{5,200}(?:\n[^.!?\n]{1,120})?)"
)
_VTT_VOICE = re.compile(r"<v(?:\.[\w.]+)?[ \u00a0]+([^>]{2,60})>")
_TIMESTAMP = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?[ \t]*(?:[-–][ \t]*)?)?"
_PREFIX_TURN = re.compile(rf"^[ \t]*{_TIMESTAMP}({NAME_PART}(?:[ \u00a0]+{NAME_PART}){{0,2}})[ \t]*:[ \t]*\S", re.M)
_ALONE = re.compile(rf"^[ \t]*({NAME_PART}(?:[ \u00a0]+{NAME_PART}){{0,2}})[ \t]*$", re.M)
_ORG_AFTER = re.compile(
    r"(?:jobbar|arbetar|ar[ \u00a0]+anstalld|kommer)[ \u00a0]+(?:pa|vid|inom|i|fran)[ \u00a0]+"
    r"(?:en[ \u00a0]+enhet[ \u00a0]+som[ \u00a0]+(?:kallas|heter)[ \u00a0]+)?([^,.;\n]{3,80})"
)
_AT_ORG = re.compile(
    r"(?<![\w-])(?:pa|vid|hos)[ \u00a0]+"
    r"((?:[A-ZÅÄÖ]|\w*(?:klinik|mottagning|enhet|forvaltning|central|skola|hus|tjanst|halsa|vard|habilitering))"
    r"[^,.;\n]{0,60})"
)
_SELF_ROLE = re.compile(r"\b(?:jag|Jag)[ \u00a0]+(?:ar|jobbar[ \u00a0]+som|arbetar[ \u00a0]+som)[ \u00a0]+(\w.*)")
_CALLED = re.compile(r"(?:som[ \u00a0]+(?:kallas|heter))[ \u00a0]+([A-ZÅÄÖ][^,.;\n]{2,40}(?:\n[^,.;\n]{2,30})?)")


def _is_label(label: str, *, strict: bool = True) -> bool:
    tokens = label.split()
    if not tokens or not all(is_name_token(t) for t in tokens[1:]):
        return False
    if is_first_name(tokens[0]):
        return True
    return not strict and len(tokens) >= 2 and could_be_first_name(tokens[0])


def speaker_turns(text: str) -> list[tuple[str, int, int]]:
    """Speaker labels as ``(label, start, end)``: lone name lines, ``Name:`` prefixes, VTT voices.

    A lone line counts only when speech follows it and the label is a known
    first name (optionally with a surname).

    >>> [x[0] for x in speaker_turns("Lena\\nHej alla.\\nOla: Tack.\\n")]
    ['Lena', 'Ola']
    """
    out: list[tuple[str, int, int]] = []
    for m in _ALONE.finditer(text):
        label = m.group(1)
        after = text[m.end(): m.end() + 200].lstrip("\n ")
        if _is_label(label) and after and not _ALONE.match(after.split("\n")[0]):
            out.append((label, m.start(1), m.end(1)))
    for rx in (_PREFIX_TURN, _VTT_VOICE):
        for m in rx.finditer(text):
            label = m.group(1).strip()
            if _is_label(label, strict=False):
                out.append((label, m.start(1), m.start(1) + len(label)))
    return sorted(out, key=lambda x: x[1])


def _clean_org(org: str) -> str:
    org = re.sub(r"\s+", " ", org)
    org = re.split(r"[ \u00a0]+(?:och|dar|där|som|sedan|sen)[ \u00a0]", org)[0]
    return org.strip(" ,.;:")


def _intro_details(segment: str) -> tuple[str | None, str | None]:
    """Role and organisation from the first sentences of a self-introduction."""
    seg = re.split(r"\n[ \t]*\n|(?<=[.!?])\s", segment[:400])[0]
    folded = fold(seg)
    role = find_roles(seg)
    org = None
    m = _CALLED.search(folded) or _ORG_AFTER.search(folded)
    if m:
        org = _clean_org(seg[m.start(1): m.end(1)])
        if not org or not (org[0].isupper() or find_organisations(org)):
            org = None
    at = _AT_ORG.search(folded) if org is None else None
    if at:
        org = _clean_org(seg[at.start(1): at.end(1)]) or None
    if org is None:
        orgs = find_organisations(seg)
        if orgs:
            org = orgs[0][2]
    if role and org and org in role:
        role = re.sub(r"[ \u00a0]+(?:i|på|pa|vid|för|for)$", "", role.replace(org, "").strip(" ,"))
    return role, org


def _guest_names(text: str) -> list[tuple[str, str | None, str | None]]:
    """Guests the host presents, with the role and organisation said right after each name.

    >>> _guest_names("Med mig har jag Ola Ek, som är kurator på BUP, och Eva Lund.")
    [('Ola Ek', 'kurator', 'BUP'), ('Eva Lund', None, None)]
    """
    guests: list[tuple[str, str | None, str | None]] = []
    for m in _GUESTS_RE.finditer(fold(text)):
        chunk = text[m.start(1): m.end(1)]
        found = [n for n in re.finditer(_FULL, chunk) if is_first_name(n.group(0).split()[0])]
        for i, n in enumerate(found):
            tail = chunk[n.end(): found[i + 1].start() if i + 1 < len(found) else len(chunk)]
            tail = re.sub(r"[ \u00a0]*,?[ \u00a0]*(?:och|samt)?[ \u00a0]*$", "", tail)
            role, org = _intro_details(tail) if tail.startswith(",") else (None, None)
            guests.append((n.group(0), role, org))
    return guests


def speaker_candidates(text: str) -> list[Candidate]:
    """Persons who speak in a transcript, with role and organisation from their introductions."""
    out: list[Candidate] = []
    turns = speaker_turns(text)
    counts = Counter(lb for lb, _, _ in turns)
    folded = fold(text)
    intros: list[tuple[int, Candidate]] = []
    for rx in _INTRO_RES:
        for m in rx.finditer(folded):
            name = text[m.start(1): m.end(1)]
            tokens = name.split()
            if not (is_first_name(tokens[0]) and all(is_name_token(t) for t in tokens[1:])):
                continue
            role, org = _intro_details(text[m.end(1): m.end(1) + 400])
            intros.append((m.start(1), Candidate(name, role=role, organisation=org, present=True, source="intro")))
    for label, s, e in turns:
        seg = text[e: e + 400].lstrip(": \n")
        first_line = seg.split("\n")[0]
        m = re.match(rf"(?:Hej,?[ \u00a0]+)?({_FULL})[ \u00a0]*,[ \u00a0]*(.*)", first_line)
        if m and m.group(1).split()[0] == label.split()[0]:
            role, org = _intro_details(seg[m.start(2):])
            intros.append((s, Candidate(m.group(1), role=role, organisation=org, present=True, source="intro")))
    for label, _, e in turns:
        turn = text[e: e + 300].lstrip(": >")
        turn = re.split(r"\n[ \t]*\n|\n(?=[^\n]*:)", turn)[0]
        m = _SELF_ROLE.search(fold(turn))
        if m:
            role, org = _intro_details(turn[m.start(1):])
            if role or org:
                intros.append((e, Candidate(label, role=role, organisation=org, present=True, source="intro")))
    seen: set[str] = set()
    for label, _, _ in turns:
        if label in seen or (counts[label] < 2 and len(label.split()) < 2 and len(turns) < 4):
            continue
        seen.add(label)
        out.append(Candidate(label, present=True, source="turn", confidence=0.7, labels=(label,)))
    for _, c in sorted(intros, key=lambda x: x[0]):
        out.append(c)
    for n, role, org in _guest_names(text):
        out.append(Candidate(n, role=role, organisation=org, present=True, source="guests", confidence=0.8))
    return out
