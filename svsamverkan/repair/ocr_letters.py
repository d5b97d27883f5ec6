"""Step ``ocr_letters``: undo OCR letter confusions with a noisy channel.

A token is rewritten when some reading of it (é/6/oé/d/a -> ö, d/é/éa/&/4/i/ia -> ä,
a/d/3 -> å, [ -> l, | -> I) is a known word whose frequency, times the channel
probability of the confusion (``models/repair/channel.json``), beats the token as
written. Runs only on damaged paragraphs.

>>> [(e.before, e.after) for e in fix_ocr_letters("Vi 6nskar hdlso- och sjukvard, det &r vdlkommet for barn.")]
[('6nskar', 'önskar'), ('hdlso', 'hälso'), ('&r', 'är'), ('vdlkommet', 'välkommet')]
"""

from __future__ import annotations

import itertools
import re

from ..model import Edit
from .candidates import candidates, name_index, restore_case
from .lexicon import Lexicon, load_lexicon, log10_share
from .result import edit_at
from .safety import damaged_blocks
from .text import fold
from .tokens import Token, tokenize

STEP = "ocr_letters"
DEFAULT_COST = -2.0  # log10 probability of a confusion the synthetic data never produced
MIN_CONFIDENCE = 0.6
MAX_VARIANTS = 256
SHORT_WORD_ZIPF = 5.0  # short words rarer than this are checked for d/i misreadings
MIN_CAPS_LETTERS = 3  # a word in capitals with a digit inside is read when it has this many letters
RARE_LISTED_ZIPF = 3.0  # listed words rarer than this are checked too (a reading must still beat them)
ACUTE_WORD_ZIPF = 2.5  # a listed word with é at least this frequent keeps its é ("idé", "armé")

# observed glyph(s) -> letters it can stand for (the channel gives the probability)
READINGS: dict[str, tuple[str, ...]] = {
    "oé": ("ö",), "éa": ("ä",), "ia": ("ä",), "ad": ("å",),
    "é": ("ö", "ä"), "ó": ("ö",), "6": ("ö",), "0": ("ö",), "&": ("ä",), "4": ("ä",), "3": ("å",),
    "d": ("ä", "å", "ö"), "i": ("ä",), "a": ("ö",), "[": ("l",), "|": ("i", "l"),
}
JUNK = frozenset("éó60&43[|")
_SEGMENT = re.compile("|".join(sorted(map(re.escape, READINGS), key=len, reverse=True)) + "|.", re.S)


def fix_ocr_letters(text: str) -> list[Edit]:
    """Edits that undo OCR confusions in damaged paragraphs (spans in ``text``)."""
    lex = load_lexicon()
    damaged = damaged_blocks(text, lex)
    if not damaged:
        return []
    tokens = tokenize(text, only=damaged)
    edits: list[Edit] = []
    memo = lex.cache("ocr_letters")
    plain = lex.cache("ocr_plain_eligible")  # plain words: eligibility depends on the word alone
    codes: list[set[str]] = []  # the text's letter + digit tokens, collected at first need
    for i, tok in enumerate(tokens):
        if tok.english:
            continue
        w = tok.text
        if w.isalpha():
            ok = plain.get(w)
            if ok is None:
                ok = plain[w] = _eligible(tok, tokens, i, codes)
            if not ok:
                continue
        elif not _eligible(tok, tokens, i, codes):
            continue
        if "|" in tok.text and not pipe_in_word(text, tok.start, tok.end):
            continue
        key = (tok.text, tok.sentence_start)
        if key not in memo:  # the decision depends on the token alone, not on where it is
            memo[key] = decide(tok._replace(start=0, end=len(tok.text)), lex)
        hit = memo[key]
        if hit is not None:
            edits.append(edit_at(hit, tok.start, tok.end))
    return edits


