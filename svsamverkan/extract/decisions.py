"""Decisions and assignments: what a meeting decided, who got which assignment, what was tabled.

Each sentence is matched against the typed patterns of
``lang/decision_patterns.tsv`` (on folded text, so stripped å/ä/ö still match).
A sentence is a decision only when it carries an explicit trigger: a decision
verb (beslutar att, godkänns, fastställs), an assignment (ger ... i uppdrag
att), a tabling (bordläggs), a conclusion the group records (konstaterar att),
or, in minutes, an action item with a deadline. Veto patterns keep out standing
mandates (har i uppdrag att), plans (planerar, avser), questions and negations
(inget beslut). A plain "X informerar om ..." is never a decision.

>>> from svsamverkan.nlp import blank_swedish
>>> d = extract_decisions(blank_swedish()("Skolfrånvaro. Punkten bordläggs till nästa möte."))
>>> [(x.type, x.text, x.deadline) for x in d]
[('bordlagd', 'Punkten bordläggs till nästa möte.', 'till nästa möte')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ..model import Decision, MeetingInfo
from ..nlp import doc_text
from .agenda import agenda_items, item_at
from .prefilter import may_match, required_literals
from .textspans import clean_markup, fold, fold_for_slicing, load_tsv, sentence_spans

_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_DEADLINE = re.compile(
    r"\b(?:till|inför|före|innan|senast(?:\s+(?:till|vid|på))?)\s+(?:nästa|kommande)\s+(?:möte|sammanträde|träff)\w*"
    r"|\binför\s+(?:mötet|sammanträdet)\s+(?:i|den)\s+[\wåäö]+(?:\s+\d{4})?"
    r"|\bsenast\s+(?:den\s+)?(?:\d{1,2}\s+(?:" + _MONTHS + r")(?:\s+\d{4})?|\d{4}-\d\d-\d\d|vecka\s+\d+"
    r"|[\wåäö]+dag(?:en)?)"
    r"|\b(?:till|före|innan|inför|senast)\s+(?:den\s+)?(?:\d{1,2}\s+)?(?:" + _MONTHS + r")(?:\s+\d{4})?"
    r"|\b(?:till|före|innan|inför)\s+(?:sommaren|hösten|våren|årsskiftet|jul|sommar|höst|vår)(?:\s+\d{4})?"
    r"|\b(?:till|före|innan|senast)\s+(?:den\s+)?\d{4}-\d\d-\d\d",
    re.I,
)
_MODAL = re.compile(r"\b(?:ska|skall|kommer\s+att|bor|kan|kunde|skulle|vill|behover|maste|borde|kanske)\b")
_CLAUSE = re.compile(r"[,;:]\s|\s(?:och|men|samt|da|nar|eftersom|som)\s")
_GROUP = re.compile(r"\w*(?:grupp|gruppen|nämnd|nämnden|styrelse|styrelsen|råd|rådet|ledning|ledningen|"
                    r"beredning|beredningen|team|teamet|forum|utskott|utskottet)$", re.I)


@dataclass(frozen=True, slots=True)
class DecisionPattern:
    """One typed trigger pattern (compiled on folded text)."""

    type: str
    scope: str
    regex: re.Pattern[str]
    literals: tuple[str, ...] | None = None
    """Strings one of which every match contains: a sentence without any of them is not searched."""


def fold_pattern(pattern: str) -> str:
    """Fold a regular expression like the text it runs on, leaving its escapes alone.

    Folding the whole pattern would lower-case ``\\W`` into ``\\w`` (a word character
    instead of a non-word one), so escaped characters are kept as written.

    >>> fold_pattern(r"^\\W*Beslut\\s*: Åtgärd")
    '^\\\\W*beslut\\\\s*: atgard'
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
        else:
            out.append(fold(pattern[i]))
            i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def decision_patterns() -> tuple[tuple[DecisionPattern, ...], tuple[re.Pattern[str], ...]]:
    """``(patterns, vetoes)`` read from ``lang/decision_patterns.tsv``.

    >>> pats, vetoes = decision_patterns()
    >>> sorted({p.type for p in pats})[:3], len(vetoes) > 3
    (['beslut', 'bordlagd', 'information'], True)
    """
    pats: list[DecisionPattern] = []
    vetoes: list[re.Pattern[str]] = []
    for row in load_tsv("decision_patterns.tsv"):
        typ, scope, pattern = row[0], row[1], row[2]
        rx = re.compile(fold_pattern(pattern), re.M)
        if typ == "veto":
            vetoes.append(rx)
        else:
            pats.append(DecisionPattern(typ, scope, rx, required_literals(rx.pattern, rx.flags)))
    return tuple(pats), tuple(vetoes)


