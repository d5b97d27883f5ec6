"""A small language guess for the ``documents.language`` column: Swedish, English or undetermined.

Counts frequent function words of each language (``function_words.tsv``).

>>> guess_language("Vi har möte om samverkan och barnens hälsa.")
'sv'
>>> guess_language("The meeting is about children and collaboration.")
'en'
>>> guess_language("12 34")
'und'
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_WORD = re.compile(r"[^\W\d_]+")
_DATA = Path(__file__).with_name("function_words.tsv")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lang, word = line.split("\t")
            words[word] = lang
    return words


def guess_language(text: str, *, min_hits: int = 2, sample_chars: int = 20_000) -> str:
    """``'sv'``, ``'en'`` or ``'und'`` from function words in the first ``sample_chars``."""
    words = _function_words()
    counts = {"sv": 0, "en": 0}
    for word in _WORD.findall(text[:sample_chars].lower()):
        lang = words.get(word)
        if lang:
            counts[lang] += 1
    best = max(counts, key=lambda k: counts[k])
    if counts[best] < min_hits or counts[best] == counts["en" if best == "sv" else "sv"]:
        return "und"
    return best
