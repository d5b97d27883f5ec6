"""Build the repair models in ``models/repair/`` from registry data and our own text.

One command, reproducible::

    .venv/bin/python scripts/build_repair_model.py

Inputs (see ``models/repair/MODEL_CARD.md`` for licences):

* wordfreq ``large`` Swedish list (word frequencies),
* spacy-lookups-data ``sv_lemma_lookup.json.gz`` (inflected forms and lemmas),
* hunspell-sv ``sv_SE.dic`` stems (used as a word list only),
* ``corpora/repair/train/*.txt`` (our own clean Swedish text),
* Debian ``cfi-sv`` (public domain book text), fetched with ``apt-get download``
  when available; the build works without it (smaller context model).

Outputs: ``lexicon.msgpack.gz`` (word -> zipf*100, fold groups, proper names),
``context.msgpack.gz`` (naive-Bayes counts for ambiguous folded words) and
``channel.json`` (OCR substitution log-probabilities estimated from synthetic pairs).
"""

from __future__ import annotations

import bisect
import glob
import gzip
import html
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import accumulate
from pathlib import Path

import msgpack

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from svsamverkan.repair.candidates import SUFFIX_LIKE  # noqa: E402
from svsamverkan.repair.damage import channel_pairs  # noqa: E402
from svsamverkan.repair.text import (  # noqa: E402
    SUPINES_FILE,
    SentenceStarts,
    context_features,
    fold,
    supines,
    word_file,
    word_spans,
)
from svsamverkan.repair.tokens import tokenize  # noqa: E402

OUT = ROOT / "models" / "repair"
DIACRITICS = set("åäöÅÄÖ")
WORD_RE = re.compile(r"^[a-zåäöéü][a-zåäöéü\-]*$")
MIN_WORDFREQ_ONLY_ZIPF = 3.3  # wordfreq-only diacritic forms below this are often junk ("ätt", "fär")
FLOOR_ZIPF = 1.0  # frequency given to forms known only from spaCy/hunspell/our text
MIN_SINGLE_FORM_COUNT = 5  # keep a key whose corpus shows one spelling only when it is seen this often
SYNTHETIC_ROUNDS = 20  # damaged copies of the training text used to estimate the channel


def wordfreq_words() -> dict[str, float]:
    """All lowercase alphabetic words of wordfreq large sv with their zipf frequency."""
    import wordfreq

    out: dict[str, float] = {}
    for w, f in wordfreq.get_frequency_dict("sv", wordlist="large").items():
        if WORD_RE.match(w) and f > 0:
            out[w] = math.log10(f) + 9
    return out


def lemma_table() -> dict[str, str]:
    """The spacy-lookups-data Swedish lemma table (form -> lemma)."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "sv_lemma_lookup.json.gz"
    with gzip.open(path) as f:
        return json.loads(f.read())


def spacy_forms() -> set[str]:
    """Keys and lemmas of the spacy-lookups-data Swedish lemma table."""
    return {w for kv in lemma_table().items() for w in kv}


def supine_forms() -> list[str]:
    """Folded supines: forms the lemma table maps to a verb-looking lemma by the regular supine endings
    (``öka`` -> ``ökat``, ``höra`` -> ``hört``, ``känna`` -> ``känt``, ``skriva`` -> ``skrivit``, ``nå`` -> ``nått``),
    plus ``repair/data/irregular_supines.txt``."""
    out = set(word_file("irregular_supines.txt"))
    for w, lemma in lemma_table().items():
        if w == lemma or not (w.isalpha() and lemma.isalpha()):
            continue
        weak = lemma.endswith("a") and w in (lemma[:-1] + "at", lemma[:-1] + "t", lemma[:-1] + "it", lemma[:-2] + "t")
        if weak or (lemma[-1] in "oåä" and w == lemma + "tt"):
            out.add(fold(w))
    return sorted(out)


def infinitive_forms(groups: dict[str, list[str]]) -> list[str]:
    """Forms of ambiguous fold groups that look like infinitives: a lemma ending in a vowel that is no
    inflected form of another lemma (``stärka``, ``ändra``, ``förstå``; not ``starka`` -> stark,
    ``andra`` -> två, ``första`` -> en), kept only where some other form of the group is not one."""
    table = lemma_table()
    lemmas = set(table.values())
    out = []
    for forms in groups.values():
        inf = [f for f in forms if f in lemmas and table.get(f, f) == f and f[-1] in "aeiouyåäö"]
        if inf and len(inf) < len(forms):
            out.extend(inf)
    return sorted(out)


def hunspell_stems() -> tuple[set[str], set[str]]:
    """Lowercase stems and capitalised proper names from hunspell-sv's ``sv_SE.dic``."""
    words: set[str] = set()
    names: set[str] = set()
    for path in glob.glob(os.path.join(sys.prefix, "share", "hunspell", "sv_SE*.dic")):
        for line in Path(path).read_text(encoding="utf-8").splitlines()[1:]:
            w = line.split("/", 1)[0].strip()
            if not w:
                continue
            if w[0].isupper() and w[1:].islower():
                names.add(w)
            elif w.islower():
                words.add(w)
    return words, names


