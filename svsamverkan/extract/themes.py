"""Themes: the explicit ones and ranked keyphrases, mapped onto the project's theme vocabulary.

Explicit themes come first: agenda item titles, "Temat var ...", "Dagens tema:",
the document title, headings and slide titles, names in quotes, acronyms and
capitalised group names. Keyphrases (see :mod:`.keyphrases`) fill the list.
Every theme whose words match an entry of ``lang/theme_vocabulary.tsv`` gets
that entry's id; a vocabulary concept the document names often becomes a
theme of its own. Labels are written as in the document (lemma for single
keyphrases), so the analyst sees the document's own words; ``vocabulary_id``
gives the controlled concept.

Speed (issue 7): the text forms every extractor reads (markup blanked, table
rows blanked, folded) are built once per document (:class:`_Texts`), each line
is tidied once, and vocabulary patterns are only tried where one of their
synonyms starts a word (:class:`_WordIndex`, :func:`_candidate_matchers`).
Each fast path gives exactly the matches of the plain pattern it replaces
(``tests/test_themes.py`` checks them against each other).

>>> from svsamverkan.nlp import blank_swedish
>>> t = "Skolfrånvaro\\n\\nTemat var Tidiga insatser. Vi talade om SIP och SIP-möten."
>>> [(x.label, x.vocabulary_id) for x in extract_themes(blank_swedish()(t))][:3]
[('Tidiga insatser', 'tidiga_insatser'), ('Skolfrånvaro', 'skolfranvaro'), ('SIP', 'sip')]
"""

from __future__ import annotations

import bisect
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
from .textspans import blank_markup, clean_markup, fold, load_tsv

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


@dataclass(frozen=True, slots=True)
class _Matcher:
    """A vocabulary entry, its folded synonyms and the pattern that finds them in folded text."""

    entry: VocabularyEntry
    literals: tuple[str, ...]
    pattern: re.Pattern[str]

    def search_in(self, folded: str) -> bool:
        """Whether the entry occurs in ``folded`` (a cheap substring test runs before the pattern)."""
        return any(lit in folded for lit in self.literals) and self.pattern.search(folded) is not None

    def spans_in(self, folded: str, index: _WordIndex | None = None) -> list[tuple[int, int]]:
        """(start, end) of every occurrence of the entry in ``folded``.

        The matches of ``pattern.finditer``: every match starts where a synonym does, so the
        pattern is only tried there, in order, and never inside the previous match. With the
        ``index`` of ``folded``, synonyms that cannot start a word there are not searched.
        """
        literals = [lit for lit in self.literals if index is None or index.may_start_word(lit)]
        starts = sorted({i for lit in literals for i in _occurrences(folded, lit)})
        spans: list[tuple[int, int]] = []
        end = 0
        for i in starts:
            if i >= end and (m := self.pattern.match(folded, i)):
                spans.append((i, m.end()))
                end = m.end()
        return spans


_RUN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class _WordIndex:
    """The runs of a-z/0-9 in a folded text, as a set and sorted (a quick test for synonyms)."""

    runs: frozenset[str]
    ordered: tuple[str, ...]

    @classmethod
    def of(cls, folded: str) -> _WordIndex:
        """Index ``folded``."""
        runs = frozenset(_RUN.findall(folded))
        return cls(runs, tuple(sorted(runs)))

    def may_start_word(self, literal: str) -> bool:
        """False only when ``literal`` cannot occur at a word start (after no a-z/0-9) of the text.

        A literal that goes on after its first run needs that run as a whole word of the text;
        a one-run literal needs a word that begins with it.

        >>> ix = _WordIndex.of("om sip-moten och skolfranvaron")
        >>> [ix.may_start_word(w) for w in ("sip-mote", "skolfranvaro", "sip", "npf", "npf-team", "ab", "-x")]
        [True, True, True, False, False, False, True]
        """
        head, more = _first_run(literal)
        if not head:
            return True  # starts with another character: no quick test
        if more:
            return head in self.runs
        i = bisect.bisect_left(self.ordered, head)
        return i < len(self.ordered) and self.ordered[i].startswith(head)


