"""Annotating suggestions: answers saved at once, resume, undo, skips, and labels `train` can read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from directive_clf import read_records
from directive_clf.active import suggest
from directive_clf.annotate import Item, annotate, read_suggestions, skipped_path
from directive_clf.cli import app


@pytest.fixture(scope="module")
def suggestions_file(tmp_path_factory, small_model, readout_path) -> Path:
    path = tmp_path_factory.mktemp("suggest") / "next.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in suggest(small_model, [readout_path], n=6)),
                    encoding="utf-8")
    return path


@pytest.fixture
def items(suggestions_file) -> list[Item]:
    return read_suggestions(suggestions_file)


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def run(items, out, keys, screen=None):
    """Drive the loop with scripted keys; what it shows goes to `screen`."""
    keys = iter(keys)
    screen = [] if screen is None else screen

    def read_key():
        try:
            return next(keys)
        except StopIteration:
            raise EOFError from None

    return annotate(items, out, read_key, screen.append)


def asked(screen: list[str], items: list[Item]) -> list[int]:
    """Which items were shown, in order."""
    by_text = {item.text: index for index, item in enumerate(items)}
    return [by_text[text.splitlines()[1].strip()] for text in screen if text.startswith("[")]


def test_labels_undo_and_quit(tmp_path, items):
    out = tmp_path / "mine.jsonl"
    screen: list[str] = []
    summary = run(items, out, ["1", "3", "u", "2", "q"], screen)
    assert [(r["text"], r["label"]) for r in rows(out)] == [(items[0].text, "directive"), (items[1].text, "praise")]
    assert asked(screen, items) == [0, 1, 2, 1, 2]
    assert (summary.labelled, summary.skipped, summary.remaining, summary.undone) == (2, 0, 4, 1)
    assert not summary.finished


def test_the_question_shows_where_the_sentence_is_and_the_guess(tmp_path, items):
    screen: list[str] = []
    run(items, tmp_path / "mine.jsonl", ["q"], screen)
    first = items[0]
    assert screen[0].splitlines()[0] == f"[1/6, 0 answered] {first.source}, sentence {first.position}"
    assert f"guess: {first.guess}  (directive " in screen[0]
    assert screen[0].splitlines()[-1] == "1 directive  2 praise  3 attendance  4 context  s skip  u undo  q quit"


def test_every_answer_is_on_disk_before_the_next_key_is_read(tmp_path, items):
    out = tmp_path / "mine.jsonl"
    seen = []
    keys = iter(["4", "s", "2", "q"])

    def read_key():
        seen.append((len(rows(out)), len(rows(skipped_path(out)))))
        return next(keys)

    annotate(items, out, read_key, lambda text: None)
    assert seen == [(0, 0), (1, 0), (1, 1), (2, 1)]


def test_restart_resumes_after_the_answered_and_skipped(tmp_path, items):
    out = tmp_path / "mine.jsonl"
    run(items, out, ["1", "s", "q"])
    screen: list[str] = []
    summary = run(items, out, ["4", "q"], screen)
    assert asked(screen, items) == [2, 3]
    assert [r["text"] for r in rows(out)] == [items[0].text, items[2].text]
    assert [r["text"] for r in rows(skipped_path(out))] == [items[1].text]
    assert "label" not in rows(skipped_path(out))[0]
    assert (summary.labelled, summary.skipped, summary.remaining) == (2, 1, 3)


def test_undo_reaches_into_the_last_session_and_undoes_skips(tmp_path, items):
    out = tmp_path / "mine.jsonl"
    run(items, out, ["1", "2", "s", "q"])
    screen: list[str] = []
    run(items, out, ["u", "u", "3", "q"], screen)
    assert asked(screen, items) == [3, 2, 1, 2]
    assert rows(skipped_path(out)) == []
    assert [(r["text"], r["label"]) for r in rows(out)] == [(items[0].text, "directive"), (items[1].text, "attendance")]


def test_invalid_keys_and_empty_undo_ask_again_and_write_nothing(tmp_path, items):
    out = tmp_path / "mine.jsonl"
    screen: list[str] = []
    run(items, out, ["x", "", "5", "u", "S", "q"], screen)
    hints = [text for text in screen if text.startswith("unknown key")]
    assert len(hints) == 3 and "press 1 directive  2 praise" in hints[0]
    assert "nothing to undo" in screen
    assert asked(screen, items) == [0, 1]  # asked once, not again after each wrong key
    assert not out.exists() and [r["text"] for r in rows(skipped_path(out))] == [items[0].text]


def test_running_out_of_input_quits_and_finishing_says_so(tmp_path, items):
    out = tmp_path / "mine.jsonl"
    assert run(items, out, ["1"]).remaining == 5
    screen: list[str] = []
    summary = run(items, out, ["2", "3", "4", "s", "1"], screen)
    assert summary.finished and screen[-1] == f"all 6 sentences answered; labels are in {out}"
    assert run(items, out, []).finished


def test_the_labels_file_is_valid_training_data(tmp_path, items):
    out = tmp_path / "mine.jsonl"
    run(items, out, ["1", "s", "2", "3", "u", "4", "q"])
    records = read_records([out])
    assert [(r.text, r.label) for r in records] == [(items[0].text, "directive"), (items[2].text, "praise"),
                                                    (items[3].text, "context")]
    assert all(r.doc == items[0].doc and r.position is not None for r in records)


def test_a_labels_file_that_is_not_jsonl_is_refused(tmp_path, items):
    from directive_clf.errors import DataError

    with pytest.raises(DataError, match="give the labels file a .jsonl name"):
        run(items, tmp_path / "mine.csv", ["1"])


def test_cli_annotate_with_scripted_input_then_resume(tmp_path, suggestions_file, small_model_file, items):
    out = tmp_path / "mine.jsonl"
    runner = CliRunner()
    args = ["annotate", str(suggestions_file), "--out", str(out)]
    first = runner.invoke(app, args, input="1\n3\nu\n2\nq\n")
    assert first.exit_code == 0, first.output
    assert items[0].text in first.stdout and "guess:" in first.stdout
    assert "2 labelled, 0 skipped, 4 left of 6" in first.stderr
    second = runner.invoke(app, [*args, "--model", str(small_model_file)], input="s\n4\n")
    assert second.exit_code == 0, second.output
    assert items[0].text not in second.stdout and items[2].text in second.stdout
    assert [r["label"] for r in rows(out)] == ["directive", "praise", "context"]
    assert [r["text"] for r in rows(skipped_path(out))] == [items[2].text]


def test_cli_annotate_bad_suggestions_is_one_line(tmp_path):
    bad = tmp_path / "next.jsonl"
    bad.write_text('{"text": "We must act."}\n{"text": \n', encoding="utf-8")
    result = CliRunner().invoke(app, ["annotate", str(bad), "--out", str(tmp_path / "mine.jsonl")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad} line 2: not valid JSON")


def test_train_on_corpus_plus_annotated_labels(tmp_path, small_train_file, items):
    out = tmp_path / "my_labels.jsonl"
    run(items, out, ["1", "2", "3", "4", "q"])
    model = tmp_path / "m.skops"
    runner = CliRunner()
    result = runner.invoke(app, ["train", str(small_train_file), str(out), "--cv", "0", "--features", "word",
                                 "--model", str(model)])
    assert result.exit_code == 0, result.output
    info = json.loads(runner.invoke(app, ["info", "--model", str(model), "--format", "json"]).stdout)
    assert info["training_data"]["sources"] == sorted([str(small_train_file), str(out)])
    assert info["training_data"]["sentences"] == len(read_records([small_train_file])) + 4
