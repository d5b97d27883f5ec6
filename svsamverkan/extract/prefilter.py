"""Literal pre-filters: run a regular expression only where its text can match.

A pattern such as ``\\w*sjukhus|BUP`` costs a scan of the whole text even when
neither word occurs in it. :func:`required_literals` reads, from the standard
library's own parse of a pattern, strings of which every match must contain one;
:class:`PrefilteredRegex` then runs the pattern only on the pieces of text (between
characters no match can hold, such as line breaks and clause punctuation) that
hold one of them. Results are exactly those of the plain pattern.

>>> rx = PrefilteredRegex.of(re.compile(r"(?<![\\w-])(?:BUP|\\w*sjukhus)(?![\\w-])", re.I))
>>> rx.literals, [m.group(0) for m in rx.finditer("Möte med BUP. Närsjukhus, i dag")]
(('bup', 'sjukhus'), ['BUP', 'Närsjukhus'])
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, count
from operator import add
from typing import Any

_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_Parsed = Iterable[tuple[Any, Any]]
"""A sequence of ``(opcode, argument)`` pairs as ``re._parser`` returns them."""


def _parse(pattern: str, flags: int) -> Any:  # re._parser.SubPattern is private
    """The standard library's parse of ``pattern`` (Python >= 3.11), or ``None`` where that
    private parser is missing or changed: the caller then runs the plain pattern everywhere."""
    try:
        from re import _parser

        parsed = _parser.parse(pattern, flags)
        parsed.data, parsed.state.flags  # noqa: B018  (the attributes this module reads)
    except (ImportError, AttributeError):
        return None
    return parsed


def _anchor_options(items: _Parsed) -> list[frozenset[str]]:
    """Alternative anchor sets for one parsed regex sequence: every match contains a string of each set."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        if run and name == "BRANCH":  # "godk(?:änns|ändes)": each branch's leading letters extend the run
            options.append(frozenset("".join(run) + _leading_literal(branch) for branch in av[1]))
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if name == "BRANCH":
            union: set[str] = set()
            for branch in av[1]:
                best = _best_anchors(_anchor_options(branch))
                if best is None:
                    union = set()
                    break
                union |= best
            if union:
                options.append(frozenset(union))
        elif name == "SUBPATTERN" and not av[1] & re.IGNORECASE:  # a scoped (?i:...) also matches other cases
            options += _anchor_options(av[-1])
        elif name in _REPEATS and av[0] >= 1:
            options += _anchor_options(av[2])
        elif name == "IN" and av and all(str(op) == "LITERAL" for op, _ in av):  # "[✓✔•]": one of these
            options.append(frozenset(chr(c) for _, c in av))
    return options


def _leading_literal(items: _Parsed) -> str:
    """The literal characters a parsed sequence starts with."""
    out = []
    for op, av in items:
        if str(op) != "LITERAL":
            break
        out.append(chr(av))
    return "".join(out)


