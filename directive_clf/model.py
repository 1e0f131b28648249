"""The model users hold: a fitted Pipeline plus what is known about how it was made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .segment import split_lines, split_sentences

# Long inputs are labelled in chunks so memory stays bounded however large a readout is.
BATCH_SIZE = 2000


class DirectiveModel:
    """Labels readout sentences `directive`, `praise`, `attendance` or `context`.

    Follows scikit-learn's conventions: `fit`, `predict`, `predict_proba`, `classes_`.

    >>> import directive_clf
    >>> model = directive_clf.load_model()
    >>> model.predict(["The meeting stressed that we must strengthen flood control."])[0]
    'directive'
    """

    def __init__(self, pipeline: Any, metadata: dict[str, Any] | None = None) -> None:
        self.pipeline = pipeline
        self.metadata: dict[str, Any] = dict(metadata or {})

    @property
    def classes_(self) -> np.ndarray:
        return self.pipeline.classes_

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> DirectiveModel:
        self.pipeline.fit(list(texts), list(labels))
        return self

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """The label of each sentence."""
        return self.classes_[self.predict_proba(texts).argmax(axis=1)]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """One row per sentence, one column per label in `classes_` order."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, len(self.classes_)))
        return np.vstack([self.pipeline.predict_proba(texts[i:i + BATCH_SIZE])
                          for i in range(0, len(texts), BATCH_SIZE)])

    def classify(self, text: str, *, presplit: bool = False) -> list[dict[str, Any]]:
        """Split a readout and label every sentence.

        With `presplit`, each line of `text` is taken as one sentence.

        >>> import directive_clf
        >>> results = directive_clf.load_model().classify("Li Ming presided over the meeting. We must act.")
        >>> [(r["text"], r["label"]) for r in results]
        [('Li Ming presided over the meeting.', 'attendance'), ('We must act.', 'directive')]
        """
        return self.classify_many([text], presplit=presplit)[0]

    def classify_many(self, texts: Sequence[str], *, presplit: bool = False) -> list[list[dict[str, Any]]]:
        """`classify` for several readouts at once: one list of results per readout.

        The sentences of all readouts are labelled together, which is much faster than
        one readout at a time when readouts are short.
        """
        split = split_lines if presplit else split_sentences
        per_text = [split(text) for text in texts]
        probabilities = self.predict_proba([s.text for sentences in per_text for s in sentences])
        classes = [str(c) for c in self.classes_]
        results, row = [], 0
        for sentences in per_text:
            results.append([_result(position, sentence, probabilities[row + position], classes)
                            for position, sentence in enumerate(sentences)])
            row += len(sentences)
        return results

    def __repr__(self) -> str:
        made = self.metadata.get("created", "unknown date")
        return f"DirectiveModel(classes={list(self.classes_)}, created={made!r})"

    def explain(self, sentence: str, top: int = 8) -> Any:
        """The label of one sentence and the n-grams that pushed it most toward and away from it.

        Returns a `directive_clf.explain.Explanation` (label, probabilities, toward, away).

        >>> import directive_clf
        >>> explained = directive_clf.load_model().explain("We must strengthen flood control.")
        >>> explained.label, "must" in dict(explained.toward)
        ('directive', True)
        """
        from .explain import explain_sentences

        return explain_sentences(self, [sentence], top=top)[0]


def _result(position: int, sentence: Any, probabilities: np.ndarray, classes: list[str]) -> dict[str, Any]:
    best = int(probabilities.argmax())
    return {
        "position": position,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
        "label": classes[best],
        "confidence": round(float(probabilities[best]), 4),
        "probabilities": {c: round(float(p), 4) for c, p in zip(classes, probabilities)},
    }
