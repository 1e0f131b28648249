"""Saving and loading models: atomic writes, versioned files, and loads that never run code.

A model file is a skops archive (https://skops.readthedocs.io), not a pickle:
loading it builds only the types listed in TRUSTED_TYPES, so a file from a
stranger cannot run code. Pickle and joblib files can run code when loaded and
are refused unless the caller passes `trusted=True`.
"""

from __future__ import annotations

import io
import os
import tempfile
import warnings
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ModelError
from .model import DirectiveModel

FORMAT = "directive-clf"
FORMAT_VERSION = 1
DEFAULT_MODEL_NAME = "default.skops"
# Everything a directive-clf model holds beyond what skops trusts by default.
TRUSTED_TYPES = (
    "directive_clf.pipeline.CompactTfidfVectorizer",
    "directive_clf.pipeline.normalise",
    "directive_clf.pipeline.tokenize",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
)


class UntrustedModelWarning(UserWarning):
    """Loading a pickle or joblib model file, which can run code, because the caller trusts it."""


def default_model_path() -> Path:
    """The shipped model: inside the installed package, or in `models/` of a source checkout."""
    packaged = resources.files("directive_clf") / "models" / DEFAULT_MODEL_NAME
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "models" / DEFAULT_MODEL_NAME


def save_model(model: DirectiveModel, path: str | Path) -> Path:
    """Write `model` to `path` atomically: a crash leaves the old file or the new one, never half.

    >>> save_model(model, "models/mine.skops")  # doctest: +SKIP
    """
    import skops.io as sio

    path = Path(path)
    payload = {"format": FORMAT, "format_version": FORMAT_VERSION,
               "metadata": model.metadata, "pipeline": model.pipeline}
    write_atomic(path, sio.dumps(payload, compression=zipfile.ZIP_DEFLATED))
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load_model(path: str | Path | None = None, *, trusted: bool = False) -> DirectiveModel:
    """Load a model file, or the shipped default when `path` is None.

    Only skops files made by directive-clf load by default. `trusted=True` also
    loads types outside TRUSTED_TYPES and pickle/joblib files: only for files you made.

    >>> load_model().predict(["Li Ming presided over the meeting."])[0]
    'attendance'
    """
    path = Path(path) if path is not None else default_model_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        hint = " (the shipped model is missing: reinstall directive-clf)" if path == default_model_path() else ""
        raise ModelError(path, f"no such model file{hint}") from None
    except IsADirectoryError:
        raise ModelError(path, "is a directory, not a model file") from None
    except OSError as exc:
        raise ModelError(path, f"cannot be read ({exc.strerror})") from None
    if zipfile.is_zipfile(io.BytesIO(data)):
        payload = _load_skops(path, data, trusted)
    elif _looks_like_pickle(data):
        payload = _load_pickle(path, trusted)
    else:
        raise ModelError(path, "is not a directive-clf model file (truncated, or some other kind of file)")
    return _model_from(path, payload)


def _load_skops(path: Path, data: bytes, trusted: bool) -> Any:
    try:
        import skops.io as sio
    except ImportError:
        raise ModelError(path, "needs the skops package to be read safely; install it with "
                               "`pip install skops` (or reinstall directive-clf)") from None

    try:
        unknown = [t for t in sio.get_untrusted_types(data=data) if t not in TRUSTED_TYPES]
        if unknown and not trusted:
            listed = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
            raise ModelError(path, f"holds types directive-clf does not trust ({listed}); "
                                   "load it with --trust-model / trusted=True only if you made it")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return sio.loads(data, trusted=list(TRUSTED_TYPES) + unknown)
    except ModelError:
        raise
    except Exception as exc:  # skops raises many kinds on damaged or foreign archives
        raise ModelError(path, f"is damaged or not a directive-clf model ({type(exc).__name__}: {exc})") from None


def _looks_like_pickle(data: bytes) -> bool:
    return data[:1] == b"\x80" or data[:1] in (b"(", b"c", b"]", b"}")


def _load_pickle(path: Path, trusted: bool) -> Any:
    if not trusted:
        raise ModelError(path, "is a pickle/joblib file, and loading one can run any code; "
                               "re-save it with directive-clf, or pass --trust-model / trusted=True "
                               "only if you made it yourself")
    import joblib

    warnings.warn(f"{path}: loading a pickle/joblib model because you trust it; it can run code",
                  UntrustedModelWarning, stacklevel=3)
    try:
        return joblib.load(path)
    except Exception as exc:
        raise ModelError(path, f"could not be unpickled ({type(exc).__name__}: {exc})") from None


def _model_from(path: Path, payload: Any) -> DirectiveModel:
    if isinstance(payload, DirectiveModel):
        return payload
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ModelError(path, "is not a directive-clf model (it holds something else)")
    if payload.get("format_version", 0) > FORMAT_VERSION:
        raise ModelError(path, f"was written by a newer directive-clf (format {payload['format_version']}); "
                               "upgrade directive-clf to load it")
    pipeline = payload["pipeline"]
    if not hasattr(pipeline, "predict_proba") or not hasattr(pipeline, "classes_"):
        raise ModelError(path, "holds an unfitted or foreign estimator, not a trained directive-clf pipeline")
    _check_sklearn_version(path, payload.get("metadata", {}))
    return DirectiveModel(pipeline, payload.get("metadata", {}))


def _check_sklearn_version(path: Path, metadata: dict[str, Any]) -> None:
    import sklearn

    made_with = str(metadata.get("sklearn_version", ""))
    if made_with and _minor(made_with) > _minor(sklearn.__version__):
        raise ModelError(path, f"was trained with scikit-learn {made_with}, newer than the installed "
                               f"{sklearn.__version__}; upgrade scikit-learn or retrain the model")


def _minor(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)
