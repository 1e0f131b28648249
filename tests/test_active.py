"""Active learning: `suggest` picks the sentences the model is least sure of, no two alike."""

from __future__ import annotations

import numpy as np
import pytest

from directive_clf import split_sentences
from directive_clf.active import choose_uncertain, margins, suggest
from directive_clf.annotate import read_suggestions
from directive_clf.cli import app

from .conftest import jsonl

SUGGESTION_FIELDS = {"doc", "source", "position", "text", "label", "guess", "margin", "probabilities"}




def test_margins_are_the_gap_between_the_two_most_probable_labels():
    probabilities = np.array([[0.4, 0.4, 0.1, 0.1], [0.1, 0.7, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25]])
    assert margins(probabilities).round(4).tolist() == [0.0, 0.6, 0.0]


def test_choose_uncertain_takes_the_smallest_margins_first(small_model):
    texts = ["We must act.", "Li Ming presided.", "The work made progress.", "The meeting was held."]
    probabilities = np.array([[0.9, 0.05, 0.03, 0.02], [0.3, 0.3, 0.2, 0.2], [0.5, 0.3, 0.1, 0.1],
                              [0.97, 0.01, 0.01, 0.01]])
    assert choose_uncertain(small_model, texts, 3, probabilities=probabilities) == [1, 2, 0]


def test_choose_uncertain_skips_near_duplicates(small_model):
    texts = ["Source: Xinhua | 2019-06-06", "Source: Xinhua | 2022-11-03", "SOURCE:  xinhua | 2019-06-06",
             "The meeting stressed that we must keep grain output stable."]
    even = np.full((4, 4), 0.25)
    assert choose_uncertain(small_model, texts, 4, probabilities=even) == [0, 3]
    # Only exact copies (up to case and spacing) are dropped when similarity is allowed up to 1.
    assert choose_uncertain(small_model, texts, 4, probabilities=even, max_similarity=1.0) == [0, 1, 3]


def test_suggest_gives_the_least_certain_sentences_of_a_readout(small_model, readout_path):
    records = suggest(small_model, [readout_path], n=5)
    sentences = [s.text for s in split_sentences(readout_path.read_text(encoding="utf-8"))]
    assert len(records) == 5
    assert all(set(r) == SUGGESTION_FIELDS for r in records)
    assert all(r["doc"] == readout_path.stem and r["source"] == str(readout_path) for r in records)
    assert all(r["label"] is None and sentences[r["position"]] == r["text"] for r in records)
    assert [r["margin"] for r in records] == sorted(r["margin"] for r in records)
    assert all(r["guess"] == max(r["probabilities"], key=r["probabilities"].get) for r in records)
    everything = suggest(small_model, [readout_path], n=len(sentences))
    assert max(r["margin"] for r in records) <= min(r["margin"] for r in everything[5:])


def test_suggest_never_returns_two_copies_of_a_sentence(small_model, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("Li Ming presided over the meeting and the work made progress.\n", encoding="utf-8")
    records = suggest(small_model, [copy, copy], n=5)
    assert len(records) == 1


def test_suggest_out_is_written_atomically_and_annotate_reads_it(runner, tmp_path, small_model_file, readout_path):
    out = tmp_path / "next.jsonl"
    result = runner.invoke(app, ["suggest", str(readout_path), "--n", "4", "--out", str(out),
                                 "--model", str(small_model_file)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "suggested 4 of" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["next.jsonl"]
    records = jsonl(out.read_text(encoding="utf-8"))
    items = read_suggestions(out)
    assert [(i.text, i.position, i.guess) for i in items] == [(r["text"], r["position"], r["guess"]) for r in records]


def test_suggest_reads_stdin_and_goes_past_unreadable_files(runner, tmp_path, small_model_file, readout_path):
    result = runner.invoke(app, ["suggest", "-", "--n", "2", "-m", str(small_model_file)],
                           input="We must act at once. Li Ming presided over the meeting.\n")
    assert result.exit_code == 0, result.output
    assert {r["source"] for r in jsonl(result.stdout)} == {"<stdin>"}
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.4 \x00\x01")
    result = runner.invoke(app, ["suggest", str(bad), str(readout_path), "--n", "3", "-m", str(small_model_file)])
    assert result.exit_code == 1
    assert {r["source"] for r in jsonl(result.stdout)} == {str(readout_path)}
    assert f"error: {bad}: is a PDF, not a text file" in result.stderr
    assert "1 of 2 inputs could not be read" in result.stderr


def test_suggest_from_python_raises_on_an_unreadable_file(small_model, tmp_path):
    from directive_clf.errors import InputError

    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.4 \x00\x01")
    with pytest.raises(InputError, match=r"scan.txt: is a PDF, not a text file"):
        suggest(small_model, [bad], n=3)
