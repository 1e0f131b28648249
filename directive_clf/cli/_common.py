"""What every command shares: the typer app, common options, and turning errors into one line."""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any, Callable, TypeVar

import typer

from ..labels import LABELS

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
T = TypeVar("T")
# Options of the whole program, set by the top-level callback before any command runs.
options = {"debug": False}

MODEL_OPTION = typer.Option(None, "--model", "-m", help="Model file to use (default: the shipped model).")
TRUST_OPTION = typer.Option(False, "--trust-model", help="Also load model files that can run code (pickle/joblib, "
                                                          "unknown types). Only for files you made yourself.")


def progress(items: Iterable[T], total: int, description: str, shown: bool = True) -> Iterator[T]:
    """`items`, with a progress bar on stderr when it is a terminal and there is more than one item."""
    if not shown or total < 2 or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, total=total, description=description, console=Console(stderr=True), transient=True)


@contextmanager
def progress_steps(total: int, description: str) -> Iterator[Callable[[str], None]]:
    """A callback that advances a progress bar on stderr (when it is a terminal) by one step."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda step: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda step: bar.update(task, advance=1, description=f"{description}: {step}")


def say(message: str) -> None:
    """One line on stderr, printed above a progress bar when one is shown."""
    # Through sys.stderr itself, which the progress bar redirects; typer.echo would write to
    # the stream's buffer underneath and break the bar's line.
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def paths_or_stdin(paths: list[str] | None) -> list[str]:
    """The paths given, or stdin when none are and input is piped."""
    if paths:
        return paths
    if sys.stdin.isatty():
        raise fail("give readout files, a directory, or - to read stdin")
    return ["-"]


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _show_warning(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
    typer.echo(f"warning: {message}", err=True)


def friendly_errors(command: F) -> F:
    """Turn library errors into one line on stderr and a non-zero exit (tracebacks only with --debug)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..errors import DirectiveClfError

        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.showwarning = _show_warning
            try:
                return command(*args, **kwargs)
            except DirectiveClfError as exc:
                if options["debug"]:
                    raise
                raise fail(str(exc)) from None
            except KeyboardInterrupt:
                raise fail("interrupted; nothing was written", 130) from None
            except BrokenPipeError:
                sys.stderr.close()  # the reader went away (| head): stop quietly
                raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"directive-clf {__version__}")
        raise typer.Exit()


@app.callback()
def mainoptions(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Label the sentences of Chinese official meeting readouts."""
    options["debug"] = debug
