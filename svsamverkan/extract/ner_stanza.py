"""Optional statistical NER: stanza's Swedish NER as an extra signal for persons and organisations.

Needs the ``stanza`` extra (``pip install 'svsamverkan[stanza]'``) and the
Swedish models, fetched once where the internet is reachable::

    python -c "import stanza; stanza.download('sv', processors='tokenize,ner')"

Without them, :func:`stanza_entities` returns ``None`` and the rule-based
extractor works alone. The merge logic only needs objects shaped like a stanza
``Document`` (``.ents`` with ``text``, ``type``, ``start_char``, ``end_char``):

>>> from types import SimpleNamespace as NS
>>> doc = NS(ents=[NS(text="Vera Nord", type="PER", start_char=0, end_char=9),
...                NS(text="BUP Halland", type="ORG", start_char=11, end_char=22)])
>>> [(e.label, e.text) for e in entities_from_document(doc)]
[('PER', 'Vera Nord'), ('ORG', 'BUP Halland')]
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..errors import MissingExtraError, ModelError
from .canonical import Candidate
from .names import is_name_token
from .roles import find_role

_BETWEEN_NAME_AND_ORG = r"[\s,(–-]*(?:\w+\s+)?(?:från|på|vid|i)?[\s,(]*"
PERSON_LABELS = frozenset({"PER", "PRS", "PERSON"})
ORG_LABELS = frozenset({"ORG", "ORGANIZATION", "ORGANISATION", "INST"})


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity found by a statistical tagger (offsets into the tagged text)."""

    label: str
    text: str
    start: int
    end: int


def stanza_available() -> bool:
    """True when the ``stanza`` package is importable (models may still be missing)."""
    return importlib.util.find_spec("stanza") is not None


def load_stanza_ner(lang: str = "sv", model_dir: str | None = None) -> Any:
    """Load stanza's tokenizer + NER for ``lang`` without downloading anything.

    Raises ``MissingExtraError`` (E090) without stanza and ``ModelError`` (E060)
    when the models are not on disk.
    """
    if not stanza_available():
        raise MissingExtraError("stanza NER", "stanza", "stanza")
    import stanza

    kwargs: dict[str, Any] = {"processors": "tokenize,ner", "download_method": None, "verbose": False}
    if model_dir:
        kwargs["dir"] = model_dir
    try:
        return stanza.Pipeline(lang, **kwargs)
    except Exception as exc:  # stanza raises its own resource errors
        raise ModelError(
            "E060", f"stanza-{lang}", f"stanza's {lang} NER model could not be loaded ({type(exc).__name__})",
            f"download it once with: python -c \"import stanza; stanza.download('{lang}', processors='tokenize,ner')\"",
        ) from exc


@lru_cache(maxsize=1)
def _shared_pipeline() -> Any | None:
    if os.environ.get("SVSAMVERKAN_NO_STANZA") or not stanza_available():
        return None
    try:
        return load_stanza_ner(model_dir=os.environ.get("STANZA_RESOURCES_DIR"))
    except (ModelError, MissingExtraError):
        return None


def entities_from_document(doc: Any) -> list[Entity]:
    """Person and organisation entities of a stanza ``Document`` (or any object shaped like one)."""
    out: list[Entity] = []
    for e in getattr(doc, "ents", None) or []:
        label = str(getattr(e, "type", "")).upper()
        if label in PERSON_LABELS:
            label = "PER"
        elif label in ORG_LABELS:
            label = "ORG"
        else:
            continue
        out.append(Entity(label, e.text, int(e.start_char), int(e.end_char)))
    return out


def stanza_entities(text: str) -> list[Entity] | None:
    """Entities of ``text`` from stanza, or ``None`` when stanza or its models are absent."""
    nlp = _shared_pipeline()
    if nlp is None or not text.strip():
        return None
    return entities_from_document(nlp(text))


def _org_after(entities: list[Entity], end: int, text: str) -> Entity | None:
    for e in entities:
        between = text[end : e.start]
        if e.label == "ORG" and 0 <= e.start - end <= 25 and re.fullmatch(_BETWEEN_NAME_AND_ORG, between):
            return e
    return None


def merge_entities(candidates: list[Candidate], entities: list[Entity], text: str) -> list[Candidate]:
    """Use NER as an extra signal.

    * a candidate confirmed by a person entity gains confidence;
    * a candidate without organisation takes an organisation entity right after its name;
    * a person entity with two or more name tokens and a role title next to it
      (in the same sentence) is added as a new candidate: people merely named
      stay out, as in the rule-based parsers.

    >>> from types import SimpleNamespace as NS
    >>> ents = [Entity("PER", "Vera Nord", 0, 9), Entity("ORG", "BUP Halland", 21, 32),
    ...         Entity("PER", "Kim Berg", 34, 42)]
    >>> text = "Vera Nord, kurator på BUP Halland. Kim Berg skrev boken."
    >>> out = merge_entities([Candidate("Vera Nord")], ents, text)
    >>> [(c.name, c.role, c.organisation, c.confidence) for c in out]
    [('Vera Nord', None, 'BUP Halland', 0.9)]
    """
    out = list(candidates)
    known = {c.name.casefold(): i for i, c in enumerate(out)}
    for e in entities:
        if e.label != "PER":
            continue
        key = e.text.casefold()
        if key in known:
            i = known[key]
            c = out[i]
            org = c.organisation
            if org is None:
                after = _org_after(entities, e.end, text)
                org = after.text if after else None
            out[i] = replace(c, organisation=org, confidence=min(1.0, round(c.confidence + 0.1, 2)))
            continue
        tokens = e.text.split()
        if len(tokens) < 2 or not all(is_name_token(t) for t in tokens):
            continue
        sentence = re.split(r"(?<=[.!?])\s", text[e.end : e.end + 120])[0]
        role = find_role(sentence[:60]) if re.match(r"[\s,]+\w", sentence) else None
        if role is None:
            continue
        after = _org_after(entities, e.end, text)
        out.append(
            Candidate(e.text, role=role, organisation=after.text if after else None, source="stanza", confidence=0.6)
        )
        known[key] = len(out) - 1
    return out
