"""`directive-clf info`: how a model was made."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ._common import MODEL_OPTION, TRUST_OPTION, ReportFormat, app, friendly_errors


@app.command()
@friendly_errors
def info(
    model_path: Optional[Path] = MODEL_OPTION,
    trust_model: bool = TRUST_OPTION,
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """Show how a model was made: labels, versions, training data and cross-validated scores."""
    from ..persist import default_model_path, load_model

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
