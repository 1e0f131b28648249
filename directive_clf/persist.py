"""Saving and loading models: atomic writes, versioned files, and loads that never run code.

A model file is a skops archive (https://skops.readthedocs.io), not a pickle:
loading it builds only the types listed in TRUSTED_TYPES, so a file from a
stranger cannot run code. Pickle and joblib files can run code when loaded and
are refused unless the caller passes `trusted=True`, with one exception: the
shipped model, a joblib file that loads because its sha256 matches the digest
shipped beside it, so that it needs nothing beyond scikit-learn and joblib.
"""

from __future__ import annotations

import hashlib
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
DEFAULT_MODEL_NAME = "default.joblib"
# Saving to a .joblib path also writes the file's sha256 beside it (`<name>.sha256`); only the
# digest beside the shipped model lets a joblib file load without `trusted=True`.
DIGEST_SUFFIX = ".sha256"
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

    A `.joblib` path gets a joblib file and its sha256 beside it (how the shipped model
    is made); any other path a skops archive, which anyone can load safely.

    >>> save_model(model, "models/mine.skops")  # doctest: +SKIP
    """
    path = Path(path)
    payload = {"format": FORMAT, "format_version": FORMAT_VERSION,
               "metadata": model.metadata, "pipeline": model.pipeline}
    if path.suffix == ".joblib":
        import joblib

        buffer = io.BytesIO()
        joblib.dump(payload, buffer, compress=3)
        data = buffer.getvalue()
        write_atomic(path, data)
        write_atomic(_digest_path(path), (hashlib.sha256(data).hexdigest() + "\n").encode())
        return path
    try:
        import skops.io as sio
    except ImportError:
        raise ModelError(path, "needs the skops package to be written; install it with `pip install skops`, "
                               "or save to a .joblib path") from None
    write_atomic(path, sio.dumps(payload, compression=zipfile.ZIP_DEFLATED))
    return path


def _digest_path(path: Path) -> Path:
    return path.with_name(path.name + DIGEST_SUFFIX)


def _is_shipped(data: bytes) -> bool:
    """Whether `data` is, byte for byte, the model shipped with this installation."""
    try:
        shipped = _digest_path(default_model_path()).read_text(encoding="ascii").strip()
    except OSError:
        return False
    return hashlib.sha256(data).hexdigest() == shipped


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

    Only skops files made by directive-clf, and the shipped model, load by default. `trusted=True` also
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
        payload = _load_pickle(path, data, trusted)
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
    """A pickle, or a joblib file compressed with zlib (joblib's default) or gzip."""
    return data[:1] in (b"\x80", b"(", b"c", b"]", b"}", b"\x78") or data[:2] == b"\x1f\x8b"


def _load_pickle(path: Path, data: bytes, trusted: bool) -> Any:
    shipped = _is_shipped(data)
    if not trusted and not shipped:
        raise ModelError(path, "is a pickle/joblib file, and loading one can run any code; "
                               "re-save it with directive-clf, or pass --trust-model / trusted=True "
                               "only if you made it yourself")
    import joblib

    if not shipped:
        warnings.warn(f"{path}: loading a pickle/joblib model because you trust it; it can run code",
                      UntrustedModelWarning, stacklevel=3)
    try:
        return joblib.load(io.BytesIO(data))
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
