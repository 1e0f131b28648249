"""The scikit-learn Pipeline: TF-IDF features and a linear classifier."""

from __future__ import annotations

import re
import string
from itertools import repeat
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from .settings import (
    CLASSIFIERS,
    DEFAULT_C,
    DEFAULT_CLASSIFIER,
    DEFAULT_FEATURES,
    FEATURES,
)

START = "xxstart"
_FOLD_DIGITS = str.maketrans("123456789", "000000000")
# Words are what lies between white space once ASCII punctuation is blanked out. The marks that
# carry meaning in readouts (colons of lead-ins, semicolons, brackets, dashes, bullets) are words
# of their own, and every digit reads as 0. Working on UTF-8 bytes keeps this a few C passes.
_OWN_WORDS = [(mark.encode(), f" {mark} ".encode()) for mark in ":;(—·•"]
_BLANKED = [(mark.encode(), b" ") for mark in "“”‘’–…\u00a0\u3000"]
_BLANK_PUNCTUATION = bytes.maketrans(
    (string.punctuation.translate(str.maketrans("", "", ":;(")) + string.digits).encode(),
    b" " * (len(string.punctuation) - 3) + b"0" * 10)


# A news agency's dateline ("BEIJING, Dec. 8 (Xinhua) --") opens a sentence of any label; left in,
# its words pull every lead sentence toward `context`. It is dropped, start marker kept.
_DATELINE = re.compile(r"(?m)^xxstart [^\n,]{2,40}, [a-z]{3,5}\.? ?\d{1,2} \([^()\n]{2,40}\) ?(?:--|—|–) ?")


def normalise(text: str) -> str:
    """Lower-case, fold digits, drop a dateline, and mark the sentence start (an opening imperative matters)."""
    return _DATELINE.sub(START + " ", START + " " + text.lower().translate(_FOLD_DIGITS))


def tokenize(text: str) -> list[str]:
    """The words of a normalised text: `tokenize("xxstart we must: act")` gives xxstart, we, must, :, act."""
    return [word.decode("utf-8", "surrogatepass") for word in _words(text)]


def _words(text: str) -> list[bytes]:
    data = text.encode("utf-8", "surrogatepass")
    if not data.isascii():
        for mark, replacement in _BLANKED + _OWN_WORDS[3:]:
            if mark in data:
                data = data.replace(mark, replacement)
    for mark, replacement in _OWN_WORDS[:3]:
        data = data.replace(mark, replacement)
    return data.translate(_BLANK_PUNCTUATION).split()


def _lowered_batch(texts: list[str]) -> str:
    """`normalise` of each text, joined by newlines, except that digits are left for `tokenize` to fold."""
    return _DATELINE.sub(START + " ", (START + " " + ("\n" + START + " ").join(texts)).lower())


