"""`directive-clf train`: fit a model on labelled sentences and save it."""

from __future__ import annotations

from pathlib import Path

import typer

from ..settings import (
    CLASSIFIERS,
    DEFAULT_C,
    DEFAULT_CLASSIFIER,
    DEFAULT_FEATURES,
    FEATURES,
)
from ._common import app, fail, friendly_errors, progress_steps


@app.command()
@friendly_errors
def train(
    data: list[Path] = typer.Argument(..., help="Labelled files (.csv, .tsv, .jsonl) with columns text and label, "
                                               "optional doc and position."),
    model_path: Path = typer.Option(Path("model.skops"), "--model", "-m", help="Where to save the model."),
    cv: int = typer.Option(5, "--cv", help="Cross-validation folds, grouped by doc when present (0 skips it)."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same data and seed give the same model."),
    classifier: str = typer.Option(DEFAULT_CLASSIFIER, "--classifier",
                                   help="logreg, svm (calibrated LinearSVC) or sgd."),
    features: str = typer.Option(DEFAULT_FEATURES, "--features", help="word, or word+char n-grams."),
    c: float = typer.Option(DEFAULT_C, "-C", help="Inverse regularisation strength."),
) -> None:
    """Train a model on labelled sentences, report cross-validated scores, and save it."""
    from ..evaluate import Report, format_report
    from ..persist import save_model
    from ..training import train as train_model

    _check_choice("--classifier", classifier, CLASSIFIERS)
    _check_choice("--features", features, FEATURES)
    with progress_steps(cv + 1, "training") as step:
        model = train_model(data, cv=cv, random_state=seed, classifier=classifier, features=features, C=c,
                            on_step=step)
    scores = model.metadata.get("cv_scores")
    if scores:
        typer.echo(format_report(Report(**{k: v for k, v in scores.items() if k != "by_group"}),
                                 f"{cv}-fold cross-validation, grouped by readout where doc is given"))
    save_model(model, model_path)
    info = model.metadata["training_data"]
    typer.echo(f"saved {model_path} (trained on {info['sentences']} sentences)")


def _check_choice(option: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise fail(f"{option} must be one of {', '.join(choices)}, not '{value}'", 2)