@lru_cache(maxsize=4096)
def _first_run(literal: str) -> tuple[str, bool]:
    """The run of a-z/0-9 that ``literal`` starts with, and whether more follows.

    >>> _first_run("sip-mote"), _first_run("adhd"), _first_run("-x")
    (('sip', True), ('adhd', False), ('', True))
    """
    m = _RUN.match(literal)
    head = m.group() if m else ""
    return head, len(head) < len(literal)


def _occurrences(text: str, sub: str) -> list[int]:
    """Every offset where ``sub`` starts in ``text``, overlapping ones included.

    >>> _occurrences("sipsipp", "sip"), _occurrences("aaa", "aa")
    ([0, 3], [0, 1])
    """
    out: list[int] = []
    i = text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


@lru_cache(maxsize=1)
def _vocab_matchers() -> tuple[_Matcher, ...]:
    """One matcher per vocabulary entry, built once.

    >>> m = _vocab_matchers()[0]
    >>> m.entry.id, m.spans_in("om sip och sipp"), m.spans_in("inget")
    ('sip', [(3, 6)], [])
    """
    out = []
    for e in vocabulary():
        alts = []
        for syn in sorted(e.synonyms, key=len, reverse=True):
            f = re.escape(fold(syn))
            # acronyms match whole words (or before a hyphen); words may take an inflected ending
            alts.append(f + (r"(?![a-z])" if len(syn) <= 4 else r"[a-z]{0,5}\b"))
        pattern = re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts) + ")")
        out.append(_Matcher(e, tuple(fold(syn) for syn in e.synonyms), pattern))
    return tuple(out)


def map_to_vocabulary(label: str) -> str | None:
    """The id of the vocabulary concept that ``label`` names, else ``None``.

    >>> map_to_vocabulary("Samordnad individuell plan"), map_to_vocabulary("Fika")
    ('sip', None)
    """
    f = fold(label)
    matchers = _vocab_matchers()
    for k in _candidate_matchers(f):
        if matchers[k].search_in(f):
            return matchers[k].entry.id
    return None


def _candidate_matchers(folded: str) -> list[int]:
    """Positions (in vocabulary order) of the matchers that can match in a short folded text.

    A synonym matches at a word start, so the word there begins with the synonym's first two
    characters; only matchers with a synonym starting like one of the text's words can match.

    >>> [_vocab_matchers()[k].entry.id for k in _candidate_matchers("sip")]
    ['sip', 'placering']
    """
    by_start, anywhere = _matchers_by_start()
    found = set(anywhere)
    for run in _RUN.findall(folded):
        found.update(by_start.get(run[:2], ()))
    return sorted(found)


