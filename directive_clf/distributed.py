"""Labelling readouts as a map over partitions, for Dask (or any framework that maps functions).

Nothing here imports Dask: each function takes one partition, a list of items, and
returns a list, so `bag.map_partitions(classify_partition)` runs it on every worker.
The model is named by path and loaded once per worker process, so only a short
string travels with each task.

>>> import dask.bag as db  # doctest: +SKIP
>>> readouts = db.from_sequence(paths, npartitions=8).map_partitions(read_partition)  # doctest: +SKIP
>>> records = readouts.map_partitions(classify_partition).compute()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .batch import classify_readouts, read_readout
from .model import DirectiveModel
from .persist import load_model


def read_partition(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Each path as `{"source", "text"}`, or `{"source", "error"}` when it cannot be read."""
    items: list[dict[str, Any]] = []
    for source, text, error in map(read_readout, paths):
        items.append({"source": source, "text": text} if error is None else {"source": source, "error": error})
    return items


def classify_partition(
    readouts: Iterable[dict[str, Any]],
    model_path: str | None = None,
    *,
    trusted: bool = False,
    presplit: bool = False,
) -> list[dict[str, Any]]:
    """The labelled sentences of every readout `{"source", "text"}`, shaped like `predict`'s JSONL records.

    Readouts carrying an `error` (from `read_partition`) are passed through unchanged.
    """
    readouts = list(readouts)
    group = [(r["source"], r.get("text"), r.get("error")) for r in readouts]
    records: list[dict[str, Any]] = []
    for readout, result in zip(readouts, classify_readouts(_model(model_path, trusted), group, presplit)):
        if result.ok:
            records.extend(result.records)
        else:
            records.append(readout)
    return records


@lru_cache(maxsize=4)
def _model(path: str | None, trusted: bool) -> DirectiveModel:
    return load_model(path, trusted=trusted)