@lru_cache(maxsize=1)
def _trigger_words() -> re.Pattern[str] | None:
    """One pattern for the trigger words of all decision patterns: a sentence without any is no decision.

    ``None`` when some pattern has no such words (then every sentence is tried).

    >>> bool(_trigger_words().search("punkten bordlaggs")), _trigger_words().search("hej och valkommen")
    (True, None)
    """
    words: set[str] = set()
    for p in decision_patterns()[0]:
        if p.literals is None:
            return None
        words.update(p.literals)
    return re.compile("|".join(re.escape(w) for w in sorted(words)))


def find_deadline(sentence: str) -> str | None:
    """The deadline named in ``sentence``, as written.

    >>> find_deadline("Lämna synpunkter inför mötet i september.")
    'inför mötet i september'
    >>> find_deadline("Ingen tid nämnd.") is None
    True
    """
    m = _DEADLINE.search(sentence)
    return m.group(0) if m else None


def classify_sentence(
    sentence: str, *, minutes: bool = True, folded: str | None = None
) -> tuple[str, int, int] | None:
    """``(type, trigger_start, trigger_end)`` when ``sentence`` states a decision, else ``None``.

    ``folded`` is ``fold(sentence)`` when the caller has it. Patterns whose trigger
    words the sentence lacks are skipped without being run.

    >>> classify_sentence("Styrgruppen ger Anna i uppdrag att kalla till möte.")[0]
    'uppdrag'
    >>> classify_sentence("Elevhälsan har i uppdrag att stödja eleverna.") is None
    True
    >>> classify_sentence("Lisa informerar om läget.") is None
    True
    """
    if folded is None:
        folded = fold(sentence)
    gate = _trigger_words()
    if gate is not None and not gate.search(folded):
        return None
    hit = _first_trigger(sentence, folded, minutes)
    if hit is None or _vetoed(folded):  # a veto rules out every pattern, so it is asked only after a hit
        return None
    return hit


def _vetoed(folded: str) -> bool:
    """True when a veto pattern (plans, negations, standing mandates, questions) matches."""
    return any(may_match(lits, folded) and v.search(folded) for v, lits in _veto_literals())


@lru_cache(maxsize=1)
def _veto_literals() -> tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...]:
    """Each veto pattern with the strings one of which its every match contains."""
    return tuple((v, required_literals(v.pattern, v.flags, min_len=1)) for v in decision_patterns()[1])


def _first_trigger(sentence: str, folded: str, minutes: bool) -> tuple[str, int, int] | None:
    """The first decision pattern that matches, in file order, before vetoes."""
    pats = decision_patterns()[0]
    candidates = [p for p in pats if may_match(p.literals, folded) and (minutes or p.scope != "minutes")]
    has_deadline: bool | None = None  # looked up only for an action-item pattern
    for p in candidates:
        if p.scope == "deadline":
            if has_deadline is None:
                has_deadline = find_deadline(sentence) is not None
            if not (minutes and has_deadline):
                continue
        m = p.regex.search(folded)
        if not m:
            continue
        if p.type in ("beslut", "uppdrag", "rekommendation") and _modal_before(folded, m.start()):
            continue
        return p.type, m.start(), m.end()
    return None