def _eligible(tok: Token, tokens: list[Token], i: int, codes: list[set[str]]) -> bool:
    w = tok.text
    if w.isdigit():
        return False
    if w == "&":  # "det & alltså": only between words, before a lowercase one
        return 0 < i < len(tokens) - 1 and tokens[i - 1].text.isalpha() and tokens[i + 1].text.islower()
    if w.isalpha() and not JUNK.intersection(w):
        return _maybe_misread_letter(w.lower())
    if w[0] == "[" and w[1:2].isupper():  # "[Tidiga insatser]": a bracket (a misread l is lowercase)
        return False
    letters = [c for c in w if c.isalpha()]
    if any(c.isdigit() for c in w) and not any(c.islower() for c in letters):
        if len(letters) >= MIN_CAPS_LETTERS and w[-1].isalpha():  # "BJ6RN", "J0RGEN": not "A4", "B12", "MP3"
            return True
        if not (tok.sentence_start and len(w) <= 2 and letters):
            return False
        return not _code_series(tokens, w, codes)  # "S3 är det" at a sentence start; not "F3:", "F4" (codes)
    return True


def _code_series(tokens: list[Token], w: str, codes: list[set[str]]) -> bool:
    """True when another token is the same capital letter with another digit (``F3`` ... ``F6``: participant codes).

    ``codes`` holds the letter + digit tokens of ``tokens`` once collected (an empty list before).

    >>> _code_series(tokenize("F3: ja. F6 sa nej."), "F3", []), _code_series(tokenize("S3 ar det."), "S3", [])
    (True, False)
    """
    if not codes:
        codes.append({t.text for t in tokens if len(t.text) == 2 and t.text[0].isupper() and t.text[1].isdigit()})
    return any(c[0] == w[0] and c != w for c in codes[0])


_PIPE_OPENERS = frozenset(" \t\n(\"'«”“")


def pipe_in_word(text: str, start: int, end: int) -> bool:
    """True when the ``|`` of ``text[start:end]`` can be a misread I: it opens a lowercase word.

    Standalone pipes, table syntax and shell pipes stay as they are.

    >>> pipe_in_word("Vi ses. |nnan dess", 8, 13), pipe_in_word("| Namn | Roll |", 0, 1)
    (True, False)
    >>> pipe_in_word("|Namn|Roll|", 0, 5), pipe_in_word("x ||nnan", 3, 8)
    (False, False)
    """
    word = text[start:end]
    rest = word[1:]
    if not word.startswith("|") or len(rest) < 2 or not (rest.isalpha() and rest.islower()):
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in _PIPE_OPENERS and after != "|"


def _maybe_misread_letter(word: str) -> bool:
    """A plain word whose d or i may be a misread ä/å/ö: unknown words, rare ones, and short ones ("dn", "dr").

    >>> _maybe_misread_letter("niar"), _maybe_misread_letter("vidare"), _maybe_misread_letter("barn")
    (True, False, False)
    """
    if "d" not in word and "i" not in word:
        return False
    lex = load_lexicon()
    memo = lex.cache("misread")
    hit = memo.get(word)
    if hit is None:
        hit = memo[word] = _misread(word, lex)
    return hit


def _misread(word: str, lex: Lexicon) -> bool:
    forms = lex.forms(fold(word))
    if not forms:  # not listed, even with å/ä/ö restored (compound guesses do not count)
        return True
    if forms[0] == word and lex.freq(word) < RARE_LISTED_ZIPF:  # "niar", "dret": the word list's OCR junk
        return True  # (a stripped word with a more frequent å/ä/ö spelling is the diacritics step's)
    return len(word) <= 3 and lex.freq(word) < SHORT_WORD_ZIPF


def channel_cost(observed: str, intended: str, lex: Lexicon) -> float:
    """log10 P(observed | intended), e.g. ``channel_cost("é", "ö", lex)``."""
    return lex.channel.get(f"{intended}>{observed}", DEFAULT_COST)


def readings(word: str, lex: Lexicon) -> list[tuple[str, float]]:
    """Every reading of lowercase ``word`` with its channel log-probability (junk must be read)."""
    options: list[list[tuple[str, float]]] = []
    for seg in _SEGMENT.findall(word):
        opts = [(r, channel_cost(seg, r, lex)) for r in READINGS.get(seg, ())]
        if not JUNK.intersection(seg) or seg in ("d", "i", "a"):
            opts.append((seg, 0.0))
        if len(seg) > 1:  # a two-glyph segment may also be two ordinary letters
            opts.extend((a + b, ca + cb) for (a, ca), (b, cb) in itertools.product(
                _single_options(seg[0], lex), _single_options(seg[1], lex)))
        options.append(opts)
    out = []
    for combo in itertools.islice(itertools.product(*options), MAX_VARIANTS):
        out.append(("".join(c for c, _ in combo), sum(p for _, p in combo)))
    return out


