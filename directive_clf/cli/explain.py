"""`directive-clf explain`: which n-grams made a sentence's label."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from ._common import MODEL_OPTION, TRUST_OPTION, app, fail, friendly_errors


class ExplainFormat(str, Enum):
    text = "text"
    json = "json"


LEGEND = "weight = TF-IDF value x the label's coefficient. ^ is the sentence start; digits read as 0."
CHARS_LEGEND = " 'Quoted' n-grams are characters, _ a word boundary."
COLOURS = {"directive": "bold green", "praise": "magenta", "attendance": "cyan", "context": "dim"}


@app.command()
@friendly_errors
def explain(
    text: Optional[str] = typer.Argument(None, help="One sentence to explain (taken whole, not split)."),
    file: Optional[Path] = typer.Option(None, "--file", help="Explain every sentence of this file instead. The "
                                        "file is split into sentences as `predict` splits a readout, so a whole "
                                        "readout works, and so does a file of one sentence per line."),
    top: int = typer.Option(8, "--top", "-n", min=1, help="How many n-grams to show on each side."),
    fmt: ExplainFormat = typer.Option(ExplainFormat.text, "--format", "-f",
                                      help="text, or json: one JSON object per sentence, one per line."),
    model_path: Optional[Path] = MODEL_OPTION,
    trust_model: bool = TRUST_OPTION,
) -> None:
    """Show a sentence's label and the n-grams that pushed it most toward and away from that label."""
    if (text is None) == (file is None):
        raise fail("give one sentence, or --file FILE (not both)")
    from ..explain import ExplainError, explain_sentences
    from ..persist import load_model
    from ..segment import split_sentences
    from ..textio import read_text

    if text is not None:
        sentences = [text.strip()]
    else:
        sentences = [s.text for s in split_sentences(read_text(file))]
    if not any(sentences):
        raise ExplainError(f"{file}: no sentences (empty file)" if file is not None else "the sentence is empty")
    explained = explain_sentences(load_model(model_path, trusted=trust_model), sentences, top=top)
    if fmt is ExplainFormat.json:
        for item in explained:
            typer.echo(json.dumps(item.to_dict(), ensure_ascii=False))
    else:
        _print_text(explained)


def _print_text(explained: list[Any]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    for item in explained:
        colour = COLOURS.get(item.label, "")
        others = sorted(((p, c) for c, p in item.probabilities.items() if c != item.label), reverse=True)
        console.print(f"[bold]{escape(item.sentence)}[/]", highlight=False)
        console.print(f"[{colour}]{item.label}[/] {item.probabilities[item.label]:.2f}   [dim]"
                      + "  ".join(f"{c} {p:.2f}" for p, c in others) + "[/]", highlight=False)
        table = Table(show_edge=False, box=None, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column(f"toward {item.label}", style="green")
        table.add_column("", justify="right")
        table.add_column(f"away from {item.label}", style="red")
        table.add_column("", justify="right")
        for row in range(max(len(item.toward), len(item.away))):
            cells = []
            for side in (item.toward, item.away):
                ngram, weight = side[row] if row < len(side) else ("", None)
                cells += [escape(ngram), "" if weight is None else f"{weight:+.3f}"]
            table.add_row(*cells)
        console.print(table)
        console.print()
    shown = [ngram for item in explained for ngram, _ in item.toward + item.away]
    legend = LEGEND + (CHARS_LEGEND if any(ngram.startswith("'") for ngram in shown) else "")
    console.print(f"[dim]{escape(legend)}[/]", highlight=False)
