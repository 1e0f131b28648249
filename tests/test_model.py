"""The shipped model and the model API: clear cases right, shapes and offsets as documented."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directive_clf import load_model

from .conftest import DATA


@pytest.fixture(scope="module")
def shipped():
    return load_model()


@pytest.mark.parametrize("sentence, label", [
    ("Party Secretary Zhang Wei presided over the meeting and delivered a speech.", "attendance"),
    ("Vice Governor Chen Tao and other provincial leaders attended the meeting.", "attendance"),
    ("The meeting stressed that all localities must strengthen flood control and keep people safe.", "directive"),
    ("It is necessary to firmly implement the new development philosophy.", "directive"),
    ("The meeting fully affirmed the remarkable achievements made in poverty alleviation.", "praise"),
    ("On March 3, the Standing Committee of the Provincial Party Committee held a meeting.", "context"),
    ("The meeting reviewed and adopted the draft regulations.", "context"),
])
def test_shipped_model_labels_clear_cases(shipped, sentence, label):
    assert shipped.predict([sentence])[0] == label


def test_predict_proba_rows_sum_to_one_in_classes_order(shipped):
    proba = shipped.predict_proba(["We must act.", "Li Ming presided over the meeting."])
    assert proba.shape == (2, len(shipped.classes_))
    assert np.allclose(proba.sum(axis=1), 1)
    assert list(shipped.classes_[proba.argmax(axis=1)]) == list(shipped.predict(["We must act.", "Li Ming presided over the meeting."]))


def test_empty_batch(shipped):
    assert shipped.predict([]).shape == (0,)
    assert shipped.predict_proba([]).shape == (0, 4)


def test_classify_gives_records_with_offsets_into_the_text(shipped, readout_path):
    text = readout_path.read_text(encoding="utf-8")
    records = shipped.classify(text)
    assert [r["position"] for r in records] == list(range(len(records)))
    for r in records:
        assert text[r["start"]:r["end"]] == r["text"]
        assert set(r["probabilities"]) == {"directive", "praise", "attendance", "context"}
        assert r["confidence"] == max(r["probabilities"].values())
        assert r["label"] == max(r["probabilities"], key=r["probabilities"].get)


def test_classify_presplit_takes_lines(shipped):
    records = shipped.classify("We must act. Then report.\nLi Ming presided.", presplit=True)
    assert [r["text"] for r in records] == ["We must act. Then report.", "Li Ming presided."]


def test_long_inputs_are_labelled_in_batches_with_the_same_result(shipped, monkeypatch):
    import directive_clf.model as model_module

    sentences = ["We must act.", "Li Ming presided.", "The meeting was held."] * 7
    whole = shipped.predict_proba(sentences)
    monkeypatch.setattr(model_module, "BATCH_SIZE", 4)
    assert np.allclose(shipped.predict_proba(sentences), whole)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=200) | st.sampled_from(["", " ", "\x00\x1b", "😀" * 50, "。！？"]), max_size=8))
def test_predict_never_raises_on_any_strings(shipped, sentences):
    labels = shipped.predict(sentences)
    assert len(labels) == len(sentences)
    assert set(labels) <= {"directive", "praise", "attendance", "context"}


def test_predict_handles_a_megabyte_string(shipped):
    assert shipped.predict(["We must act. " * 80_000])[0] in {"directive", "praise", "attendance", "context"}


def test_shipped_model_is_what_training_on_the_train_split_gives(shipped, test_rows):
    from directive_clf import train

    params = shipped.metadata["params"]
    retrained = train([DATA / "train.jsonl"], cv=0, **params)
    assert retrained.metadata["training_data"]["sha256"] == shipped.metadata["training_data"]["sha256"]
    texts = [r["text"] for r in test_rows]
    np.testing.assert_allclose(retrained.predict_proba(texts), shipped.predict_proba(texts), atol=1e-6)