def _modal_before(folded: str, trigger: int) -> bool:
    """A modal or future verb in the same clause before the trigger ("ska beslutas", "kan godkännas")."""
    before = folded[:trigger]
    if re.search(r"\bsom\s+(?:\w+\s+){0,3}$", before):
        return True  # a relative clause refers back to something decided elsewhere
    cuts = [m.end() for m in _CLAUSE.finditer(before) if m.end() < trigger]
    clause = before[cuts[-1]:] if cuts else before
    if re.search(r"^\W*(?:om|ifall|innan|tills|savida|nar)\b", clause):
        return True  # a condition ("om förslaget godkänns") is not a decision
    return bool(_MODAL.search(clause))


def _subject_before(sentence: str, pos: int) -> str | None:
    """A short subject (name or group) right before ``pos``."""
    before = clean_markup(sentence[:pos])
    cuts = [m.end() for m in re.finditer(r"[,;:]\s|\s(?:och|att|då|när|så)\s", before)]
    clause = before[cuts[-1]:] if cuts else before
    pair = re.search(r"([A-ZÅÄÖ][\wåäö-]+\s+och\s+)$", before[: len(before) - len(clause)])
    if pair and clause[:1].isupper():
        clause = pair.group(1) + clause  # "Karin och Aida återkommer"
    clause = re.sub(r"^\W+", "", clause).strip()
    clause = re.sub(r"\s+(?:ju|även|också|nu|därför|då)$", "", clause)
    words = clause.split()
    if not words or len(words) > 7:
        return None
    if fold(words[0]) in {"vi", "man", "det", "de", "den", "detta", "dessa", "punkten", "arendet", "informationen",
                          "dagordningen", "protokollet", "minnesanteckningarna", "forslaget", "han", "hon", "jag"}:
        return None
    if not (clause[0].isupper() or _GROUP.search(words[-1])):
        return None
    return clause


def find_responsible(sentence: str, typ: str, trigger_start: int) -> str | None:
    """Who is responsible: the assignee of an assignment, else the deciding group when named.

    >>> find_responsible("Styrgruppen ger Elevhälsan i uppdrag att ta fram en rutin.", "uppdrag", 12)
    'Elevhälsan'
    >>> find_responsible("Anna Berg får i uppdrag att boka lokal.", "uppdrag", 10)
    'Anna Berg'
    """
    m = re.search(r"\bansvarig[a]?\s*:\s*([^\n.;]+)", sentence, re.I)
    if m:
        return clean_markup(m.group(1)).strip() or None
    sentence = sentence.replace("\n", " ")
    folded = fold(sentence)
    m = re.search(r"\b(?:ger|gav|ges|gavs)\s+(.{2,120}?)\s+i\s+uppdrag\b", folded)
    if m and typ == "uppdrag":
        return clean_markup(sentence[m.start(1):m.end(1)])
    m = re.search(r"\buppdra(?:s|r|des|gs)?\s+at\s+(.{2,80}?)\s+att\b", folded)
    if m:
        return clean_markup(sentence[m.start(1):m.end(1)])
    m = re.search(r"\b(?:faststallt|faststalld|faststallts|faststalldes|godkant|godkandes|beslutad|beslutat|antagen"
                  r"|antaget)\s+av\s+(.{2,120}?)"
                  r"(?:\s+(?:i|den|vid|pa|under)\s+[\wåäö]*\s*\d|[.;]|$)", folded)
    if m:
        return clean_markup(sentence[m.start(1):m.end(1)])
    m = re.search(r"\b(?:far|fick|fatt|ansvarar|aterkommer|beslutar|beslutade|konstaterar|konstaterade|enas|enades"
                  r"|rekommenderar|foreslar)\b", folded)
    if m and typ != "bordlagd":
        return _subject_before(sentence, m.start())
    return None


