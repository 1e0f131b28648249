"""The command line: each command parses options, calls one library function, and prints.

Heavy imports happen inside the commands so that `--help` answers at once.
"""

from __future__ import annotations

import functools
import json
import sys
import warnings
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

import typer

from .labels import LABELS

app = typer.Typer(
    help="Label the sentences of Chinese official meeting readouts: directive, praise, attendance or context.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Label = Enum("Label", {label: label for label in LABELS}, type=str)  # type: ignore[misc]


class PredictFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


F = TypeVar("F", bound=Callable[..., Any])
# Options of the whole program, set by the top-level callback before any command runs.
_options = {"debug": False}

MODEL_OPTION = typer.Option(None, "--model", "-m", help="Model file to use (default: the shipped model).")
TRUST_OPTION = typer.Option(False, "--trust-model", help="Also load model files that can run code (pickle/joblib, "
                                                          "unknown types). Only for files you made yourself.")


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _show_warning(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
    typer.echo(f"warning: {message}", err=True)


def friendly_errors(command: F) -> F:
    """Turn library errors into one line on stderr and a non-zero exit (tracebacks only with --debug)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import DirectiveClfError

        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning
            try:
                return command(*args, **kwargs)
            except DirectiveClfError as exc:
                if _options["debug"]:
                    raise
                raise _fail(str(exc)) from None
            except KeyboardInterrupt:
                raise _fail("interrupted; nothing was written", 130) from None
            except BrokenPipeError:
                sys.stderr.close()  # the reader went away (| head): stop quietly
                raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"directive-clf {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Label the sentences of Chinese official meeting readouts."""
    _options["debug"] = debug


@app.command()
@friendly_errors
def predict(
    paths: Optional[list[str]] = typer.Argument(None, help="Readout files, directories (every *.txt under them), "
                                                           "or - for stdin."),
    fmt: Optional[PredictFormat] = typer.Option(None, "--format", "-f", help="Output format "
                                                "(default: table on a terminal, jsonl otherwise)."),
    only: Optional[Label] = typer.Option(None, "--only", help="Keep only sentences with this label."),
    sentences: bool = typer.Option(False, "--sentences", help="Take each input line as one sentence (no splitting)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file (atomically) instead of stdout."),
    model_path: Optional[Path] = MODEL_OPTION,
    trust_model: bool = TRUST_OPTION,
) -> None:
    """Split readouts into sentences and label each one."""
    from .batch import classify_paths
    from .output import to_csv, to_jsonl
    from .persist import load_model

    if not paths:
        if sys.stdin.isatty():
            raise _fail("give readout files, a directory, or - to read stdin")
        paths = ["-"]
    fmt = fmt or (PredictFormat.table if out is None and sys.stdout.isatty() else PredictFormat.jsonl)
    model = load_model(model_path, trusted=trust_model)
    labels = [str(c) for c in model.classes_]
    sink = _Sink(out)
    failed = done = 0
    try:
        for number, result in enumerate(classify_paths(model, paths, presplit=sentences,
                                                       only=only.value if only else None)):
            done += 1
            if not result.ok:
                failed += 1
                typer.echo(f"error: {result.error}", err=True)
                continue
            if not result.records and not only:
                typer.echo(f"warning: {result.source}: no sentences (empty file)", err=True)
            if fmt is PredictFormat.jsonl:
                sink.write(to_jsonl(result.records))
            elif fmt is PredictFormat.csv:
                sink.write(to_csv(result.records, labels, header=number == 0))
            else:
                _print_table(result.source, result.records)
        sink.commit()
    finally:
        sink.discard()
    if failed:
        if done > 1:
            typer.echo(f"error: {failed} of {done} inputs could not be read; the others were labelled", err=True)
        raise typer.Exit(1)


class _Sink:
    """Stdout, or a temporary file renamed over `out` only when everything was written."""

    def __init__(self, out: Optional[Path]) -> None:
        self.out = out
        self.handle = None
        if out is not None:
            import tempfile

            out.parent.mkdir(parents=True, exist_ok=True)
            self.handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out.parent, prefix=f".{out.name}.",
                                                      suffix=".tmp", delete=False)

    def write(self, text: str) -> None:
        if self.handle is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            self.handle.write(text)

    def commit(self) -> None:
        if self.handle is not None:
            import os

            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.replace(self.handle.name, str(self.out))
            self.handle = None

    def discard(self) -> None:
        if self.handle is not None:
            self.handle.close()
            Path(self.handle.name).unlink(missing_ok=True)


def _print_table(source: str, records: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=source, title_justify="left", show_lines=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("label", no_wrap=True)
    table.add_column("conf", justify="right", no_wrap=True)
    table.add_column("sentence", ratio=1)
    colours = {"directive": "bold green", "praise": "magenta", "attendance": "cyan", "context": "dim"}
    for r in records:
        table.add_row(str(r["position"]), f"[{colours.get(r['label'], '')}]{r['label']}[/]",
                      f"{r['confidence']:.2f}", r["text"])
    Console().print(table)


@app.command()
@friendly_errors
def train(
    data: list[Path] = typer.Argument(..., help="Labelled files (.csv, .tsv, .jsonl) with columns text and label, "
                                               "optional doc and position."),
    model_path: Path = typer.Option(Path("model.skops"), "--model", "-m", help="Where to save the model."),
    cv: int = typer.Option(5, "--cv", help="Cross-validation folds, grouped by doc when present (0 skips it)."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same data and seed give the same model."),
    classifier: str = typer.Option("logreg", "--classifier", help="logreg, svm (calibrated LinearSVC) or sgd."),
    features: str = typer.Option("word+char", "--features", help="word, or word+char n-grams."),
    c: float = typer.Option(10.0, "-C", help="Inverse regularisation strength."),
) -> None:
    """Train a model on labelled sentences, report cross-validated scores, and save it."""
    from .evaluate import Report, format_report
    from .persist import save_model
    from .training import train as train_model

    _check_choice("--classifier", classifier, ("logreg", "svm", "sgd"))
    _check_choice("--features", features, ("word", "word+char"))
    model = train_model(data, cv=cv, random_state=seed, classifier=classifier, features=features, C=c)
    scores = model.metadata.get("cv_scores")
    if scores:
        typer.echo(format_report(Report(**{k: v for k, v in scores.items() if k != "by_group"}),
                                 f"{cv}-fold cross-validation, grouped by readout where doc is given"))
    save_model(model, model_path)
    info = model.metadata["training_data"]
    typer.echo(f"saved {model_path} (trained on {info['sentences']} sentences)")


def _check_choice(option: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise _fail(f"{option} must be one of {', '.join(choices)}, not '{value}'", 2)


@app.command()
@friendly_errors
def evaluate(
    data: list[Path] = typer.Argument(..., help="Labelled files (.csv, .tsv, .jsonl) to score the model on."),
    model_path: Optional[Path] = MODEL_OPTION,
    trust_model: bool = TRUST_OPTION,
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text or json."),
    by: Optional[list[str]] = typer.Option(None, "--by", help="Also report per value of this column (e.g. style)."),
) -> None:
    """Score a model on labelled sentences: per-label precision, recall, F1 and a confusion matrix."""
    from .data import read_records
    from .evaluate import format_report, score
    from .persist import load_model

    model = load_model(model_path, trusted=trust_model)
    result = score(model, read_records(data), by=by or ())
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        typer.echo(format_report(result))


@app.command()
@friendly_errors
def info(
    model_path: Optional[Path] = MODEL_OPTION,
    trust_model: bool = TRUST_OPTION,
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """Show how a model was made: labels, versions, training data and cross-validated scores."""
    from .persist import default_model_path, load_model

    model = load_model(model_path, trusted=trust_model)
    meta = {"path": str(model_path or default_model_path()), **model.metadata}
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(meta, indent=2))
        return
    scores = meta.pop("cv_scores", None) or {}
    data = meta.pop("training_data", {})
    for key, value in meta.items():
        typer.echo(f"{key:<20}{value}")
    for key, value in data.items():
        typer.echo(f"{'data.' + key:<20}{value}")
    if scores:
        per_class = ", ".join(f"{k} {v['f1']:.3f}" for k, v in scores["per_class"].items())
        typer.echo(f"{'cv macro-F1':<20}{scores['macro_f1']:.3f} (F1: {per_class})")


def main() -> None:
    app()