class CompactTfidfVectorizer(TfidfVectorizer):
    """A TfidfVectorizer whose vocabulary is saved as one string, not a dict of objects.

    skops writes a dict entry by entry, so a large n-gram vocabulary made files of
    tens of megabytes that loaded slowly; one newline-joined string of the terms in
    index order is compact and rebuilds the same mapping.
    """

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())  # may be the live __dict__ itself
        state.pop("_ngram_index", None)  # a cache, rebuilt on first use
        vocabulary = state.pop("vocabulary_", None)
        if vocabulary is not None:
            state["vocabulary_terms_"] = "\n".join(sorted(vocabulary, key=vocabulary.__getitem__))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        terms = state.pop("vocabulary_terms_", None)
        if terms is not None:
            state["vocabulary_"] = {term: index for index, term in enumerate(terms.split("\n"))}
        super().__setstate__(state)

    def fit_transform(self, raw_documents: Any, y: Any = None) -> Any:
        self.__dict__.pop("_ngram_index", None)
        return super().fit_transform(raw_documents, y)

    def transform(self, raw_documents: Any) -> Any:
        """The same matrix as TfidfVectorizer.transform, counted for the whole batch with numpy.

        scikit-learn joins every n-gram of every sentence into a string in Python; here each
        token is looked up once and n-grams are matched as integer keys, which is many times
        faster for word n-grams. Other analyzers take scikit-learn's own path.
        """
        if self.analyzer != "word" or self.tokenizer is not tokenize or self.stop_words is not None:
            return super().transform(raw_documents)
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        check_is_fitted(self, "vocabulary_")
        counts = self._count(list(raw_documents))
        if self.binary:
            counts.data.fill(1)
        if self.sublinear_tf:
            np.log(counts.data, counts.data)
            counts.data += 1
        if self.use_idf:
            counts.data *= self.idf_.astype(counts.dtype)[counts.indices]
        return normalize(counts, norm=self.norm, copy=False) if self.norm and counts.shape[0] else counts

    def _count(self, documents: list[Any]) -> Any:
        tokens, index, unigram_features = self.__dict__.get("_ngram_index") or self._build_ngram_index()
        ids, doc_of = self._token_ids(documents, tokens)
        base = max(len(tokens), 1)
        rows, cols = [], []
        for n, (keys, features) in index.items():
            if len(ids) < n:
                continue
            span = len(ids) - n + 1
            valid = (ids[:span] >= 0) & (doc_of[:span] == doc_of[n - 1:])
            for offset in range(1, n):
                valid &= ids[offset:offset + span] >= 0
            starts = np.flatnonzero(valid)
            if n == 1:  # unigrams: a direct look-up by token id
                features = unigram_features[ids[starts]]
                rows.append(doc_of[starts[features >= 0]])
                cols.append(features[features >= 0])
                continue
            key = ids[starts]
            for offset in range(1, n):
                key = key * base + ids[starts + offset]
            found = _look_up(keys, features, key)
            rows.append(doc_of[starts[found >= 0]])
            cols.append(found[found >= 0])
        rows_all = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        cols_all = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        counts = sp.coo_matrix((np.ones(len(rows_all), dtype=self.dtype), (rows_all, cols_all)),
                               shape=(len(documents), len(self.vocabulary_))).tocsr()
        counts.sum_duplicates()
        counts.sort_indices()
        return counts

    def _token_ids(self, documents: list[Any], tokens: dict[bytes, int]) -> tuple[np.ndarray, np.ndarray]:
        """Each token's id (-1 when it is in no n-gram of the vocabulary) and its document's number."""
        if self.preprocessor is normalise and all(isinstance(doc, str) for doc in documents):
            # One pass over the whole batch: every normalised sentence opens with the start marker,
            # so the markers give the sentence boundaries back (unless a text holds the marker itself).
            words = _words(_lowered_batch(documents))
            ids = np.fromiter(map(tokens.get, words, repeat(-1)), dtype=np.int64, count=len(words))
            starts = np.flatnonzero(ids == 0)
            if len(starts) == len(documents) and (not len(starts) or starts[0] == 0):
                doc_of = np.zeros(len(ids), dtype=np.int64)
                doc_of[starts[1:]] = 1
                return ids, np.cumsum(doc_of)
        preprocess, decode = self.build_preprocessor(), self.decode
        per_doc = [_words(preprocess(decode(doc))) for doc in documents]
        words = [word for doc_words in per_doc for word in doc_words]
        ids = np.fromiter(map(tokens.get, words, repeat(-1)), dtype=np.int64, count=len(words))
        return ids, np.repeat(np.arange(len(documents)), [len(doc_words) for doc_words in per_doc])

    def _build_ngram_index(self) -> tuple[dict[bytes, int], dict[int, tuple[np.ndarray, np.ndarray]], np.ndarray]:
        tokens: dict[bytes, int] = {START.encode(): 0}
        grams: dict[int, list[tuple[list[int], int]]] = {}
        for term, feature in self.vocabulary_.items():
            parts = [tokens.setdefault(part.encode("utf-8", "surrogatepass"), len(tokens)) for part in term.split(" ")]
            grams.setdefault(len(parts), []).append((parts, feature))
        base = max(len(tokens), 1)
        index = {}
        for n, entries in sorted(grams.items()):
            keys = np.zeros(len(entries), dtype=np.int64)
            for position in range(n):
                keys = keys * base + np.array([parts[position] for parts, _ in entries], dtype=np.int64)
            features = np.array([feature for _, feature in entries], dtype=np.int64)
            index[n] = _hash_table(keys, features)
        unigram_features = np.full(len(tokens), -1, dtype=np.int64)
        if 1 in grams:
            unigram_features[[parts[0] for parts, _ in grams[1]]] = [feature for _, feature in grams[1]]
        self._ngram_index = (tokens, index, unigram_features)
        return self._ngram_index


