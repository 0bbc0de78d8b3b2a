"""Ranking candidates for one asker: gather them (text and history), compute every signal,
score with the fitted ranker, and keep what explains each recommendation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from clusterbridge.matchmaking.engine.pairs import (
    PAIR_SIGNALS,
    Asker,
    TermSets,
    pair_signals,
    shared_industries,
    shared_terms,
)
from clusterbridge.matchmaking.engine.profiles import Filters, Profile

TEXT_SIGNALS: tuple[str, ...] = ("bm25", "semantic")
TEXT_CANDIDATES = 200
HISTORY_CANDIDATES = 150
NEED_CANDIDATES = 40
"""With an explicit need (a post, a typed need) only the organisations most relevant to it are
ranked: relevance selects, the fitted signals order. Otherwise a partner of partners with no
bearing on the need could outrank every supplier of it."""


class TextIndex(Protocol):
    """What the recommender needs of the profile index (``engine.retrieval.ProfileIndex``)."""

    def profile(self, key: int) -> Profile: ...
    def has(self, key: int) -> bool: ...
    def hits(self, text: str, filters: Filters, limit: int) -> list[int]: ...
    def text_scores(self, text: str, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...


class PartnerHistory(Protocol):
    """What the recommender needs of the collaboration history (``engine.history.History``)."""

    def candidates(self, org: int | None, parts: Sequence[str], limit: int) -> np.ndarray: ...
    def signals(
        self,
        org: int | None,
        candidates: np.ndarray,
        parts: Sequence[str],
        year: int,
        country: str | None,
        kind: str | None,
    ) -> dict[str, np.ndarray]: ...
    def shared_partners(self, a: int, b: int, limit: int = 3) -> list[int]: ...
    def past_projects(self, a: int, b: int) -> int: ...


class Scorer(Protocol):
    features: tuple[str, ...]

    def score(self, x: np.ndarray) -> np.ndarray: ...
    def contributions(self, x: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class Query:
    """One request for partners: who asks, for what, with which filters."""

    asker: Asker
    filters: Filters
    year: int
    """The year the partnership would start: history up to the year before counts."""
    parts: tuple[str, ...] = ()
    """Programmes or topics the partnership is for (CORDIS programme parts)."""
    k: int = 10
    explicit: bool = False
    """The need was stated (a post, a typed need, the profile's own needs), not guessed from
    what the asker does: only the organisations most relevant to it are then ranked."""


@dataclass(frozen=True)
class Recommendation:
    """One recommended partner with what made it rank."""

    key: int
    score: float
    contributions: Mapping[str, float]
    """Each signal's part of the score (positive: for, negative: against)."""
    values: Mapping[str, float]
    """Each signal's raw value for this pair."""
    shared_terms: tuple[str, ...] = ()
    shared_industries: tuple[str, ...] = ()
    shared_technologies: tuple[str, ...] = ()
    shared_partners: tuple[int, ...] = ()
    past_projects: int = 0


@dataclass
class Candidates:
    """Candidate keys with their signal matrix (one row each, columns in ``features``)."""

    keys: np.ndarray
    features: tuple[str, ...]
    x: np.ndarray
    extra: dict[str, np.ndarray] = field(default_factory=dict)


class Recommender:
    """Ranks candidates for queries over one profile index, one history and one ranker."""

    def __init__(self, index: TextIndex, history: PartnerHistory, sets: TermSets) -> None:
        self.index = index
        self.history = history
        self.sets = sets

    def candidates(self, query: Query, features: tuple[str, ...]) -> Candidates:
        """Text hits and history candidates that pass the filters, with every signal."""
        asker = query.asker
        limit = max(NEED_CANDIDATES, 4 * query.k) if query.explicit else TEXT_CANDIDATES
        keys = set(self.index.hits(asker.need, query.filters, limit))
        own = asker.profile.key if self.index.has(asker.profile.key) else None
        if not (query.explicit and keys):
            for key in self.history.candidates(own, query.parts, HISTORY_CANDIDATES).tolist():
                if self.index.has(key) and query.filters.admits(self.index.profile(key)):
                    keys.add(key)
        keys.discard(asker.profile.key)
        ordered = np.asarray(sorted(keys), dtype=np.int64)
        columns = self._signals(query, own, ordered)
        x = np.column_stack([columns[name] for name in features]) if len(ordered) else None
        return Candidates(ordered, features, x if x is not None else np.zeros((0, len(features))))

    def recommend(self, query: Query, ranker: Scorer) -> list[Recommendation]:
        """The ``query.k`` best candidates, best first, each with its explanation."""
        found = self.candidates(query, ranker.features)
        if not len(found.keys):
            return []
        scores = ranker.score(found.x)
        order = np.lexsort((found.keys, -scores))[: query.k]
        parts = ranker.contributions(found.x[order])
        return [
            self._explained(query, int(found.keys[i]), float(scores[i]), found, row, parts[n])
            for n, (i, row) in enumerate(zip(order, found.x[order], strict=True))
        ]

    def _signals(self, query: Query, own: int | None, keys: np.ndarray) -> dict[str, np.ndarray]:
        asker = query.asker
        profiles = [self.index.profile(int(key)) for key in keys]
        bm25, semantic = self.index.text_scores(asker.need, keys)
        top = float(bm25.max()) if len(bm25) else 0.0
        columns = {"bm25": bm25 / top if top > 0 else bm25, "semantic": semantic}
        columns.update(pair_signals(asker, profiles, self.sets))
        columns.update(
            self.history.signals(
                own, keys, query.parts, query.year, asker.profile.country, asker.profile.kind
            )
        )
        return columns

    def _explained(
        self,
        query: Query,
        key: int,
        score: float,
        found: Candidates,
        row: np.ndarray,
        parts: np.ndarray,
    ) -> Recommendation:
        asker = query.asker
        them = self.index.profile(key)
        known = self.index.has(asker.profile.key)
        return Recommendation(
            key=key,
            score=score,
            contributions=dict(zip(found.features, map(float, parts), strict=True)),
            values=dict(zip(found.features, map(float, row), strict=True)),
            shared_terms=self._shared_terms(asker.need, them),
            shared_industries=tuple(shared_industries(asker.industries, them.industries)[:3]),
            shared_technologies=tuple(sorted(asker.technologies & them.technologies)[:3]),
            shared_partners=tuple(
                self.history.shared_partners(asker.profile.key, key) if known else ()
            ),
            past_projects=self.history.past_projects(asker.profile.key, key) if known else 0,
        )

    def _shared_terms(self, need: str, them: Profile) -> tuple[str, ...]:
        """Words of the need found in their offer first, then in the rest of their profile."""
        terms, idf = self.sets.terms, self.sets.idf
        found = shared_terms(need, them.offers, terms, idf, 5)
        found += [t for t in shared_terms(need, them.text, terms, idf, 5) if t not in found]
        return tuple(found[:5])


ALL_SIGNALS: tuple[str, ...] = TEXT_SIGNALS + PAIR_SIGNALS
"""The signals the recommender computes itself; the history adds its own."""