_DECISION_HEADER = re.compile(
    r"^\W*(?:beslut|beslutades|beslots|beslut fattades|forslag till beslut antogs|[\w ]{0,40}\s(?:beslutar|beslutade))"
    r"\s*:?\s*$"
)


def _is_decision_header(sentence: str, folded: str) -> bool:
    """A heading line that announces the decision below it ("Beslut:", "Arbetsgruppen beslutar:").

    Every heading form holds the letters "besl", which removing markup cannot create,
    so a sentence without them is not cleaned and matched.

    >>> _is_decision_header("**Beslut:**", "**beslut:**"), _is_decision_header("Hej.", "hej.")
    (True, False)
    """
    return "besl" in folded and bool(_DECISION_HEADER.search(fold(clean_markup(sentence))))


def _responsible_line(text: str, spans: list[tuple[int, int]], k: int) -> str | None:
    """'Ansvarig: X' on the line right after sentence ``k``."""
    if k + 1 >= len(spans):
        return None
    m = re.match(r"^\W*ansvarig[a]?\s*:\s*([^\n.;]+)", text[spans[k + 1][0] : spans[k + 1][1]], re.I)
    if m is None:
        return None
    return clean_markup(m.group(1)).strip() or None


def _display(text: str) -> str:
    return clean_markup(text).lstrip("-•*–· ").strip()


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text))


def _is_meeting(doc: Doc, kind: str, meeting: MeetingInfo | None) -> bool:
    return kind == "minutes" or meeting is not None


def extract_decisions(doc: Doc, *, kind: str = "other", meeting: MeetingInfo | None = None) -> list[Decision]:
    """Return decisions found in ``doc`` (offsets into ``doc.text``), in document order.

    >>> from svsamverkan.nlp import blank_swedish
    >>> extract_decisions(blank_swedish()("Hej"))
    []
    >>> t = "Styrgruppen ger Elevhälsan i uppdrag att ta fram en rutin till nästa möte."
    >>> d = extract_decisions(blank_swedish()(t))[0]
    >>> d.type, d.responsible, d.deadline, (d.start, d.end) == (0, len(t))
    ('uppdrag', 'Elevhälsan', 'till nästa möte', True)
    """
    text = doc_text(doc)
    minutes = _is_meeting(doc, kind, meeting)
    items: list | tuple = meeting.agenda if meeting is not None else agenda_items(text)
    out: list[Decision] = []
    seen: list[str] = []
    spans = sentence_spans(text)
    heads = {int(it["start"]) if isinstance(it, dict) else it.start for it in items}
    folded_text = fold_for_slicing(text)
    after_header = False
    for k, (start, end) in enumerate(spans):
        sentence = text[start:end]
        folded = folded_text[start:end] if folded_text is not None else fold(sentence)
        header, after_header = after_header, _is_decision_header(sentence, folded)
        if len(sentence) > 600 or after_header or start in heads:
            continue  # an agenda item's own line ("2. Budget (bordlagd 2026-02-12)") records no decision
        hit = classify_sentence(sentence, minutes=minutes, folded=folded)
        if hit is None and header and not _vetoed(folded):
            hit = ("beslut", 0, 0)  # the sentence under a "Beslut:" heading states the decision
            after_header = bool(re.match(r"^\W*(?:[-•*–]|att\b)", sentence))  # a list of att-clauses continues
        if hit is None:
            continue
        typ, t_start, _ = hit
        shown = _display(sentence)
        key = _key(shown)
        if len(key) < 8 or any(key in k or k in key for k in seen):
            continue
        seen.append(key)
        out.append(
            Decision(
                text=shown,
                type=typ,
                item=item_at(items, start),
                responsible=find_responsible(sentence, typ, t_start) or _responsible_line(text, spans, k),
                deadline=find_deadline(sentence),
                start=start,
                end=end,
            )
        )
    return out
