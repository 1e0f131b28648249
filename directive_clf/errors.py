"""Errors a user can act on: each says what was wrong, where, and what to do."""

from __future__ import annotations

from pathlib import Path


class DirectiveClfError(Exception):
    """Base class of every error directive-clf raises on purpose."""


class InputError(DirectiveClfError):
    """A text file that cannot be read as a readout (missing, binary, undecodable)."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {message}")


class DataError(DirectiveClfError):
    """A labelled data file, or one of its lines, that cannot be used for training."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = f"{path} line {line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


class ModelError(DirectiveClfError):
    """A model file that is missing, damaged, foreign or not trusted."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {message}")
