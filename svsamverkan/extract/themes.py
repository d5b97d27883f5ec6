"""Themes: the explicit ones and ranked keyphrases, mapped onto the project's theme vocabulary.

Explicit themes come first: agenda item titles, "Temat var ...", "Dagens tema:",
the document title, headings and slide titles, names in quotes, acronyms and
capitalised group names. Keyphrases (see :mod:`.keyphrases`) fill the list.
Every theme whose words match an entry of ``lang/theme_vocabulary.tsv`` gets
that entry's id; a vocabulary concept the document names often becomes a
theme of its own. Labels are written as in the document (lemma for single
keyphrases), so the analyst sees the document's own words; ``vocabulary_id``
gives the controlled concept.

>>> from svsamverkan.nlp import blank_swedish
>>> t = "Skolfrånvaro\\n\\nTemat var Tidiga insatser. Vi talade om SIP och SIP-möten."
>>> [(x.label, x.vocabulary_id) for x in extract_themes(blank_swedish()(t))][:3]
[('Tidiga insatser', 'tidiga_insatser'), ('Skolfrånvaro', 'skolfranvaro'), ('SIP', 'sip')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from ..model import MeetingInfo, Theme
from ..nlp import doc_text
from .agenda import procedural_titles
from .keyphrases import domain_stopwords, keyphrases, lemmatize_word, restore_word
from .names import first_names as _first_names
from .names import surnames as _surnames
from .textspans import blank_markup, blank_tables, clean_markup, fold, load_tsv

MAX_THEMES = 15


@dataclass
class _Candidate:
    label: str
    score: float
    source: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    vocabulary_id: str | None = None


@dataclass(frozen=True, slots=True)
class VocabularyEntry:
    """One concept of the controlled theme vocabulary."""

    id: str
    label: str
    synonyms: tuple[str, ...]


@lru_cache(maxsize=1)
def vocabulary() -> tuple[VocabularyEntry, ...]:
    """The controlled theme vocabulary (``lang/theme_vocabulary.tsv``).

    >>> [e.label for e in vocabulary()][:3]
    ['SIP', 'NPF', 'psykisk hälsa']
    """
    return tuple(
        VocabularyEntry(row[0], row[1], tuple(s.strip() for s in row[2].split("|") if s.strip()))
        for row in load_tsv("theme_vocabulary.tsv")
    )


@lru_cache(maxsize=1)
def _vocab_regexes() -> tuple[tuple[VocabularyEntry, re.Pattern[str]], ...]:
    out = []
    for e in vocabulary():
        alts = []
        for syn in sorted(e.synonyms, key=len, reverse=True):
            f = re.escape(fold(syn))
            # acronyms match whole words (or before a hyphen); words may take an inflected ending
            alts.append(f + (r"(?![a-z])" if len(syn) <= 4 else r"[a-z]{0,5}\b"))
        out.append((e, re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts) + ")")))
    return tuple(out)


def map_to_vocabulary(label: str) -> str | None:
    """The id of the vocabulary concept that ``label`` names, else ``None``.

    >>> map_to_vocabulary("Samordnad individuell plan"), map_to_vocabulary("Fika")
    ('sip', None)
    """
    f = fold(label)
    for e, rx in _vocab_regexes():
        if rx.search(f):
            return e.id
    return None


def _person_words(doc: Doc) -> set[str]:
    """Folded words of participant names (when the participants component ran)."""
    words: set[str] = set()
    people = doc._.participants if Doc.has_extension("participants") else None
    for p in people or []:
        words.update(fold(w) for w in p.name.split())
    return words


def _looks_like_person(label: str, persons: set[str]) -> bool:
    words = label.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    folded = [fold(w) for w in words]
    if len(words) == 1 and folded[0] in _surnames() and map_to_vocabulary(label) is None:
        return True
    return folded[0] in persons or (folded[0] in _first_names() and not label.isupper())


_TEMA = re.compile(
    r"(?:\b[Tt]emat?\s+(?:var|är|blev|för\s+dagen\s+(?:var|är))|[Dd]agens\s+tema|[Tt]ema\s*:|\b(?:på|med)\s+(?:temat?|ämnet)\b)"
    r"\s*:?\s*\[?[\"”']?(?P<t>[A-ZÅÄÖa-zåäö][^\n.,;:!?\]\"”()]{2,60})"
)
_TALK = re.compile(
    r"(?i:\b(?:ska\s+handla|handlar|pratar\s+(?:vi|ni|jag)|prata|webbinari\w*|avsnitt\w*|föreläsning\w*|seminari\w*))"
    r"\s+om\s+(?P<t>[^.,;:!?\n]{3,80})"
)
_QUOTED = re.compile(r"[\"”“«]\s?(?P<t>[A-ZÅÄÖ][^\"”“»\n]{2,40}?)\s?[\"”»]")
_ACRONYM = re.compile(r"\b(?P<t>[A-ZÅÄÖ]{2,}[a-zåäö]?(?:-[A-ZÅÄÖa-zåäö]+)?|[A-ZÅÄÖ][a-zåäö]+-[A-ZÅÄÖ]{2,})\b")
_GROUPNAME = re.compile(
    r"\b(?P<t>[A-ZÅÄÖ][a-zåäö]*(?:grupp|gruppen|nätverk|nätverket|team|teamet)\b"
    r"(?:\s+(?:för\s+)?[A-ZÅÄÖ][a-zåäö]+(?:\s+och\s+[a-zåäö]+)?)?)"
)
_KOMMUN = re.compile(r"\b(?P<t>[A-ZÅÄÖ][a-zåäö]+s?\s+(?:kommun|stad|region)|Region\s+[A-ZÅÄÖ][a-zåäö]+)\b")
_CHROME = re.compile(r"webbläsare|huvudinnehåll|cookies|^gå direkt|^till innehåll|^meny$|^sök$|^dela$|^skriv ut|"
                     r"^bild \d+ av|^(?:startcitat|poddmusik|slutcitat|intro|outro)$"
                     r"|^vid (?:minnesanteckningen|pennan|protokollet|tangentbordet)|^antecknat? av", re.I)
_ROLE_START = re.compile(r"^(?:ordförande|processledare|samordnare|delregional|projektledare|verksamhetschef|enhetschef"
                         r"|sekreterare|mobil|tel|e-post|datum|dokumenttyp)\b", re.I)
_FUNCTION_START = {"i", "pa", "om", "vi", "det", "har", "den", "de", "en", "ett", "som", "nar", "da", "men", "och",
                   "sa", "jag", "du", "ni", "man", "hon", "han", "efter", "under", "med", "for", "till", "av", "vad",
                   "hur", "vem", "varfor", "vilka", "vilken", "dem", "oss", "er"}
_NOT_ACRONYM = {"PP", "OK", "PDF", "VD", "TV", "CV", "NU", "OCH", "ATT", "FÖR", "MED", "DET", "EN", "ETT", "ALLA", "VI",
                "PPT", "KL", "ST", "NR", "MM", "TEL", "URL", "WWW", "HTTP", "HTTPS", "FAQ", "VÄLKOMNA", "TACK"}


def lemma_of(word: str) -> str:
    """Lemma of one word (lower case).

    >>> lemma_of("Kommuner")
    'kommun'
    """
    return lemmatize_word(restore_word(word))


def _tidy(label: str) -> str:
    label = clean_markup(label)
    label = re.sub(r"\s*\([^)]*\)\s*$", "", label)
    label = re.sub(r"^\s*(?:\d{1,3}[,.)]?\s+|§\s*\d+\s*)", "", label)
    label = re.sub(r"\s+(?:den\s+)?\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
                   r"|november|december)(?:\s+\d{4})?$", "", label, flags=re.I)
    label = re.sub(r"\s+(?:19|20)\d\d(?:-\d\d-\d\d)?$", "", label)
    return label.strip(" .:;,!–-\"”'*")


def _restore_label(label: str) -> str:
    """Restore stripped å/ä/ö in a label word by word, keeping capitals."""
    out = []
    for w in label.split(" "):
        r = restore_word(w) if w.isalpha() else w.lower()
        out.append(r[:1].upper() + r[1:] if w[:1].isupper() else r)
    return " ".join(out)


def _count(text_folded: str, label: str) -> list[tuple[int, int]]:
    f = re.escape(fold(label))
    return [(m.start(), m.end()) for m in re.finditer(r"(?<![a-z0-9])" + f, text_folded)]


_MEETING_TITLE = re.compile(r"^(?:minnesanteckningar|mötesanteckningar|anteckningar|protokoll|sammanträdesprotokoll)\b",
                            re.I)
_LABEL_WORDS = {"narvarande", "deltagare", "franvarande", "antecknare", "sekreterare", "ordforande", "plats", "datum",
                "tid", "ansvarig", "kontakt", "mobil", "telefon", "e-post", "aktivitet", "klart", "dnr"}


def _after_colon(label: str) -> str | None:
    """'Avsnitt 12: Skolan som skyddsfaktor' -> 'Skolan som skyddsfaktor'; field lines ('Närvarande: ...') -> None."""
    if _MEETING_TITLE.match(label):
        return None
    if ":" not in label:
        return label
    head, _, tail = label.partition(":")
    if fold(head.split()[0]) in _LABEL_WORDS or len(head.split()) > 3 or not tail.strip():
        return None
    return tail.strip()


def _headings(text: str) -> list[tuple[str, int]]:
    """Short standalone lines (titles of sections and slides) with their offsets."""
    out = []
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        raw = line.strip()
        if not raw or (raw.startswith(("-", "•", "*  ", "|", "[", "http", "www")) and not raw.startswith("**")):
            continue
        label = _tidy(raw)
        words = label.split()
        if not 1 <= len(words) <= 7 or len(label) > 70 or not label[:1].isupper():
            continue
        if re.search(r"[@/\t]|\d{3}|\bkl\.?\s*\d", label) or raw.rstrip("*").endswith((".", ",", ";")) or "\t" in raw:
            continue
        if _CHROME.search(label) or _ROLE_START.match(label) or (label.isupper() and len(words) == 1):
            continue
        if re.search(r"[A-Za-zåäöÅÄÖ]\d", label) or label.count(",") >= 2 or fold(words[0]) in _FUNCTION_START:
            continue  # author lines ("Lina Sjöberg1, ...") and sentence fragments ("I panelen deltog")
        if len(words) == 1 and (fold(lemma_of(label)) in domain_stopwords() or fold(label) in _LABEL_WORDS):
            continue
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        bold = raw.startswith(("**", "<b>", "#"))
        if bold or (prev_blank and (next_blank or len(lines[i + 1]) > 60)):
            out.append((label, start))
    return out


def _procedural(title: str, procedural: frozenset[str]) -> bool:
    """A procedural item, also when it is joined with another ("Mötets öppnande och dagordning")."""
    f = fold(title)
    return f in procedural or any(f.startswith(p + " ") for p in procedural if len(p) >= 6)


def _explicit(doc: Doc, kind: str, meeting: MeetingInfo | None) -> list[_Candidate]:
    text = doc_text(doc)
    plain = blank_markup(text)
    cands: list[_Candidate] = []
    procedural = procedural_titles()
    if meeting is not None:
        for k, item in enumerate(meeting.agenda):
            title = _tidy(str(item["title"]))
            if title and not _procedural(title, procedural) and len(title.split()) <= 12:
                cands.append(_Candidate(title, 1.0 - 0.005 * k, "agenda", [(int(item["start"]), int(item["end"]))]))
    temas: dict[str, _Candidate] = {}
    for m in _TEMA.finditer(plain):
        t = _tidy(m.group("t"))
        t = re.split(r"\s+(?:och\s+(?:under|i|på|det)|som|där|då|när|hölls|höll|var|är|blev|har|hade|med\s+fokus)\b",
                     t)[0]
        if 2 < len(t) <= 60:
            c = temas.setdefault(fold(t), _Candidate(t[:1].upper() + t[1:], 0.0, "tema"))
            c.spans.append((m.start("t"), m.end("t")))
    for m in _TALK.finditer(plain):
        t = _tidy(m.group("t"))
        t = re.split(r"\s+(?:och\s+(?:hur|vad|om|det)|som|där|då|när|med\s+mig|idag|i\s+dag)\b", t)[0]
        t = re.sub(r"^(?:projektet|temat|ämnet|arbetet\s+med)\s+", "", t)
        if 2 < len(t) <= 50 and len(t.split()) <= 6 and fold(t.split()[0]) not in _FUNCTION_START:
            cands.append(_Candidate(t, 0.78, "talk", [(m.start("t"), m.end("t"))]))
    ranked = sorted(temas.values(), key=lambda c: -len(c.spans))
    for k, c in enumerate(ranked):
        c.score = 1.02 if k == 0 else 0.8
    return cands + ranked


def _title_and_headings(doc: Doc, persons: set[str], strength: dict[str, float]) -> list[_Candidate]:
    text = doc_text(doc)
    folded = fold(blank_tables(text))
    procedural = procedural_titles()
    cands: list[_Candidate] = []
    heads = _headings(text)
    labels_seen: dict[str, int] = {}
    for line in text.split("\n"):
        key = fold(_tidy(line.strip()))
        labels_seen[key] = labels_seen.get(key, 0) + 1
    first = True
    for label, start in heads:
        label = _after_colon(label)
        if not label:
            continue
        key = fold(label)
        repeated = map_to_vocabulary(label) is None and len(label.split()) <= 2 and labels_seen.get(key, 0) >= 3
        if _procedural(label, procedural) or _looks_like_person(label, persons) or repeated:
            continue  # speaker labels repeat; procedural items name no theme
        label = _restore_label(label) if not any(c in label for c in "åäöÅÄÖ") else label
        if label.endswith("?"):
            continue
        mentions = len(_count(folded, label))
        central = max((strength.get(fold(lemma_of(w)), 0.0) for w in re.findall(r"[\wåäöÅÄÖ-]+", label)), default=0.0)
        score = (0.45 + 0.05 * min(mentions, 4) + 0.3 * central) * (0.92 if len(heads) > 20 else 1.0)
        if first and start < 400:
            score = max(score, 0.93)
        first = False
        cands.append(_Candidate(label, score, "heading", [(start, start + len(label))]))
    return cands


def _names(doc: Doc, persons: set[str]) -> list[_Candidate]:
    plain = blank_tables(doc_text(doc))
    folded = fold(plain)
    cands: list[_Candidate] = []
    for rx, base, min_count in ((_QUOTED, 0.82, 1), (_ACRONYM, 0.55, 2), (_GROUPNAME, 0.6, 2), (_KOMMUN, 0.6, 1)):
        counts: dict[str, list[tuple[int, int]]] = {}
        for m in rx.finditer(plain):
            t = _tidy(m.group("t"))
            if rx is _ACRONYM:
                t = re.sub(r"(?<=[A-ZÅÄÖ])(?:s|-[a-zåäö]+)$", "", t)
                if t.upper() in _NOT_ACRONYM or len(t) > 20 or (t.isupper() and len(t) > 7):
                    continue
                if len(t) >= 4 and fold(t) in _first_names():
                    continue  # speaker labels in capitals ("MARIA:")
            if len(t) < 2 or _looks_like_person(t, persons) or fold(t) in domain_stopwords():
                continue
            counts.setdefault(t, []).append((m.start("t"), m.end("t")))
        # several place names are where the authors work, not what the document is about
        damp = 0.75 if rx is _KOMMUN and len(counts) > 2 else 1.0
        for t, spans in counts.items():
            n = len(_count(folded, t)) if rx is not _ACRONYM else len(spans)
            if n >= min_count:
                score = (base + 0.04 * min(n, 6)) * damp
                cands.append(_Candidate(t, score, (rx is _QUOTED and "quoted") or "name", spans))
    return cands


# a genitive before a concept belongs to the analyst's phrase ("barnets delaktighet", "placerade barns hälsa")
_GENITIVE_BEFORE = re.compile(r"(?:(?<=\s)|^)(?:placerade\s+|unga\s+|sma\s+)?(?:barnets|barns|elevens|elevers|ungas"
                              r"|ungdomars|foraldrars|familjens|vardnadshavares)\s+$")
_NOUN_AFTER = re.compile(r"^\s(?P<w>[a-z]{4,})\b")


def _surface(text: str, folded: str, start: int, end: int) -> tuple[int, int]:
    """Widen a vocabulary match to the document's own phrase: a genitive before it, a head noun after a genitive."""
    before = _GENITIVE_BEFORE.search(folded, max(0, start - 30), start)
    if before:
        start = before.start()
    if folded[end - 1 : end] == "s" and folded[start:end].count(" ") >= 1:
        after = _NOUN_AFTER.match(folded[end : end + 30])
        if after and after.group("w") not in _stop_words():
            end += after.end()
    return start, end


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.sv.stop_words import STOP_WORDS

    return frozenset(fold(w) for w in STOP_WORDS)


