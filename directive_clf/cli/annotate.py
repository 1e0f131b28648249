"""`directive-clf annotate`: label suggested sentences in the terminal, one key each."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Optional

import typer

from ._common import TRUST_OPTION, app, friendly_errors


@app.command()
@friendly_errors
def annotate(
    suggestions: Path = typer.Argument(..., help="Sentences to label: the JSON Lines that `suggest` writes."),
    out: Path = typer.Option(..., "--out", "-o", help="Labels file (.jsonl) to append to; ready for `train`."),
    model_path: Optional[Path] = typer.Option(None, "--model", "-m", help="Show this model's guesses instead of "
                                              "those in the file (default: the file's, else the shipped model's)."),
    trust_model: bool = TRUST_OPTION,
) -> None:
    """Label sentences one key press at a time: 1-4 a label, s skip, u undo, q quit. Restart to resume."""
    from ..annotate import annotate as run
    from ..annotate import read_suggestions, skipped_path, with_guesses

    items = read_suggestions(suggestions)
    if model_path is not None or any(item.guess is None for item in items):
        from ..persist import load_model

        items = with_guesses(items, load_model(model_path, trusted=trust_model))
    summary = run(items, out, read_key=_key_reader(), show=typer.echo)
    typer.echo(f"{summary.labelled} labelled, {summary.skipped} skipped, {summary.remaining} left of {summary.total} "
               f"(this session: {summary.answered} answered, {summary.undone} undone); "
               f"labels in {out}, skips in {skipped_path(out)}", err=True)


def _key_reader() -> Callable[[], str]:
    """One key press on a terminal; otherwise (a pipe, a test) one line per answer. Ctrl-C quits like q."""
    if sys.stdin.isatty():
        import click

        def read() -> str:
            key = click.getchar()
            typer.echo(key)
            return key
    else:
        def read() -> str:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line

    def read_key() -> str:
        try:
            return read()
        except KeyboardInterrupt:  # every answer is already on disk, so this is a plain quit
            return "q"

    return read_key
