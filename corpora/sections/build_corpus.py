"""Build ``sections.jsonl`` from the hand-written paragraphs in ``src/``.

Source: every paragraph in ``src/*.txt`` was written for svsamverkan (CC0); nothing is
copied from real documents. Each source line is ``LABELS | text`` where LABELS are
letters (S=struktur, T=tidiga_insatser, D=delaktighet, P=samhallsvard) or ``-`` for none,
and ``\\n`` in the text stands for a line break.

The split of a written paragraph is fixed by a hash of its text (70/15/15), so adding
paragraphs never moves old ones between splits. Composed paragraphs join two written
paragraphs of the same split and genre (labels = union), which gives longer,
multi-label paragraphs without leaking text between splits.

Run: ``python corpora/sections/build_corpus.py`` (deterministic).
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODES = {"S": "struktur", "T": "tidiga_insatser", "D": "delaktighet", "P": "samhallsvard"}
COMPOSED_PER_GENRE = 30


def split_of(text: str) -> str:
    """Fixed split from the text's hash: 70 % train, 15 % dev, 15 % test."""
    h = int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if h < 70 else "dev" if h < 85 else "test"


def parse_line(line: str, genre: str) -> dict[str, object] | None:
    """One ``LABELS | text`` source line as a corpus record (None for comments/blank lines)."""
    if not line.strip() or line.startswith("#"):
        return None
    codes, _, text = line.partition(" | ")
    labels = [] if codes.strip() == "-" else [CODES[c] for c in codes.split()]
    text = text.strip().replace("\\n", "\n")
    return {"text": text, "labels": sorted(set(labels), key=list(CODES.values()).index), "genre": genre,
            "split": split_of(text), "source": "written"}


def compose(records: list[dict[str, object]], rng: random.Random) -> list[dict[str, object]]:
    """Join pairs of labelled paragraphs of the same genre and split into longer ones."""
    out: list[dict[str, object]] = []
    groups: dict[tuple[object, object], list[dict[str, object]]] = {}
    for r in records:
        if r["labels"]:
            groups.setdefault((r["genre"], r["split"]), []).append(r)
    for (genre, split), items in sorted(groups.items(), key=lambda kv: str(kv[0])):
        n = round(COMPOSED_PER_GENRE * {"train": 1.0, "dev": 0.25, "test": 0.25}[str(split)])
        for _ in range(min(n, len(items) // 2)):
            a, b = rng.sample(items, 2)
            labels = sorted(set(a["labels"]) | set(b["labels"]), key=list(CODES.values()).index)  # type: ignore[arg-type]
            sep = "\n" if genre == "slides" else " "
            out.append({"text": f"{a['text']}{sep}{b['text']}", "labels": labels, "genre": genre,
                        "split": split, "source": "composed"})
    return out


def main() -> None:
    records: list[dict[str, object]] = []
    for path in sorted((HERE / "src").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = parse_line(line, path.stem.split("_")[0])
            if rec is not None:
                records.append(rec)
    seen: set[str] = set()
    unique = [r for r in records if not (r["text"] in seen or seen.add(r["text"]))]  # type: ignore[func-returns-value]
    allrecs = unique + compose(unique, random.Random(13))
    with (HERE / "sections.jsonl").open("w", encoding="utf-8") as f:
        for r in allrecs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for r in allrecs:
        counts[str(r["split"])] = counts.get(str(r["split"]), 0) + 1
    print(f"wrote {len(allrecs)} paragraphs ({len(unique)} written) {counts}")


if __name__ == "__main__":
    main()
