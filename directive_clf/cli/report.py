"""`directive-clf report`: what readouts direct, who attended, and what recurs across them."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ._common import MODEL_OPTION, TRUST_OPTION, app, friendly_errors, progress, say


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"


@app.command()
@friendly_errors
def report(
    paths: list[str] = typer.Argument(..., help="Readout files, directories (every *.txt under them), or - for stdin."),
    fmt: ReportFormat = typer.Option(ReportFormat.markdown, "--format", "-f",
                                     help="markdown, html (one self-contained page) or json."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file (atomically) instead of stdout."),
    model_path: Optional[Path] = MODEL_OPTION,
    trust_model: bool = TRUST_OPTION,
) -> None:
    """Report each readout's headline, date, attendance and numbered directives, and the directives that recur."""
    from ..batch import classify_paths
    from ..persist import load_model, write_atomic
    from ..report import build_report, readout_report, to_html, to_json, to_markdown
    from ..textio import expand_paths

    model = load_model(model_path, trusted=trust_model)
    labels = [str(c) for c in model.classes_]
    files = list(expand_paths(list(paths)))
    readouts, failed = [], 0
    for result in progress(classify_paths(model, files), len(files), "reading"):
        if not result.ok:
            failed += 1
            say(f"error: {result.error}")
        elif not result.records:
            say(f"warning: {result.source}: no sentences (empty file)")
        else:
            readouts.append(readout_report(result.source, result.records, labels))
    render = {ReportFormat.markdown: to_markdown, ReportFormat.html: to_html, ReportFormat.json: to_json}[fmt]
    text = render(build_report(readouts, labels))
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(out, text.encode("utf-8"))
    if failed:
        if len(files) > 1:
            typer.echo(f"error: {failed} of {len(files)} inputs could not be read; the others are in the report",
                       err=True)
        raise typer.Exit(1)

