"""Benchmark compound restoration: listed words read as if they were unlisted (leave one out).

usage: .venv/bin/python bench/compounds.py [--n N]

For sampled words of the repair lexicon (10+ letters, zipf 1.5-3.5: the rarer compounds that real
documents hold and word lists miss), the word's own spelling is hidden from the lexicon, its folded
form is read by :func:`svsamverkan.repair.candidates.split_compound` (``parts=3``), and the reading is
compared with the word. Rows: words with å/ä/ö (the reading must restore them) and words without
(the reading must not add any), on two halves split by a hash of the word: ``dev`` (used while
choosing the compound rules) and ``test`` (looked at once per change, to confirm). The data is the
registry word lists the lexicon is built from (wordfreq, spaCy lookups, hunspell-sv); see
``models/repair/MODEL_CARD.md``. The word itself still counts in the prefix and suffix statistics of
its parts (one word among a million), so the numbers are slightly optimistic.
"""

from __future__ import annotations

import argparse
import random
import zlib
from collections import Counter

from svsamverkan.repair import candidates as cand
from svsamverkan.repair.lexicon import Lexicon, load_lexicon
from svsamverkan.repair.text import fold, has_diacritic

MIN_LEN = 10
ZIPF_RANGE = (1.5, 3.5)


class _Hidden:
    """``lex.forms`` without one spelling: the word under test is read as if unlisted."""

    def __init__(self) -> None:
        self.hidden = ("", "")
        self.forms = Lexicon.forms
        hide = self

        def forms(lex: Lexicon, key: str) -> list[str]:
            out = hide.forms(lex, key)
            return [f for f in out if f != hide.hidden[1]] if key == hide.hidden[0] else out

        self.patched = forms


def run(split: str, n: int) -> Counter:
    lex = load_lexicon()
    words = [w for w in (*lex.marked, *lex.plain) if len(w) >= MIN_LEN and w.isalpha()]
    random.Random(1).shuffle(words)
    hide = _Hidden()
    Lexicon.forms = hide.patched  # type: ignore[method-assign]
    counts: Counter = Counter()
    try:
        for w in words:
            if (zlib.crc32(w.encode()) % 2 == 0) != (split == "dev"):
                continue
            if not ZIPF_RANGE[0] <= lex.freq(w) <= ZIPF_RANGE[1]:
                continue
            key = fold(w)
            hide.hidden = (key, w)
            for memo in ("forms", "candidates", "candidates3"):
                lex.memo.pop(memo, None)
            if lex.forms(key):  # another spelling is listed: not an unlisted compound
                continue
            read = cand.split_compound(key, lex, parts=3)
            if read is None:
                counts["no reading"] += 1
                continue
            kind = "with å/ä/ö" if has_diacritic(w) else "without å/ä/ö"
            counts[(kind, read[0] == w)] += 1
            if sum(v for k, v in counts.items() if k != "no reading") >= n:
                break
    finally:
        Lexicon.forms = hide.forms  # type: ignore[method-assign]
        for memo in ("forms", "candidates", "candidates3"):
            lex.memo.pop(memo, None)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=3000, help="words read per half (default 3000)")
    args = ap.parse_args()
    print(f"{'half':6} {'words':16} {'read':>6} {'wrong':>6} {'error%':>7}")
    for split in ("dev", "test"):
        c = run(split, args.n)
        for kind in ("with å/ä/ö", "without å/ä/ö"):
            right, wrong = c[(kind, True)], c[(kind, False)]
            total = right + wrong
            print(f"{split:6} {kind:16} {total:6d} {wrong:6d} {100 * wrong / max(total, 1):7.2f}")
        print(f"{split:6} {'no reading':16} {c['no reading']:6d}")


if __name__ == "__main__":
    main()
