"""The scikit-learn Pipeline: TF-IDF features and a linear classifier."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

CLASSIFIERS = ("logreg", "svm", "sgd")
FEATURES = ("word", "word+char")

_DIGITS = re.compile(r"\d+")
# Words, and the punctuation that carries meaning in readouts (colons of lead-ins, bullets).
TOKEN_PATTERN = r"(?u)\b\w+\b|[:;—·•(]"


def normalise(text: str) -> str:
    """Lower-case, fold digits, and mark the sentence start so an opening imperative is a feature."""
    return "xxstart " + _DIGITS.sub("0", text.lower())


class CompactTfidfVectorizer(TfidfVectorizer):
    """A TfidfVectorizer whose vocabulary is saved as one string, not a dict of objects.

    skops writes a dict entry by entry, so a large n-gram vocabulary made files of
    tens of megabytes that loaded slowly; one newline-joined string of the terms in
    index order is compact and rebuilds the same mapping.
    """

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())  # may be the live __dict__ itself
        vocabulary = state.pop("vocabulary_", None)
        if vocabulary is not None:
            state["vocabulary_terms_"] = "\n".join(sorted(vocabulary, key=vocabulary.__getitem__))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        terms = state.pop("vocabulary_terms_", None)
        if terms is not None:
            state["vocabulary_"] = {term: index for index, term in enumerate(terms.split("\n"))}
        super().__setstate__(state)


def build_pipeline(
    classifier: str = "logreg",
    features: str = "word+char",
    C: float = 10.0,
    random_state: int = 0,
) -> Pipeline:
    """A fresh, unfitted Pipeline of `features` (TF-IDF) and `classifier`.

    >>> build_pipeline().steps[-1][0]
    'classifier'
    """
    if classifier not in CLASSIFIERS:
        raise ValueError(f"classifier must be one of {CLASSIFIERS}, not {classifier!r}")
    if features not in FEATURES:
        raise ValueError(f"features must be one of {FEATURES}, not {features!r}")
    vectorizers: list[tuple[str, Any]] = [
        ("words", CompactTfidfVectorizer(preprocessor=normalise, token_pattern=TOKEN_PATTERN,
                                         ngram_range=(1, 3), min_df=2, sublinear_tf=True, dtype=np.float32)),
    ]
    if features == "word+char":
        vectorizers.append(
            ("chars", CompactTfidfVectorizer(preprocessor=normalise, analyzer="char_wb",
                                      ngram_range=(2, 5), min_df=3, sublinear_tf=True, dtype=np.float32))
        )
    return Pipeline([("features", FeatureUnion(vectorizers)), ("classifier", _classifier(classifier, C, random_state))])


def _classifier(name: str, C: float, random_state: int) -> Any:
    if name == "logreg":
        return LogisticRegression(C=C, class_weight="balanced", max_iter=2000, random_state=random_state)
    if name == "svm":
        svm = LinearSVC(C=C / 10, class_weight="balanced", random_state=random_state)
        return CalibratedClassifierCV(svm, cv=3)
    sgd = SGDClassifier(loss="modified_huber", alpha=1e-4 / C, class_weight="balanced",
                        max_iter=50, tol=None, random_state=random_state)
    return CalibratedClassifierCV(sgd, cv=3)
