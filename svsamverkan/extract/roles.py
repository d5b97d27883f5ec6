"""Roles: Swedish public-sector titles and meeting functions (``lang/roles.tsv``).

Matching is diacritic-insensitive, so stripped text ("foljeforskare") still matches.

>>> role_at_start("Delregional samordnare av Överenskommelse för barns hälsa")
'Delregional samordnare'
>>> find_role("annars docent i socialt arbete pa Malardalens universitet")
'docent i socialt arbete'
>>> adjunct_note("(adjungerad punkt 1-2)")
'adjungerad punkt 1-2'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import lang_path
from .names import fold

_COMPOUND_HEADS = (
    "chef|samordnare|representant|strateg|utvecklare|ledare|sekreterare|handlaggare|pedagog|terapeut|skoterska"
    "|lakare|psykolog"
)
"""Heads of compound titles not listed one by one (vårdcentralschef, ungdomsrepresentant)."""
_SUFFIX = r"(?:n|en|na|r|rna|er|erna|e)?"
_COMPLEMENT = r"(?:[ \u00a0]+(?:i|for|av|inom)[ \u00a0]+[\w-]+(?:[ \u00a0]+[\w-]+){0,3})?"


_DEICTIC = r"\s+(?:i|for|av|inom)\s+(?:detta|denna|det\s+h\w{1,3}r|den\s+h\w{1,3}r|projektet|arbetet)\b"


def find_roles(text: str) -> str | None:
    """All roles in ``text`` joined with "; " ("följeforskare; docent i socialt arbete").

    >>> find_roles("Ola Ek, följeforskare i detta arbete, annars docent i socialt arbete på MDU.")
    'följeforskare; docent i socialt arbete'
    """
    found: list[str] = []
    pos = 0
    while pos < len(text):
        r = find_role(text[pos:])
        if r is None:
            break
        idx = fold(text).find(fold(r), pos)
        if idx < 0:
            idx = pos
        if not any(fold(r).lower() in fold(f).lower() for f in found):
            found.append(r)
        pos = idx + len(r)
    return "; ".join(found) or None


@lru_cache(maxsize=1)
def role_words() -> tuple[str, ...]:
    """The role lexicon, longest first (lower case)."""
    rows = lang_path("roles.tsv").read_text(encoding="utf-8").splitlines()
    words = {r.split("\t")[0].strip() for r in rows if r.strip() and not r.startswith("#")}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _role_re() -> re.Pattern[str]:
    alt = "|".join(re.escape(fold(w)).replace(r"\ ", r"[ \u00a0]+") for w in role_words())
    return re.compile(rf"(?<![\w-])(?:{alt}|[a-z]{{3,}}(?:{_COMPOUND_HEADS})){_SUFFIX}(?![\w-])", re.IGNORECASE)


def role_at_start(text: str) -> str | None:
    """The role title at the start of ``text`` (as written), else ``None``."""
    m = _role_re().match(fold(text.strip()))
    if not m:
        return None
    return text.strip()[: m.end()]


def find_role(text: str, *, complement: bool = True) -> str | None:
    """The first role in ``text`` as written, with a short "i/för X" complement.

    >>> find_role("jag är processledare för Tillsammans-arbetet. Och sen", complement=False)
    'processledare'
    """
    folded = fold(text)
    m = _role_re().search(folded) or _role_re().search(fold(text.replace("é", "ö")))
    if not m:
        return None
    end = m.end()
    if complement:
        c = re.match(_COMPLEMENT, fold(text[end:]))
        if c and not re.match(_DEICTIC, fold(text[end:])):
            tail = text[end : end + c.end()]
            # "chef för individ- och familjeomsorgen": "och" after a hyphen joins a compound
            tail = re.split(r"(?<![-\s])[ \u00a0]+(?:och|som|på|pa|vid|men|annars)\b", tail)[0]
            end += len(tail)
    return text[m.start() : end].strip(" ,.;:")


def adjunct_note(text: str) -> str | None:
    """The adjunct status in ``text`` ("adjungerad", "adjungerad punkt 4"), else ``None``."""
    m = re.search(r"adjungerad(?:e)?(?:\s+(?:till\s+)?(?:punkt|p\.|§)\s*[\d\s,–\-och]*\d)?", text, re.I)
    if not m:
        return None
    return re.sub(r"\s+", " ", m.group(0)).strip()


def combine_roles(title: str | None, adjunct: str | None) -> str | None:
    """One role string: "Ordförande (adjungerad)", or whichever part exists.

    >>> combine_roles("Ordförande", "adjungerad"), combine_roles(None, "adjungerad punkt 4")
    ('Ordförande (adjungerad)', 'adjungerad punkt 4')
    """
    if title and adjunct:
        return f"{title} ({adjunct})"
    return title or adjunct
