"""Training: deterministic models with their provenance recorded."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from directive_clf import DataError, read_records, train


def test_same_data_and_seed_give_the_same_model(small_train_file):
    first = train([small_train_file], cv=0)
    second = train([small_train_file], cv=0)
    probe = ["We must act now.", "The work achieved good results.", "Li Ming attended."]
    assert np.array_equal(first.predict_proba(probe), second.predict_proba(probe))


def test_metadata_records_data_versions_and_scores(small_train_file):
    model = train([small_train_file], cv=3)
    meta = model.metadata
    assert meta["training_data"]["sentences"] == len(read_records([small_train_file]))
    assert len(meta["training_data"]["sha256"]) == len(hashlib.sha256().hexdigest())
    assert meta["labels"] == ["attendance", "context", "directive", "praise"]
    assert 0.5 < meta["cv_scores"]["macro_f1"] <= 1.0
    assert {"package_version", "sklearn_version", "created", "params"} <= set(meta)


def test_train_accepts_records_and_several_files(tmp_path, small_train_file):
    extra = tmp_path / "mine.csv"
    extra.write_text("text,label\nThe county must clear all drainage ditches by Friday.,directive\n", encoding="utf-8")
    model = train([small_train_file, extra], cv=0)
    assert model.metadata["training_data"]["sentences"] == len(read_records([small_train_file])) + 1
    from_file = train([small_train_file], cv=0).metadata["training_data"]["sha256"]
    from_records = train(read_records([small_train_file]), cv=0).metadata["training_data"]["sha256"]
    assert from_records == from_file != model.metadata["training_data"]["sha256"]


def test_unknown_classifier_is_refused(small_train_file):
    with pytest.raises(ValueError, match="classifier must be one of"):
        train([small_train_file], cv=0, classifier="forest")


def test_one_label_only_is_refused(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("text,label\nWe must act.,directive\nWe will act.,directive\n", encoding="utf-8")
    with pytest.raises(DataError, match="at least two labels"):
        train([path], cv=2)
