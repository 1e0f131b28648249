"""Learning curve: macro-F1 on data/test.jsonl after labelling part of data/train.jsonl, chosen two ways.

Run: python benchmarks/learning_curve.py  (prints a table and writes it into benchmarks/results.md)

- random: the first 10%, 25%, 50% of a random order of the training sentences, averaged over 3 seeds;
- uncertainty: a random 5% seed set, then batches of 2.5% chosen by
  `directive_clf.active.choose_uncertain` (smallest margin, no near-duplicates: the function
  behind `directive-clf suggest`), retraining after every batch; averaged over the same 3 seeds
  (each seed draws its own seed set).

At 100% both are the whole training set. Every model is `build_pipeline(features="word")`
(word n-grams only, for speed, whatever the shipped default; the other settings are
build_pipeline's defaults), trained on the sentences alone. The test split is never a candidate.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from directive_clf import DirectiveModel, read_records
from directive_clf.active import choose_uncertain
from directive_clf.evaluate import score
from directive_clf.persist import write_atomic
from directive_clf.pipeline import build_pipeline

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.md"
START, END = "<!-- learning-curve:start -->", "<!-- learning-curve:end -->"
FRACTIONS = (0.10, 0.25, 0.50, 1.00)
SEED_FRACTION = 0.05
BATCH_FRACTION = 0.025
RANDOM_SEEDS = (0, 1, 2)


def fit(records) -> DirectiveModel:
    return DirectiveModel(build_pipeline(features="word")).fit([r.text for r in records], [r.label for r in records])


def random_curve(pool, test, seed: int) -> dict[float, float]:
    """Macro-F1 at each fraction below 1 for nested random subsets."""
    order = list(range(len(pool)))
    random.Random(seed).shuffle(order)
    return {fraction: score(fit([pool[i] for i in order[:round(fraction * len(pool))]]), test).macro_f1
            for fraction in FRACTIONS if fraction < 1}


def uncertainty_curve(pool, test, seed: int) -> tuple[dict[float, float], int]:
    """Macro-F1 at each fraction below 1 when each batch is the most uncertain, diverse sentences."""
    order = list(range(len(pool)))
    random.Random(seed).shuffle(order)
    labelled = order[:round(SEED_FRACTION * len(pool))]
    unlabelled = set(order) - set(labelled)
    batch = round(BATCH_FRACTION * len(pool))
    scores, topped_up = {}, 0
    model = fit([pool[i] for i in labelled])
    for fraction in (f for f in FRACTIONS if f < 1):
        target = round(fraction * len(pool))
        while len(labelled) < target:
            candidates = sorted(unlabelled)
            wanted = min(batch, target - len(labelled))
            picked = [candidates[j] for j in choose_uncertain(model, [pool[i].text for i in candidates], wanted)]
            if len(picked) < wanted:  # not enough dissimilar sentences left: fill up at random
                rest = sorted(unlabelled - set(picked))
                picked += random.Random(seed + len(labelled)).sample(rest, wanted - len(picked))
                topped_up += 1
            labelled += picked
            unlabelled -= set(picked)
            model = fit([pool[i] for i in labelled])
        scores[fraction] = score(model, test).macro_f1
    return scores, topped_up


def table(pool_size: int, at_random: list[dict[float, float]], uncertain: list[dict[float, float]], full: float,
          seconds: float) -> str:
    lines = [START, "## Learning curve: uncertainty sampling vs random", "",
             f"Macro-F1 on `data/test.jsonl` after training on part of `data/train.jsonl` ({pool_size:,} sentences). "
             f"Uncertainty: a random {SEED_FRACTION:.0%} seed set, then batches of {BATCH_FRACTION:.1%} chosen by "
             "smallest margin with no near-duplicates (the function behind `directive-clf suggest`), retraining "
             f"after each batch. Both: mean ± standard deviation over {len(RANDOM_SEEDS)} seeds (for uncertainty, "
             "of the seed set). Every model is `build_pipeline(features=\"word\")`: word n-grams only, for speed, "
             "with build_pipeline's other defaults.", "",
             "| labelled | sentences | random | uncertainty | uncertainty − random |", "|---|---|---|---|---|"]
    for fraction in FRACTIONS:
        size = round(fraction * pool_size)
        if fraction == 1:
            lines.append(f"| 100% | {size:,} | {full:.3f} | {full:.3f} | (same data) |")
            continue
        chance = [run[fraction] for run in at_random]
        chosen = [run[fraction] for run in uncertain]
        lines.append(f"| {fraction:.0%} | {size:,} | {_spread(chance)} | {_spread(chosen)} | "
                     f"{statistics.mean(chosen) - statistics.mean(chance):+.3f} |")
    lines += ["", f"Written by `python benchmarks/learning_curve.py` in {seconds / 60:.1f} minutes.", END]
    return "\n".join(lines)


def _spread(values: list[float]) -> str:
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def write_section(section: str) -> None:
    """Put `section` between the markers in results.md, leaving the rest of the file alone."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if START in text and END in text and text.index(START) < text.index(END):
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + section + "\n"
    write_atomic(RESULTS, text.encode("utf-8"))


def main() -> None:
    started = time.perf_counter()
    pool = read_records([ROOT / "data" / "train.jsonl"])
    test = read_records([ROOT / "data" / "test.jsonl"])
    at_random = []
    for seed in RANDOM_SEEDS:
        at_random.append(random_curve(pool, test, seed))
        print(f"random, seed {seed}: {at_random[-1]}", file=sys.stderr, flush=True)
    uncertain = []
    for seed in RANDOM_SEEDS:
        curve, topped_up = uncertainty_curve(pool, test, seed)
        uncertain.append(curve)
        print(f"uncertainty, seed {seed}: {curve}" + (f" ({topped_up} batches topped up at random)" if topped_up
                                                       else ""), file=sys.stderr, flush=True)
    full = score(fit(pool), test).macro_f1
    section = table(len(pool), at_random, uncertain, full, time.perf_counter() - started)
    print(section)
    write_section(section)


if __name__ == "__main__":
    main()
