"""Labelling many readouts: files, directories and stdin, one result per file, streamed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DirectiveClfError
from .model import DirectiveModel
from .textio import expand_paths, read_text, source_name


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
) -> Iterator[FileResult]:
    """Label every sentence of every readout, yielding one FileResult per file as it is done.

    A file that cannot be read yields a FileResult with `error` set, and the batch goes on.

    >>> for result in classify_paths(load_model(), ["data/readouts"]):  # doctest: +SKIP
    ...     print(result.source, len(result.records))
    """
    for path in expand_paths(list(paths)):
        source = source_name(path)
        try:
            text = read_text(path)
        except DirectiveClfError as exc:
            yield FileResult(source, error=str(exc))
            continue
        records = [{"source": source, **r} for r in model.classify(text, presplit=presplit)]
        if only is not None:
            records = [r for r in records if r["label"] == only]
        yield FileResult(source, records)
