"""A spelling prior for stripped Swedish names: ``Par`` is Pär, ``Asa`` is Åsa, ``Marit`` stays Marit.

The ranks come from names-dataset's Swedish first names and surnames (``models/repair/name_prior.json``,
built by ``scripts/build_repair_model.py``). A name gets å/ä/ö only when that spelling ranks much higher in
Sweden than every other spelling with the same letters (a spelling missing from the lists ranks last).

>>> prior_name("Par"), prior_name("Asa"), prior_name("Marit"), prior_name("PAR"), prior_name("Pär")
('Pär', 'Åsa', None, 'PÄR', None)
"""

from __future__ import annotations

import json
from functools import lru_cache

from .candidates import consistent, restore_case
from .lexicon import MODEL_DIR
from .text import fold, has_diacritic

RANK_RATIO = 4.0  # the å/ä/ö spelling must rank this many times higher (Zipf: about as many times as frequent)
COMMON_WORD_MAX_RANK = 200  # a name that is also a common word ("Par", "Kall") must rank this high
UNRANKED = 3000  # rank given to a spelling missing from the Swedish lists (about their length)


@lru_cache(maxsize=1)
def name_ranks() -> dict[str, dict[str, int]]:
    """Folded name -> {spelling: rank in Sweden}; empty when the model file is missing.

    >>> name_ranks()["Asa"]
    {'Åsa': 10}
    """
    path = MODEL_DIR / "name_prior.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["ranks"]


def name_rank(name: str) -> int:
    """The rank in Sweden of a spelling in the prior (``UNRANKED`` when it has none).

    >>> name_rank("Pär"), name_rank("Käll"), name_rank("Xyz")
    (61, 748, 3000)
    """
    return name_ranks().get(fold(name), {}).get(name, UNRANKED)


@lru_cache(maxsize=8192)
def prior_name(written: str) -> str | None:
    """The å/ä/ö spelling of a capitalised name written without them, when the prior is clear; else ``None``."""
    if not written[:1].isupper() or has_diacritic(written):
        return None
    title = written[:1] + written[1:].lower()
    spellings = name_ranks().get(fold(title))
    if not spellings:
        return None
    ranked = sorted((rank, name) for name, rank in spellings.items() if consistent(name.lower(), title.lower()))
    if not ranked or not has_diacritic(ranked[0][1]):
        return None
    rank, best = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else UNRANKED
    if title not in spellings:
        runner_up = min(runner_up, UNRANKED)
    if runner_up < RANK_RATIO * rank:
        return None
    return restore_case(best, written)
