"""Labelling suggested sentences one key press at a time, with nothing lost on a crash.

Answers go to two files. `LABELS.jsonl` holds only labelled sentences, every line a
valid record for `read_records`, so it can be passed straight to `directive-clf train`.
Skips go to a sidecar beside it, `LABELS.jsonl.skipped` (same JSON lines, no label; the
odd suffix keeps it out of `*.jsonl` globs and `read_records` refuses it by name).
Each answer is appended and fsynced at once. A sentence found in either file, matched by
(source or doc, position, text), is not asked again, so a restart resumes where the last
session stopped. Undo removes an answer from its file (an atomic rewrite) and asks that
sentence again; it reaches back into earlier sessions, in the order of the suggestions.

The loop takes its keys and shows its text through callables, so it runs the same in a
terminal, in tests, or behind any other front end.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .data import FORMATS, json_objects, read_data_text
from .errors import DataError, InputError
from .labels import LABELS
from .persist import write_atomic
from .textio import decode

SKIP, UNDO, QUIT = "s", "u", "q"
KEYS = {str(number): label for number, label in enumerate(LABELS, 1)}
Key = tuple[str, Any, str]


@dataclass(frozen=True)
class Item:
    """One sentence to label, as `suggest` writes it."""

    text: str
    source: str | None = None
    doc: str | None = None
    position: int | None = None
    guess: str | None = None
    probabilities: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> Key:
        return _key(self.source, self.doc, self.position, self.text)


@dataclass
class Summary:
    """Where the items stand after a session (`labelled`, `skipped`, `remaining` of `total`) and what it did."""

    total: int = 0
    labelled: int = 0
    skipped: int = 0
    remaining: int = 0
    answered: int = 0
    undone: int = 0

    @property
    def finished(self) -> bool:
        return self.remaining == 0


def skipped_path(out: str | Path) -> Path:
    """The sidecar that records skipped sentences for the labels file `out`."""
    out = Path(out)
    return out.with_name(out.name + ".skipped")


def read_suggestions(path: str | Path) -> list[Item]:
    """Sentences to label from a JSON Lines file (`suggest --out`, or any lines with `text`).

    Repeated sentences (same source or doc, position and text) are kept once.
    """
    path = Path(path)
    text = read_data_text(path)
    items: dict[Key, Item] = {}
    for number, _, row in _json_lines(path, text):
        sentence = row.get("text")
        if not isinstance(sentence, str) or not sentence.strip():
            raise DataError(path, "each line needs a non-empty 'text'", number)
        position = row.get("position")
        if position is not None and not isinstance(position, int):
            raise DataError(path, f"position must be a whole number, not {position!r}", number)
        probabilities = row.get("probabilities") if isinstance(row.get("probabilities"), dict) else {}
        item = Item(sentence, _text_or_none(row.get("source")), _text_or_none(row.get("doc")), position,
                    _text_or_none(row.get("guess")), probabilities)
        items.setdefault(item.key, item)
    if not items:
        raise DataError(path, "holds no sentences to label; make some with `directive-clf suggest`")
    return list(items.values())


def with_guesses(items: Sequence[Item], model: Any) -> list[Item]:
    """The items with `guess` and `probabilities` from `model` in place of those they came with."""
    items = list(items)
    if not items:
        return []
    classes = [str(c) for c in model.classes_]
    rows = model.predict_proba([item.text for item in items])
    return [replace(item, guess=classes[int(row.argmax())],
                    probabilities={c: round(float(p), 4) for c, p in zip(classes, row)})
            for item, row in zip(items, rows)]


def annotate(
    items: Sequence[Item],
    out: str | Path,
    read_key: Callable[[], str],
    show: Callable[[str], None],
) -> Summary:
    """Ask for a label for every item not yet answered in `out`, until all are answered or `q`.

    Keys: 1-4 for the labels in LABELS order, s skip, u undo, q quit; anything else is
    refused with a hint. `read_key` raising EOFError (input ran out) quits too.

    >>> keys = iter("1s2q")
    >>> annotate(read_suggestions("next.jsonl"), "mine.jsonl", lambda: next(keys), print)  # doctest: +SKIP
    Summary(total=..., labelled=2, skipped=1, ...)
    """
    out = Path(out)
    if FORMATS.get(out.suffix.lower()) != "jsonl":
        raise DataError(out, "annotate writes JSON Lines: give the labels file a .jsonl name")
    labels_file, skips_file = _AnswerFile(out), _AnswerFile(skipped_path(out))
    items = list(items)
    answered = {item.key for item in items if item.key in labels_file.keys or item.key in skips_file.keys}
    # Earlier sessions' answers can be undone too, latest (in suggestion order) first.
    history = [index for index, item in enumerate(items) if item.key in answered]
    summary = Summary(total=len(items))
    current = _next_unanswered(items, answered, -1)
    ask = True
    while current is not None:
        item = items[current]
        if ask:
            show(_question(item, current, len(items), len(answered)))
        ask = True
        key = _read(read_key)
        if key == QUIT:
            break
        if key == UNDO:
            if not history:
                show("nothing to undo")
                ask = False
                continue
            current = history.pop()
            undone = items[current]
            (labels_file if undone.key in labels_file.keys else skips_file).remove(undone.key)
            answered.discard(undone.key)
            summary.undone += 1
            show(f"undone: {undone.text[:60]}")
            continue
        if key == SKIP:
            skips_file.append(_answer(item, None))
        elif key in KEYS:
            labels_file.append(_answer(item, KEYS[key]))
        else:
            show(f"unknown key {key!r}: press {_key_help()}")
            ask = False
            continue
        answered.add(item.key)
        summary.answered += 1
        history.append(current)
        current = _next_unanswered(items, answered, current)
    summary.labelled = sum(1 for item in items if item.key in labels_file.keys)
    summary.skipped = sum(1 for item in items if item.key in answered and item.key not in labels_file.keys)
    summary.remaining = len(items) - len(answered & {item.key for item in items})
    if summary.finished:
        show(f"all {len(items)} sentences answered; labels are in {out}")
    return summary


class _AnswerFile:
    """A JSON Lines file of answers: appended and fsynced one line at a time, lines removed atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []
        self.keys: dict[Key, int] = {}
        if path.exists():
            try:
                text = decode(path.read_bytes(), str(path))
            except (InputError, OSError) as exc:
                raise DataError(path, f"cannot be read as answers ({exc})") from None
            for _, line, row in _json_lines(path, text):
                self.lines.append(line)
                key = _row_key(row)
                self.keys[key] = self.keys.get(key, 0) + 1
            if text and not text.endswith("\n"):
                self._rewrite()  # so that the next append starts a line of its own

    def append(self, row: dict[str, Any]) -> None:
        line = json.dumps(row, ensure_ascii=False)
        created = not self.path.exists()
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        if created:
            _fsync_directory(self.path.parent)
        self.lines.append(line)
        key = _row_key(row)
        self.keys[key] = self.keys.get(key, 0) + 1

    def remove(self, key: Key) -> None:
        """Drop the last line with `key`."""
        for index in range(len(self.lines) - 1, -1, -1):
            if _row_key(json.loads(self.lines[index])) == key:
                del self.lines[index]
                break
        self.keys[key] -= 1
        if not self.keys[key]:
            del self.keys[key]
        self._rewrite()

    def _rewrite(self) -> None:
        write_atomic(self.path, "".join(line + "\n" for line in self.lines).encode("utf-8"))


