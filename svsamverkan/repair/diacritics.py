"""Step ``diacritics``: restore stripped å/ä/ö, choosing among candidates with context.

Runs only on paragraphs that :mod:`.safety` finds damaged.

>>> [(e.before, e.after) for e in restore_diacritics("Vi jobbar for barnens basta och det har projektet ar bra.")]
[('for', 'för'), ('basta', 'bästa'), ('har', 'här'), ('ar', 'är')]
>>> restore_diacritics("Vi jobbar för barnens bästa och det här projektet är bra.")
[]
"""

from __future__ import annotations

from ..model import Edit
from .candidates import candidates, restore_case
from .context import context_score
from .lexicon import Lexicon, load_lexicon, log10_share
from .safety import damaged_blocks
from .text import SentenceStarts, context_features, fold
from .tokens import Token, tokenize

STEP = "diacritics"
MIN_CONFIDENCE = 0.6  # below this the word is reported as undecided and left as written
REPORT_CONFIDENCE = 0.3
MEMO_LIMIT = 200_000


def restore_diacritics(text: str) -> list[Edit]:
    """Edits that put back å/ä/ö in damaged paragraphs (spans in ``text``)."""
    lex = load_lexicon()
    damaged = damaged_blocks(text, lex)
    if not damaged:
        return []
    tokens = tokenize(text, only=damaged)
    lowered = [t.text.lower() for t in tokens]
    starts = SentenceStarts(text, tokens)
    edits: list[Edit] = []
    settled = lex.cache("diacritics_settled")  # words that never change, whatever the context
    for i, tok in enumerate(tokens):
        if tok.text in settled or tok.block not in damaged or tok.english or not _eligible(tok, lex):
            continue
        edit = decide(tok, lowered, i, lex, starts)
        if edit is not None:
            edits.append(edit)
    return edits


def _eligible(tok: Token, lex: Lexicon) -> bool:
    w = tok.text
    if len(w) < 2 or not w.isalpha():
        return False
    if w.isupper() and len(w) <= 3:  # acronyms and codes
        return False
    return not (w[0].isupper() and not tok.sentence_start and w in lex.names)


def decide(tok: Token, lowered: list[str], i: int, lex: Lexicon, starts: SentenceStarts | None = None) -> Edit | None:
    """Choose the spelling of one token; ``None`` when it stays as written without doubt.

    ``starts`` marks the tokens that begin a sentence (see :func:`.text.context_features`).
    """
    word = lowered[i]
    key = fold(word)
    if key not in lex.context:  # no context model: the decision depends on the word alone
        memo = lex.cache("diacritics")
        if tok.text not in memo:
            memo[tok.text] = _decide(tok, word, key, [], lex)
        hit = memo[tok.text]
        if hit is None:
            if tok.sentence_start or not tok.text[:1].isupper():  # names mid-sentence depend on position
                lex.cache("diacritics_settled")[tok.text] = True
            return None
        return Edit(tok.start, tok.end, hit.before, hit.after, hit.step, hit.confidence, hit.alternatives)
    first = i == 0 or (starts is not None and starts[i])
    last = i + 1 >= len(lowered) or (starts is not None and starts[i + 1])
    prev = "" if first else lowered[i - 1]
    nxt = "" if last else lowered[i + 1]
    memo = lex.cache("diacritics_context")  # the features depend on the two neighbours only
    ck = (tok.text, prev, nxt, first, last)
    if ck not in memo:
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        feats = context_features(lowered, i, starts)
        memo[ck] = _decide(tok._replace(start=0, end=len(tok.text)), word, key, feats, lex)
    hit = memo[ck]
    if hit is None:
        return None
    return Edit(tok.start, tok.end, hit.before, hit.after, hit.step, hit.confidence, hit.alternatives)


def _decide(tok: Token, word: str, key: str, feats: list[str], lex: Lexicon) -> Edit | None:
    cands = candidates(word, lex)
    if not cands or (len(cands) == 1 and cands[0][0] == word):
        return None
    scores = [f + context_score(key, c, feats, lex) for c, f in cands]
    shares = log10_share(scores)
    best = max(range(len(cands)), key=lambda j: scores[j])
    form, conf = cands[best][0], shares[best]
    others = tuple(restore_case(c, tok.text) for j, (c, _) in enumerate(cands) if j != best)
    if form == word:
        return None
    if conf >= MIN_CONFIDENCE:
        return Edit(tok.start, tok.end, tok.text, restore_case(form, tok.text), STEP, round(conf, 3), others)
    if conf >= REPORT_CONFIDENCE:
        alts = tuple(restore_case(c, tok.text) for c, _ in cands)
        return Edit(tok.start, tok.end, tok.text, tok.text, f"{STEP}:undecided", round(conf, 3), alts)
    return None
