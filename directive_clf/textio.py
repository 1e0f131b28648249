"""Paths to decoded text: encodings, binary files, directories and stdin."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

STDIN = "-"

# Bytes that never occur in text files; a few of them mean the file is binary.
_CONTROL_BYTES = bytes(range(0, 9)) + bytes([11]) + bytes(range(14, 32))
_MAGIC = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive (docx, xlsx ...)",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x7fELF": "a program",
}


@dataclass(frozen=True)
class Document:
    """One readout's decoded text and where it came from."""

    source: str
    text: str


def decode(data: bytes, source: str = "<bytes>") -> str:
    """Decode a readout's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    >>> decode("会议。".encode("gb18030"))
    '会议。'
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", source)
    kind = next((name for magic, name in _MAGIC.items() if data.startswith(magic)), None)
    if kind is None and _looks_binary(data):
        kind = "binary data"
    if kind is not None:
        raise InputError(source, f"is {kind}, not a text file; convert it to plain text first")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(source, "is neither UTF-8, UTF-16 nor GB18030/GBK text; re-save it as UTF-8") from None


def _decode(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.upper()
        raise InputError(source, f"has a {name} byte-order mark but bad {name} at byte {exc.start}") from None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    return sum(sample.count(b) for b in _CONTROL_BYTES) > len(sample) * 0.01


def read_text(path: str | Path) -> str:
    """Read one text file (or stdin for '-') and decode it."""
    if str(path) == STDIN:
        return decode(sys.stdin.buffer.read(), "<stdin>")
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    return decode(data, str(path))


def expand_paths(paths: list[str | Path], pattern: str = "*.txt") -> Iterator[str | Path]:
    """Files named, '-' for stdin, and every file matching `pattern` under each directory, sorted."""
    for path in paths:
        if str(path) != STDIN and Path(path).is_dir():
            yield from sorted(p for p in Path(path).rglob(pattern) if p.is_file())
        else:
            yield path


def source_name(path: str | Path) -> str:
    return "<stdin>" if str(path) == STDIN else str(path)