def _best_anchors(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The option whose shortest string is longest (the most selective pre-filter)."""
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)


@cache
def required_literals(pattern: str, flags: int = 0, *, min_len: int = 3) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` contains at least one, or ``None`` when there are none
    of at least ``min_len`` characters. Under ``re.IGNORECASE`` they are lower-cased.

    >>> required_literals(r"\\bbordl(?:äggs|ades)\\b|\\btas\\s+upp\\s+igen")
    ('bordlades', 'bordläggs', 'igen')
    >>> required_literals(r"\\w*sjukhus(?:et)?|BUP", re.I), required_literals(r"\\d+-\\d+") is None
    (('bup', 'sjukhus'), True)
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    best = _best_anchors([o for o in _anchor_options(list(parsed.data)) if min(map(len, o)) >= min_len])
    if best is None:
        return None
    if parsed.state.flags & re.IGNORECASE:
        if any(c in _CASE_UNSAFE for s in best for c in s.lower()) or any(len(s.lower()) != len(s) for s in best):
            return None  # letters such as ı, ſ or İ match more than their lower case shows
        best = frozenset(s.lower() for s in best)
    # a string holding another one of the set adds nothing ("förskola" when "skola" is there)
    return tuple(sorted(s for s in best if not any(o != s and o in s for o in best)))


_CATEGORY_CLASSES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}


def _member_matches(op: str, av: Any, c: str) -> bool:
    """True when one member of a parsed ``[...]`` set may match the character ``c`` (in any case)."""
    variants = {c, c.lower(), c.upper()}
    if op == "LITERAL":
        return chr(av) in variants
    if op == "RANGE":
        return any(av[0] <= ord(v) <= av[1] for v in variants if len(v) == 1)
    if op == "CATEGORY" and str(av) in _CATEGORY_CLASSES:
        return bool(re.match(_CATEGORY_CLASSES[str(av)], c))
    return True  # unknown members: assume the worst


def _set_may_match(items: _Parsed, c: str) -> bool:
    """True unless the parsed character set ``[...]`` surely excludes ``c``."""
    members = [(str(op), av) for op, av in items]
    if members and members[0][0] == "NEGATE":
        return not any(_member_matches(op, av, c) for op, av in members[1:] if op in ("LITERAL", "RANGE", "CATEGORY"))
    return any(_member_matches(op, av, c) for op, av in members)


def _avoids(items: _Parsed, flags: int, chars: str) -> bool:
    """True when no match of a parsed sequence (nor a lookahead in it) can contain one of ``chars``.

    Then a text can be scanned piece by piece between those characters with the same matches.
    """
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            ok = not {chr(av), chr(av).lower(), chr(av).upper()} & set(chars)
        elif name == "NOT_LITERAL":
            ok = set(chars) <= {chr(av)}
        elif name == "ANY":
            ok = set(chars) <= {"\n"} and not flags & re.DOTALL
        elif name == "IN":
            ok = not any(_set_may_match(av, c) for c in chars)
        elif name == "AT":  # "$" and "\Z" see the end of a piece as the end of the text
            ok = str(av) not in ("AT_END_STRING", "AT_END") or (str(av) == "AT_END" and bool(flags & re.M))
        elif name == "BRANCH":
            ok = all(_avoids(b, flags, chars) for b in av[1])
        elif name == "SUBPATTERN":
            ok = _avoids(av[-1], (flags | av[1]) & ~av[2], chars)
        elif name in _REPEATS:
            ok = _avoids(av[2], flags, chars)
        elif name in ("ASSERT", "ASSERT_NOT"):
            ok = av[0] < 0 or _avoids(av[1], flags, chars)  # a lookbehind sees the real text before a piece
        else:
            ok = False
        if not ok:
            return False
    return True


def _case_unsafe() -> frozenset[str]:
    """Letters that ``re.IGNORECASE`` matches beyond ``str.lower`` (dotless ı, long ſ, Greek and Cyrillic variants)."""
    from re._casefix import _EXTRA_CASES  # the standard library's table of those letters

    return frozenset({chr(c) for k, v in _EXTRA_CASES.items() for c in (k, *v)} - {"i", "s"})


_CASE_UNSAFE = _case_unsafe()
_CASE_UNSAFE_RE = re.compile("[" + re.escape("".join(sorted(_CASE_UNSAFE))) + "]")


def lower_for_literals(text: str) -> str | None:
    """``text.lower()`` when a lower-cased literal check is exact for ``re.IGNORECASE`` patterns, else ``None``.

    ``None`` for the rare text where case-insensitive matching goes beyond ``str.lower``
    (a dotted İ, a long ſ, Greek sigma): callers then run their patterns without a pre-filter.

    >>> lower_for_literals("Ale Kommun"), lower_for_literals("ſkola")
    ('ale kommun', None)
    """
    low = text.lower()
    if len(low) != len(text) or _CASE_UNSAFE_RE.search(low):
        return None
    return low


def may_match(literals: tuple[str, ...] | None, text: str | None) -> bool:
    """False only when ``text`` holds none of ``literals`` (see :func:`required_literals`).

    ``text`` is the searched text itself for case-sensitive patterns and
    :func:`lower_for_literals` of it for case-insensitive ones; ``None`` always may match.

    >>> may_match(("bordl",), "punkten bordlaggs"), may_match(("bordl",), "inget"), may_match(None, "x")
    (True, False, True)
    """
    if literals is None or text is None:
        return True
    return any(s in text for s in literals)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def shared_prefixes(strings: tuple[str, ...], *, min_len: int = 5) -> tuple[str, ...]:
    """Fewer strings to search for: neighbours (in sorted order) sharing a prefix of at least ``min_len``
    characters are replaced by that prefix, and strings holding another one are dropped.

    Every text holding one of ``strings`` holds one of the result (fewer ``str.find`` calls).

    >>> shared_prefixes(("region skåne", "region örebro", "socialnämnd", "socialtjänst", "bup", "x-bup"))
    ('bup', 'region ', 'social')
    """
    groups: list[str] = []
    for s in sorted(strings):
        shared = _common_prefix(groups[-1], s) if groups else ""
        if len(shared) >= min_len:
            groups[-1] = shared
        else:
            groups.append(s)
    return tuple(sorted(s for s in set(groups) if not any(o != s and o in s for o in groups)))


_CLAUSE_BREAKS = "\n.,;:!?()[]{}\"“”/"
"""Characters that end a piece of text for patterns that can never match them (names of organisations)."""


@dataclass(frozen=True, slots=True)
class PrefilteredRegex:
    """A compiled pattern that runs only on the pieces of text holding one of its required strings.

    A piece is the stretch between two characters that no match can contain: clause
    punctuation and line breaks when the pattern never matches them, else line breaks,
    else the whole text. ``finditer`` yields exactly the matches of ``regex.finditer(text)``.

    >>> rx = PrefilteredRegex.of(re.compile(r"(?<![\\w-])\\w*skola(?:n)?(?![\\w-])", re.I))
    >>> rx.breaks == _CLAUSE_BREAKS
    True
    >>> [m.group(0) for m in rx.finditer("Mötet. På Åsskolan och GRUNDSKOLA\\nSlut")]
    ['Åsskolan', 'GRUNDSKOLA']
    """

    regex: re.Pattern[str]
    literals: tuple[str, ...] | None
    breaks: str
    """Characters no match contains ("" when the pattern may match any)."""
    ignorecase: bool
    """Whether the literals are checked against the lower-cased text."""
    needs: re.Pattern[str] | None = None
    """A character class every match holds a letter of (``[A-ZÅÄÖ]``): a text without one is skipped."""

    @classmethod
    def of(cls, regex: re.Pattern[str], *, min_len: int = 3) -> PrefilteredRegex:
        """Analyse ``regex`` once (its required strings, which characters its matches never hold)."""
        parsed = _parse(regex.pattern, regex.flags)
        if parsed is None:  # no parser: no pre-filter, the plain pattern runs on the whole text
            return cls(regex, None, "", bool(regex.flags & re.IGNORECASE), None)
        literals = required_literals(regex.pattern, regex.flags, min_len=min_len)
        if literals is not None:
            literals = shared_prefixes(literals)
        items, flags = list(parsed.data), parsed.state.flags
        breaks = next((b for b in (_CLAUSE_BREAKS, "\n") if _avoids(items, flags, b)), "")
        return cls(regex, literals, breaks, bool(flags & re.IGNORECASE), _required_class(items, regex.flags))

    @property
    def line_local(self) -> bool:
        """Whether no match reaches across a line break."""
        return "\n" in self.breaks

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """The matches of the pattern in ``text``, in order.

        ``lowered`` is :func:`lower_for_literals` of ``text`` when the caller has it
        (several case-insensitive patterns over one text share it).
        """
        if self.needs is not None and not self.needs.search(text):
            return
        hay = (lowered if lowered is not None else lower_for_literals(text)) if self.ignorecase else text
        if self.literals is None or hay is None:
            yield from self.regex.finditer(text)
            return
        if not self.breaks:
            if may_match(self.literals, hay):
                yield from self.regex.finditer(text)
            return
        for start, end in _pieces_holding(hay, self.literals, self.breaks):
            yield from self.regex.finditer(text, start, end)


def _required_class(items: _Parsed, flags: int) -> re.Pattern[str] | None:
    """The first character range set (``[A-ZÅÄÖ]``) the top level of a pattern requires, compiled alone.

    >>> _required_class(_parse(r"\\b[A-ZÅÄÖ]\\w+s", 0).data, 0).pattern
    '[A-ZÅÄÖ]'
    >>> _required_class(_parse(r"(?:[A-Z]x)?\\w", 0).data, 0) is None
    True
    """
    for op, av in items:
        if str(op) != "IN" or not av:
            continue
        members = [(str(o), a) for o, a in av]
        if all(o in ("LITERAL", "RANGE") for o, _ in members) and any(o == "RANGE" for o, _ in members):
            parts = [re.escape(chr(a)) if o == "LITERAL" else f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}"
                     for o, a in members]
            return re.compile("[" + "".join(parts) + "]", flags & (re.IGNORECASE | re.ASCII))
    return None


@lru_cache(maxsize=8)
def _break_positions(hay: str, breaks: str) -> list[int]:
    """Offsets of the break characters in ``hay`` (kept for the last few texts: many patterns share them)."""
    pieces = _break_pattern(breaks).split(hay)
    # the k-th break sits after the first k + 1 pieces and the k breaks before it
    return list(map(add, accumulate(map(len, pieces[:-1])), count()))


@cache
def _break_pattern(breaks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(breaks) + "]")


def _pieces_holding(hay: str, literals: tuple[str, ...], breaks: str) -> list[tuple[int, int]]:
    """Spans, in order, of the pieces of ``hay`` between break characters that hold one of ``literals``.

    >>> _pieces_holding("Ale, BUP och BVC.\\nBUP", ("bup",), ",.\\n") == []
    True
    >>> _pieces_holding("Ale, bup och bvc.\\nbup", ("bup",), ",.\\n")
    [(4, 16), (18, 21)]
    """
    firsts = [(lit, i) for lit in literals if (i := hay.find(lit)) >= 0]
    if not firsts:
        return []
    cuts = _break_positions(hay, breaks)
    found: set[int] = set()
    for lit, i in firsts:
        while i >= 0:
            k = bisect_right(cuts, i)  # the piece after the k-th break
            found.add(k)
            if k == len(cuts):
                break
            i = hay.find(lit, cuts[k])
    return [(cuts[k - 1] + 1 if k else 0, cuts[k] if k < len(cuts) else len(hay)) for k in sorted(found)]
