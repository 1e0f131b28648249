"""Accuracy, speed and memory of directive-clf beside fastText and keyword rules, in one run.

    python benchmarks/run.py [--fasttext-python PATH] [--autotune SECONDS] [--files N]

Measures, on this machine and in this run: macro and per-label F1 on data/test.jsonl;
prediction throughput over 50,000+ sentences (best of 3); model load time in a fresh
process (best of 3, imports included); model file size; training time; and the CLI over
directories of readouts resampled from data/readouts (wall time with 1 and 2 worker
processes, peak memory for a tenth of the files and for all of them).

fastText runs in its own interpreter (it needs numpy<2): make one with
`benchmarks/setup_fasttext.sh`, which prints the path to pass as --fasttext-python.
Writes the tables into benchmarks/results.md between the benchmark markers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from keyword_baseline import keyword_label
from timing import best_of_3

from directive_clf import load_model, read_records, train
from directive_clf.evaluate import report
from directive_clf.persist import default_model_path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RESULTS = Path(__file__).resolve().parent / "results.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
MIN_SENTENCES = 50_000


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) / 2**20 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    import numpy
    import sklearn

    return (f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, numpy {numpy.__version__}, scikit-learn {sklearn.__version__}; "
            f"{datetime.now(timezone.utc):%Y-%m-%d}")


def load_seconds(model_path: Path) -> float:
    code = ("import time; t = time.perf_counter(); import directive_clf; "
            f"directive_clf.load_model({str(model_path)!r}); print(time.perf_counter() - t)")
    return min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(3))


def ours(test_texts: list[str], test_labels: list[str]) -> dict:
    path = default_model_path()
    model = load_model(path)
    result = report(test_labels, list(model.predict(test_texts)))
    many = (test_texts * (MIN_SENTENCES // len(test_texts) + 1))[:max(MIN_SENTENCES, len(test_texts))]
    seconds = best_of_3(lambda: model.predict(many))
    params = {k: v for k, v in model.metadata["params"].items()}
    started = time.perf_counter()
    retrained = train([DATA / "train.jsonl"], cv=0, **params)
    train_seconds = time.perf_counter() - started
    same = bool((retrained.predict_proba(test_texts) == model.predict_proba(test_texts)).all())
    started = time.perf_counter()
    train([DATA / "train.jsonl", DATA / "test.jsonl"], cv=0, **params)
    full_seconds = time.perf_counter() - started
    return {"name": f"directive-clf ({params['features']}, {params['classifier']}, C={params['C']:g})",
            "macro_f1": result.macro_f1, "f1": {k: v["f1"] for k, v in result.per_class.items()},
            "sentences_per_second": len(many) / seconds, "load_seconds": load_seconds(path),
            "file_bytes": path.stat().st_size, "train_seconds": train_seconds, "full_train_seconds": full_seconds,
            "retrain_identical": same}


def keyword_rules(test_texts: list[str], test_labels: list[str]) -> dict:
    result = report(test_labels, [keyword_label(t) for t in test_texts])
    many = (test_texts * (MIN_SENTENCES // len(test_texts) + 1))[:MIN_SENTENCES]
    seconds = best_of_3(lambda: [keyword_label(t) for t in many])
    return {"name": "keyword rules", "macro_f1": result.macro_f1,
            "f1": {k: v["f1"] for k, v in result.per_class.items()},
            "sentences_per_second": len(many) / seconds, "load_seconds": 0.0, "file_bytes": 0, "train_seconds": 0.0}


def fasttext_rows(python: str, autotune: int, work: Path) -> list[dict]:
    command = [python, str(Path(__file__).with_name("fasttext_bench.py")), str(DATA / "train.jsonl"),
               str(DATA / "test.jsonl"), str(work / "fasttext")]
    if autotune:
        command += ["--autotune", str(autotune)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def resampled_readouts(directory: Path, count: int, seed: int = 0) -> Path:
    """`count` readout files drawn with replacement from data/readouts."""
    sources = sorted((DATA / "readouts").glob("*.txt"))
    directory.mkdir(parents=True)
    for number, source in enumerate(random.Random(seed).choices(sources, k=count)):
        shutil.copyfile(source, directory / f"{number:05d}-{source.name}")
    return directory


def run_cli(directory: Path, jobs: int) -> dict:
    """Wall time, peak resident memory and sentences of `directive-clf predict DIR`."""
    cli = shutil.which("directive-clf") or "directive-clf"
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        finished = subprocess.run(["/usr/bin/time", "-v", cli, "predict", str(directory), "--format", "jsonl",
                                   "--jobs", str(jobs)], stdout=out, stderr=subprocess.PIPE, text=True, check=True)
        wall = time.perf_counter() - started
        out.seek(0)
        sentences = sum(1 for _ in out)
    peak_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", finished.stderr).group(1))
    return {"files": len(list(directory.iterdir())), "jobs": jobs, "seconds": wall, "sentences": sentences,
            "peak_mib": peak_kib / 1024}


def tables(machine_line: str, rows: list[dict], cli: list[dict]) -> str:
    ours_row = rows[0]
    fast = [r for r in rows if r["name"].startswith("fastText")]
    lines = [START, "## Speed and accuracy beside fastText", "",
             f"Machine (absolute figures are this machine's): {machine_line}.", "",
             "Test split `data/test.jsonl`. Throughput: sentences per second over 50,000+ sentences in one "
             "process, best of 3, from raw sentences to labels (fastText gets our tokenizer, since it reads "
             "space-separated words); `pre-tokenized` is fastText's best case, tokenizing done beforehand and "
             "not timed. Load: import + load in a fresh process, best of 3. Training on `data/train.jsonl`.", "",
             "| model | macro-F1 | directive | praise | attendance | context | sentences/s | pre-tokenized | "
             "load s | file | train s |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        f1 = r["f1"]
        size = f"{r['file_bytes'] / 2**20:.1f} MiB" if r["file_bytes"] else "-"
        pre = f"{r['pretokenized_sentences_per_second']:,.0f}" if "pretokenized_sentences_per_second" in r else "-"
        lines.append(f"| {r['name']} | {r['macro_f1']:.3f} | {f1['directive']:.3f} | {f1['praise']:.3f} | "
                     f"{f1['attendance']:.3f} | {f1['context']:.3f} | {r['sentences_per_second']:,.0f} | {pre} | "
                     f"{r['load_seconds']:.2f} | {size} | {r['train_seconds']:.1f} |")
    if fast:
        lines.append("")
        for f in fast:
            lines.append(f"- ours / {f['name']}: throughput x{ours_row['sentences_per_second'] / f['sentences_per_second']:.2f} "
                         f"from raw sentences (x{ours_row['sentences_per_second'] / f['pretokenized_sentences_per_second']:.2f} "
                         f"against its pre-tokenized best case), macro-F1 {ours_row['macro_f1'] - f['macro_f1']:+.3f}.")
    lines += ["", f"Training on the full corpus (train + test): {ours_row['full_train_seconds']:.1f} s. "
              f"Retraining with the shipped settings gives the shipped model's probabilities exactly: "
              f"{'yes' if ours_row['retrain_identical'] else 'NO'}.", "",
              "## The command line over many readouts", "",
              "`directive-clf predict DIR --format jsonl > file`, readouts resampled from `data/readouts`; "
              "wall time includes start-up and model load; peak memory is the largest process's resident set.", "",
              "| files | sentences | jobs | seconds | sentences/s | peak memory |", "|---|---|---|---|---|---|"]
    for c in cli:
        lines.append(f"| {c['files']:,} | {c['sentences']:,} | {c['jobs']} | {c['seconds']:.1f} | "
                     f"{c['sentences'] / c['seconds']:,.0f} | {c['peak_mib']:.0f} MiB |")
    small, large = cli[0], cli[1]
    lines += ["", f"Peak memory, {large['files']:,} files / {small['files']:,} files (1 job): "
              f"x{large['peak_mib'] / small['peak_mib']:.2f}. Written by `python benchmarks/run.py`.", END]
    return "\n".join(lines)


def write_section(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fasttext-python", help="A Python with fasttext installed (see setup_fasttext.sh).")
    parser.add_argument("--autotune", type=int, default=0, help="Also run fastText's autotune for this many seconds.")
    parser.add_argument("--files", type=int, default=2000, help="Readouts for the command-line runs.")
    args = parser.parse_args()
    test = read_records([DATA / "test.jsonl"])
    texts, labels = [r.text for r in test], [r.label for r in test]
    rows = [ours(texts, labels)]
    print(json.dumps(rows[-1]), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.fasttext_python:
            rows += fasttext_rows(args.fasttext_python, args.autotune, work)
            print(json.dumps(rows[1:]), flush=True)
        rows.append(keyword_rules(texts, labels))
        small = resampled_readouts(work / "small", args.files // 10)
        large = resampled_readouts(work / "large", args.files)
        cli = [run_cli(small, 1), run_cli(large, 1), run_cli(large, 2)]
        print(json.dumps(cli), flush=True)
    section = tables(machine(), rows, cli)
    print(section)
    write_section(section)


if __name__ == "__main__":
    main()