def _single_options(ch: str, lex: Lexicon) -> list[tuple[str, float]]:
    opts = [(r, channel_cost(ch, r, lex)) for r in READINGS.get(ch, ())]
    if ch not in JUNK:
        opts.append((ch, 0.0))
    return opts


def decide(tok: Token, lex: Lexicon) -> Edit | None:
    """Best reading of one token; ``None`` when the token stays as written."""
    word = tok.text.lower()
    if word == "&":
        return Edit(tok.start, tok.end, tok.text, "är", STEP, 0.6, ())
    if keeps_acute(tok.text, lex):
        return None
    if tok.text in lex.names and not JUNK.intersection(tok.text):  # "Simlinge" is a place, not "Simlänge"
        return None
    scored: dict[str, float] = {}
    substituted: dict[str, bool] = {}
    for reading, cost in readings(word, lex):
        if not reading.isalpha():
            continue
        for form, freq in candidates(reading, lex)[:3]:
            if freq + cost > scored.get(form, -99.0):
                scored[form] = freq + cost
                substituted[form] = reading != word
    if not scored:
        return None
    forms = list(scored)
    shares = log10_share([scored[f] for f in forms])
    best = max(range(len(forms)), key=lambda j: scored[forms[j]])
    form = forms[best]
    if not substituted[form]:  # plain stripped letters are the diacritics step's job (it uses context)
        return None
    if form == word:
        return None
    if lex.is_word(word) and scored.get(word, -99.0) >= scored[form]:
        return None
    after = _case(form, tok, lex)
    if after == tok.text:
        return None
    others = tuple(_case(f, tok, lex) for f in forms if f != form)[:4]
    if shares[best] < MIN_CONFIDENCE:
        return Edit(tok.start, tok.end, tok.text, tok.text, f"{STEP}:undecided", round(shares[best], 3),
                    (after, *others))
    return Edit(tok.start, tok.end, tok.text, after, STEP, round(shares[best], 3), others)


def keeps_acute(written: str, lex: Lexicon) -> bool:
    """True when the é of ``written`` is meant: a listed name or a fairly common listed word with é.

    ``Lindén`` is a surname, not a damaged ``Lindön``; ``idé`` is a word. Short rare forms
    (``mé``, ``sé``) and unlisted ones (``stéd``) stay open to the OCR readings.

    >>> lex = load_lexicon()
    >>> keeps_acute("Lindén", lex), keeps_acute("idé", lex), keeps_acute("stéd", lex), keeps_acute("mé", lex)
    (True, True, False, False)
    >>> keeps_acute("Kallén", lex)
    True
    """
    if "é" not in written.lower() or JUNK.difference("é").intersection(written):
        return False
    word = written.lower()
    if written[:1].isupper() and len(word) >= 4 and (written in lex.names or written in name_index(lex)):
        return True  # a listed name, also with its å/ä/ö stripped ("Kallén" is Källén, not "Källön")
    return lex.is_word(word) and lex.freq(word) >= ACUTE_WORD_ZIPF and (len(word) >= 4 or lex.freq(word) >= 3.5)


def _case(form: str, tok: Token, lex: Lexicon) -> str:
    written = tok.text
    if written in {"|", "[", "&"} or written[0] in "|[":
        if tok.sentence_start or (written[0] == "|" and form[:1] == "i"):  # "|" is a misread capital I
            return form[:1].upper() + form[1:]
        return form
    letters = [c for c in written if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):  # "6STERSUND": ÖSTERSUND
        return form.upper()
    if written[0] in "&6430" and form[:1].upper() + form[1:] in lex.names:  # "3kesson": a name's capital Å
        return form[:1].upper() + form[1:]
    return restore_case(form, written.lstrip("&6430"))
