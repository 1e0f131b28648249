"""Shared fixtures: our own corpus from data/, and a small model trained on part of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def jsonl(text: str) -> list[dict]:
    """The objects of JSON Lines text (command output, or a file's text)."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def read_jsonl(path: Path) -> list[dict]:
    return jsonl(path.read_text(encoding="utf-8"))


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture(scope="session")
def train_rows() -> list[dict]:
    return read_jsonl(DATA / "train.jsonl")


@pytest.fixture(scope="session")
def test_rows() -> list[dict]:
    return read_jsonl(DATA / "test.jsonl")


@pytest.fixture(scope="session")
def readout_path(test_rows) -> Path:
    """A readout of the test split, with at least one sentence of every label."""
    by_doc: dict[str, set] = {}
    for row in test_rows:
        by_doc.setdefault(row["doc"], set()).add(row["label"])
    doc = sorted(d for d, labels in by_doc.items() if len(labels) == 4)[0]
    return DATA / "readouts" / f"{doc}.txt"


@pytest.fixture(scope="session")
def small_train_file(tmp_path_factory, train_rows) -> Path:
    """About 40 readouts of training data as JSONL: enough to learn, quick to fit."""
    docs = sorted({r["doc"] for r in train_rows})[::max(1, len({r["doc"] for r in train_rows}) // 40)]
    rows = [r for r in train_rows if r["doc"] in set(docs)]
    path = tmp_path_factory.mktemp("data") / "small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_model(small_train_file):
    from directive_clf import train

    return train([small_train_file], cv=0)


@pytest.fixture(scope="session")
def small_model_file(tmp_path_factory, small_model) -> Path:
    from directive_clf import save_model

    return save_model(small_model, tmp_path_factory.mktemp("model") / "small.skops")
