"""Scores: numbers that match a hand count, and folds that keep readouts whole."""

from __future__ import annotations

import pytest

from directive_clf import DataError, Record, cross_validate, score
from directive_clf.evaluate import format_report, report
from directive_clf.pipeline import build_pipeline


def test_report_matches_a_hand_count():
    gold = ["directive", "directive", "praise", "context"]
    predicted = ["directive", "context", "praise", "context"]
    result = report(gold, predicted)
    assert result.per_class["directive"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert result.per_class["context"]["precision"] == 0.5
    assert result.accuracy == 0.75
    assert result.macro_f1 == round((0.6667 + 1.0 + 0.6667) / 3, 4)
    assert result.confusion == [[1, 0, 0, 1], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]]
    assert result.per_class["attendance"]["support"] == 0
    text = format_report(result)
    assert "macro-F1" in text and "confusion" in text


class Echo:
    """A stand-in model that predicts a fixed label per sentence."""

    def __init__(self, answers):
        self.answers = answers

    def predict(self, texts):
        return [self.answers[t] for t in texts]


def test_score_groups_by_a_field():
    records = [Record("a", "directive", fields={"style": "agency"}), Record("b", "praise", fields={"style": "machine"})]
    result = score(Echo({"a": "directive", "b": "context"}), records, by=["style"])
    assert result.by_group["style"]["agency"].accuracy == 1.0
    assert result.by_group["style"]["machine"].accuracy == 0.0


def test_cross_validation_keeps_readouts_whole(monkeypatch):
    import sklearn.model_selection as ms

    seen = []
    real_split = ms.StratifiedGroupKFold.split

    def spy(self, X, y=None, groups=None):
        for train, test in real_split(self, X, y, groups):
            seen.append(({groups[i] for i in train}, {groups[i] for i in test}))
            yield train, test

    monkeypatch.setattr(ms.StratifiedGroupKFold, "split", spy)
    labels = ["directive", "praise", "attendance", "context"]
    records = [Record(f"{label} sentence {d} {i}", label, doc=f"d{d}") for d in range(6)
               for i, label in enumerate(labels)]
    result = cross_validate(records, lambda: build_pipeline(features="word"), folds=3)
    assert result.support == len(records)
    assert seen and all(not (train & test) for train, test in seen)


def test_too_few_examples_for_the_folds():
    records = [Record("a", "directive", doc="1"), Record("b", "praise", doc="2")] * 3 + [Record("c", "context", doc="3")]
    with pytest.raises(DataError, match="label 'context' has 1 examples, fewer than the 3 cross-validation folds"):
        cross_validate(records, build_pipeline, folds=3)
