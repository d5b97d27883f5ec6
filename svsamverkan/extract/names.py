"""Person names: gazetteers, name shapes and spelling keys.

The first-name and surname lists are built once by ``scripts/build_gazetteers.py``
into ``models/names/`` and loaded here lazily (once per process). When they are
missing, the hand-written ``lang/extra_first_names.tsv`` is used alone, so the
extractor still works, only with a smaller vocabulary.

>>> is_first_name("Ingrid"), is_first_name("Sjöqvist")
(True, False)
>>> looks_like_person("Malin Sjöqvist"), looks_like_person("Region Sörmland")
(True, False)
>>> name_key("Sjökvist") == name_key("Sjoqvist")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..resources import lang_path, models_dir

UPPER = "A-ZÅÄÖÉÜØÆŠŽČĆŞİÇ"
LOWER = "a-zåäöéèüøæáíóúçıšžćčğşñë"
NAME_PART = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}{LOWER}][{LOWER}]+)?"
"""One capitalised name token, with an optional hyphenated second part (Ann-Sophie, Jacoby-Kask)."""
PERSON_RE = re.compile(rf"(?<![\w-]){NAME_PART}(?:[ \u00a0]+{NAME_PART}){{1,3}}(?![\w-])")
"""Two to four capitalised tokens in a row: the shape of a full name."""

_FOLD_PAIRS = tuple(zip("åäöÅÄÖéÉèüÜøØæÆ", "aaoAAOeEeuUoOaA"))
"""Letter -> plain letter; replacing them one after another is the same as ``str.translate`` (no
plain letter is replaced again) and much faster on long text."""
_PHONETIC: tuple[tuple[str, str], ...] = (
    ("th", "t"), ("ph", "f"), ("qv", "kv"), ("q", "k"), ("w", "v"), ("ck", "k"), ("c", "k"), ("z", "s"),
)

NOT_NAME_WORDS: frozenset[str] = frozenset(
    w.strip()
    for w in lang_path("not_name_words.tsv").read_text(encoding="utf-8").splitlines()
    if w.strip() and not w.startswith("#")
)
"""Capitalised words that start lines and headings but are never part of a person's name."""


def fold(text: str) -> str:
    """Fold å/ä/ö/é to plain letters, keeping the length (offsets stay valid).

    Short strings (names, lines) are cached; whole documents are not, so the
    cache does not grow with an archive.

    >>> fold("Sjöqvist på Mälardalens")
    'Sjoqvist pa Malardalens'
    """
    return _fold_short(text) if len(text) <= _CACHED_LENGTH else _fold(text)


_CACHED_LENGTH = 200


@lru_cache(maxsize=65536)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    for a, b in _FOLD_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """A spelling-insensitive key: folded, lower case, rough phonetics, no doubled letters.

    >>> name_key("Catharina") == name_key("Catarina"), name_key("Lena") == name_key("Lina")
    (True, False)
    """
    s = fold(name).lower().replace("-", " ")
    s = re.sub(r"\s+", " ", s).strip()
    for a, b in _PHONETIC:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def _read_list(path_name: str) -> frozenset[str]:
    p = models_dir() / "names" / path_name
    if not p.exists():
        return frozenset()
    return frozenset(line.strip() for line in p.read_text(encoding="utf-8").splitlines() if line.strip())


