"""`directive-clf suggest`: the unlabelled sentences whose labels would teach the model most."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ._common import (
    MODEL_OPTION,
    TRUST_OPTION,
    app,
    friendly_errors,
    paths_or_stdin,
)


@app.command()
@friendly_errors
def suggest(
    paths: Optional[list[str]] = typer.Argument(None, help="Unlabelled readout files, directories (every *.txt "
                                                           "under them), or - for stdin."),
    n: int = typer.Option(50, "--n", "-n", min=1, help="How many sentences to suggest."),
    max_similarity: float = typer.Option(0.8, "--max-similarity", min=0.0, max=1.0,
                                         help="Skip a sentence whose TF-IDF cosine similarity to one already "
                                              "chosen is above this."),
    sentences: bool = typer.Option(False, "--sentences", help="Take each input line as one sentence (no splitting)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file (atomically) instead of stdout."),
    model_path: Optional[Path] = MODEL_OPTION,
    trust_model: bool = TRUST_OPTION,
) -> None:
    """Write the sentences the model is least sure of, no two alike, as JSON Lines ready for `annotate`."""
    from ..active import choose_records
    from ..batch import classify_paths
    from ..output import to_jsonl
    from ..persist import load_model, write_atomic

    paths = paths_or_stdin(paths)
    model = load_model(model_path, trusted=trust_model)
    candidates, failed, done = [], 0, 0
    for result in classify_paths(model, paths, presplit=sentences):
        done += 1
        if result.ok:
            candidates.extend(result.records)
        else:
            failed += 1
            typer.echo(f"error: {result.error}", err=True)
    chosen = choose_records(model, candidates, n, max_similarity=max_similarity)
    text = to_jsonl(chosen)
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text.encode("utf-8"))
    where = f" to {out}" if out is not None else ""
    typer.echo(f"suggested {len(chosen)} of {len(candidates)} sentences{where}", err=True)
    if failed:
        if done > 1:
            typer.echo(f"error: {failed} of {done} inputs could not be read; the others were used", err=True)
        raise typer.Exit(1)