def _json_lines(path: Path, text: str) -> list[tuple[int, str, dict[str, Any]]]:
    """(line number, line, object) for each non-blank line."""
    return list(json_objects(path, text, "; if a crash cut it short, delete that line"))


def _fsync_directory(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some systems cannot open a directory; the file's own fsync is all there is
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _key(source: Any, doc: Any, position: Any, text: Any) -> Key:
    return (str(source or doc or ""), position, str(text or ""))


def _row_key(row: dict[str, Any]) -> Key:
    return _key(row.get("source"), row.get("doc"), row.get("position"), row.get("text"))


def _text_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _answer(item: Item, label: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {"doc": item.doc or (Path(item.source).stem if item.source else None),
                           "source": item.source, "position": item.position, "text": item.text}
    if label is not None:
        row["label"] = label
    if item.guess is not None:
        row["guess"] = item.guess
    return {name: value for name, value in row.items() if value is not None}


def _next_unanswered(items: Sequence[Item], answered: set[Key], after: int) -> int | None:
    """The first unanswered item after `after`, wrapping round to the start."""
    for index in [*range(after + 1, len(items)), *range(0, after + 1)]:
        if items[index].key not in answered:
            return index
    return None


def _read(read_key: Callable[[], str]) -> str:
    try:
        key = read_key()
    except EOFError:
        return QUIT
    return (key or "").strip().lower()


def _key_help() -> str:
    return "  ".join([*(f"{key} {label}" for key, label in KEYS.items()), "s skip", "u undo", "q quit"])


def _question(item: Item, index: int, total: int, answered: int) -> str:
    where = item.source or item.doc or "?"
    if item.position is not None:
        where += f", sentence {item.position}"
    lines = [f"[{index + 1}/{total}, {answered} answered] {where}", f"  {item.text}"]
    if item.guess:
        shown = [label for label in LABELS if label in item.probabilities]
        odds = ", ".join(f"{label} {float(item.probabilities[label]):.2f}" for label in shown)
        lines.append(f"guess: {item.guess}" + (f"  ({odds})" if odds else ""))
    lines.append(_key_help())
    return "\n".join(lines)
