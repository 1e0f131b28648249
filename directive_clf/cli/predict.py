"""`directive-clf predict`: label every sentence of readouts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import typer

from ._common import (
    MODEL_OPTION,
    TRUST_OPTION,
    Label,
    PredictFormat,
    app,
    friendly_errors,
    paths_or_stdin,
    progress,
    say,
)


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
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for many files (each loads the model)."),
    model_path: Optional[Path] = MODEL_OPTION,
    trust_model: bool = TRUST_OPTION,
) -> None:
    """Split readouts into sentences and label each one."""
    from ..batch import classify_paths
    from ..output import to_csv, to_jsonl
    from ..persist import load_model
    from ..textio import expand_paths

    paths = paths_or_stdin(paths)
    fmt = fmt or (PredictFormat.table if out is None and sys.stdout.isatty() else PredictFormat.jsonl)
    model = load_model(model_path, trusted=trust_model)
    labels = [str(c) for c in model.classes_]
    inputs = list(expand_paths(paths))
    sink = _Sink(out)
    failed = done = 0
    header = True
    try:
        results = classify_paths(model, inputs, presplit=sentences, only=only.value if only else None, jobs=jobs)
        for result in progress(results, len(inputs), "labelling", shown=fmt is not PredictFormat.table):
            done += 1
            if not result.ok:
                failed += 1
                say(f"error: {result.error}")
                continue
            if not result.records and not only:
                say(f"warning: {result.source}: no sentences (empty file)")
            if fmt is PredictFormat.jsonl:
                sink.write(to_jsonl(result.records))
            elif fmt is PredictFormat.csv:
                sink.write(to_csv(result.records, labels, header=header))
                header = False
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
