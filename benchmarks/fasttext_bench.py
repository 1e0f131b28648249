"""fastText on our train/test split: run with a Python that has `fasttext` (and numpy<2).

    python benchmarks/fasttext_bench.py TRAIN.jsonl TEST.jsonl WORKDIR [--autotune SECONDS]

Prints a JSON list: macro and per-label F1 on TEST, training time, prediction throughput
(best of 3 over 50,000+ sentences), load time and file size, for fastText with the
settings of its text-classification tutorial (epoch 25, word bigrams) and, with
--autotune, for the settings its autotune finds on a held-out fifth of TRAIN's readouts.

fastText reads words split by spaces, so sentences are tokenized exactly as ours are
(directive_clf's own tokenizer, which this Python must have installed). Throughput is
given twice: from raw sentences, tokenizing included, like ours; and from sentences
tokenized beforehand, fastText's best case.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import fasttext
from timing import best_of_3

from directive_clf.pipeline import normalise, tokenize

LABELS = ("directive", "praise", "attendance", "context")
MIN_SENTENCES = 50_000


def words(text: str) -> str:
    return " ".join(tokenize(normalise(text)))


def read(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def write_fasttext(rows: list[dict], path: Path) -> None:
    path.write_text("".join(f"__label__{r['label']} {words(r['text'])}\n" for r in rows), encoding="utf-8")


def macro_f1(gold: list[str], predicted: list[str]) -> tuple[float, dict[str, float]]:
    per = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        per[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(per.values()) / len(per), per


def measure(name: str, model_path: Path, train_seconds: float, test: list[dict], params: dict) -> dict:
    model = fasttext.load_model(str(model_path))
    labels, _ = model.predict([words(r["text"]) for r in test])
    predicted = [found[0].replace("__label__", "") for found in labels]
    macro, per = macro_f1([r["label"] for r in test], predicted)
    raw = [r["text"] for r in test]
    raw = (raw * (MIN_SENTENCES // len(raw) + 1))[:max(MIN_SENTENCES, len(raw))]
    tokenized = [words(text) for text in raw]
    load = min(_load_seconds(model_path) for _ in range(3))
    return {"name": name, "macro_f1": macro, "f1": per, "train_seconds": train_seconds,
            "sentences_per_second": len(raw) / best_of_3(lambda: model.predict([words(t) for t in raw])),
            "pretokenized_sentences_per_second": len(raw) / best_of_3(lambda: model.predict(tokenized)),
            "load_seconds": load, "file_bytes": model_path.stat().st_size, "params": params}


def _load_seconds(model_path: Path) -> float:
    """Import and load in a fresh process, as a user's script starts."""
    code = ("import time; t = time.perf_counter(); import fasttext; "
            f"fasttext.load_model({str(model_path)!r}); print(time.perf_counter() - t)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main() -> None:
    train_path, test_path, workdir = sys.argv[1:4]
    autotune = int(sys.argv[sys.argv.index("--autotune") + 1]) if "--autotune" in sys.argv else 0
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    train, test = read(train_path), read(test_path)
    write_fasttext(train, work / "train.txt")
    results = []

    tutorial = {"epoch": 25, "lr": 1.0, "wordNgrams": 2, "dim": 100, "loss": "softmax", "seed": 0, "thread": 1}
    started = time.perf_counter()
    model = fasttext.train_supervised(str(work / "train.txt"), verbose=0, **tutorial)
    seconds = time.perf_counter() - started
    model.save_model(str(work / "tutorial.bin"))
    results.append(measure("fastText (epoch 25, bigrams)", work / "tutorial.bin", seconds, test, tutorial))

    if autotune:
        docs = sorted({r["doc"] for r in train})
        held_out = set(random.Random(0).sample(docs, len(docs) // 5))
        write_fasttext([r for r in train if r["doc"] not in held_out], work / "fit.txt")
        write_fasttext([r for r in train if r["doc"] in held_out], work / "valid.txt")
        tuned = fasttext.train_supervised(str(work / "fit.txt"), autotuneValidationFile=str(work / "valid.txt"),
                                          autotuneDuration=autotune, verbose=0, thread=2)
        args = tuned.f.getArgs()
        found = {"epoch": args.epoch, "lr": args.lr, "wordNgrams": args.wordNgrams, "dim": args.dim,
                 "minn": args.minn, "maxn": args.maxn, "bucket": args.bucket, "loss": "softmax", "seed": 0,
                 "thread": 1}
        started = time.perf_counter()
        model = fasttext.train_supervised(str(work / "train.txt"), verbose=0, **found)
        seconds = time.perf_counter() - started
        model.save_model(str(work / "autotuned.bin"))
        results.append(measure(f"fastText (autotuned {autotune} s)", work / "autotuned.bin", seconds, test, found))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