def _read_extra() -> frozenset[str]:
    lines = lang_path("extra_first_names.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(x.split("\t")[0].strip() for x in lines if x.strip() and not x.startswith("#"))


def _folded_lower(names: frozenset[str]) -> frozenset[str]:
    """``{fold(n).lower() for n in names}``, folding all names as one text (several times faster).

    Names hold no line breaks, and neither NFC nor lower-casing reaches across one.

    >>> sorted(_folded_lower(frozenset({"Åsa", "Örjan"})))
    ['asa', 'orjan']
    """
    if not names:
        return frozenset()
    return frozenset(_fold("\n".join(names)).lower().split("\n"))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Known first names, folded and lower-cased (loaded once)."""
    return _folded_lower(_read_list("first_names.txt") | _read_extra())


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Known surnames, folded and lower-cased (loaded once)."""
    return _folded_lower(_read_list("surnames.txt"))


def is_first_name(token: str) -> bool:
    """True when ``token`` (or each part of a hyphenated token) is a known first name.

    >>> is_first_name("Ann-Sophie"), is_first_name("Hej")
    (True, False)
    """
    t = fold(token).lower()
    if t in NOT_NAME_WORDS or len(t) < 2 or not token[:1].isupper():
        return False
    if t in first_names():
        return True
    parts = t.split("-")
    return len(parts) > 1 and all(p in first_names() for p in parts)


def is_surname(token: str) -> bool:
    """True when ``token`` is a known surname."""
    return fold(token).lower() in surnames()


def is_name_token(token: str) -> bool:
    """True when ``token`` has the shape of a name part and is not a heading word.

    >>> is_name_token("Forsell"), is_name_token("Elevhälsan"), is_name_token("kask")
    (True, False, False)
    """
    if not re.fullmatch(NAME_PART, token):
        return False
    low = token.lower()
    return low not in NOT_NAME_WORDS and not _is_org_word(low)


def _is_org_word(low: str) -> bool:
    from .organisations import is_org_word

    return is_org_word(low)


@lru_cache(maxsize=4096)
def is_common_word(token: str) -> bool:
    """True when the lower-cased token is a frequent Swedish word (wordfreq Zipf >= 5.0).

    >>> is_common_word("Punkten"), is_common_word("Mirja")
    (False, False)
    >>> is_common_word("Skolan")
    True
    """
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a core dependency
        return token.lower() in NOT_NAME_WORDS
    # "large" is the list "best" picks for Swedish; naming it shares one loaded table with the keyphrases
    return zipf_frequency(token.lower(), "sv", wordlist="large") >= 5.0


def could_be_first_name(token: str) -> bool:
    """A known first name, or (outside the gazetteer) a name-shaped token that is no common word.

    Used where the structure says a person is named (attendance lists, speaker
    prefixes, author lines), so names missing from the gazetteer are found too.

    >>> could_be_first_name("Zlatan"), could_be_first_name("Skolan"), could_be_first_name("Region")
    (True, False, False)
    """
    if is_first_name(token):
        return True
    return is_name_token(token) and not is_common_word(token)


def looks_like_person(name: str) -> bool:
    """True when ``name`` is a known first name followed by one to three name tokens.

    >>> looks_like_person("Gustav Starke Tanderup"), looks_like_person("Temagrupp Barn")
    (True, False)
    """
    tokens = name.split()
    if not 2 <= len(tokens) <= 4:
        return False
    return is_first_name(tokens[0]) and all(is_name_token(t) for t in tokens[1:])


def split_person_prefix(text: str, *, strict: bool = True) -> tuple[str, str] | None:
    """Split ``text`` into a leading full name and the rest, or ``None``.

    The name is a first name followed by name tokens; it stops before an
    organisation word or a lower-case word. With ``strict=False`` the first name
    need not be in the gazetteer (see :func:`could_be_first_name`).

    >>> split_person_prefix("Terese Forsberg Orust kommun")
    ('Terese Forsberg', 'Orust kommun')
    >>> split_person_prefix("Jens Nygren professor i Hälsoinnovation")
    ('Jens Nygren', 'professor i Hälsoinnovation')
    """
    tokens = text.split()
    if len(tokens) < 2:
        return None
    first = tokens[0].rstrip(",:;")
    if not (is_first_name(first) if strict else could_be_first_name(first)):
        return None
    from .organisations import org_starts_at

    if tokens[0] != first:
        return None
    taken = [first]
    for i, tok in enumerate(tokens[1:4], start=1):
        clean = tok.rstrip(",:;.!?)")
        if not is_name_token(clean):
            break
        rest = " ".join(tokens[i:])
        if len(taken) >= 2 and org_starts_at(rest):
            break
        if len(taken) >= 2 and not is_surname(clean) and i + 1 < len(tokens) and org_starts_at(rest):
            break
        taken.append(clean)
        if tok != clean:
            break
    if len(taken) < 2:
        return None
    name = " ".join(taken)
    rest = " ".join(tokens[len(taken):]).lstrip(",:; ")
    return name, rest
