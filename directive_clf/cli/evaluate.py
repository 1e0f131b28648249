"""`directive-clf evaluate`: score a model on labelled sentences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ._common import MODEL_OPTION, TRUST_OPTION, ReportFormat, app, friendly_errors


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
    from ..data import read_records
    from ..evaluate import format_report, score
    from ..persist import load_model

    model = load_model(model_path, trusted=trust_model)
    result = score(model, read_records(data), by=by or ())
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        typer.echo(format_report(result))
