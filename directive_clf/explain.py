"""Why a sentence got its label: the n-grams whose weights pushed it toward or away from it.

A sentence's score for a label is a sum over its features of TF-IDF value x the linear
classifier's weight for that label, so each n-gram's share of the decision can be read off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .errors import DirectiveClfError
from .pipeline import START, normalise

# How the sentence start reads in explanations ("^ pay close attention").
START_SHOWN = "^"
_DIGITS = re.compile(r"\d+")


class ExplainError(DirectiveClfError):
    """A model whose classifier has no linear weights to explain, or no sentence to explain."""


@dataclass
class Explanation:
    """A sentence's label and probabilities, and the n-grams that weighed most for and against it.

    `toward` runs from the strongest push toward `label` down; `away` from the strongest
    push away from it. Word n-grams read as words ("we must", "^ pay attention", where ^ is
    the sentence start); character n-grams are quoted, with _ for a word boundary ("'_mus'").
    """

    sentence: str
    label: str
    probabilities: dict[str, float]
    toward: list[tuple[str, float]] = field(default_factory=list)
    away: list[tuple[str, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; n-gram pairs become `{"ngram": ..., "weight": ...}` objects."""
        data = asdict(self)
        for side in ("toward", "away"):
            data[side] = [{"ngram": ngram, "weight": weight} for ngram, weight in data[side]]
        return data


def explain_sentences(model: Any, sentences: Sequence[str], top: int = 8) -> list[Explanation]:
    """Explain each sentence's label with the `top` n-grams toward it and the `top` away from it.

    >>> from directive_clf import load_model
    >>> explained = explain_sentences(load_model(), ["We must strengthen flood control."])
    >>> explained[0].label, "must" in dict(explained[0].toward)
    ('directive', True)
    """
    sentences = [str(s) for s in sentences]
    if not sentences:
        return []
    if top < 1:
        raise ExplainError(f"--top must be at least 1, not {top}")
    pipeline = model.pipeline
    steps = getattr(pipeline, "named_steps", {})
    if "features" not in steps or "classifier" not in steps:
        raise ExplainError("the model is not a directive-clf pipeline (no 'features' and 'classifier' steps); "
                           "explain works with models made by `directive-clf train`")
    union = steps["features"]
    classes = [str(c) for c in model.classes_]
    weights = class_weights(steps["classifier"], classes)
    features = union.transform(sentences).tocsr()
    names = union.get_feature_names_out()
    probabilities = model.predict_proba(sentences)
    explained = []
    for row, sentence in enumerate(sentences):
        best = int(probabilities[row].argmax())
        start, end = features.indptr[row], features.indptr[row + 1]
        columns, values = features.indices[start:end], features.data[start:end]
        contributions = _merge(sentence, names[columns], values * weights[best, columns])
        ranked = sorted(contributions.items(), key=lambda item: item[1], reverse=True)
        explained.append(Explanation(
            sentence=sentence,
            label=classes[best],
            probabilities={c: round(float(p), 4) for c, p in zip(classes, probabilities[row])},
            toward=[(ngram, round(w, 4)) for ngram, w in ranked if w > 0][:top],
            away=[(ngram, round(w, 4)) for ngram, w in reversed(ranked) if w < 0][:top],
        ))
    return explained


def class_weights(classifier: Any, classes: Sequence[str]) -> np.ndarray:
    """The linear weights of `classifier`: one row per class in `classes` order, one column per feature.

    Handles a linear model with `coef_` (logistic regression, linear SVM, SGD) and a
    CalibratedClassifierCV around one, whose fold estimators' weights are averaged.
    """
    calibrated = getattr(classifier, "calibrated_classifiers_", None)
    if calibrated is not None:
        return np.mean([_rows(_fold_estimator(c), classes) for c in calibrated], axis=0)
    return _rows(classifier, classes)


def _fold_estimator(calibrated: Any) -> Any:
    estimator = getattr(calibrated, "estimator", None)
    return estimator if estimator is not None else getattr(calibrated, "base_estimator", None)


def _rows(estimator: Any, classes: Sequence[str]) -> np.ndarray:
    coef = getattr(estimator, "coef_", None)
    if coef is None:
        raise ExplainError(f"the model's classifier ({type(estimator).__name__}) has no linear weights to explain; "
                           "explain works with the logreg, svm and sgd classifiers of `directive-clf train`")
    coef = np.asarray(coef.toarray() if hasattr(coef, "toarray") else coef, dtype=np.float64)
    own = [str(c) for c in estimator.classes_]
    if coef.shape[0] == 1 and len(own) == 2:  # binary: one row, for the second class
        coef = np.vstack([-coef[0], coef[0]])
    rows = np.zeros((len(classes), coef.shape[1]))
    for row, label in zip(coef, own):  # a fold may have seen fewer classes than the whole model
        if label in classes:
            rows[list(classes).index(label)] = row
    return rows


def _merge(sentence: str, names: np.ndarray, contributions: np.ndarray) -> dict[str, float]:
    """Contributions by readable n-gram; character n-grams that only come from the start marker add up."""
    words = " " + " ".join(normalise(sentence).split()[1:]) + " "
    merged: dict[str, float] = {}
    for name, value in zip(names, contributions):
        shown = readable(str(name), words)
        merged[shown] = merged.get(shown, 0.0) + float(value)
    return merged


def readable(feature: str, sentence_words: str | None = None) -> str:
    """A feature name of the pipeline as a reader would want it.

    `sentence_words` is the normalised sentence without its start marker, padded with
    spaces; a character n-gram found only in the marker then reads as the sentence start.

    >>> readable("words__xxstart pay close")
    '^ pay close'
    >>> readable("chars__ mus")
    "'_mus'"
    """
    kind, _, ngram = feature.partition("__")
    if not ngram:
        kind, ngram = "words", kind
    if kind == "chars":
        if sentence_words is not None and ngram in f" {START} " and ngram not in sentence_words:
            return f"'{START_SHOWN}'"
        return "'" + ngram.replace(" ", "_") + "'"
    return " ".join(START_SHOWN if token == START else token for token in ngram.split(" "))
