"""Our labelled corpus: every record checkable against its readout, and the mix it promises."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from directive_clf import LABELS, read_records, split_sentences
from directive_clf.textio import read_text

from .conftest import DATA, read_jsonl

STYLES = ("agency", "official", "literal", "machine")
BODIES = (
    "politburo", "politburo-sc", "politburo-study", "state-council-executive", "state-council-plenary",
    "provincial-party-committee", "provincial-standing-committee", "municipal-party-committee",
    "county-party-committee", "government-executive", "npc", "cppcc", "discipline-inspection",
    "commendation-conference", "symposium", "teleconference", "study-session",
)
MIN_STYLE_SHARE = 0.20
MIN_BODY_SHARE = 0.02
MIN_TEST_SHARE = 0.15
MAX_NEAR_DUPLICATE_SHARE = 0.02


@pytest.fixture(scope="module")
def index() -> list[dict]:
    return read_jsonl(DATA / "readouts.jsonl")


@pytest.fixture(scope="module")
def rows(train_rows, test_rows) -> list[dict]:
    return [{**r, "split": "train"} for r in train_rows] + [{**r, "split": "test"} for r in test_rows]


def test_records_validate_and_use_the_four_labels():
    records = read_records([DATA / "train.jsonl", DATA / "test.jsonl"])
    assert {r.label for r in records} == set(LABELS)


def test_every_readout_splits_into_exactly_its_records(rows, index):
    by_doc = defaultdict(list)
    for row in rows:
        by_doc[row["doc"]].append(row)
    assert set(by_doc) == {entry["doc"] for entry in index}
    for doc, records in by_doc.items():
        text = read_text(DATA / "readouts" / f"{doc}.txt")  # keeps CRLF, unlike Path.read_text
        records.sort(key=lambda r: r["position"])
        assert [r["position"] for r in records] == list(range(len(records))), doc
        assert all(r["text"] in text for r in records), doc
        assert [s.text for s in split_sentences(text)] == [r["text"] for r in records], doc


def test_no_readout_is_in_both_splits(train_rows, test_rows, index):
    assert not {r["doc"] for r in train_rows} & {r["doc"] for r in test_rows}
    for entry in index:
        assert entry["split"] == ("test" if entry["doc"] in {r["doc"] for r in test_rows} else "train")


def test_no_sentence_repeats_across_readouts(rows):
    docs_of = defaultdict(set)
    for row in rows:
        docs_of[row["text"]].add(row["doc"])
    repeated = sorted(t for t, docs in docs_of.items() if len(docs) > 1)
    assert not repeated, f"{len(repeated)} sentences occur in several readouts, e.g. {repeated[:3]}"


def test_near_duplicates_are_rare(rows):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform([r["text"] for r in rows])
    similarity = (vectors @ vectors.T).tocoo()
    docs = [r["doc"] for r in rows]
    near = {i for i, j, v in zip(similarity.row, similarity.col, similarity.data)
            if i != j and v > 0.9 and docs[i] != docs[j]}
    assert len(near) / len(rows) <= MAX_NEAR_DUPLICATE_SHARE, f"{len(near)} near-duplicate sentences"


def test_every_style_and_body_has_its_share(index):
    styles = Counter(entry["style"] for entry in index)
    bodies = Counter(entry["body"] for entry in index)
    assert set(styles) == set(STYLES) and set(bodies) == set(BODIES)
    for style in STYLES:
        assert styles[style] / len(index) >= MIN_STYLE_SHARE, style
    for body in BODIES:
        assert bodies[body] / len(index) >= MIN_BODY_SHARE, body


def test_test_split_is_large_enough_and_covers_every_style_and_body(index):
    test = [entry for entry in index if entry["split"] == "test"]
    assert len(test) / len(index) >= MIN_TEST_SHARE
    assert {entry["style"] for entry in test} == set(STYLES)
    assert {entry["body"] for entry in test} == set(BODIES)
