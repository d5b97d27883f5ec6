"""Context scores from the naive-Bayes counts in ``models/repair/context.msgpack.gz``.

>>> from .lexicon import load_lexicon
>>> lex = load_lexicon()
>>> feats = ["p:det", "n:avsnittet"]
>>> context_score("har", "här", feats, lex) > context_score("har", "har", feats, lex)
True
"""

from __future__ import annotations

import math

from .lexicon import Lexicon

SMOOTHING = 0.5
VOCABULARY = 2000  # assumed number of distinct values per feature type
PRIOR_WEIGHT = 40.0  # Dirichlet pseudo-count pulling P(feature | form) towards P(feature)
FEATURE_WEIGHT = 0.9
# the second word to the right (its form, its ending) is weaker evidence (key: the feature's prefix)
TYPE_WEIGHTS = {"n2": 0.6 * FEATURE_WEIGHT, "s2": 0.6 * FEATURE_WEIGHT}
MIN_FORM_COUNT = 2  # a form seen once or twice gives no trustworthy context


def context_score(key: str, form: str, features: list[str], lex: Lexicon) -> float:
    """log10 evidence that the context favours ``form`` over the other forms of ``key``."""
    model = lex.context.get(key)
    if not model:
        return 0.0
    n_form = model["n"].get(form, 0)
    if n_form < MIN_FORM_COUNT:
        return 0.0
    n_all, totals = _totals(key, model, lex)
    counts = model["f"].get(form, {})
    score = 0.0
    for f in features:
        c_all = totals.get(f, 0)
        if not c_all:
            continue  # a context never seen with this word says nothing about its forms
        p_all = (c_all + SMOOTHING) / (n_all + SMOOTHING * VOCABULARY)
        p_form = (counts.get(f, 0) + PRIOR_WEIGHT * p_all) / (n_form + PRIOR_WEIGHT)
        score += TYPE_WEIGHTS.get(f[:2], FEATURE_WEIGHT) * math.log10(p_form / p_all)
    return score


def _totals(key: str, model: dict, lex: Lexicon) -> tuple[int, dict[str, int]]:
    """Counts over all forms of ``key`` (cached per key)."""
    memo = lex.cache("context_totals")
    hit = memo.get(key)
    if hit is None:
        totals: dict[str, int] = {}
        for fc in model["f"].values():
            for f, c in fc.items():
                totals[f] = totals.get(f, 0) + c
        hit = memo[key] = (sum(model["n"].values()), totals)
    return hit
