"""Labelled files: the formats users have, and one clear error for each kind of mistake."""

from __future__ import annotations

import json

import pytest

from directive_clf import DataError, read_records
from directive_clf.data import DataWarning


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_csv_tsv_and_jsonl_read_alike(tmp_path):
    csv_file = write(tmp_path, "a.csv", 'text,label,doc,style\n"We must act, now.",directive,d1,agency\nLi presided.,attendance,d1,agency\n')
    tsv_file = write(tmp_path, "a.tsv", "text\tlabel\tdoc\tstyle\nWe must act, now.\tdirective\td1\tagency\nLi presided.\tattendance\td1\tagency\n")
    jsonl_file = write(tmp_path, "a.jsonl", "".join(json.dumps(r) + "\n" for r in [
        {"text": "We must act, now.", "label": "directive", "doc": "d1", "style": "agency"},
        {"text": "Li presided.", "label": "attendance", "doc": "d1", "style": "agency"}]))
    for path in (csv_file, tsv_file, jsonl_file):
        records = read_records([path])
        assert [(r.text, r.label, r.doc, r.fields["style"]) for r in records] == [
            ("We must act, now.", "directive", "d1", "agency"), ("Li presided.", "attendance", "d1", "agency")]


def test_line_numbers_follow_the_file(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"text": "A.", "label": "context"}\n\n{"text": "B.", "label": "praise"}\n')
    assert [r.line for r in read_records([path])] == [1, 3]


@pytest.mark.parametrize("name, content, message", [
    ("a.csv", "text,labl\nWe must act.,directive\n", r"a.csv line 1: missing column 'label' \(found: text, labl\)"),
    ("a.csv", "text,label\nWe must act.,directve\n", r"a.csv line 2: unknown label 'directve' \(did you mean 'directive'\?\)"),
    ("a.csv", "text,label\nWe must act.,banana\n", r"line 2: unknown label 'banana' \(use one of: directive"),
    ("a.csv", "text,label\n  ,context\n", r"a.csv line 2: empty text"),
    ("a.csv", "text,label\nWe must act.,directive,extra\n", r"a.csv line 2: expected 2 fields, found 3"),
    ("a.csv", 'text,label\n"We must act.,directive\n', r"a.csv line \d+: malformed CSV"),
    ("a.jsonl", '{"text": "A.", "label": "context"}\n{"text": "B.", "label": \n', r"a.jsonl line 2: not valid JSON"),
    ("a.jsonl", '["A.", "context"]\n', r"a.jsonl line 1: each line must be a JSON object"),
    ("a.jsonl", '{"text": "A."}\n', r"a.jsonl line 1: missing column 'label'"),
    ("a.jsonl", '{"text": "A.", "label": "context", "position": "x"}\n', r"line 1: position must be a whole number"),
    ("a.xlsx", "x", r"a.xlsx: unknown data format '.xlsx'"),
    ("a.csv", "", r"a.csv: is empty"),
])
def test_mistakes_name_file_and_line(tmp_path, name, content, message):
    with pytest.raises(DataError, match=message):
        read_records([write(tmp_path, name, content)])


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_records([tmp_path / "gone.jsonl"])


def test_labels_are_case_and_space_tolerant(tmp_path):
    path = write(tmp_path, "a.csv", "text,label\nWe must act., Directive \n")
    assert read_records([path])[0].label == "directive"


def test_duplicate_rows_warn(tmp_path):
    path = write(tmp_path, "a.csv", "text,label\nWe must act.,directive\nWe must act.,directive\n")
    with pytest.warns(DataWarning, match="2 rows repeat another row"):
        read_records([path])


def test_conflicting_labels_warn(tmp_path):
    path = write(tmp_path, "a.csv", "text,label\nWe must act.,directive\nWe must act.,context\n")
    with pytest.warns(DataWarning, match="different labels"):
        read_records([path])
