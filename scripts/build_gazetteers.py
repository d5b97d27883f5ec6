"""Build the Swedish first-name and surname gazetteers in ``models/names/``.

Reads the Swedish (``SE``) top names of ``names-dataset`` (MIT) once and writes
two compact UTF-8 files, one name a line, sorted:

* ``models/names/first_names.txt``: Nordic first names (male + female) plus the extra
  Swedish first names listed in ``svsamverkan/lang/extra_first_names.tsv``
  (names-dataset keeps only each name's top-10 countries, so some common Swedish
  names such as *Ingrid* lack SE);
* ``models/names/surnames.txt``: surnames.

names-dataset loads slowly (~12 s) and takes ~2 GB RAM, so run this once::

    nice .venv/bin/python scripts/build_gazetteers.py

The model card ``models/names/MODEL_CARD.md`` is written next to the lists.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "models" / "names"
EXTRA = ROOT / "svsamverkan" / "lang" / "extra_first_names.tsv"
NORDIC = ("SE", "NO", "DK", "FI", "IS")
COMMON_WORD_ZIPF = 4.0
FIRST_NAME_COUNTRIES = ("SE", "NO", "DK", "FI", "IS", "IQ", "SY", "IR", "SO", "TR", "AF", "BA", "PL", "ER")
"""Nordic neighbours and the largest countries of birth of people in Sweden besides
Sweden itself: names-dataset keeps only each name's top-10 countries,
so common Swedish names (Maria, Lina, Sara) are listed under NO/DK/FI only."""

CARD = """# Swedish name gazetteers

Files: `first_names.txt` ({n_first} names), `surnames.txt` ({n_last} names), one a line, NFC, sorted.

* **Source**: `names-dataset` {version} (PyPI, MIT licence, Philippe Remy), the top
  names for countries SE, NO, DK, FI, IS and the largest countries of birth of people
  in Sweden (IQ, SY, IR, SO, TR, AF, BA, PL, ER) (`get_top_names(n=100000, country_alpha2=...)`,
  first names of both genders; names-dataset keeps only each name's top-10 countries, so
  common Swedish names such as Maria appear only under the neighbours), the `SE` surnames
  (`use_first_names=False`), plus the hand-written
  list `svsamverkan/lang/extra_first_names.tsv` (written for this project, same
  licence as the project) of Swedish first names and nicknames that names-dataset lacks.
  Countries that names-dataset does not list (SO in 3.3.1) are skipped.
* **Filter**: names from the non-Nordic countries are dropped when they are also a
  Swedish word with wordfreq (Apache-2.0) Zipf frequency >= 4.0 ("Och", "Kan");
  alphabetic names (letters, hyphen, apostrophe), 2-30 characters, title-cased as in
  the source.
* **Build**: `nice .venv/bin/python scripts/build_gazetteers.py` (needs the `build` extra;
  about a minute and 2 GB RAM).
* **Use**: `svsamverkan.extract.names` loads the lists once, lazily, for the
  participant extractor. They are a signal, not a filter: names not listed are still
  found from structure (attendance tables, speaker turns, author lists).
* **Limits**: names-dataset is built from social-network data and contains noise
  (some common words are listed as names); the extractor therefore never accepts a
  name on the gazetteer alone in running text.
"""


def _ok(name: str) -> bool:
    return 2 <= len(name) <= 30 and all(c.isalpha() or c in "-'" for c in name)


def _extra_first_names() -> set[str]:
    out: set[str] = set()
    for line in EXTRA.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(unicodedata.normalize("NFC", line.split("\t")[0]))
    return out


def build(out: Path = OUT) -> tuple[int, int]:
    """Write the lists and the model card; return (first names, surnames) counts."""
    from importlib.metadata import version

    from names_dataset import NameDataset  # the build extra

    nd = NameDataset()
    from wordfreq import zipf_frequency

    first: set[str] = set()
    for country in FIRST_NAME_COUNTRIES:
        top = nd.get_top_names(n=100000, country_alpha2=country).get(country, {})
        names = {unicodedata.normalize("NFC", n) for g in ("M", "F") for n in top.get(g, [])}
        if country not in NORDIC:
            # names from other countries that are also Swedish words ("Och", "Kan") are noise
            names = {n for n in names if zipf_frequency(n.lower(), "sv") < COMMON_WORD_ZIPF}
        first |= names
    last_top = nd.get_top_names(n=100000, country_alpha2="SE", use_first_names=False)["SE"]
    last_names = last_top if isinstance(last_top, list) else [n for v in last_top.values() for n in v]
    last = {unicodedata.normalize("NFC", n) for n in last_names}
    first = {n for n in first if _ok(n)} | _extra_first_names()
    last = {n for n in last if _ok(n)}
    out.mkdir(parents=True, exist_ok=True)
    (out / "first_names.txt").write_text("\n".join(sorted(first)) + "\n", encoding="utf-8")
    (out / "surnames.txt").write_text("\n".join(sorted(last)) + "\n", encoding="utf-8")
    card = CARD.format(n_first=len(first), n_last=len(last), version=version("names-dataset"))
    (out / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    return len(first), len(last)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the gazetteers into ``--out``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    n_first, n_last = build(a.out)
    print(f"wrote {n_first} first names and {n_last} surnames to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