def _vocabulary_hits(doc: Doc) -> list[_Candidate]:
    text = doc_text(doc)
    folded = fold(blank_tables(text))
    cands = []
    for e, rx in _vocab_regexes():
        spans = [(m.start(), m.end()) for m in rx.finditer(folded)]
        if not spans:
            continue
        surface: dict[str, int] = {}
        for s, t in spans:
            s, t = _surface(text, folded, s, t)
            w = re.sub(r"\s+", " ", text[s:t])
            w = w.lower() if not w.isupper() else w
            surface[w] = surface.get(w, 0) + 1
        # the most frequent surface form; a longer phrase of the document wins ties
        best = max(surface.items(), key=lambda kv: (kv[1], " " in kv[0], len(kv[0])))[0]
        same = fold(best)[:5] == fold(e.label)[:5] or " " in best.strip()
        label = _restore_label(best) if same and not fold(best).startswith(fold(e.label)) else e.label
        if " " in best.strip() and fold(best) != fold(label) and fold(e.label) in fold(best):
            label = _restore_label(best) if not any(c in best for c in "åäö") else best
        base = 0.55 if len(spans) >= 2 else 0.5
        cands.append(_Candidate(label, base + 0.07 * min(len(spans), 6), "vocabulary", spans, e.id))
    return cands


