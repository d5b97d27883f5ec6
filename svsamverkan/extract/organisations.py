"""Organisations and sectors: kommuner, regioner, public units, user organisations, research.

Data: ``lang/kommuner.tsv`` (all 290), ``lang/regioner.tsv`` (all 21, with their
other forms), ``lang/organisations.tsv`` (unit and organisation patterns, each with
its sector) and ``lang/sectors.tsv`` (role words that imply a sector).

>>> sector_of("Socialtjänsten, Ales kommun")
'socialtjänst'
>>> sector_of("Västra Götalandsregionen"), sector_of("Mälardalens universitet")
('hälso- och sjukvård', 'forskning')
>>> org_starts_at("Orust kommun, Anna"), org_starts_at("Forsberg Orust kommun")
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import lang_path
from .prefilter import PrefilteredRegex, lower_for_literals

SECTORS: tuple[str, ...] = (
    "socialtjänst",
    "hälso- och sjukvård",
    "skola/förskola",
    "brukar-/barnrättsorganisation",
    "forskning",
    "annan offentlig",
    "övrig",
)

_GENERIC_ORG_WORDS = frozenset(
    w.strip()
    for w in lang_path("org_words.tsv").read_text(encoding="utf-8").splitlines()
    if w.strip() and not w.startswith("#")
)


def _data_lines(name: str) -> list[list[str]]:
    rows = []
    for line in lang_path(name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@lru_cache(maxsize=1)
def kommuner() -> tuple[str, ...]:
    """The 290 kommuner (base names)."""
    return tuple(r[0] for r in _data_lines("kommuner.tsv"))


@lru_cache(maxsize=1)
def regioner() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The 21 regioner with their other forms."""
    out = []
    for r in _data_lines("regioner.tsv"):
        others = tuple(x for x in (r[1].split("|") if len(r) > 1 else []) if x)
        out.append((r[0], others))
    return tuple(out)


@lru_cache(maxsize=1)
def _unit_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"(?<![\w-])(?:{r[0]})(?![\w-])", re.IGNORECASE), r[1]) for r in _data_lines("organisations.tsv")
    )


@lru_cache(maxsize=1)
def _prefiltered() -> tuple[PrefilteredRegex, ...]:
    """Region, unit and university patterns, each scanned only on lines holding one of its words."""
    regexes = [PrefilteredRegex.of(_region_re(), min_len=2)]  # "RÖ" is a region's short form
    regexes += [PrefilteredRegex.of(p) for p, _ in _unit_patterns()]
    return (*regexes, PrefilteredRegex.of(_UNIVERSITY))


@lru_cache(maxsize=1)
def _kommun_re() -> re.Pattern[str]:
    names = sorted(kommuner(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w-])(?:{alt})(?:s|'s|’s)?[ \u00a0]+(?:kommun|stad)(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _region_re() -> re.Pattern[str]:
    forms = [f for name, others in regioner() for f in (name, *others)]
    forms = sorted(forms, key=len, reverse=True)
    alt = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")


@lru_cache(maxsize=1)
def _role_sectors() -> tuple[tuple[str, str], ...]:
    return tuple((r[0], r[1]) for r in _data_lines("sectors.tsv"))


def is_org_word(low: str) -> bool:
    """True when the lower-case token names an organisation or unit by itself.

    >>> is_org_word("elevhälsan"), is_org_word("forsberg")
    (True, False)
    """
    if low in _GENERIC_ORG_WORDS:
        return True
    return any(p.fullmatch(low) for p, _ in _unit_patterns())


def org_starts_at(text: str) -> bool:
    """True when an organisation name starts at the beginning of ``text``."""
    for rx in (_kommun_re(), _region_re()):
        m = rx.match(text)
        if m:
            return True
    first = text.split()[0].rstrip(",;:") if text.split() else ""
    if first.lower() in _GENERIC_ORG_WORDS:
        return True
    return any(p.match(text) for p, _ in _unit_patterns()) or bool(
        re.match(r"[A-ZÅÄÖ]\w+s (?:universitet|högskola|kommun|stad)\b", text)
    )


_UNIVERSITY = re.compile(r"\b[A-ZÅÄÖ]\w+s (?:universitet|högskola)\b")
_KOMMUN_WORD = re.compile(r"(?<![\w-])(?:kommun|stad)(?![\w-])", re.IGNORECASE)


def kommun_spans(text: str) -> list[tuple[int, int]]:
    """Spans of "<kommun> kommun/stad" mentions.

    Same matches as scanning the whole text with the 290-name pattern, but that
    pattern only runs just before each "kommun"/"stad" (much faster on long text).

    >>> t = "Ale kommun, Mölndals stad och en kommun"
    >>> [t[s:e] for s, e in kommun_spans(t)]
    ['Ale kommun', 'Mölndals stad']
    """
    rx = _kommun_re()
    out: list[tuple[int, int]] = []
    for word in _KOMMUN_WORD.finditer(text):
        lo = max(0, word.start() - 48)  # longest name + genitive + spaces fits
        for m in rx.finditer(text, lo, word.end()):
            if m.end() == word.end():
                out.append(m.span())
                break
    return out


def find_organisations(text: str) -> list[tuple[int, int, str]]:
    """Every organisation mention in ``text`` as ``(start, end, text)``, in order.

    >>> [m[2] for m in find_organisations("Elevhälsan i Ale kommun och VGR")]
    ['Elevhälsan', 'Ale kommun', 'VGR']
    """
    spans: list[tuple[int, int]] = kommun_spans(text)
    lowered = lower_for_literals(text)
    for rx in _prefiltered():
        spans += [m.span() for m in rx.finditer(text, lowered)]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e, text[s:e]))
    return out


def sector_of(organisation: str | None, role: str | None = None) -> str | None:
    """The sector of an organisation (and role), or ``None`` when nothing says.

    Units win over the kommun or region they belong to ("Elevhälsan, Ale kommun"
    is skola/förskola); a bare kommun is "annan offentlig", a bare region is
    "hälso- och sjukvård".

    >>> sector_of("barnrättsorganisationen BRIS"), sector_of(None, "rektor")
    ('brukar-/barnrättsorganisation', 'skola/förskola')
    >>> sector_of("Medtanken Group"), sector_of(None) is None
    ('övrig', True)
    """
    org = organisation or ""
    for p, sector in _unit_patterns():
        if p.search(org):
            return sector
    low_role = (role or "").lower()
    for word, sector in _role_sectors():
        if word in low_role:
            return sector
    if _region_re().search(org) or re.search(r"\bregion", org, re.IGNORECASE):
        return "hälso- och sjukvård"
    if _kommun_re().search(org) or re.search(r"\b(?:kommun|stad)\b", org, re.IGNORECASE):
        return "annan offentlig"
    if org.strip():
        return "övrig"
    return None
