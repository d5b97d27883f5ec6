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
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import msgpack

from ..errors import RepairError

MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "models" / "repair"


@dataclass
class Lexicon:
    """Word frequencies (zipf), fold groups, proper names, context counts and OCR channel."""

    plain: list[str]  # sorted words without å/ä/ö (looked up by bisection: fast to load)
    plain_zipf20: bytes
    zipf: dict[str, int]  # words with å/ä/ö -> zipf frequency * 20
    groups: dict[str, list[str]]
    names: frozenset[str]
    context: dict[str, dict]
    channel: dict[str, float]
    memo: dict[str, dict] = field(default_factory=dict, repr=False)  # per-word caches of the steps

    def cache(self, name: str) -> dict:
        """A named per-word cache (words repeat a lot; lookups are cheap after the first)."""
        return self.memo.setdefault(name, {})

    def is_word(self, word: str) -> bool:
        """True when the lowercase ``word`` is in the lexicon."""
        known = self.memo.setdefault("known", {})
        hit = known.get(word)
        if hit is None:
            hit = known[word] = self._score20(word) is not None
        return hit

    def _score20(self, word: str) -> int | None:
        z = self.zipf.get(word)
        if z is not None:
            return z
        i = bisect.bisect_left(self.plain, word)
        if i < len(self.plain) and self.plain[i] == word:
            return self.plain_zipf20[i]
        return None

    def freq(self, word: str) -> float:
        """Zipf frequency of a lowercase word (0 when unknown)."""
        return (self._score20(word) or 0) / 20

    def forms(self, key: str) -> list[str]:
        """Known spellings whose folded form is ``key`` (lowercase), most frequent first."""
        group = self.groups.get(key)
        if group is not None:
            return group
        return [key] if self.is_word(key) else []

    def best_forms(self, key: str) -> list[str]:
        """Alias of :meth:`forms` kept for readability in examples."""
        return self.forms(key)


def _load_msgpack_gz(path: Path) -> dict:
    if not path.exists():
        raise RepairError("E050", str(path), "repair model missing", "run scripts/build_repair_model.py")
    with gzip.open(path, "rb") as f:
        return msgpack.unpackb(f.read(), strict_map_key=False)


@lru_cache(maxsize=1)
def load_lexicon(model_dir: Path = MODEL_DIR) -> Lexicon:
    """Load (once) the artefacts built by ``scripts/build_repair_model.py``."""
    raw = _load_msgpack_gz(model_dir / "lexicon.msgpack.gz")
    plain = raw["plain"].split("\n")
    marked = raw["marked"].split("\n")
    zipf = dict(zip(marked, raw["marked_zipf20"], strict=True))
    groups: dict[str, list[str]] = defaultdict(list)
    for w, key in zip(marked, raw["marked_folded"].split("\n"), strict=True):
        groups[key].append(w)
    lex = Lexicon(plain=plain, plain_zipf20=raw["plain_zipf20"], zipf=zipf, groups={},
                  names=frozenset(raw["names"].split("\n")), context={}, channel={})
    for key, forms in groups.items():
        if lex.is_word(key):
            forms.append(key)
        if len(forms) > 1:
            forms.sort(key=lambda f: -(lex._score20(f) or 0))
    lex.groups = dict(groups)
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