def _keyphrase_candidates(doc: Doc, persons: set[str], kps: list) -> list[_Candidate]:
    if not kps:
        return []
    best = kps[0].score or 1.0
    out = []
    for k in kps:
        if any(fold(w) in persons for w in k.label.split()) or _looks_like_person(k.label.title(), persons):
            continue
        out.append(_Candidate(k.label, 0.25 + 0.5 * k.score / best, "keyphrase", list(k.spans)))
    return out


@lru_cache(maxsize=65536)
def _norm(label: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 -]+", " ", fold(label))).strip()


def _merge(cands: list[_Candidate]) -> list[_Candidate]:
    """Best first; drop a candidate whose words are already inside a better one, merge equal ones."""
    cands.sort(key=lambda c: (-round(c.score, 2), -len(c.label)))
    kept: list[_Candidate] = []
    for c in cands:
        key = _norm(c.label)
        if len(key) < 3:
            continue
        dup = None
        for k in kept:
            kk = _norm(k.label)
            inside = re.search(r"(?<![a-z0-9])" + re.escape(key), kk)
            if key == kk or inside or (key.startswith(kk) and len(key) - len(kk) <= 3):
                dup = k
                break
        if dup is None:
            dup = _widened(c, key, kept)
        if dup is not None:
            if dup.source == "keyphrase" and c.source == "vocabulary" and _norm(dup.label) in key:
                dup.label, dup.source = c.label, "vocabulary"  # the document's wording, not the lemma
            dup.spans.extend(c.spans)
            dup.vocabulary_id = dup.vocabulary_id or c.vocabulary_id
            continue
        kept.append(c)
    return kept


