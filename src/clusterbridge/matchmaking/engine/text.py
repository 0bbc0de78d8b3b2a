"""Lexical relevance: BM25 over descriptions, offers and needs.

Postings are kept as flat numpy arrays grouped by term (a compressed sparse column layout), so a
query over a million organisations adds a few slices of precomputed weights. Each key keeps the
row it was first given (rows are shared with the other indexes of a
:class:`~clusterbridge.matchmaking.engine.retrieval.ProfileIndex`); a changed text goes to a small
delta that is folded into the postings when it grows (:meth:`Bm25Index.merge`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

K1 = 1.2
B = 0.75
MERGE_AT = 5_000
"""Changed or added texts held in the delta before it is folded into the postings."""

_STOP_WORDS_TEXT = (
    "a about above after again against all also am an and any are as at based be because been "
    "before being below between both but by can could did do does doing down during each etc "
    "few for from further had has have having he her here hers him his how i if in into is it "
    "its itself just me more most my new no nor not now of off on once only or other our ours "
    "out over own per same she should so some such than that the their theirs them then there "
    "these they this those through to too under until up us very via was we well were what "
    "when where which while who whom why will with within would you your yours "
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Mecànica de Precisió' -> 'mecanica de precisio'."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A light English plural stemmer, so 'batteries' meets 'battery' and 'modules' 'module'."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The terms BM25 counts: folded words, stop words dropped, plurals stemmed."""
    return [stem(word) for word in _WORD.findall(fold(text)) if word not in STOP_WORDS]


@dataclass(frozen=True)
class Postings:
    """Term-grouped postings: rows and term frequencies of term ``t`` are at
    ``start[t]:start[t + 1]``, rows increasing; ``weight`` is the BM25 weight of each."""

    start: np.ndarray
    rows: np.ndarray
    frequency: np.ndarray
    weight: np.ndarray
    lengths: np.ndarray
    """Number of terms of each row (0 for an empty or removed row)."""

    @property
    def average_length(self) -> float:
        counted = self.lengths[self.lengths > 0]
        return float(counted.mean()) if counted.size else 1.0


def _postings(
    terms: np.ndarray, rows: np.ndarray, freq: np.ndarray, n_terms: int, n_rows: int
) -> Postings:
    """Postings from (term, row, frequency) triplets, with their BM25 weights."""
    order = np.lexsort((rows, terms))
    terms, rows, freq = terms[order], rows[order].astype(np.int32), freq[order]
    start = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=start[1:])
    lengths = np.bincount(rows, weights=freq, minlength=n_rows).astype(np.float32)
    documents = max(int(np.count_nonzero(lengths)), 1)
    df = np.diff(start).astype(np.float64)
    idf = np.log1p((documents - df + 0.5) / (df + 0.5)).astype(np.float32)
    average = float(lengths[lengths > 0].mean()) if lengths.any() else 1.0
    norm = K1 * (1 - B + B * lengths[rows] / average)
    weight = idf[terms] * freq * (K1 + 1) / (freq + norm)
    return Postings(start, rows, freq.astype(np.uint16), weight.astype(np.float32), lengths)


