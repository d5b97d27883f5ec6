"""The repair lexicon and context model, loaded once from ``models/repair/``.

>>> lex = load_lexicon()
>>> lex.best_forms("for")[0]
'för'
>>> lex.is_word("barnens")
True
"""

from __future__ import annotations

import bisect
import gzip
import json
import math
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import msgpack

from ..errors import RepairError
from ..resources import models_dir
from .text import fold, has_diacritic

MODEL_DIR = models_dir() / "repair"


@dataclass
class Lexicon:
    """Word frequencies (zipf), fold groups, proper names, context counts and OCR channel.

    Words are kept as sorted tuples and found by bisection, which makes loading fast. Tuples, not
    lists: the garbage collector stops scanning a tuple of strings after its first pass, whereas each
    full collection would walk a million-entry list (about 0.1 s every time, in the whole process).
    """

    plain: tuple[str, ...]  # sorted words without å/ä/ö
    plain_zipf20: bytes  # zipf frequency * 20, aligned with ``plain``
    marked: tuple[str, ...]  # words with å/ä/ö, sorted by (folded form, word)
    marked_folded: tuple[str, ...]  # folded form of each word in ``marked`` (sorted)
    marked_zipf20: bytes
    names: frozenset[str]
    context: dict[str, dict]
    channel: dict[str, float]
    memo: dict[str, dict] = field(default_factory=dict, repr=False)  # per-word caches of the steps
    infinitives: frozenset[str] = frozenset()  # infinitive-looking forms of ambiguous words ("stärka", "ändra")
    endings: dict[str, float] = field(default_factory=dict)  # spelling -> log10 mass of words ending in it

    def cache(self, name: str) -> dict:
        """A named per-word cache (words repeat a lot; lookups are cheap after the first)."""
        hit = self.memo.get(name)
        if hit is None:
            hit = self.memo[name] = {}
        return hit

    def is_word(self, word: str) -> bool:
        """True when the lowercase ``word`` is in the lexicon."""
        return self._score20(word) is not None

    def _score20(self, word: str) -> int | None:
        memo = self.memo.setdefault("score20", {})
        if word in memo:
            return memo[word]
        hit = self._lookup(word)
        memo[word] = hit
        return hit

    def _lookup(self, word: str) -> int | None:
        if has_diacritic(word):
            lo, hi = self._marked_range(fold(word))
            for i in range(lo, hi):
                if self.marked[i] == word:
                    return self.marked_zipf20[i]
            return None
        i = bisect.bisect_left(self.plain, word)
        if i < len(self.plain) and self.plain[i] == word:
            return self.plain_zipf20[i]
        return None

    def _marked_range(self, key: str) -> tuple[int, int]:
        lo = bisect.bisect_left(self.marked_folded, key)
        hi = bisect.bisect_right(self.marked_folded, key, lo)
        return lo, hi

    def freq(self, word: str) -> float:
        """Zipf frequency of a lowercase word (0 when unknown)."""
        return (self._score20(word) or 0) / 20

    def forms(self, key: str) -> list[str]:
        """Known spellings whose folded form is ``key`` (lowercase), most frequent first."""
        memo = self.memo.setdefault("forms", {})
        hit = memo.get(key)
        if hit is None:
            lo, hi = self._marked_range(key)
            hit = list(self.marked[lo:hi])
            if self.is_word(key):
                hit.append(key)
            hit.sort(key=lambda f: -(self._score20(f) or 0))
            memo[key] = hit
        return hit

    def count_compounds(self, key: str, tail: int) -> int:
        """How many listed words fold to ``key`` + at least ``tail`` more letters (compounds, not inflections).

        >>> lex = load_lexicon()
        >>> lex.count_compounds("uppfoljnings", 4) > lex.count_compounds("uppfoljning", 4) // 2
        True
        """
        n = len(key) + tail
        lo, hi = _prefix_range(self.plain, key)
        m_lo, m_hi = _prefix_range(self.marked_folded, key)
        return (sum(1 for i in range(lo, hi) if len(self.plain[i]) >= n)
                + sum(1 for i in range(m_lo, m_hi) if len(self.marked_folded[i]) >= n))

    def ending_log(self, form: str) -> float:
        """log10(1 + summed frequency (10**zipf) of the listed words longer than ``form`` ending with it).

        How productive a spelling is as the last part of compounds and inflections: ``-vården`` ends
        more frequent words than ``-värden``, ``-nas`` (``-arnas``) far more than ``-nås``. Precomputed
        by the build script for the spellings that compound reading compares (0 for others).
        """
        return self.endings.get(form, 0.0)

    def starting_mass(self, form: str) -> float:
        """Summed frequency (10**zipf) of the listed words that start with ``form`` exactly (itself included).

        >>> lex = load_lexicon()
        >>> lex.starting_mass("vårdk") > lex.starting_mass("värdk") > 0
        True
        """
        memo = self.cache("starting_mass")
        hit = memo.get(form)
        if hit is None:
            lo, hi = _prefix_range(self.marked_folded, fold(form))
            zipf20 = self.marked_zipf20
            hit = sum(math.pow(10, zipf20[i] / 20) for i in range(lo, hi) if self.marked[i].startswith(form))
            if not has_diacritic(form):
                mass = self._plain_mass()
                lo, hi = _prefix_range(self.plain, form)
                hit += mass[hi] - mass[lo]
            memo[form] = hit
        return hit

    def warm(self) -> None:
        """Build the lazily built tables now (a process that forks workers calls this once)."""
        self._plain_mass()

    def _plain_mass(self) -> array:
        """Running sums of 10**zipf over ``plain`` (built on first use, about 0.1 s)."""
        mass = self.memo.get("plain_mass")
        if mass is None:
            mass = self.memo["plain_mass"] = array("d", accumulate((math.pow(10, z / 20) for z in self.plain_zipf20),
                                                                  initial=0.0))
        return mass

    def has_marked_form(self, key: str) -> bool:
        """True when some spelling of ``key`` has å/ä/ö."""
        lo, hi = self._marked_range(key)
        return hi > lo

    def best_forms(self, key: str) -> list[str]:
        """Alias of :meth:`forms` kept for readability in examples."""
        return self.forms(key)