def cfi_text() -> str:
    """Debian cfi-sv (public domain) as plain text, or '' when apt is unavailable."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(["apt-get", "download", "cfi-sv"], cwd=tmp, check=True, capture_output=True,
                           timeout=120)
            deb = glob.glob(os.path.join(tmp, "cfi-sv_*.deb"))[0]
            subprocess.run(["dpkg-deb", "-x", deb, os.path.join(tmp, "x")], check=True, capture_output=True)
        except (OSError, subprocess.SubprocessError, IndexError):
            print("cfi-sv not available; building without it", file=sys.stderr)
            return ""
        raw = Path(tmp, "x/usr/share/doc/cfi-sv/cfi.html").read_text(encoding="latin-1")
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return re.sub(r"[ \t]+", " ", text)


def own_text() -> str:
    """Our clean training text (never the heldout split)."""
    files = sorted((ROOT / "corpora" / "repair" / "train").glob("*.txt"))
    return "\n\n".join(f.read_text(encoding="utf-8") for f in files)


def build_lexicon(corpus_words: Counter[str]) -> dict:
    wf = wordfreq_words()
    sp = {w.lower() for w in spacy_forms() if WORD_RE.match(w.lower())}
    hs, names = hunspell_stems()
    trusted = sp | hs | set(corpus_words)
    zipf: dict[str, int] = {}  # zipf * 100
    for w, z in wf.items():
        if set(w) & DIACRITICS and w not in trusted and z < MIN_WORDFREQ_ONLY_ZIPF:
            continue
        zipf[w] = round(z * 100)
    for w in trusted:
        if WORD_RE.match(w) and w not in zipf:
            zipf[w] = round(FLOOR_ZIPF * 100)
    return {"zipf": zipf, "names": sorted(names)}


def variant_groups(zipf: dict[str, int]) -> dict[str, list[str]]:
    """Folded key -> its forms, for keys where some form has å/ä/ö."""
    groups: dict[str, list[str]] = defaultdict(list)
    for w in zipf:
        groups[fold(w)].append(w)
    return {k: v for k, v in groups.items() if any(set(f) & DIACRITICS for f in v)}


def zipf20(z100: int) -> int:
    """The one-byte frequency the packed lexicon stores (zipf * 20) for a zipf * 100 value."""
    return max(0, min(255, round(z100 / 5)))


def ending_logs(zipf: dict[str, int]) -> dict[str, float]:
    """log10(1 + summed 10**zipf of the longer listed words ending in each spelling), for the spellings that
    :func:`svsamverkan.repair.candidates.productive_tail` compares: every spelling of a folded key with two
    or more spellings with å/ä/ö, and every spelling (the plain one too, listed or not) of a short key."""
    freq = {w: math.pow(10, zipf20(z) / 20) for w, z in zipf.items()}
    rev = sorted((w[::-1], f) for w, f in freq.items())
    keys = [r for r, _ in rev]
    cum = list(accumulate((f for _, f in rev), initial=0.0))
    groups: dict[str, list[str]] = defaultdict(list)
    for w in zipf:
        if set(w) & DIACRITICS:
            groups[fold(w)].append(w)
    wanted: set[str] = set()
    for key, forms in groups.items():
        if len(forms) >= 2:
            wanted.update(forms)
        if len(key) <= SUFFIX_LIKE:
            wanted.update([*forms, key])
    out = {}
    for form in sorted(wanted):
        r = form[::-1]
        lo = bisect.bisect_left(keys, r)
        hi = bisect.bisect_left(keys, r + "\uffff", lo)
        mass = max(0.0, cum[hi] - cum[lo] - freq.get(form, 0.0))
        if mass > 0:
            out[form] = round(math.log10(mass + 1), 3)
    return out


def pack_lexicon(lex: dict) -> bytes:
    """Compact form: sorted words joined by newlines and one byte per word (zipf * 20)."""
    plain = sorted(w for w in lex["zipf"] if not set(w) & DIACRITICS)
    marked = sorted((w for w in lex["zipf"] if set(w) & DIACRITICS), key=lambda w: (fold(w), w))

    def scores(words: list[str]) -> bytes:
        return bytes(zipf20(lex["zipf"][w]) for w in words)

    return msgpack.packb({"plain": "\n".join(plain), "plain_zipf20": scores(plain),
                          "marked": "\n".join(marked), "marked_zipf20": scores(marked),
                          "marked_folded": "\n".join(fold(w) for w in marked),
                          "names": "\n".join(lex["names"]), "infinitives": "\n".join(lex["infinitives"]),
                          "endings": ending_logs(lex["zipf"])})


def build_context(text: str, variants: dict[str, list[str]]) -> dict:
    """Counts of (form, context feature) for folded words with several attested forms."""
    feats: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for para in re.split(r"\n\s*\n", text):
        tokens = tokenize(para)
        toks = [t.text.lower() for t in tokens]
        starts = SentenceStarts(para, tokens)
        for i, t in enumerate(toks):
            k = fold(t)
            if k not in variants:
                continue
            forms[k][t] += 1
            for f in context_features(toks, i, starts):
                feats[k][t][f] += 1
    out = {}
    for k, c in forms.items():
        if len(c) < 2 and sum(c.values()) < MIN_SINGLE_FORM_COUNT:
            continue  # one spelling seen a few times says little; seen often, its contexts still help
        out[k] = {"n": dict(c), "f": {form: dict(fc) for form, fc in feats[k].items()}}
    return out


def build_channel(text: str) -> dict[str, float]:
    """log10 P(observed | intended) for OCR substitutions, from synthetic damage pairs."""
    seen: Counter[str] = Counter()
    subs: Counter[tuple[str, str]] = Counter()
    for seed in range(SYNTHETIC_ROUNDS):
        for intended, observed in channel_pairs(text, seed=seed):
            seen[intended] += 1
            if observed != intended:
                subs[(intended, observed)] += 1
    return {f"{a}>{b}": round(math.log10(n / seen[a]), 3) for (a, b), n in sorted(subs.items()) if n >= 3}


def name_prior() -> dict[str, dict[str, int]]:
    """Folded name -> {spelling: rank in Sweden} for names-dataset's Swedish first names and surnames,
    kept for folded names with a spelling with å/ä/ö (``Par`` -> {"Pär": 121}; ``Marit`` -> Marit and Märit).

    The rank of a spelling is its best position in the Swedish lists (first names of both genders,
    surnames); a spelling not in them has no rank. Empty when names-dataset (the ``build`` extra) is missing.
    """
    try:
        from names_dataset import NameDataset
    except ImportError:
        print("names-dataset not installed; building without the name prior", file=sys.stderr)
        return {}
    nd = NameDataset()
    ranked: list[list[str]] = list(nd.get_top_names(n=100000, country_alpha2="SE")["SE"].values())
    ranked.append(nd.get_top_names(n=100000, country_alpha2="SE", use_first_names=False)["SE"])
    best: dict[str, int] = {}
    for names in ranked:
        for rank, name in enumerate(names, 1):
            if name.isalpha() and name[:1].isupper() and rank < best.get(name, rank + 1):
                best[name] = rank
    groups: dict[str, dict[str, int]] = defaultdict(dict)
    for name, rank in best.items():
        groups[fold(name)][name] = rank
    return {k: dict(sorted(v.items())) for k, v in sorted(groups.items()) if any(set(n) & DIACRITICS for n in v)}


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file next to ``path`` and rename it, so readers never see half a model."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    mine = own_text()
    cfi = cfi_text()
    corpus = mine + "\n\n" + cfi
    words = Counter(t.lower() for _, _, t in word_spans(mine))
    lex = build_lexicon(words)
    lex["infinitives"] = infinitive_forms(variant_groups(lex["zipf"]))
    sup = supine_forms()
    write_atomic(OUT / SUPINES_FILE, ("\n".join(sup) + "\n").encode("utf-8"))
    supines.cache_clear()  # the context features below read the new list
    ctx = build_context(corpus, variant_groups(lex["zipf"]))
    channel = build_channel(mine)
    write_atomic(OUT / "lexicon.msgpack.gz", gzip.compress(pack_lexicon(lex), compresslevel=9, mtime=0))
    write_atomic(OUT / "context.msgpack.gz", gzip.compress(msgpack.packb(ctx), compresslevel=9, mtime=0))
    write_atomic(OUT / "channel.json", (
        json.dumps({"source": "estimated by scripts/build_repair_model.py from synthetic OCR damage "
                    "(svsamverkan.repair.damage) of corpora/repair/train", "log10": channel},
                   ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    prior = name_prior()
    write_atomic(OUT / "name_prior.json", (
        json.dumps({"source": "names-dataset 3.3.1 (MIT): ranks of Swedish (SE) first names and surnames, "
                    "extracted by scripts/build_repair_model.py", "ranks": prior},
                   ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    n_tokens = len(word_spans(corpus))
    print(f"lexicon: {len(lex['zipf'])} words, {len(lex['names'])} names, {len(lex['infinitives'])} infinitives")
    print(f"context: {len(ctx)} ambiguous keys from {n_tokens} tokens (own train + cfi-sv)")
    print(f"channel: {len(channel)} substitutions")
    print(f"supines: {len(sup)} folded forms")
    print(f"name prior: {len(prior)} folded names")


if __name__ == "__main__":
    main()
