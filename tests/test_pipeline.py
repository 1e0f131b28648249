"""The scikit-learn Pipeline users can inspect, and its compact vocabulary."""

from __future__ import annotations

import pickle

import pytest

from directive_clf.pipeline import CompactTfidfVectorizer, build_pipeline, normalise

TEXTS = ["We must act now.", "Li Ming presided over the meeting.", "The work achieved results.", "The meeting was held."]
LABELS = ["directive", "attendance", "praise", "context"]


def test_pipeline_is_features_then_classifier_with_a_fixed_seed():
    pipeline = build_pipeline(random_state=7)
    assert [name for name, _ in pipeline.steps] == ["features", "classifier"]
    assert pipeline.named_steps["classifier"].random_state == 7
    assert [name for name, _ in pipeline.named_steps["features"].transformer_list] == ["words", "chars"]
    assert [name for name, _ in build_pipeline(features="word").named_steps["features"].transformer_list] == ["words"]


@pytest.mark.parametrize("classifier", ["logreg", "svm", "sgd"])
def test_every_classifier_gives_probabilities(classifier):
    pipeline = build_pipeline(classifier=classifier, features="word").fit(TEXTS * 3, LABELS * 3)
    proba = pipeline.predict_proba(["We must act now."])
    assert proba.shape == (1, 4) and abs(proba.sum() - 1) < 1e-6


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError, match="features must be one of"):
        build_pipeline(features="bert")


def test_normalise_marks_the_start_and_folds_digits():
    assert normalise("Pay 35 Percent") == "xxstart pay 0 percent"


def test_compact_vocabulary_survives_pickling_unchanged():
    vectorizer = CompactTfidfVectorizer(ngram_range=(1, 2)).fit(TEXTS)
    state = vectorizer.__getstate__()
    assert "vocabulary_" not in state and isinstance(state["vocabulary_terms_"], str)
    assert "vocabulary_" in vectorizer.__dict__  # saving does not strip the live object
    copy = pickle.loads(pickle.dumps(vectorizer))
    assert copy.vocabulary_ == vectorizer.vocabulary_
    assert (copy.transform(TEXTS) != vectorizer.transform(TEXTS)).nnz == 0
