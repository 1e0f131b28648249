"""Labelled files (CSV, TSV, JSONL) to validated records."""

from __future__ import annotations

import csv
import difflib
import io
import json
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, InputError
from .labels import LABELS
from .textio import decode

FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class DataWarning(UserWarning):
    """Something in labelled data that is allowed but probably a mistake (duplicate rows)."""


@dataclass(frozen=True)
class Record:
    """One labelled sentence. `doc` names its readout, for splits that keep readouts whole."""

    text: str
    label: str
    doc: str | None = None
    position: int | None = None
    source: str = ""
    line: int = 0
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def read_records(paths: Iterable[str | Path]) -> list[Record]:
    """Read and validate labelled sentences from CSV, TSV or JSONL files.

    Columns `text` and `label` are required; `doc` and `position` are optional and
    any other column (say `style`) is kept in `Record.fields`.

    >>> records = read_records(["data/test.jsonl"])  # doctest: +SKIP
    """
    records: list[Record] = []
    for path in paths:
        records.extend(_read_file(Path(path)))
    if not records:
        raise DataError(", ".join(map(str, paths)) or "<no files>", "holds no labelled sentences")
    _warn_duplicates(records)
    return records


def _read_file(path: Path) -> list[Record]:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise DataError(path, f"unknown data format '{path.suffix}'; use .csv, .tsv or .jsonl")
    text = read_data_text(path)
    if kind == "jsonl":
        rows: Iterable[tuple[int, dict]] = ((n, row) for n, _, row in json_objects(path, text))
    else:
        rows = _delimited_rows(path, text, "\t" if kind == "tsv" else ",")
    return [_record(path, line, row) for line, row in rows]


def read_data_text(path: Path) -> str:
    """A labelled (or to-be-labelled) file's text, decoded; problems as a DataError naming the file."""
    try:
        return decode(path.read_bytes(), str(path))
    except FileNotFoundError:
        raise DataError(path, "no such file") from None
    except InputError as exc:
        raise DataError(path, str(exc).removeprefix(f"{path}: ")) from None
    except OSError as exc:
        raise DataError(path, f"cannot be read ({exc.strerror})") from None


def json_objects(path: Path, text: str, advice: str = "") -> Iterator[tuple[int, str, dict]]:
    """(line number, line, object) for each non-blank line of JSON Lines text; a bad line is a DataError."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(path, f"not valid JSON ({exc.msg} at column {exc.colno}){advice}", number) from None
        if not isinstance(row, dict):
            raise DataError(path, "each line must be a JSON object with 'text' and 'label'", number)
        yield number, line, row


def _delimited_rows(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, dict]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise DataError(path, "is empty; the first line must name the columns, e.g. text,label")
        header = [name.strip().lower() for name in header]
        for column in ("text", "label"):
            if column not in header:
                raise DataError(path, f"missing column '{column}' (found: {', '.join(header)})", 1)
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                raise DataError(path, f"expected {len(header)} fields, found {len(values)}", reader.line_num)
            yield reader.line_num, dict(zip(header, values))
    except csv.Error as exc:
        raise DataError(path, f"malformed {'TSV' if delimiter == chr(9) else 'CSV'} ({exc})", reader.line_num) from None


def _record(path: Path, line: int, row: dict) -> Record:
    for column in ("text", "label"):
        if column not in row:
            raise DataError(path, f"missing column '{column}'", line)
    text, label = row["text"], row["label"]
    if not isinstance(text, str) or not text.strip():
        raise DataError(path, "empty text", line)
    if not isinstance(label, str):
        raise DataError(path, f"label must be text, not {label!r}", line)
    label = label.strip().lower()
    if label not in LABELS:
        raise DataError(path, f"unknown label '{row['label']}'{_suggestion(label)}", line)
    position = row.get("position")
    if position in ("", None):
        position = None
    else:
        try:
            position = int(position)
        except (TypeError, ValueError):
            raise DataError(path, f"position must be a whole number, not {position!r}", line) from None
    doc = row.get("doc")
    extra = {k: str(v) for k, v in row.items() if k not in ("text", "label", "doc", "position") and v not in ("", None)}
    return Record(text.strip(), label, str(doc) if doc not in ("", None) else None, position, str(path), line, extra)


def _suggestion(label: str) -> str:
    close = difflib.get_close_matches(label, LABELS, n=1, cutoff=0.5)
    options = ", ".join(LABELS)
    return f" (did you mean '{close[0]}'?)" if close else f" (use one of: {options})"


def _warn_duplicates(records: list[Record]) -> None:
    counts = Counter((r.text, r.label) for r in records)
    repeated = [r for r in records if counts[(r.text, r.label)] > 1]
    if repeated:
        first = repeated[0]
        warnings.warn(
            f"{len(repeated)} rows repeat another row's text and label, e.g. {first.source} line {first.line}",
            DataWarning,
            stacklevel=3,
        )
    texts: dict[str, set[str]] = {}
    for r in records:
        texts.setdefault(r.text, set()).add(r.label)
    conflicts = [t for t, labels in texts.items() if len(labels) > 1]
    if conflicts:
        warnings.warn(
            f"{len(conflicts)} texts carry different labels in different rows, e.g. {conflicts[0][:60]!r}",
            DataWarning,
            stacklevel=3,
        )
