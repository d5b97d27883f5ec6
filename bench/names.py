"""Benchmark names in stripped text: proper names of hunspell-sv read back in a damaged sentence.

usage: .venv/bin/python bench/names.py [--n N]

Samples ``N`` capitalised names (places, surnames, first names; 4+ letters) of the repair lexicon's
name list, half with å/ä/ö and half without, puts each stripped name into damaged sentences of our
own (three templates: after a preposition, as a subject, in a list) and checks the word read back.
Names with å/ä/ö must be restored; names without must stay as written. The name list comes from
hunspell-sv (see ``models/repair/MODEL_CARD.md``); the sample is seeded, so the numbers repeat.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from svsamverkan.repair import repair
from svsamverkan.repair.lexicon import load_lexicon
from svsamverkan.repair.text import fold, has_diacritic

TEMPLATES = (  # our own sentences, stripped; {} is the name, the word at that index of the split text
    ("Vi traffades hos {} for att prata om barnens halsa och hur vi nar fram till foraldrarna.", 3),
    ("Sedan i host har {} ett natverk for skola och socialtjanst som moter familjerna tidigt.", 4),
    ("Narvarande var Anna, {}, Per och Lisa fran forskolan och barnhalsovarden i kommunen.", 3),
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300, help="names per group (default 300)")
    args = ap.parse_args()
    lex = load_lexicon()
    names = sorted(n for n in lex.names if n.isalpha() and len(n) >= 4)
    random.Random(3).shuffle(names)
    groups = {"with å/ä/ö": [n for n in names if has_diacritic(n)][: args.n],
              "without å/ä/ö": [n for n in names if not has_diacritic(n)][: args.n]}
    print(f"{'names':16} {'template':>8} {'read':>6} {'wrong':>6} {'error%':>7}")
    for kind, group in groups.items():
        for t, (template, at) in enumerate(TEMPLATES):
            counts = Counter(repair(template.format(fold(n))).text.split()[at].rstrip(",") == n for n in group)
            total = counts[True] + counts[False]
            print(f"{kind:16} {t + 1:8d} {total:6d} {counts[False]:6d} {100 * counts[False] / total:7.2f}")


if __name__ == "__main__":
    main()
