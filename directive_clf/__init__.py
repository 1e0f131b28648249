"""directive-clf: label the sentences of Chinese official meeting readouts.

>>> import directive_clf
>>> directive_clf.load_model().predict(["We must strengthen flood control."])[0]
'directive'

Names load on first use, so the command line starts without importing scikit-learn.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_PUBLIC = {
    "FileResult": "batch", "classify_paths": "batch",
    "Record": "data", "read_records": "data",
    "DataError": "errors", "DirectiveClfError": "errors", "InputError": "errors", "ModelError": "errors",
    "Report": "evaluate", "cross_validate": "evaluate", "score": "evaluate",
    "LABELS": "labels",
    "DirectiveModel": "model",
    "load_model": "persist", "save_model": "persist",
    "Sentence": "segment", "split_sentences": "segment",
    "train": "training",
}
__all__ = sorted(_PUBLIC) + ["__version__"]

if TYPE_CHECKING:
    from .batch import FileResult, classify_paths
    from .data import Record, read_records
    from .errors import DataError, DirectiveClfError, InputError, ModelError
    from .evaluate import Report, cross_validate, score
    from .labels import LABELS
    from .model import DirectiveModel
    from .persist import load_model, save_model
    from .segment import Sentence, split_sentences
    from .training import train


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module 'directive_clf' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
