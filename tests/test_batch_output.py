"""Labelling many files from Python, and the JSON Lines and CSV text the CLI prints."""

from __future__ import annotations

import csv
import io
import json

from directive_clf import classify_paths
from directive_clf.output import to_csv, to_jsonl


def test_classify_paths_yields_one_result_per_file_and_goes_past_errors(tmp_path, small_model):
    (tmp_path / "a.txt").write_text("Li Ming presided over the meeting. We must act.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02 binary")
    results = list(classify_paths(small_model, [tmp_path]))
    assert [r.source.rsplit("/", 1)[-1] for r in results] == ["a.txt", "b.txt"]
    assert results[0].ok and [r["text"] for r in results[0].records] == ["Li Ming presided over the meeting.", "We must act."]
    assert not results[1].ok and "is binary data" in results[1].error


def test_classify_paths_only_filters_labels(tmp_path, small_model):
    (tmp_path / "a.txt").write_text("Li Ming presided over the meeting. We must strengthen flood control.", encoding="utf-8")
    [result] = classify_paths(small_model, [tmp_path / "a.txt"], only="attendance")
    assert {r["label"] for r in result.records} <= {"attendance"}


def test_batches_across_files_and_workers_give_the_same_records_in_input_order(tmp_path, small_model, monkeypatch):
    from directive_clf import batch
    from directive_clf.textio import read_text

    from .conftest import DATA

    readouts = sorted((DATA / "readouts").glob("*.txt"))[:30]
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4 \x00")
    paths = [*readouts[:10], tmp_path / "scan.txt", *readouts[10:]]
    one_by_one = [(str(p), small_model.classify(read_text(p))) for p in readouts]
    monkeypatch.setattr(batch, "GROUP_SENTENCES", 40)  # several groups, so groups and workers interleave
    for jobs in (1, 2):
        results = list(classify_paths(small_model, paths, jobs=jobs))
        assert [r.source for r in results] == [str(p) for p in paths]
        assert not results[10].ok and "PDF" in results[10].error
        good = [r for r in results if r.ok]
        assert [(r.source, [{k: v for k, v in rec.items() if k != "source"} for rec in r.records])
                for r in good] == one_by_one


RECORD = {"source": "a.txt", "position": 0, "start": 0, "end": 8, "text": "会议, \"强调\"", "label": "context",
          "confidence": 0.9, "probabilities": {"context": 0.9, "directive": 0.1}}


def test_jsonl_is_one_object_per_line_and_keeps_chinese_readable():
    text = to_jsonl([RECORD, RECORD])
    assert text.count("\n") == 2 and "会议" in text
    assert json.loads(text.splitlines()[0]) == RECORD


def test_csv_quotes_text_and_adds_probability_columns():
    rows = list(csv.reader(io.StringIO(to_csv([RECORD], ["context", "directive"], header=True))))
    assert rows[0][-2:] == ["p_context", "p_directive"]
    assert rows[1][4] == RECORD["text"] and rows[1][-2:] == ["0.9", "0.1"]
    assert to_csv([RECORD], ["context", "directive"], header=False).count("\n") == 1
