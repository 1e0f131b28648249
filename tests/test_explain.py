"""`explain`: the label of a sentence and the n-grams that made it, from the model's own weights."""

from __future__ import annotations

import json

import numpy as np
import pytest

from directive_clf.cli import app
from directive_clf.explain import Explanation, class_weights, explain_sentences, readable

FLOOD = "We must strengthen flood control."



def test_explain_a_clear_directive(small_model):
    explained = small_model.explain(FLOOD, top=5)
    assert isinstance(explained, Explanation)
    assert explained.label == "directive"
    assert explained.probabilities["directive"] == max(explained.probabilities.values())
    assert "must" in dict(explained.toward)
    toward = [w for _, w in explained.toward]
    away = [w for _, w in explained.away]
    assert 0 < len(toward) <= 5 and len(away) <= 5
    assert toward == sorted(toward, reverse=True) and all(w > 0 for w in toward)
    assert away == sorted(away) and all(w < 0 for w in away)


def test_contributions_add_up_to_the_decision_score(small_model):
    """Every n-gram's weight together with the intercept gives the classifier's own score for the label."""
    sentence = "Li Ming presided over the meeting and 23 officials attended."
    explained = small_model.explain(sentence, top=100_000)
    classifier = small_model.pipeline.named_steps["classifier"]
    features = small_model.pipeline.named_steps["features"].transform([sentence])
    best = list(small_model.classes_).index(explained.label)
    score = classifier.decision_function(features)[0][best]
    total = sum(w for _, w in explained.toward) + sum(w for _, w in explained.away) + classifier.intercept_[best]
    assert explained.label == "attendance"
    assert total == pytest.approx(score, abs=0.01)


def test_ngrams_read_as_text_with_the_start_marker_shown(small_model):
    explained = small_model.explain("We must pay close attention to safety in production.", top=100_000)
    shown = [ngram for ngram, _ in explained.toward + explained.away]
    assert not any("xxstart" in ngram for ngram in shown)
    assert any(ngram.startswith("^ ") for ngram in shown)
    assert readable("words__xxstart pay close") == "^ pay close"
    assert readable("chars__ mus") == "'_mus'"


@pytest.mark.parametrize("name", ["svm", "sgd"])
def test_calibrated_classifiers_are_explained_with_their_averaged_weights(name, train_rows):
    from directive_clf import DirectiveModel
    from directive_clf.pipeline import build_pipeline

    rows = train_rows[:600]
    model = DirectiveModel(build_pipeline(name, features="word")).fit([r["text"] for r in rows],
                                                                       [r["label"] for r in rows])
    classifier = model.pipeline.named_steps["classifier"]
    weights = class_weights(classifier, [str(c) for c in model.classes_])
    folds = [c.estimator.coef_ for c in classifier.calibrated_classifiers_]
    assert np.allclose(weights, np.mean(np.asarray(folds, dtype=np.float64), axis=0))
    explained = model.explain(FLOOD)
    assert explained.label == "directive" and "must" in dict(explained.toward)


def test_explain_many_sentences_at_once(small_model):
    explained = explain_sentences(small_model, [FLOOD, "Li Ming presided over the meeting."], top=3)
    assert [e.label for e in explained] == ["directive", "attendance"]
    assert explain_sentences(small_model, []) == []


def test_cli_text(runner, small_model_file):
    result = runner.invoke(app, ["explain", FLOOD, "--model", str(small_model_file), "--top", "4"])
    assert result.exit_code == 0, result.output
    assert FLOOD in result.stdout
    assert "toward directive" in result.stdout and "away from directive" in result.stdout
    assert "must" in result.stdout and "xxstart" not in result.stdout


def test_cli_json_from_a_file(runner, small_model_file, tmp_path):
    sentences = tmp_path / "sentences.txt"
    sentences.write_text(f"{FLOOD}\n\nLi Ming presided over the meeting.\n", encoding="utf-8")
    result = runner.invoke(app, ["explain", "--file", str(sentences), "-m", str(small_model_file),
                                 "--format", "json", "--top", "2"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["sentence"], r["label"]) for r in rows] == [(FLOOD, "directive"),
                                                           ("Li Ming presided over the meeting.", "attendance")]
    assert all(len(r["toward"]) <= 2 and set(r["toward"][0]) == {"ngram", "weight"} for r in rows)
    assert "must" in [t["ngram"] for t in rows[0]["toward"]]


@pytest.mark.parametrize("args, message", [
    ([], "error: give one sentence, or --file FILE (not both)"),
    (["We must act.", "--file", "x.txt"], "error: give one sentence, or --file FILE (not both)"),
    (["--file", "missing.txt"], "error: missing.txt: no such file"),
])
def test_cli_errors_are_one_line(runner, small_model_file, args, message):
    result = runner.invoke(app, ["explain", *args, "--model", str(small_model_file)])
    assert result.exit_code == 1
    assert result.stderr.strip() == message


def test_cli_empty_file(runner, small_model_file, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = runner.invoke(app, ["explain", "--file", str(empty), "--model", str(small_model_file)])
    assert result.exit_code == 1 and result.stderr.strip() == f"error: {empty}: no sentences (empty file)"
