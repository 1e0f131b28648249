"""Training: labelled data in, a fitted model with its provenance out."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Any

from .data import Record, read_records
from .errors import DataError
from .evaluate import check_folds, cross_validate
from .model import DirectiveModel
from .pipeline import build_pipeline
from .settings import DEFAULT_C, DEFAULT_CLASSIFIER, DEFAULT_FEATURES


def train(
    data: Sequence[Record] | Sequence[str | Path],
    *,
    cv: int = 5,
    random_state: int = 0,
    classifier: str = DEFAULT_CLASSIFIER,
    features: str = DEFAULT_FEATURES,
    C: float = DEFAULT_C,
    on_step: Callable[[str], None] | None = None,
) -> DirectiveModel:
    """Fit a model on labelled records or files, scoring it first by grouped cross-validation.

    `cv=0` skips cross-validation. The same data and `random_state` give the same model.
    `on_step` is told as each of the `cv + 1` fits finishes (for a progress bar).

    >>> model = train(["data/train.jsonl"], cv=0)  # doctest: +SKIP
    """
    records = _as_records(data)
    if len({r.label for r in records}) < 2:
        raise DataError(records[0].source, "training needs examples of at least two labels")
    make = partial(build_pipeline, classifier=classifier, features=features, C=C, random_state=random_state)
    if cv:
        check_folds(records, cv)
        scores = cross_validate(records, make, folds=cv, random_state=random_state,
                                on_fold=on_step and (lambda: on_step("fold"))).to_dict()
    else:
        scores = None
    model = DirectiveModel(make()).fit([r.text for r in records], [r.label for r in records])
    if on_step is not None:
        on_step("final fit")
    model.metadata = _metadata(records, data, scores, cv, random_state,
                               {"classifier": classifier, "features": features, "C": C})
    return model


def _as_records(data: Sequence[Record] | Sequence[str | Path]) -> list[Record]:
    items = list(data)
    if items and all(isinstance(item, Record) for item in items):
        return items  # type: ignore[return-value]
    return read_records(items)  # type: ignore[arg-type]


def _metadata(records: list[Record], data: Sequence[Any], scores: dict | None, cv: int,
              random_state: int, params: dict[str, Any]) -> dict[str, Any]:
    import sklearn

    from . import __version__

    digest = hashlib.sha256()
    for record in records:
        digest.update(json.dumps([record.text, record.label, record.doc]).encode("utf-8"))
        digest.update(b"\n")
    sources = sorted({r.source for r in records if r.source})
    return {
        "labels": [str(c) for c in sorted(Counter(r.label for r in records))],
        "package_version": __version__,
        "sklearn_version": sklearn.__version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "training_data": {
            "sources": sources,
            "sentences": len(records),
            "readouts": len({r.doc for r in records if r.doc}),
            "sha256": digest.hexdigest(),
            "bytes": sum(len(r.text.encode("utf-8")) for r in records),
            "label_counts": dict(Counter(r.label for r in records)),
        },
        "params": {**params, "random_state": random_state},
        "cv_folds": cv,
        "cv_scores": scores,
    }
