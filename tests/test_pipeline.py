"""The scikit-learn Pipeline users can inspect, and its compact vocabulary."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directive_clf.pipeline import CompactTfidfVectorizer, build_pipeline, normalise, tokenize

TEXTS = ["We must act now.", "Li Ming presided over the meeting.", "The work achieved results.", "The meeting was held."]
LABELS = ["directive", "attendance", "praise", "context"]


def test_pipeline_is_features_then_classifier_with_a_fixed_seed():
    pipeline = build_pipeline(random_state=7)
    assert [name for name, _ in pipeline.steps] == ["features", "classifier"]
    assert pipeline.named_steps["classifier"].random_state == 7
    assert [name for name, _ in pipeline.named_steps["features"].transformer_list] == ["words"]
    with_chars = build_pipeline(features="word+char").named_steps["features"].transformer_list
    assert [name for name, _ in with_chars] == ["words", "chars"]


@pytest.mark.parametrize("classifier", ["logreg", "svm", "sgd"])
def test_every_classifier_gives_probabilities(classifier):
    pipeline = build_pipeline(classifier=classifier, features="word").fit(TEXTS * 3, LABELS * 3)
    proba = pipeline.predict_proba(["We must act now."])
    assert proba.shape == (1, 4) and abs(proba.sum() - 1) < 1e-6


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError, match="features must be one of"):
        build_pipeline(features="bert")


def test_normalise_marks_the_start_and_folds_digits():
    assert normalise("Pay 35 Percent") == "xxstart pay 00 percent"


def test_a_news_agency_dateline_is_dropped_but_other_brackets_stay():
    assert normalise("BEIJING, Dec. 27 (Xinhua) -- Xi urged action.") == "xxstart xi urged action."
    assert normalise("The session, held on May 5 (Friday) -- ended.") == "xxstart the session, held on may 0 (friday) -- ended."


def test_words_drop_punctuation_but_keep_the_marks_that_matter():
    assert tokenize(normalise("It stressed: “Act—now” (in 2024), people's...")) == [
        "xxstart", "it", "stressed", ":", "act", "—", "now", "(", "in", "0000", "people", "s"]


def test_compact_vocabulary_survives_pickling_unchanged():
    vectorizer = CompactTfidfVectorizer(ngram_range=(1, 2)).fit(TEXTS)
    state = vectorizer.__getstate__()
    assert "vocabulary_" not in state and isinstance(state["vocabulary_terms_"], str)
    assert "vocabulary_" in vectorizer.__dict__  # saving does not strip the live object
    copy = pickle.loads(pickle.dumps(vectorizer))
    assert copy.vocabulary_ == vectorizer.vocabulary_
    assert (copy.transform(TEXTS) != vectorizer.transform(TEXTS)).nnz == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abc xyz XXSTART 05.:;(—\n", max_size=60) | st.text(max_size=40), min_size=1, max_size=6))
def test_fast_transform_equals_scikit_learns(fitted_words, documents):
    from sklearn.feature_extraction.text import TfidfVectorizer

    fast, slow = fitted_words.transform(documents), TfidfVectorizer.transform(fitted_words, documents)
    assert fast.shape == slow.shape and (fast != slow).nnz == 0


@pytest.fixture(scope="module")
def fitted_words(train_rows):
    pipeline = build_pipeline(features="word")
    return pipeline.named_steps["features"].transformer_list[0][1].fit([r["text"] for r in train_rows[:3000]] +
                                                                      ["abc xyz", "xyz abc 0", "xxstart abc"])


def test_fast_transform_equals_scikit_learns_on_the_corpus(fitted_words, test_rows):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [r["text"] for r in test_rows]
    fast, slow = fitted_words.transform(texts), TfidfVectorizer.transform(fitted_words, texts)
    assert fast.nnz == slow.nnz > 0 and abs(fast - slow).max() == 0
