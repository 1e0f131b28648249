"""The command line as a user meets it: output, exit codes, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from directive_clf.cli import app

from .conftest import jsonl

RECORD_FIELDS = {"source", "position", "start", "end", "text", "label", "confidence", "probabilities"}




def test_predict_jsonl_gives_every_sentence_with_all_fields(runner, readout_path, test_rows):
    result = runner.invoke(app, ["predict", str(readout_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = jsonl(result.stdout)
    gold = [r for r in test_rows if r["doc"] == readout_path.stem]
    assert [r["text"] for r in records] == [g["text"] for g in gold]
    assert all(set(r) == RECORD_FIELDS and r["source"] == str(readout_path) for r in records)


def test_predict_is_jsonl_when_piped(runner, readout_path):
    result = runner.invoke(app, ["predict", str(readout_path)])
    assert result.exit_code == 0
    assert jsonl(result.stdout)[0]["position"] == 0


def test_predict_csv_has_a_header_once_and_probability_columns(runner, readout_path):
    result = runner.invoke(app, ["predict", str(readout_path), str(readout_path), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0
    assert {"p_directive", "p_praise", "p_attendance", "p_context", "text", "label"} <= set(rows[0])
    assert sum(1 for row in rows if row["source"] == "source") == 0
    assert len(rows) % 2 == 0


def test_predict_table(runner, readout_path):
    result = runner.invoke(app, ["predict", str(readout_path), "-f", "table"])
    assert result.exit_code == 0
    assert readout_path.name in result.stdout and "directive" in result.stdout


def test_predict_only_keeps_one_label(runner, readout_path):
    result = runner.invoke(app, ["predict", str(readout_path), "--only", "directive"])
    records = jsonl(result.stdout)
    assert records and {r["label"] for r in records} == {"directive"}


def test_predict_from_stdin_and_sentences_mode(runner):
    result = runner.invoke(app, ["predict", "-", "--sentences"], input="We must act. Now.\nLi Ming presided.\n")
    records = jsonl(result.stdout)
    assert [r["text"] for r in records] == ["We must act. Now.", "Li Ming presided."]
    assert records[0]["source"] == "<stdin>"


def test_predict_directory_goes_past_bad_files_and_fails_at_the_end(runner, tmp_path, readout_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(readout_path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"%PDF-1.4 binary \x00\x01")
    (folder / "c.txt").write_text("   \n", encoding="utf-8")
    (folder / "d.txt").write_text("We must act.", encoding="utf-8")
    result = runner.invoke(app, ["predict", str(folder)])
    assert result.exit_code == 1
    assert {r["source"] for r in jsonl(result.stdout)} == {str(folder / "a.txt"), str(folder / "d.txt")}
    assert f"error: {folder / 'b.txt'}: is a PDF, not a text file" in result.stderr
    assert f"warning: {folder / 'c.txt'}: no sentences (empty file)" in result.stderr
    assert result.stderr.strip().endswith("error: 1 of 4 inputs could not be read; the others were labelled")
    assert "Traceback" not in result.output


def test_predict_out_writes_the_file_atomically(runner, tmp_path, readout_path):
    out = tmp_path / "labels.jsonl"
    result = runner.invoke(app, ["predict", str(readout_path), "--out", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert jsonl(out.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.jsonl"]


def test_predict_with_an_unusable_model_is_one_line(runner, tmp_path, readout_path):
    bad = tmp_path / "bad.skops"
    bad.write_text("not a model", encoding="utf-8")
    result = runner.invoke(app, ["predict", str(readout_path), "--model", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {bad}: is not a directive-clf model file (truncated, or some other kind of file)"


def test_train_reports_cross_validation_and_saves(runner, tmp_path, small_train_file):
    model = tmp_path / "m.skops"
    result = runner.invoke(app, ["train", str(small_train_file), "--model", str(model), "--cv", "3"])
    assert result.exit_code == 0, result.output
    assert "3-fold cross-validation" in result.stdout and "macro-F1" in result.stdout
    assert model.is_file()
    info = runner.invoke(app, ["info", "--model", str(model), "--format", "json"])
    assert json.loads(info.stdout)["cv_folds"] == 3


def test_train_with_bad_data_keeps_the_old_model(runner, tmp_path):
    model = tmp_path / "m.skops"
    model.write_bytes(b"old model")
    data = tmp_path / "mine.csv"
    data.write_text("text,label\nWe must act.,directve\n", encoding="utf-8")
    result = runner.invoke(app, ["train", str(data), "--model", str(model)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {data} line 2: unknown label 'directve' (did you mean 'directive'?)"
    assert model.read_bytes() == b"old model"


def test_train_with_too_few_examples_for_cv(runner, tmp_path):
    data = tmp_path / "tiny.csv"
    data.write_text("text,label\nWe must act.,directive\nLi presided.,attendance\nWe will act.,directive\n", encoding="utf-8")
    result = runner.invoke(app, ["train", str(data), "--model", str(tmp_path / "m.skops"), "--cv", "2"])
    assert result.exit_code == 1
    assert "label 'attendance' has 1 examples, fewer than the 2 cross-validation folds" in result.stderr


def test_train_rejects_an_unknown_classifier(runner, tmp_path, small_train_file):
    result = runner.invoke(app, ["train", str(small_train_file), "--classifier", "forest", "-m", str(tmp_path / "m")])
    assert result.exit_code == 2 and "--classifier must be one of logreg, svm, sgd" in result.stderr


def test_evaluate_text_and_json(runner, small_model_file, test_rows, tmp_path):
    data = tmp_path / "test.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in test_rows[:200]), encoding="utf-8")
    text = runner.invoke(app, ["evaluate", str(data), "--model", str(small_model_file), "--by", "style"])
    assert text.exit_code == 0 and "confusion" in text.stdout and "by style" in text.stdout
    as_json = json.loads(runner.invoke(app, ["evaluate", str(data), "-m", str(small_model_file), "-f", "json"]).stdout)
    assert as_json["support"] == 200 and set(as_json["per_class"]) <= {"directive", "praise", "attendance", "context"}


def test_evaluate_bad_file(runner, tmp_path):
    data = tmp_path / "x.jsonl"
    data.write_text('{"text": "A."}\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(data)])
    assert result.exit_code == 1 and result.stderr.strip() == f"error: {data} line 1: missing column 'label'"


def test_info_shows_the_shipped_model(runner):
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0
    assert "sklearn_version" in result.stdout and "cv macro-F1" in result.stdout


def test_debug_shows_the_traceback(runner, tmp_path):
    result = runner.invoke(app, ["--debug", "info", "--model", str(tmp_path / "none.skops")])
    assert result.exit_code != 0 and result.exception is not None


def test_help_and_version_run_as_a_program():
    for args in (["--help"], ["predict", "--help"], ["--version"]):
        done = subprocess.run([sys.executable, "-m", "directive_clf", *args], capture_output=True, text=True)
        assert done.returncode == 0 and done.stdout
    imported = subprocess.run([sys.executable, "-c", "import sys, directive_clf.cli; print('sklearn' in sys.modules)"],
                              capture_output=True, text=True)
    assert imported.stdout.strip() == "False"


def test_installed_program_finds_the_shipped_model_from_any_directory(tmp_path, readout_path, test_rows):
    done = subprocess.run([sys.executable, "-m", "directive_clf", "predict", str(readout_path), "-f", "jsonl"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [r["text"] for r in jsonl(done.stdout)] == [r["text"] for r in test_rows if r["doc"] == readout_path.stem]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("on_terminal", [True, False])
def test_progress_bars_show_on_a_terminal_only(monkeypatch, on_terminal):
    from directive_clf.cli._common import progress, progress_steps

    stderr = _Terminal() if on_terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert list(progress(iter(range(3)), 3, "labelling")) == [0, 1, 2]
    with progress_steps(3, "training") as step:
        for name in ("fold", "fold", "final fit"):
            step(name)
    shown = stderr.getvalue()
    assert (("labelling" in shown and "training" in shown) if on_terminal else shown == "")


def test_predict_with_two_jobs_prints_what_one_job_prints(runner, tmp_path, small_model_file):
    from .conftest import DATA

    for source in sorted((DATA / "readouts").glob("*.txt"))[:8]:
        (tmp_path / source.name).write_bytes(source.read_bytes())
    outputs = [runner.invoke(app, ["predict", str(tmp_path), "-f", "jsonl", "--jobs", jobs,
                                   "--model", str(small_model_file)]) for jobs in ("1", "2")]
    assert all(out.exit_code == 0 for out in outputs)
    assert outputs[0].stdout == outputs[1].stdout and len(jsonl(outputs[0].stdout)) > 50
