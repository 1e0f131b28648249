"""Active learning: which unlabelled sentences to label next.

Uncertainty sampling by margin: a sentence whose two most probable labels are close
is one the model cannot tell apart, so a label for it teaches the most. Readouts
repeat themselves (bylines, stock phrases, the same lead-in in every readout), so the
most uncertain sentences are often near-copies of each other; a candidate is skipped
when the cosine similarity of its TF-IDF vector (the model's own feature transform,
rows re-normalised) to an already chosen sentence is above `max_similarity`, or when
its text equals a chosen one's up to case and spacing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .batch import classify_paths
from .errors import InputError
from .model import DirectiveModel

MAX_SIMILARITY = 0.8
# Candidates are compared in blocks of this many, most uncertain first.
_BLOCK = 1024


def margins(probabilities: np.ndarray) -> np.ndarray:
    """The gap between each row's two largest probabilities: 0 is a coin toss, 1 is certain.

    >>> margins(np.array([[0.5, 0.3, 0.2], [0.9, 0.05, 0.05]])).round(2).tolist()
    [0.2, 0.85]
    """
    if probabilities.shape[1] < 2:
        return np.ones(len(probabilities))
    top_two = np.sort(probabilities, axis=1)[:, -2:]
    return top_two[:, 1] - top_two[:, 0]


def choose_uncertain(
    model: DirectiveModel,
    texts: Sequence[str],
    n: int,
    *,
    probabilities: np.ndarray | None = None,
    max_similarity: float = MAX_SIMILARITY,
) -> list[int]:
    """Indices of the `n` texts with the smallest margin, no two of them near-duplicates.

    Most uncertain first; equal margins keep input order. `probabilities` (rows in
    `model.classes_` order) saves predicting again when the caller has them already.
    Fewer than `n` come back when there are not that many dissimilar texts.

    >>> choose_uncertain(load_model(), ["We must act.", "The meeting noted progress."], 1)  # doctest: +SKIP
    [1]
    """
    from scipy import sparse
    from sklearn.preprocessing import normalize

    texts = list(texts)
    if n <= 0 or not texts:
        return []
    if probabilities is None:
        probabilities = model.predict_proba(texts)
    order = np.argsort(margins(np.asarray(probabilities, dtype=float)), kind="stable")
    features = model.pipeline[:-1]  # everything before the classifier: the TF-IDF transform
    chosen: list[int] = []
    chosen_rows: Any = None
    seen_texts: set[str] = set()
    for start in range(0, len(order), _BLOCK):
        block = order[start:start + _BLOCK]
        rows = normalize(sparse.csr_matrix(features.transform([texts[i] for i in block])))
        # A cosine is at most 1; rounding can lift two identical rows just above it.
        to_chosen = (np.zeros(len(block)) if chosen_rows is None
                     else np.minimum((rows @ chosen_rows.T).max(axis=1).toarray().ravel(), 1.0))
        within = np.minimum((rows @ rows.T).toarray(), 1.0)
        picked: list[int] = []
        for j, index in enumerate(block):
            key = " ".join(texts[index].lower().split())
            if key in seen_texts or to_chosen[j] > max_similarity:
                continue
            if picked and within[j, picked].max() > max_similarity:
                continue
            picked.append(j)
            seen_texts.add(key)
            if len(chosen) + len(picked) == n:
                break
        chosen.extend(int(block[j]) for j in picked)
        if picked:
            new_rows = rows[picked]
            chosen_rows = new_rows if chosen_rows is None else sparse.vstack([chosen_rows, new_rows]).tocsr()
        if len(chosen) == n:
            break
    return chosen


def choose_records(
    model: DirectiveModel,
    records: Sequence[dict[str, Any]],
    n: int,
    *,
    max_similarity: float = MAX_SIMILARITY,
) -> list[dict[str, Any]]:
    """The `n` sentences to label next, from labelled sentences as `classify_paths` gives them.

    Each result is ready for `directive-clf annotate`: `doc` (the file's stem), `source`,
    `position`, `text`, `label` (None: yours to fill), the model's `guess`, its `margin`
    and `probabilities`. Most uncertain first.
    """
    records = list(records)
    classes = [str(c) for c in model.classes_]
    probabilities = np.array([[r["probabilities"][c] for c in classes] for r in records], dtype=float)
    probabilities = probabilities.reshape(len(records), len(classes))
    picked = choose_uncertain(model, [r["text"] for r in records], n, probabilities=probabilities,
                              max_similarity=max_similarity)
    gaps = margins(probabilities)
    return [_suggestion(records[i], float(gaps[i])) for i in picked]


def suggest(
    model: DirectiveModel,
    paths: Iterable[str | Path],
    n: int = 50,
    *,
    max_similarity: float = MAX_SIMILARITY,
    presplit: bool = False,
) -> list[dict[str, Any]]:
    """Split unlabelled readouts and return the `n` sentences whose labels would teach the model most.

    `paths` are files, directories (every *.txt under them) or '-' for stdin, as for
    `predict`. A file that cannot be read raises its error (the CLI reports it and goes on).

    >>> records = suggest(load_model(), ["new_readouts/"], n=50)  # doctest: +SKIP
    >>> sorted(records[0])
    ['doc', 'guess', 'label', 'margin', 'position', 'probabilities', 'source', 'text']
    """
    sentences: list[dict[str, Any]] = []
    for result in classify_paths(model, paths, presplit=presplit):
        if not result.ok:
            raise InputError(result.source, str(result.error).removeprefix(f"{result.source}: "))
        sentences.extend(result.records)
    return choose_records(model, sentences, n, max_similarity=max_similarity)


def _suggestion(record: dict[str, Any], margin: float) -> dict[str, Any]:
    source = str(record.get("source", ""))
    return {
        "doc": Path(source).stem if source else None,
        "source": source,
        "position": record.get("position"),
        "text": record["text"],
        "label": None,
        "guess": record["label"],
        "margin": round(margin, 4),
        "probabilities": record["probabilities"],
    }
