"""Text retrieval over organisation profiles: filters, BM25 and sentence embeddings, fused.

A :class:`ProfileIndex` gives each profile a row on first sight; its BM25 index, its vector
index (keyed by row) and its filter columns all share those rows, so a filter becomes one
boolean mask that every signal reads. Changed profiles are held apart (their columns stale)
and checked one by one with :meth:`Filters.admits` until the columns are rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from clusterbridge.matchmaking.engine.embeddings import Encoder, semantic_missing
from clusterbridge.matchmaking.engine.profiles import Filters, Profile
from clusterbridge.matchmaking.engine.text import Bm25Index
from clusterbridge.matchmaking.engine.vectors import VectorIndex

Fusion = Literal["rrf", "score"]
Progress = Callable[[int, int], None]
"""Called with (profiles done, total) while an index is built."""
RRF_K = 60
"""The usual constant of reciprocal-rank fusion: damps the weight of the very first ranks."""
BATCH = 2_048
REBUILD_AT = 10_000
"""Changed profiles held apart before the filter columns are rebuilt."""


@dataclass(frozen=True)
class TextHit:
    """A candidate and its text signals: BM25 score, cosine similarity (None without the
    semantic signal) and the fused score that ranks them."""

    key: int
    bm25: float
    semantic: float | None
    fused: float


class _Codes:
    """Small integer codes for the values of one attribute (-1 for None)."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def code(self, value: str | None) -> int:
        return -1 if value is None else self.values.setdefault(value, len(self.values))

    def codes(self, values: Iterable[str]) -> list[int]:
        return [self.values[value] for value in values if value in self.values]


@dataclass
class _Pairs:
    """(value, row) pairs sorted by value, to find the rows of a few values by bisection."""

    values: np.ndarray
    rows: np.ndarray

    @classmethod
    def of(cls, values: list[int], rows: list[int]) -> _Pairs:
        value_array, row_array = np.asarray(values, np.int64), np.asarray(rows, np.int64)
        order = np.argsort(value_array, kind="stable")
        return cls(value_array[order], row_array[order])

    def rows_of(self, wanted: Iterable[int], size: int) -> np.ndarray:
        mask = np.zeros(size, dtype=bool)
        for value in wanted:
            begin, end = np.searchsorted(self.values, [value, value + 1])
            mask[self.rows[begin:end]] = True
        return mask


class _Columns:
    """Filter columns of every row, built in one pass over the profiles."""

    def __init__(self, profiles: Sequence[Profile | None]) -> None:
        self.countries, self.kinds, self.sizes = _Codes(), _Codes(), _Codes()
        self.industries = _Codes()
        size = len(profiles)
        country, kind, firm_size = (np.full(size, -1, np.int16) for _ in range(3))
        cluster_values: list[int] = []
        cluster_rows: list[int] = []
        code_values: list[int] = []
        code_rows: list[int] = []
        for row, profile in enumerate(profiles):
            if profile is None:
                continue
            country[row] = self.countries.code(profile.country)
            kind[row] = self.kinds.code(profile.kind)
            firm_size[row] = self.sizes.code(profile.size)
            cluster_values.extend(profile.clusters)
            cluster_rows.extend([row] * len(profile.clusters))
            code_values.extend(self.industries.code(code) for code in profile.industries)
            code_rows.extend([row] * len(profile.industries))
        self.country, self.kind, self.size = country, kind, firm_size
        self.present = np.array([profile is not None for profile in profiles], dtype=bool)
        self.clusters = _Pairs.of(cluster_values, cluster_rows)
        self.industry = _Pairs.of(code_values, code_rows)

    def mask(self, filters: Filters) -> np.ndarray:
        """Rows admitted by ``filters`` (exclusions and changed rows are left to the caller)."""
        mask = self.present.copy()
        size = len(mask)
        if filters.countries:
            mask &= np.isin(self.country, self.countries.codes(filters.countries))
        if filters.abroad_of is not None and filters.abroad_of in self.countries.values:
            mask &= self.country != self.countries.values[filters.abroad_of]
        if filters.kinds:
            mask &= np.isin(self.kind, self.kinds.codes(filters.kinds))
        if filters.sizes:
            mask &= np.isin(self.size, self.sizes.codes(filters.sizes))
        if filters.clusters:
            mask &= self.clusters.rows_of(filters.clusters, size)
        if filters.industries:
            codes = [
                number
                for code, number in self.industries.values.items()
                if code.startswith(tuple(filters.industries))
            ]
            mask &= self.industry.rows_of(codes, size)
        return mask


