"""Choose the shipped model's settings by 5-fold cross-validation grouped by readout, on train only.

Run: python benchmarks/model_selection.py  (writes docs/model-selection.md)

Compares feature sets, classifiers and regularisation, then features beyond the
sentence's own words (its relative position in the readout, the previous
sentence), and reports the best setting per style. The test split is not read.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

from directive_clf import cross_validate, read_records
from directive_clf.pipeline import build_pipeline

ROOT = Path(__file__).resolve().parent.parent
FOLDS = 5
GRID = [
    ("word", "logreg", 3.0), ("word", "logreg", 10.0), ("word", "logreg", 30.0),
    ("word", "svm", 10.0), ("word", "sgd", 10.0),
    ("word+char", "logreg", 10.0), ("word+char", "svm", 10.0),
]


def with_context(records, position: bool, previous: bool):
    """Records whose text carries a position token and/or the previous sentence's words."""
    by_doc: dict[str, list] = {}
    for r in records:
        by_doc.setdefault(r.doc, []).append(r)
    out = []
    for doc_records in by_doc.values():
        doc_records.sort(key=lambda r: r.position)
        for i, r in enumerate(doc_records):
            extra = []
            if position:
                extra.append(f"xxpos{min(4, int(5 * i / len(doc_records)))}" + (" xxfirst" if i == 0 else ""))
            if previous and i:
                extra.append(" ".join("xxprev" + w for w in doc_records[i - 1].text.lower().split()[:6]))
            out.append(replace(r, text=" ".join(extra + [r.text])))
    return out


def run(records, features, classifier, C):
    started = time.perf_counter()
    result = cross_validate(records, partial(build_pipeline, classifier=classifier, features=features, C=C),
                            folds=FOLDS, by=("style",), n_jobs=2)
    return result, time.perf_counter() - started


def row(name, result, seconds):
    per = result.per_class
    styles = result.by_group["style"]
    worst = min(styles, key=lambda s: styles[s].macro_f1)
    return (f"| {name} | {result.macro_f1:.3f} | {per['directive']['f1']:.3f} | {per['praise']['f1']:.3f} | "
            f"{per['attendance']['f1']:.3f} | {per['context']['f1']:.3f} | {worst} {styles[worst].macro_f1:.3f} | {seconds:.0f} |")


def main() -> None:
    records = read_records([ROOT / "data" / "train.jsonl"])
    head = ("| setting | macro-F1 | directive | praise | attendance | context | weakest style | seconds |\n"
            "|---|---|---|---|---|---|---|---|")
    lines = ["# Model selection", "",
             f"{FOLDS}-fold cross-validation grouped by readout on `data/train.jsonl` only "
             f"({len(records)} sentences, {len({r.doc for r in records})} readouts); F1 per label; "
             "`seconds` is the wall time of the whole cross-validation on this machine (2 cores).",
             "Written by `python benchmarks/model_selection.py`.", "", "## Features, classifier, regularisation", "", head]
    best = None
    for features, classifier, C in GRID:
        result, seconds = run(records, features, classifier, C)
        lines.append(row(f"{features}, {classifier}, C={C:g}", result, seconds))
        print(lines[-1], flush=True)
        if best is None or result.macro_f1 > best[0].macro_f1:
            best = (result, (features, classifier, C))
    result, (features, classifier, C) = best
    lines += ["", f"Best: {features}, {classifier}, C={C:g}.", "", "## Context beyond the sentence (best setting)", "", head]
    lines.append(row("sentence only", result, 0))
    for name, position, previous in [("+ relative position", True, False), ("+ previous sentence", False, True),
                                     ("+ both", True, True)]:
        ctx_result, seconds = run(with_context(records, position, previous), features, classifier, C)
        lines.append(row(name, ctx_result, seconds))
        print(lines[-1], flush=True)
    lines += ["", "## Per style (best setting)", "", "| style | macro-F1 | directive F1 | sentences |", "|---|---|---|---|"]
    for style, sub in result.by_group["style"].items():
        lines.append(f"| {style} | {sub.macro_f1:.3f} | {sub.per_class['directive']['f1']:.3f} | {sub.support} |")
    out = ROOT / "docs" / "model-selection.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