def _prefix_range(words: tuple[str, ...], prefix: str) -> tuple[int, int]:
    """The index range of the sorted ``words`` that start with ``prefix``."""
    lo = bisect.bisect_left(words, prefix)
    return lo, bisect.bisect_left(words, prefix + "\uffff", lo)


def _load_msgpack_gz(path: Path) -> dict:
    if not path.exists():
        raise RepairError("E050", str(path), "repair model missing", "run scripts/build_repair_model.py")
    with gzip.open(path, "rb") as f:
        return msgpack.unpackb(f.read(), strict_map_key=False)


@lru_cache(maxsize=1)
def load_lexicon(model_dir: Path = MODEL_DIR) -> Lexicon:
    """Load (once) the artefacts built by ``scripts/build_repair_model.py``."""
    raw = _load_msgpack_gz(model_dir / "lexicon.msgpack.gz")
    lex = Lexicon(plain=tuple(raw["plain"].split("\n")), plain_zipf20=raw["plain_zipf20"],
                  marked=tuple(raw["marked"].split("\n")), marked_folded=tuple(raw["marked_folded"].split("\n")),
                  marked_zipf20=raw["marked_zipf20"], names=frozenset(raw["names"].split("\n")),
                  context={}, channel={}, infinitives=frozenset(raw.get("infinitives", "").split("\n")) - {""},
                  endings=raw.get("endings", {}))
    lex.context = _load_msgpack_gz(model_dir / "context.msgpack.gz")
    channel_path = model_dir / "channel.json"
    if channel_path.exists():
        lex.channel = json.loads(channel_path.read_text(encoding="utf-8"))["log10"]
    return lex


def log10_share(values: list[float]) -> list[float]:
    """Turn log10 scores into probabilities that sum to one.

    >>> [round(p, 2) for p in log10_share([1.0, 0.0])]
    [0.91, 0.09]
    """
    top = max(values)
    exps = [math.pow(10, v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]