_EMPTY = -1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: multiply, keep the top bits


def _slots(keys: np.ndarray, mask: int) -> np.ndarray:
    bits = int(mask).bit_length()
    return ((keys.astype(np.uint64) * _GOLDEN) >> np.uint64(64 - bits)).astype(np.int64) & mask


def _hash_table(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An open-addressing table (linear probing, at most a quarter full) of non-negative int keys."""
    size = 1 << max(4, (4 * len(keys)).bit_length())
    table_keys = np.full(size, _EMPTY, dtype=np.int64)
    table_values = np.full(size, _EMPTY, dtype=np.int64)
    slot = _slots(keys, size - 1)
    pending = np.arange(len(keys))
    while len(pending):  # each round, every empty slot takes the first key that wants it
        wanted = slot[pending]
        free = table_keys[wanted] == _EMPTY
        taken, first = np.unique(wanted[free], return_index=True)
        winners = pending[free][first]
        table_keys[taken], table_values[taken] = keys[winners], values[winners]
        placed = np.zeros(len(keys), dtype=bool)
        placed[winners] = True
        pending = pending[~placed[pending]]
        slot[pending] = (slot[pending] + 1) & (size - 1)
    return table_keys, table_values


def _look_up(table_keys: np.ndarray, table_values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The value of each key in the table, or -1."""
    mask = len(table_keys) - 1
    found = np.full(len(keys), _EMPTY, dtype=np.int64)
    todo, slot = np.arange(len(keys)), _slots(keys, mask)
    while len(todo):
        held = table_keys[slot]
        hit = held == keys[todo]
        found[todo[hit]] = table_values[slot[hit]]
        going_on = ~hit & (held != _EMPTY)
        todo, slot = todo[going_on], (slot[going_on] + 1) & mask
    return found


def build_pipeline(
    classifier: str = DEFAULT_CLASSIFIER,
    features: str = DEFAULT_FEATURES,
    C: float = DEFAULT_C,
    random_state: int = 0,
) -> Pipeline:
    """A fresh, unfitted Pipeline of `features` (TF-IDF) and `classifier`.

    >>> build_pipeline().steps[-1][0]
    'classifier'
    """
    if classifier not in CLASSIFIERS:
        raise ValueError(f"classifier must be one of {CLASSIFIERS}, not {classifier!r}")
    if features not in FEATURES:
        raise ValueError(f"features must be one of {FEATURES}, not {features!r}")
    vectorizers: list[tuple[str, Any]] = [
        ("words", CompactTfidfVectorizer(preprocessor=normalise, tokenizer=tokenize, token_pattern=None,
                                         ngram_range=(1, 3), min_df=2, sublinear_tf=True, dtype=np.float32)),
    ]
    if features == "word+char":
        vectorizers.append(
            ("chars", CompactTfidfVectorizer(preprocessor=normalise, analyzer="char_wb",
                                      ngram_range=(2, 5), min_df=3, sublinear_tf=True, dtype=np.float32))
        )
    return Pipeline([("features", FeatureUnion(vectorizers)), ("classifier", _classifier(classifier, C, random_state))])


def _classifier(name: str, C: float, random_state: int) -> Any:
    if name == "logreg":
        return LogisticRegression(C=C, class_weight="balanced", max_iter=2000, random_state=random_state)
    if name == "svm":
        svm = LinearSVC(C=C / 10, class_weight="balanced", random_state=random_state)
        return CalibratedClassifierCV(svm, cv=3)
    sgd = SGDClassifier(loss="modified_huber", alpha=1e-4 / C, class_weight="balanced",
                        max_iter=50, tol=None, random_state=random_state)
    return CalibratedClassifierCV(sgd, cv=3)
