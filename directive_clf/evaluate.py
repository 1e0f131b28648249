"""Scores: per-class reports, confusion matrices, and cross-validation grouped by readout."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .data import Record
from .errors import DataError
from .labels import LABELS


@dataclass
class Report:
    """How well predicted labels match gold labels."""

    labels: list[str]
    per_class: dict[str, dict[str, float]]
    macro_f1: float
    accuracy: float
    support: int
    confusion: list[list[int]]
    by_group: dict[str, dict[str, "Report"]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "labels": self.labels, "per_class": self.per_class, "macro_f1": self.macro_f1,
            "accuracy": self.accuracy, "support": self.support, "confusion": self.confusion,
        }
        if self.by_group:
            out["by_group"] = {name: {value: r.to_dict() for value, r in groups.items()}
                               for name, groups in self.by_group.items()}
        return out


def report(gold: Sequence[str], predicted: Sequence[str]) -> Report:
    """Per-class precision, recall and F1, macro-F1, accuracy and the confusion matrix.

    >>> report(["directive", "praise"], ["directive", "context"]).accuracy
    0.5
    """
    from sklearn.metrics import (
        accuracy_score,
        confusion_matrix,
        precision_recall_fscore_support,
    )

    labels = list(LABELS)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0)
    per_class = {label: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                         "f1": round(float(f), 4), "support": int(s)}
                 for label, p, r, f, s in zip(labels, precision, recall, f1, support)}
    present = [label for label in labels if per_class[label]["support"] > 0]
    macro = sum(per_class[label]["f1"] for label in present) / max(len(present), 1)
    return Report(labels, per_class, round(macro, 4), round(float(accuracy_score(gold, predicted)), 4),
                  len(gold), confusion_matrix(gold, predicted, labels=labels).tolist())


def score(model: Any, records: Sequence[Record], by: Sequence[str] = ()) -> Report:
    """Score a fitted model on labelled records, overall and per value of each field in `by`."""
    predicted = list(model.predict([r.text for r in records]))
    return _grouped_report(records, predicted, by)


def _grouped_report(records: Sequence[Record], predicted: Sequence[str], by: Sequence[str]) -> Report:
    gold = [r.label for r in records]
    result = report(gold, predicted)
    for name in by:
        values = sorted({_field(r, name) for r in records})
        result.by_group[name] = {
            value: report([g for g, r in zip(gold, records) if _field(r, name) == value],
                          [p for p, r in zip(predicted, records) if _field(r, name) == value])
            for value in values}
    return result


def _field(record: Record, name: str) -> str:
    if name == "doc":
        return record.doc or ""
    return record.fields.get(name, "")


def cross_validate(
    records: Sequence[Record],
    make_pipeline: Callable[[], Any],
    folds: int = 5,
    random_state: int = 0,
    by: Sequence[str] = (),
    n_jobs: int | None = None,
    on_fold: Callable[[], None] | None = None,
) -> Report:
    """Report on out-of-fold predictions, with folds that keep each readout (`doc`) whole.

    `on_fold` is called as each fold finishes (for a progress bar).
    """
    from joblib import Parallel, delayed
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    check_folds(records, folds)
    texts = [r.text for r in records]
    gold = [r.label for r in records]
    if all(r.doc for r in records):
        splitter: Any = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=random_state)
        groups = [r.doc for r in records]
    else:
        splitter, groups = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state), None
    predicted: list[str] = [""] * len(records)
    jobs = Parallel(n_jobs=n_jobs, return_as="generator_unordered")(
        delayed(_fit_predict)(make_pipeline, texts, gold, train, test)
        for train, test in splitter.split(texts, gold, groups))
    for test, labels in jobs:
        for index, label in zip(test, labels):
            predicted[index] = str(label)
        if on_fold is not None:
            on_fold()
    return _grouped_report(records, predicted, by)


def _fit_predict(make_pipeline: Callable[[], Any], texts: list[str], gold: list[str], train: Any,
                 test: Any) -> tuple[Any, Any]:
    pipeline = make_pipeline().fit([texts[i] for i in train], [gold[i] for i in train])
    return test, pipeline.predict([texts[i] for i in test])


def check_folds(records: Sequence[Record], folds: int) -> None:
    """Refuse cross-validation that cannot work: too few examples of a label, or of readouts."""
    if folds < 2:
        raise DataError(records[0].source if records else "<data>",
                        f"cross-validation needs 2 or more folds, not {folds}")
    counts = Counter(r.label for r in records)
    for label in LABELS:
        if 0 < counts[label] < folds:
            sample = next(r for r in records if r.label == label)
            raise DataError(sample.source, f"label '{label}' has {counts[label]} examples, fewer than the "
                                           f"{folds} cross-validation folds; add examples or lower --cv")
    docs = {r.doc for r in records}
    if all(r.doc for r in records) and len(docs) < folds:
        raise DataError(records[0].source, f"only {len(docs)} readouts (doc) for {folds} grouped folds; lower --cv")


def format_report(result: Report, title: str = "") -> str:
    """The report as an aligned plain-text table, with the confusion matrix below it."""
    lines = [title] if title else []
    lines.append(f"{'label':<12}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}")
    for label in result.labels:
        row = result.per_class[label]
        lines.append(f"{label:<12}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>10.3f}{row['support']:>10d}")
    lines.append(f"{'macro-F1':<12}{result.macro_f1:>30.3f}{result.support:>10d}")
    lines.append(f"{'accuracy':<12}{result.accuracy:>30.3f}")
    lines.append("")
    lines.append("confusion (rows gold, columns predicted)")
    width = max(len(label) for label in result.labels) + 2
    lines.append(" " * width + "".join(f"{label[:10]:>11}" for label in result.labels))
    for label, row in zip(result.labels, result.confusion):
        lines.append(f"{label:<{width}}" + "".join(f"{n:>11d}" for n in row))
    for name, groups in result.by_group.items():
        lines.append("")
        lines.append(f"by {name}: {'value':<28}{'macro-F1':>9}{'directive F1':>14}{'sentences':>11}")
        for value, sub in groups.items():
            directive = sub.per_class.get("directive", {}).get("f1", float("nan"))
            lines.append(f"    {value[:32]:<32}{sub.macro_f1:>9.3f}{directive:>14.3f}{sub.support:>11d}")
    return "\n".join(lines)