def _widened(c: _Candidate, key: str, kept: list[_Candidate]) -> _Candidate | None:
    """A kept keyphrase that ``c`` (the document's longer phrase for a vocabulary concept) contains takes its label."""
    if c.source != "vocabulary":
        return None
    for k in kept:
        if k.source == "keyphrase" and re.search(r"(?<![a-z0-9])" + re.escape(_norm(k.label)) + r"(?![a-z0-9])", key):
            k.label, k.source = c.label, "vocabulary"
            return k
    return None


def _spread(cands: list[_Candidate]) -> list[_Candidate]:
    """Favour a mix of sources: the k-th candidate of one source loses 5 % per earlier one (agenda titles excepted)."""
    seen: dict[str, int] = {}
    for c in cands:
        k = seen.get(c.source, 0)
        seen[c.source] = k + 1
        if c.source != "agenda":
            c.score *= max(0.5, 1.0 - 0.05 * k)
    return sorted(cands, key=lambda c: -c.score)


def extract_themes(doc: Doc, *, kind: str = "other", meeting: MeetingInfo | None = None) -> list[Theme]:
    """Return themes, best first (span offsets into ``doc.text``).

    >>> from svsamverkan.nlp import blank_swedish
    >>> extract_themes(blank_swedish()("Hej"))
    []
    """
    if len(doc_text(doc).strip()) < 20:
        return []
    persons = _person_words(doc)
    kps = keyphrases(doc)
    top = kps[0].score if kps and kps[0].score else 1.0
    strength = {k.key: k.score / top for k in kps if " " not in k.key}
    cands = (
        _explicit(doc, kind, meeting)
        + _title_and_headings(doc, persons, strength)
        + _names(doc, persons)
        + _vocabulary_hits(doc)
        + _keyphrase_candidates(doc, persons, kps)
    )
    themes = []
    for c in _spread(_merge(cands))[:MAX_THEMES]:
        vid = c.vocabulary_id or map_to_vocabulary(c.label)
        spans = tuple(sorted(set(c.spans)))[:20]
        themes.append(Theme(label=c.label, score=round(min(c.score, 1.0), 3), vocabulary_id=vid, spans=spans))
    return themes
