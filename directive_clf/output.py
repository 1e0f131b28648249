"""Labelled sentences as JSON Lines or CSV text (the terminal table lives in the CLI)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

CSV_FIELDS = ("source", "position", "start", "end", "text", "label", "confidence")


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    """One JSON object per line, each line ending in a newline."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def to_csv(records: Iterable[dict[str, Any]], labels: Iterable[str], header: bool) -> str:
    """CSV rows with one probability column per label (`p_directive` ...)."""
    labels = list(labels)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow([*CSV_FIELDS, *(f"p_{label}" for label in labels)])
    for r in records:
        writer.writerow([*(r[name] for name in CSV_FIELDS), *(r["probabilities"][label] for label in labels)])
    return buffer.getvalue()
