"""Document kind detection on small documents of our own."""

from __future__ import annotations

import pytest

from svsamverkan.extract.kind import detect_kind, kind_scores
from svsamverkan.model import DOC_KINDS

MINUTES = (
    "Minnesanteckningar\nNärvarande: Ada Ek, Bo Berg\nFrånvarande: Cia Lund\n§ 1 Mötets öppnande\n"
    "Vid protokollet\nAda Ek\n"
)
TRANSCRIPT = (
    "Podden om samverkan\n\nLena\nHej och välkommen till podden.\n\nOla\nTack.\n\nLena\nVad gör ni?\n\n"
    "Ola\nVi samverkar.\n"
)
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ada Ek>Hej.\n"
ABSTRACT = (
    "Tidiga insatser i skolan\n\nAda Ek1, Bo Berg2\n\n1 Elevhälsan\n2 BUP\n\n"
    "Sammanfattning: Vi beskriver en modell.\nSyfte: Att stärka samverkan.\n"
)
ARTICLE = (
    "Webbplatsen använder kakor. Gå direkt till huvudinnehållet.\n\nPublicerad 2 maj 2026\n\n"
    "Många barn behöver stöd tidigt, och därför har kommunen och regionen gått samman i ett nytt arbete.\n\n"
    "– Vi måste lyssna på barnen, säger hon.\n\nLäs mer om arbetet på vår webbplats.\n"
)
SLIDES = "\n\n".join(
    ["Agenda", "- Välkomna", "- Syfte", "Varför samverkan?", "✓ Tidigt", "✓ Tydligt", "Bild 3", "Tack för idag!"] * 6
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [(MINUTES, "minutes"), (TRANSCRIPT, "transcript"), (VTT, "transcript"), (ABSTRACT, "abstract"),
     (ARTICLE, "article"), (SLIDES, "slides")],
)
def test_detects_kind(text: str, kind: str) -> None:
    found, confidence = detect_kind(text)
    assert found == kind
    assert confidence is not None and 0.0 < confidence <= 1.0


def test_hint_wins_and_unknown_hint_is_other() -> None:
    assert detect_kind(MINUTES, hint="slides") == ("slides", 0.9)
    assert detect_kind(MINUTES, hint="poster") == ("other", 0.9)


@pytest.mark.parametrize("text", ["", "   \n", "\n\n\n"])
def test_empty_text_is_other_without_confidence(text: str) -> None:
    assert detect_kind(text) == ("other", None)


def test_scores_cover_every_kind() -> None:
    assert set(kind_scores("Hej")) == set(DOC_KINDS)
    assert detect_kind("Hej")[0] == "other"


def test_forced_kind_through_the_pipeline() -> None:
    from svsamverkan.nlp import make_nlp
    from svsamverkan.pipeline import Pipeline
    from svsamverkan.repair import RepairResult

    pipe = Pipeline(
        repairer=lambda t: RepairResult(original=t, text=t),
        nlp=make_nlp(components=("svsamverkan_kind", "svsamverkan_participants")),
    )
    assert pipe.analyze_text(MINUTES, kind="guideline").kind == "guideline"
    assert pipe.analyze_text(MINUTES).kind == "minutes"


def test_prefiltered_cues_count_like_findall() -> None:
    import re

    from svsamverkan.extract.kind import _CUES, _compiled_cues, _count
    from svsamverkan.extract.names import fold

    texts = [MINUTES, TRANSCRIPT, VTT, ABSTRACT, ARTICLE, SLIDES, "", "\n\n", "✓ Ett\n• Två\n▪ Tre\n– Fyra",
             "1.2 Syfte\n\n  Sammanfattning: x\nPM\n§ 3 Val\nBild 4\nFrågor?\nAnteckningar: a, b. c"]
    for text in texts + [t.upper() for t in texts]:
        folded = fold(text).lower()
        for kind, cues in _CUES.items():
            for (pattern, _), (rx, _) in zip(cues, _compiled_cues()[kind]):
                assert _count(rx, folded) == min(len(re.findall(pattern, folded, re.MULTILINE)), 4), pattern


def test_cues_with_capitals_run_on_the_text_as_written() -> None:
    # author lines with footnote digits and numbered headings need capital letters to be seen
    assert kind_scores("Ada Ekström1, Bo Berglund2, Cia Lundin3,")["abstract"] > 0
    assert kind_scores("1.2 Syfte med anvisningen")["guideline"] > 0
    assert kind_scores("ada ekström1, bo berglund2, cia lundin3,")["abstract"] == 0
