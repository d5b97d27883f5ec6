"""svsamverkan's spaCy components.

Each component is registered with ``Language.factory``, declares what it
assigns, and writes to ``Doc._`` extensions, so developers can add them to
their own Swedish pipelines:

>>> from svsamverkan.nlp import blank_swedish
>>> nlp = blank_swedish()
>>> _ = nlp.add_pipe("svsamverkan_paragraphs")
>>> nlp("Ett.\\n\\nTvå.")._.paragraphs
[(0, 4), (6, 10)]

Context from the read and repair stages (format hints, tables) arrives through
``doc._.svs_document`` when the svsamverkan pipeline runs; components also work
without it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extract import detect_kind, extract_decisions, extract_meeting, extract_participants, extract_themes
from .nlp import doc_text
from .paragraphs import split_paragraphs

_DOC_EXTENSIONS: dict[str, object] = {
    "svs_document": None,
    "paragraphs": None,
    "doc_kind": None,
    "doc_kind_confidence": None,
    "participants": None,
    "meeting": None,
    "decisions": None,
    "themes": None,
    "section_predictions": None,
}
for _name, _default in _DOC_EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("cats"):
    Span.set_extension("cats", default=None)

DEFAULT_COMPONENTS: tuple[str, ...] = (
    "svsamverkan_paragraphs",
    "svsamverkan_kind",
    "svsamverkan_participants",
    "svsamverkan_meeting",
    "svsamverkan_decisions",
    "svsamverkan_themes",
    "svsamverkan_sections",
)


def _kind(doc: Doc) -> str:
    return doc._.doc_kind or "other"


@Language.component("svsamverkan_paragraphs", assigns=["doc._.paragraphs"])
def paragraphs_component(doc: Doc) -> Doc:
    """Split the text into blank-line separated paragraphs (character spans)."""
    doc._.paragraphs = split_paragraphs(doc_text(doc))
    return doc


@Language.component("svsamverkan_kind", assigns=["doc._.doc_kind", "doc._.doc_kind_confidence"])
def kind_component(doc: Doc) -> Doc:
    """Detect the document kind, honouring a kind the caller fixed."""
    src = doc._.svs_document
    forced = getattr(src, "forced_kind", None) if src is not None else None
    if forced:
        doc._.doc_kind, doc._.doc_kind_confidence = forced, 1.0
        return doc
    hint = getattr(src, "kind_hint", None) if src is not None else None
    doc._.doc_kind, doc._.doc_kind_confidence = detect_kind(doc_text(doc), hint=hint)
    return doc


@Language.component("svsamverkan_participants", assigns=["doc._.participants", "doc.spans"])
def participants_component(doc: Doc) -> Doc:
    """Find participants; persons go to ``doc.spans["svs_persons"]``, persons and organisations to ``doc.ents``."""
    from spacy.util import filter_spans

    from .extract.organisations import find_organisations

    people = extract_participants(doc, kind=_kind(doc))
    doc._.participants = people
    spans = []
    for p in people:
        for m in p.mentions:
            span = doc.char_span(m.start, m.end, label="PER", alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.spans["svs_persons"] = sorted(spans, key=lambda s: s.start_char)
    orgs = [doc.char_span(s, e, label="ORG", alignment_mode="expand") for s, e, _ in find_organisations(doc_text(doc))]
    doc.ents = filter_spans([*spans, *(o for o in orgs if o is not None)])
    return doc


@Language.component("svsamverkan_meeting", assigns=["doc._.meeting"])
def meeting_component(doc: Doc) -> Doc:
    """Find meeting metadata (group, date, place, agenda)."""
    doc._.meeting = extract_meeting(doc, kind=_kind(doc))
    return doc


@Language.component("svsamverkan_decisions", assigns=["doc._.decisions"])
def decisions_component(doc: Doc) -> Doc:
    """Find decisions, assignments, tablings and follow-ups."""
    doc._.decisions = extract_decisions(doc, kind=_kind(doc), meeting=doc._.meeting)
    return doc


@Language.component("svsamverkan_themes", assigns=["doc._.themes"])
def themes_component(doc: Doc) -> Doc:
    """Find themes, best first."""
    doc._.themes = extract_themes(doc, kind=_kind(doc), meeting=doc._.meeting)
    return doc


@Language.component("svsamverkan_sections", assigns=["doc._.section_predictions", "doc.spans", "doc.cats"])
def sections_component(doc: Doc) -> Doc:
    """Classify each paragraph against the four guideline sections.

    Sets ``doc.spans["paragraphs"]`` with ``span._.cats`` per paragraph and
    ``doc.cats`` as the share of text per section.
    """
    from .classify import classify_texts

    text = doc_text(doc)
    paras = doc._.paragraphs if doc._.paragraphs is not None else split_paragraphs(text)
    preds = classify_texts([text[s:e] for s, e in paras])
    doc._.section_predictions = preds
    spans = []
    total = sum(e - s for s, e in paras) or 1
    coverage: dict[str, float] = {}
    for (s, e), pred in zip(paras, preds):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            span._.cats = dict(pred.scores)
            spans.append(span)
        for label in pred.labels:
            coverage[label] = coverage.get(label, 0.0) + (e - s) / total
    doc.spans["paragraphs"] = spans
    doc.cats = coverage
    return doc