@lru_cache(maxsize=1)
def _matchers_by_start() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Matcher positions keyed by the first two characters of their synonyms, and those without such a key."""
    by_start: dict[str, set[int]] = {}
    anywhere: set[int] = set()
    for k, m in enumerate(_vocab_matchers()):
        for lit in m.literals:
            head, _ = _first_run(lit)
            if len(head) >= 2:
                by_start.setdefault(head[:2], set()).add(k)
            else:
                anywhere.add(k)
    return {key: tuple(sorted(ks)) for key, ks in by_start.items()}, tuple(sorted(anywhere))


@dataclass(frozen=True, slots=True)
class _Texts:
    """The document's text in the forms the extractors read, each computed once per document.

    ``plain`` has markup blanked, ``tabless`` also table rows, ``folded`` is ``tabless``
    folded; all keep every offset of ``text``.
    """

    text: str
    plain: str
    tabless: str
    folded: str
    index: _WordIndex

    @classmethod
    def of(cls, text: str) -> _Texts:
        """
        >>> t = _Texts.of("**Möte**\\nNamn\\tRoll")
        >>> t.plain, t.folded
        ('  Möte  \\nNamn\\tRoll', '  mote  \\n         ')
        """
        plain = blank_markup(text)
        tabless = _blank_table_lines(plain)
        folded = fold(tabless)
        return cls(text, plain, tabless, folded, _WordIndex.of(folded))


def _blank_table_lines(text: str) -> str:
    """Blank every line that holds a tab, keeping offsets (what ``textspans.blank_tables`` does after markup).

    >>> _blank_table_lines("Titel\\nA\\tB\\nText")
    'Titel\\n   \\nText'
    """
    if "\t" not in text:
        return text
    return "\n".join(" " * len(line) if "\t" in line else line for line in text.split("\n"))


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


_TRAILING_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,3}[,.)]?\s+|§\s*\d+\s*)")
_TRAILING_DATE = re.compile(r"\s+(?:den\s+)?\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september"
                            r"|oktober|november|december)(?:\s+\d{4})?$", re.I)
_TRAILING_YEAR = re.compile(r"\s+(?:19|20)\d\d(?:-\d\d-\d\d)?$")
_DIGIT = re.compile(r"\d")


_MARKUP_CHAR = re.compile(r"[<*_\[\]#]")  # every markup pattern of textspans.clean_markup starts with one
_SPACE_PUNCT = re.compile(r" ([,.:;!?)])")


def _clean_markup(text: str) -> str:
    """``textspans.clean_markup``, faster on the common text without markup characters.

    ``" ".join(text.split())`` collapses white space exactly as ``re.sub(r"\\s+", " ", text).strip()``.

    >>> _clean_markup("Tidiga  insatser ,  och **SIP**"), _clean_markup(" Skolan ( ny ) ")
    ('Tidiga insatser, och SIP', 'Skolan ( ny)')
    """
    if _MARKUP_CHAR.search(text):
        return clean_markup(text)
    return _SPACE_PUNCT.sub(r"\1", " ".join(text.split()))


def _tidy(label: str) -> str:
    """A label without markup, item number, trailing parenthesis, date or year.

    >>> _tidy("**3. Skolfrånvaro** den 4 maj 2026 (bilaga)")
    'Skolfrånvaro'
    >>> _tidy("§ 12 Tidiga insatser 2025-03-01")
    'Tidiga insatser'
    """
    label = _clean_markup(label)
    if ")" in label:
        label = _TRAILING_PAREN.sub("", label)
    if "§" in label or _DIGIT.search(label):  # the other three patterns need a digit
        label = _LEADING_NUMBER.sub("", label)
        label = _TRAILING_DATE.sub("", label)
        label = _TRAILING_YEAR.sub("", label)
    return label.strip(" .:;,!–-\"”'*")


def _restore_label(label: str) -> str:
    """Restore stripped å/ä/ö in a label word by word, keeping capitals."""
    out = []
    for w in label.split(" "):
        r = restore_word(w) if w.isalpha() else w.lower()
        out.append(r[:1].upper() + r[1:] if w[:1].isupper() else r)
    return " ".join(out)


def _word_starts(hay: str, needle: str, *, whole: bool = False) -> list[int]:
    """Offsets where ``needle`` occurs in ``hay`` not preceded by a-z/0-9 (nor followed, when ``whole``).

    The same, non-overlapping, matches as ``re.finditer(r"(?<![a-z0-9])" + re.escape(needle), hay)``.

    >>> _word_starts("sip och ssip, sip-mote", "sip"), _word_starts("sipp sip", "sip", whole=True)
    ([0, 14], [5])
    """
    out: list[int] = []
    n = len(needle)
    i = hay.find(needle)
    while i >= 0:
        if (i == 0 or not _is_alnum(hay[i - 1])) and not (whole and i + n < len(hay) and _is_alnum(hay[i + n])):
            out.append(i)
            i = hay.find(needle, i + max(n, 1))
        else:
            i = hay.find(needle, i + 1)
    return out


def _is_alnum(c: str) -> bool:
    """``c`` is an ASCII lower-case letter or digit (the class ``[a-z0-9]``)."""
    return "a" <= c <= "z" or "0" <= c <= "9"


def _count(text_folded: str, label: str) -> int:
    """How often ``label`` occurs in the folded text, at a word start."""
    return len(_word_starts(text_folded, fold(label)))


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


def _tidy_lines(lines: list[str]) -> dict[str, str]:
    """Each distinct stripped line -> its tidied label (lines repeat: speaker labels, headers).

    >>> _tidy_lines(["**Tema** ", "Tema", ""])
    {'**Tema**': 'Tema', 'Tema': 'Tema', '': ''}
    """
    tidied: dict[str, str] = {}
    for line in lines:
        raw = line.strip()
        if raw not in tidied:
            tidied[raw] = _tidy(raw)
    return tidied


def _headings(lines: list[str], tidied: dict[str, str]) -> list[tuple[str, int]]:
    """Short standalone lines (titles of sections and slides) with their offsets.

    ``lines`` is the text split at newlines, ``tidied`` maps each stripped line to its label.

    >>> lines = ["Skolfrånvaro", "", "Vi talade länge om frånvaro i skolan, om orsaker och om insatser.", "Slut."]
    >>> _headings(lines, _tidy_lines(lines))
    [('Skolfrånvaro', 0)]
    """
    out = []
    pos = 0
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        raw = line.strip()
        if not raw or (raw.startswith(("-", "•", "*  ", "|", "[", "http", "www")) and not raw.startswith("**")):
            continue
        label = tidied[raw]
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


def _explicit(texts: _Texts, meeting: MeetingInfo | None) -> list[_Candidate]:
    plain = texts.plain
    cands: list[_Candidate] = []
    procedural = procedural_titles()
    if meeting is not None:
        for k, item in enumerate(meeting.agenda):
            title = _tidy(str(item["title"]))
            if title and not _procedural(title, procedural) and len(title.split()) <= 12:
                cands.append(_Candidate(title, 1.0 - 0.005 * k, "agenda", [(int(item["start"]), int(item["end"]))]))
    temas: dict[str, _Candidate] = {}
    for m in _TEMA.finditer(plain) if "ema" in plain or "ämnet" in plain else ():  # every match holds one
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


def _title_and_headings(texts: _Texts, persons: set[str], strength: dict[str, float]) -> list[_Candidate]:
    text = texts.text
    folded = texts.folded
    procedural = procedural_titles()
    cands: list[_Candidate] = []
    lines = text.split("\n")
    tidied = _tidy_lines(lines)
    heads = _headings(lines, tidied)
    labels_seen: dict[str, int] = {}
    for line in lines:
        key = fold(tidied[line.strip()])
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
        mentions = _count(folded, label)
        central = max((strength.get(fold(lemma_of(w)), 0.0) for w in re.findall(r"[\wåäöÅÄÖ-]+", label)), default=0.0)
        score = (0.45 + 0.05 * min(mentions, 4) + 0.3 * central) * (0.92 if len(heads) > 20 else 1.0)
        if first and start < 400:
            score = max(score, 0.93)
        first = False
        cands.append(_Candidate(label, score, "heading", [(start, start + len(label))]))
    return cands


def _names(texts: _Texts, persons: set[str]) -> list[_Candidate]:
    plain = texts.tabless
    folded = texts.folded
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
            n = _count(folded, t) if rx is not _ACRONYM else len(spans)
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


def _vocabulary_hits(texts: _Texts) -> list[_Candidate]:
    text = texts.text
    folded = texts.folded
    cands = []
    for matcher in _vocab_matchers():
        e = matcher.entry
        spans = matcher.spans_in(folded, texts.index)
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
            inside = key in kk and _word_starts(kk, key)
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
        if k.source == "keyphrase" and _word_starts(key, _norm(k.label), whole=True):
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
    text = doc_text(doc)
    if len(text.strip()) < 20:
        return []
    texts = _Texts.of(text)
    persons = _person_words(doc)
    kps = keyphrases(doc)
    top = kps[0].score if kps and kps[0].score else 1.0
    strength = {k.key: k.score / top for k in kps if " " not in k.key}
    cands = (
        _explicit(texts, meeting)
        + _title_and_headings(texts, persons, strength)
        + _names(texts, persons)
        + _vocabulary_hits(texts)
        + _keyphrase_candidates(doc, persons, kps)
    )
    themes = []
    for c in _spread(_merge(cands))[:MAX_THEMES]:
        vid = c.vocabulary_id or map_to_vocabulary(c.label)
        spans = tuple(sorted(set(c.spans)))[:20]
        themes.append(Theme(label=c.label, score=round(min(c.score, 1.0), 3), vocabulary_id=vid, spans=spans))
    return themes