class ProfileIndex:
    """Every profile's text signals and filter columns, searchable with filters."""

    def __init__(self, encoder: Encoder | None = None) -> None:
        self.encoder = encoder
        self.bm25 = Bm25Index()
        self.vectors: VectorIndex | None = VectorIndex.create(encoder.dim) if encoder else None
        self._profiles: list[Profile | None] = []
        self._row: dict[int, int] = {}
        self._columns = _Columns([])
        self._changed: dict[int, Profile | None] = {}
        self._last: tuple[str, np.ndarray, np.ndarray | None] | None = None

    @property
    def semantic_note(self) -> str | None:
        """Why the semantic signal is absent, or None when it is in use."""
        if self.vectors is not None:
            return None
        return semantic_missing() or "Semantic text matching is off for this index."

    @classmethod
    def build(
        cls, profiles: Iterable[Profile], encoder: Encoder | None, progress: Progress | None = None
    ) -> ProfileIndex:
        """An index of ``profiles``; embeddings are computed in batches when there is an encoder."""
        index = cls(encoder)
        given = list(profiles)
        index._profiles = list(given)
        index._row = {profile.key: row for row, profile in enumerate(given)}
        if len(index._row) != len(given):
            raise ValueError("two profiles have the same key")
        rows = list(range(len(given)))
        texts = [profile.text for profile in given]
        index.bm25 = Bm25Index.build(rows, texts)
        index._columns = _Columns(index._profiles)
        if index.vectors is not None and encoder is not None:
            for start in range(0, len(texts), BATCH):
                batch = texts[start : start + BATCH]
                index.vectors.add(np.arange(start, start + len(batch)), encoder.encode(batch))
                if progress:
                    progress(start + len(batch), len(texts))
        elif progress:
            progress(len(texts), len(texts))
        return index

    def __len__(self) -> int:
        return len(self._row)

    def has(self, key: int) -> bool:
        """Whether ``key`` is indexed."""
        return key in self._row

    def profile(self, key: int) -> Profile:
        """The indexed profile of ``key`` (KeyError when it is not indexed)."""
        profile = self._profiles[self._row[key]]
        assert profile is not None, "a removed key kept its row"
        return profile

    def upsert(self, profile: Profile) -> None:
        """Index a new or changed profile; its signals move at once."""
        row = self._row.get(profile.key)
        if row is None:
            row = len(self._profiles)
            self._profiles.append(profile)
            self._row[profile.key] = row
        self._profiles[row] = profile
        self.bm25.update(row, profile.text)
        if self.vectors is not None and self.encoder is not None:
            self.vectors.update(np.array([row]), self.encoder.encode([profile.text]))
        self._note_change(row, profile)

    def remove(self, key: int) -> None:
        """Forget ``key``'s profile."""
        row = self._row.pop(key, None)
        if row is None:
            return
        self._profiles[row] = None
        self.bm25.remove(row)
        if self.vectors is not None:
            self.vectors.remove(np.array([row]))
        self._note_change(row, None)

    def _note_change(self, row: int, profile: Profile | None) -> None:
        self._last = None
        self._changed[row] = profile
        if len(self._changed) >= REBUILD_AT:
            self._columns = _Columns(self._profiles)
            self._changed.clear()

    def mask(self, filters: Filters) -> np.ndarray:
        """Rows admitted by ``filters``: the same answer as :meth:`Filters.admits`, row by row."""
        size = len(self._profiles)
        mask = self._columns.mask(filters)
        if len(mask) < size:
            mask = np.concatenate([mask, np.zeros(size - len(mask), dtype=bool)])
        for row, profile in self._changed.items():
            mask[row] = profile is not None and filters.admits(profile)
        for key in filters.exclude:
            excluded = self._row.get(key)
            if excluded is not None:
                mask[excluded] = False
        return mask

    def keys(self, mask: np.ndarray) -> list[int]:
        """The keys of the rows a mask admits (for tests and small result sets)."""
        return [p.key for row in np.flatnonzero(mask) if (p := self._profiles[row]) is not None]

    def search(
        self, text: str, filters: Filters, limit: int, fusion: Fusion = "rrf"
    ) -> list[TextHit]:
        """The ``limit`` admitted profiles whose text best matches ``text``, best first."""
        mask = self.mask(filters)
        depth = max(4 * limit, 50)
        lexical, query = self._scored(text)
        lexical_scores = np.where(mask, lexical, 0.0)
        found = np.flatnonzero(lexical_scores > 0)
        if len(found) > depth:
            found = found[np.argpartition(-lexical_scores[found], depth - 1)[:depth]]
        if query is not None and self.vectors is not None:
            near, _ = self.vectors.search(query, depth, mask)
            found = np.union1d(found, near)
        if len(found) == 0:
            return []
        bm25 = lexical[found].astype(np.float64)
        semantic = None
        if query is not None and self.vectors is not None:
            semantic = (self.vectors.vectors(found) @ query).astype(np.float64)
        fused = fuse(bm25, semantic, fusion)
        best = np.argsort(-fused, kind="stable")[:limit]
        return [
            TextHit(
                key=self.key_of_row(int(found[i])),
                bm25=float(bm25[i]),
                semantic=None if semantic is None else float(semantic[i]),
                fused=float(fused[i]),
            )
            for i in best
        ]

    def hits(self, text: str, filters: Filters, limit: int) -> list[int]:
        """Keys of the ``limit`` best text matches (the recommender's candidate source)."""
        return [hit.key for hit in self.search(text, filters, limit)]

    def text_scores(self, text: str, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """BM25 scores and cosine similarities of ``keys`` for ``text`` (similarities are 0
        without the semantic signal, and both are 0 for keys not indexed)."""
        rows = np.array([self._row.get(int(key), -1) for key in keys], dtype=np.int64)
        known = rows >= 0
        bm25 = np.zeros(len(rows), dtype=np.float64)
        semantic = np.zeros(len(rows), dtype=np.float64)
        if known.any():
            lexical, query = self._scored(text)
            bm25[known] = lexical[rows[known]]
            if query is not None and self.vectors is not None:
                semantic[known] = self.vectors.vectors(rows[known]) @ query
        return bm25, semantic

    def shared_terms(self, text: str, key: int, limit: int = 5) -> list[str]:
        """Words of ``text`` that ``key``'s profile also uses, the most telling first."""
        row = self._row.get(key)
        return [] if row is None else self.bm25.shared_terms(text, row, limit)

    def key_of_row(self, row: int) -> int:
        """The key of a row (rows are what the vector index and BM25 are keyed by)."""
        profile = self._profiles[row]
        assert profile is not None, "a removed row was found"
        return profile.key

    def _scored(self, text: str) -> tuple[np.ndarray, np.ndarray | None]:
        """BM25 scores of every row and the query vector, kept for the last text: a
        recommendation searches, then scores its candidates, with the same text."""
        if self._last is None or self._last[0] != text:
            self._last = (text, self.bm25.scores(text), self._query_vector(text))
        return self._last[1], self._last[2]

    def _query_vector(self, text: str) -> np.ndarray | None:
        if self.encoder is None or self.vectors is None or not text.strip():
            return None
        return np.asarray(self.encoder.encode([text])[0], dtype=np.float32)

    def save(self, folder: Path) -> None:
        """Write the index into ``folder``: profiles, BM25 arrays and the vector file."""
        folder.mkdir(parents=True, exist_ok=True)
        state = self.bm25.state()
        vocabulary = state.pop("vocabulary")
        np.savez(folder / "bm25.npz", **state)
        (folder / "bm25_vocabulary.json").write_text(json.dumps(vocabulary))
        with (folder / "profiles.jsonl").open("w", encoding="utf-8") as out:
            for profile in self._profiles:
                out.write(json.dumps(_as_json(profile)) + "\n")
        if self.vectors is not None:
            self.vectors.save(folder)

    @classmethod
    def load(cls, folder: Path, encoder: Encoder | None = None) -> ProfileIndex:
        """The index :meth:`save` wrote; the vectors are used only with an ``encoder``."""
        index = cls(None)
        with (folder / "profiles.jsonl").open(encoding="utf-8") as lines:
            index._profiles = [_from_json(json.loads(line)) for line in lines]
        index._row = {p.key: row for row, p in enumerate(index._profiles) if p is not None}
        state: dict[str, Any] = dict(np.load(folder / "bm25.npz"))
        state["vocabulary"] = json.loads((folder / "bm25_vocabulary.json").read_text())
        index.bm25 = Bm25Index.from_state(state)
        index._columns = _Columns(index._profiles)
        if encoder is not None and (folder / "vectors.json").exists():
            index.vectors = VectorIndex.load(folder)
            if index.vectors.dim != encoder.dim:
                raise ValueError(f"the saved vectors have {index.vectors.dim} columns")
            index.encoder = encoder
        return index


def fuse(bm25: np.ndarray, semantic: np.ndarray | None, fusion: Fusion) -> np.ndarray:
    """One score per candidate from the two signals (BM25 alone when ``semantic`` is None)."""
    if semantic is None:
        return bm25 / bm25.max() if bm25.max() > 0 else bm25
    if fusion == "rrf":
        lexical = np.where(bm25 > 0, 1.0 / (RRF_K + _ranks(bm25)), 0.0)
        return lexical + 1.0 / (RRF_K + _ranks(semantic))
    return 0.5 * _spread(bm25) + 0.5 * _spread(semantic)


def _ranks(scores: np.ndarray) -> np.ndarray:
    """1 for the highest score, 2 for the next..."""
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[np.argsort(-scores, kind="stable")] = np.arange(1, len(scores) + 1)
    return ranks


def _spread(scores: np.ndarray) -> np.ndarray:
    """Scores rescaled to 0..1 over the candidates."""
    low, high = float(scores.min()), float(scores.max())
    return (scores - low) / (high - low) if high > low else np.zeros_like(scores)


def _as_json(profile: Profile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    data = asdict(profile)
    for name in ("industries", "technologies", "clusters"):
        data[name] = sorted(data[name])
    return data


def _from_json(data: dict[str, Any] | None) -> Profile | None:
    if data is None:
        return None
    for name in ("industries", "technologies", "clusters"):
        data[name] = frozenset(data[name])
    return Profile(**data)