class Bm25Index:
    """BM25 scores of a query against every row; rows are given to keys in insertion order."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.keys = np.zeros(0, dtype=np.int64)
        """Key of each row; -1 where the key was removed."""
        self._row: dict[int, int] = {}
        self._token_ids: dict[str, int] = {}
        self.postings = _postings(*(np.zeros(0, dtype=np.int64),) * 3, 0, 0)
        self._stale = np.zeros(0, dtype=bool)
        self._delta: dict[int, Counter[int]] = {}

    @classmethod
    def build(cls, keys: Sequence[int], texts: Iterable[str]) -> Bm25Index:
        """An index of ``texts``, row ``i`` for ``keys[i]``."""
        index = cls()
        index.keys = np.asarray(keys, dtype=np.int64)
        index._row = {int(key): row for row, key in enumerate(index.keys)}
        if len(index._row) != len(index.keys):
            raise ValueError("keys must be unique")
        terms, freqs, sizes = array("q"), array("f"), array("q")
        for text in texts:
            counts = index._counts(text)
            terms.extend(counts.keys())
            freqs.extend(counts.values())
            sizes.append(len(counts))
        if len(sizes) != len(index.keys):
            raise ValueError("one text per key")
        rows = np.repeat(np.arange(len(sizes), dtype=np.int32), np.frombuffer(sizes, np.int64))
        index.postings = _postings(
            np.frombuffer(terms, np.int64),
            rows,
            np.frombuffer(freqs, np.float32),
            len(index.vocabulary),
            len(index.keys),
        )
        index._stale = np.zeros(len(index.keys), dtype=bool)
        return index

    def __len__(self) -> int:
        return len(self._row)

    def row(self, key: int) -> int | None:
        """The row of ``key``, or None when it is not indexed."""
        return self._row.get(key)

    def _counts(self, text: str) -> Counter[int]:
        """Term ids and frequencies of ``text``, growing the vocabulary."""
        cache, vocabulary = self._token_ids, self.vocabulary
        ids: list[int] = []
        for word in _WORD.findall(fold(text)):
            term = cache.get(word)
            if term is None:
                if word in STOP_WORDS:
                    term = -1
                else:
                    term = vocabulary.setdefault(stem(word), len(vocabulary))
                cache[word] = term
            if term >= 0:
                ids.append(term)
        return Counter(ids)

    def update(self, key: int, text: str) -> None:
        """Index ``key``'s new text (a new key takes the next row)."""
        row = self._row.get(key)
        if row is None:
            row = len(self.keys)
            self.keys = np.append(self.keys, np.int64(key))
            self._stale = np.append(self._stale, True)
            self._row[key] = row
        self._stale[row] = True
        self._delta[row] = self._counts(text)
        if len(self._delta) >= MERGE_AT:
            self.merge()

    def remove(self, key: int) -> None:
        """Forget ``key``; its row stays empty."""
        row = self._row.pop(key, None)
        if row is not None:
            self.keys[row] = -1
            self._stale[row] = True
            self._delta[row] = Counter()

    def merge(self) -> None:
        """Fold the delta into the postings (weights and idf recomputed)."""
        if not self._delta:
            return
        old = self.postings
        terms = np.repeat(np.arange(len(old.start) - 1), np.diff(old.start))
        keep = ~self._stale[old.rows]
        delta_terms = [t for counts in self._delta.values() for t in counts]
        delta_rows = [row for row, counts in self._delta.items() for _ in counts]
        delta_freq = [f for counts in self._delta.values() for f in counts.values()]
        self.postings = _postings(
            np.concatenate([terms[keep], np.asarray(delta_terms, dtype=np.int64)]),
            np.concatenate([old.rows[keep], np.asarray(delta_rows, dtype=np.int32)]),
            np.concatenate([old.frequency[keep], np.asarray(delta_freq)]).astype(np.float32),
            len(self.vocabulary),
            len(self.keys),
        )
        self._stale[:] = False
        self._delta.clear()

    def _query_terms(self, query: str) -> list[int]:
        found = (self.vocabulary.get(term) for term in dict.fromkeys(tokens(query)))
        return [term for term in found if term is not None]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for ``query`` (float32, 0 for rows without a shared term)."""
        scores = np.zeros(len(self.keys), dtype=np.float32)
        postings = self.postings
        terms = self._query_terms(query)
        for term in terms:
            if term + 1 < len(postings.start):
                begin, end = postings.start[term], postings.start[term + 1]
                scores[postings.rows[begin:end]] += postings.weight[begin:end]
        if self._delta:
            scores[self._stale] = 0.0
            self._score_delta(scores, terms)
        return scores

    def _score_delta(self, scores: np.ndarray, terms: list[int]) -> None:
        """Scores of the rows held in the delta."""
        for row, counts in self._delta.items():
            scores[row] = sum(self._delta_weight(counts, term) for term in terms)

    def _delta_weight(self, counts: Counter[int], term: int) -> float:
        """BM25 weight of ``term`` in a delta text, with the postings' idf and average length."""
        freq = counts.get(term, 0)
        if not freq:
            return 0.0
        postings = self.postings
        documents = max(int(np.count_nonzero(postings.lengths)), 1)
        df = self._document_frequency(term)
        idf = math.log1p((documents - df + 0.5) / (df + 0.5))
        length = sum(counts.values())
        return idf * freq * (K1 + 1) / (freq + K1 * (1 - B + B * length / postings.average_length))

    def _document_frequency(self, term: int) -> int:
        start = self.postings.start
        return int(start[term + 1] - start[term]) if term + 1 < len(start) else 0

    def top(
        self, query: str, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Keys and scores of the ``k`` best rows with a positive score (within ``allowed``)."""
        scores = self.scores(query)
        if allowed is not None:
            scores = np.where(allowed[: len(scores)], scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        order = candidates[np.argsort(-scores[candidates], kind="stable")]
        return self.keys[order], scores[order]

    def idf(self) -> dict[str, float]:
        """Inverse document frequency of every term in the postings, by term (the weights
        BM25 uses, for the signals that compare two texts term by term)."""
        frequency = np.diff(self.postings.start).astype(np.float64)
        documents = max(int(np.count_nonzero(self.postings.lengths)), 1)
        idf = np.log1p((documents - frequency + 0.5) / (frequency + 0.5))
        return {term: float(idf[i]) for term, i in self.vocabulary.items() if i < len(idf)}

    def shared_terms(self, query_text: str, key: int, limit: int = 5) -> list[str]:
        """The query's terms found in ``key``'s text, the most telling first (for explanations)."""
        row = self._row.get(key)
        if row is None:
            return []
        names = {term: word for word, term in self.vocabulary.items()}
        found: list[tuple[float, str]] = []
        for term in self._query_terms(query_text):
            weight = self._term_weight(term, row)
            if weight > 0:
                found.append((weight, names[term]))
        found.sort(key=lambda item: (-item[0], item[1]))
        return [word for _, word in found[:limit]]

    def _term_weight(self, term: int, row: int) -> float:
        if row in self._delta:
            return self._delta_weight(self._delta[row], term)
        if self._stale[row] or term + 1 >= len(self.postings.start):
            return 0.0
        postings = self.postings
        begin, end = postings.start[term], postings.start[term + 1]
        at = begin + int(np.searchsorted(postings.rows[begin:end], row))
        return float(postings.weight[at]) if at < end and postings.rows[at] == row else 0.0

    def state(self) -> dict[str, Any]:
        """Arrays and vocabulary to save (the delta is merged first)."""
        self.merge()
        postings = self.postings
        return {
            "start": postings.start,
            "rows": postings.rows,
            "frequency": postings.frequency,
            "weight": postings.weight,
            "lengths": postings.lengths,
            "keys": self.keys,
            "vocabulary": list(self.vocabulary),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Bm25Index:
        """The index :meth:`state` described."""
        index = cls()
        index.vocabulary = {word: term for term, word in enumerate(state["vocabulary"])}
        index.keys = np.asarray(state["keys"], dtype=np.int64)
        index._row = {int(key): row for row, key in enumerate(index.keys) if key >= 0}
        index.postings = Postings(
            np.asarray(state["start"]),
            np.asarray(state["rows"]),
            np.asarray(state["frequency"]),
            np.asarray(state["weight"]),
            np.asarray(state["lengths"]),
        )
        index._stale = np.zeros(len(index.keys), dtype=bool)
        return index
