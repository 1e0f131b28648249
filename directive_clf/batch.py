"""Labelling many readouts: files, directories and stdin, one result per file, streamed.

Files are read and labelled in groups of about `GROUP_SENTENCES` sentences, so one
`predict_proba` call serves many short readouts while memory stays bounded however
many files there are. With `jobs > 1`, groups go to worker processes, each holding
its own copy of the model, and results come back in input order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .errors import DirectiveClfError
from .model import DirectiveModel
from .textio import expand_paths, read_text, source_name

# About this many sentences are labelled per call; a group never holds more than GROUP_FILES files.
GROUP_SENTENCES = 2000
GROUP_FILES = 200
# A file as read: its source name, and its text or why it could not be read.
Readout = tuple[str, str | None, str | None]


@dataclass
class FileResult:
    """The labelled sentences of one input, or why it could not be read."""

    source: str
    records: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def classify_paths(
    model: DirectiveModel,
    paths: Iterable[str | Path],
    *,
    presplit: bool = False,
    only: str | None = None,
    jobs: int = 1,
) -> Iterator[FileResult]:
    """Label every sentence of every readout, yielding one FileResult per file, in input order.

    A file that cannot be read yields a FileResult with `error` set, and the batch goes on.
    `jobs` worker processes share the work (1: all in this process).

    >>> for result in classify_paths(load_model(), ["data/readouts"], jobs=2):  # doctest: +SKIP
    ...     print(result.source, len(result.records))
    """
    groups = _groups(expand_paths(list(paths)))
    if jobs <= 1:
        for group in groups:
            yield from classify_readouts(model, group, presplit, only)
        return
    yield from _classify_in_workers(model, groups, presplit, only, jobs)


def read_readout(path: str | Path) -> Readout:
    """(source, text, None) for a readable file, (source, None, why) for one that is not."""
    source = source_name(path)
    try:
        return source, read_text(path), None
    except DirectiveClfError as exc:
        return source, None, str(exc)


def _groups(paths: Iterable[str | Path]) -> Iterator[list[Readout]]:
    """(source, text, error) per file, in groups of about GROUP_SENTENCES sentences.

    A sentence count is guessed from the text's length (about 150 characters each), so
    that reading stays ahead of labelling without holding more than a group in memory.
    """
    group: list[Readout] = []
    size = 0
    for path in paths:
        readout = read_readout(path)
        group.append(readout)
        if readout[1] is None:
            continue
        size += len(readout[1]) // 150 + 1
        if size >= GROUP_SENTENCES or len(group) >= GROUP_FILES:
            yield group
            group, size = [], 0
    if group:
        yield group


def classify_readouts(model: DirectiveModel, group: list[Readout], presplit: bool = False,
                      only: str | None = None) -> list[FileResult]:
    """One FileResult per readout of `read_readout`, all labelled in one call."""
    readable = [text for _, text, error in group if error is None]
    labelled = iter(model.classify_many(readable, presplit=presplit))  # type: ignore[arg-type]
    results = []
    for source, _, error in group:
        if error is not None:
            results.append(FileResult(source, error=error))
            continue
        records = [{"source": source, **r} for r in next(labelled) if only is None or r["label"] == only]
        results.append(FileResult(source, records))
    return results


_worker_model: DirectiveModel | None = None


def _start_worker(model: DirectiveModel) -> None:
    global _worker_model
    _worker_model = model


def _work(group: list[Readout], presplit: bool, only: str | None) -> list[FileResult]:
    assert _worker_model is not None
    return classify_readouts(_worker_model, group, presplit, only)


def _classify_in_workers(model: DirectiveModel, groups: Iterator[list[Any]], presplit: bool, only: str | None,
                         jobs: int) -> Iterator[FileResult]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(model,)) as pool:
        # Only a few groups are in flight at once, so memory stays flat for any number of files.
        pending = deque(pool.submit(_work, group, presplit, only) for group in islice(groups, 2 * jobs))
        while pending:
            results = pending.popleft().result()
            for group in islice(groups, 1):
                pending.append(pool.submit(_work, group, presplit, only))
            yield from results
