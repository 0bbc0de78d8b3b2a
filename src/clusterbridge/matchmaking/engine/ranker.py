"""The learned ranker: a linear scorer over named features, fitted on past queries.

The weights come from history, never by hand: for a year Y the rows are the projects of
earlier years, each scored against the history before its own year (:func:`training_rows`),
and the fit maximises the listwise likelihood that each project's real partners come first
among its candidates (softmax over the candidates of one query). Linear keeps every score
explainable: :meth:`Ranker.contributions` splits it into one share per feature.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import minimize

from clusterbridge.matchmaking.engine.history import SIGNALS, History, Organisation, Project

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``, called as long work advances."""

PENALTY = 1e-2
"""L2 penalty on the standardised weights (keeps rarely-seen features from running away)."""


@dataclass(frozen=True)
class Query:
    """A new project to find partners for: its coordinator (None for a newcomer) and facts."""

    org: int | None
    parts: tuple[str, ...]
    year: int
    country: str | None
    kind: str | None


class Ranker:
    """Scores candidates from a feature matrix whose columns follow :attr:`features`."""

    def __init__(
        self, features: tuple[str, ...], mean: np.ndarray, scale: np.ndarray, weights: np.ndarray
    ) -> None:
        self.features = features
        self.mean = mean
        self.scale = scale
        self.weights = weights

    @classmethod
    def fit(
        cls, features: tuple[str, ...], x: np.ndarray, relevant: np.ndarray, groups: np.ndarray
    ) -> Ranker:
        """Fit on rows ``x`` with labels ``relevant`` (bool), ``groups`` giving each row's
        query; rows of one query must be contiguous. Queries without a relevant row teach
        nothing and are dropped."""
        mean = x.mean(axis=0) if len(x) else np.zeros(len(features))
        scale = x.std(axis=0) if len(x) else np.ones(len(features))
        scale = np.where(scale > 1e-9, scale, 1.0)
        z = (x - mean) / scale
        starts, keep = _query_starts(groups, relevant)
        loss = _ListwiseLoss(z[keep], relevant[keep].astype(np.float64), starts)
        found = minimize(loss, np.zeros(len(features)), jac=True, method="L-BFGS-B")
        return cls(features, mean, scale, np.asarray(found.x))

    def score(self, x: np.ndarray) -> np.ndarray:
        """One score per row; higher is better."""
        return np.asarray(((x - self.mean) / self.scale) @ self.weights)

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """(rows x features): each feature's share of the score (they sum to the score)."""
        return np.asarray((x - self.mean) / self.scale * self.weights)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form (see :meth:`from_dict`)."""
        return {
            "model": "listwise-linear",
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ranker:
        """The ranker :meth:`to_dict` described."""
        mean, scale, weights = (
            np.asarray(data[name], dtype=np.float64) for name in ("mean", "scale", "weights")
        )
        return cls(tuple(data["features"]), mean, scale, weights)


class _ListwiseLoss:
    """Mean over queries of -log(softmax mass on the relevant rows), with its gradient."""

    def __init__(self, z: np.ndarray, relevant: np.ndarray, starts: np.ndarray) -> None:
        self.z, self.relevant, self.starts = z, relevant, starts
        self.query = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(z))))

    def __call__(self, w: np.ndarray) -> tuple[float, np.ndarray]:
        if len(self.starts) == 0:
            return 0.0, np.zeros_like(w)
        s = self.z @ w
        top = np.maximum.reduceat(s, self.starts)
        e = np.exp(s - top[self.query])
        total = np.add.reduceat(e, self.starts)
        wanted = np.add.reduceat(e * self.relevant, self.starts)
        loss = np.mean(np.log(total) - np.log(wanted))
        p_all = e / total[self.query]
        p_rel = e * self.relevant / wanted[self.query]
        grad = self.z.T @ (p_all - p_rel) / len(self.starts)
        return float(loss + PENALTY * w @ w), grad + 2 * PENALTY * w


def _query_starts(groups: np.ndarray, relevant: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Offsets of each kept query's first row (in the kept rows) and the mask of kept rows."""
    if len(groups) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    boundaries = np.flatnonzero(np.diff(groups) != 0) + 1
    starts = np.concatenate([[0], boundaries])
    useful = np.logical_or.reduceat(relevant.astype(bool), starts)
    sizes = np.diff(np.append(starts, len(groups)))
    keep = np.repeat(useful, sizes)
    kept_sizes = sizes[useful]
    return np.concatenate([[0], np.cumsum(kept_sizes)[:-1]]).astype(np.int64), keep


def feature_matrix(
    history: History, query: Query, candidates: np.ndarray, features: Sequence[str] = SIGNALS
) -> np.ndarray:
    """The (candidates x features) matrix of the history signals for one query."""
    values = history.signals(
        query.org, candidates, query.parts, query.year, query.country, query.kind
    )
    return np.column_stack([values[name] for name in features])


def training_rows(
    history: History,
    projects: Iterable[Project],
    organisations: Mapping[int, Organisation],
    limit: int,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, relevant, groups) for fitting: each project whose coordinator the history knows is
    a query against ``history``; its other members are the relevant rows. Projects starting
    before ``history.before_year`` are already in the history and would leak: refused."""
    chosen = [p for p in projects if history.index(p.coordinator) >= 0 and len(p.members) > 1]
    blocks: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    for done, project in enumerate(chosen, start=1):
        if project.year < history.before_year:
            raise ValueError(
                f"project {project.key} ({project.year}) is inside the history "
                f"(before {history.before_year}): it cannot be a training query"
            )
        query = project_query(project, organisations)
        candidates = history.candidates(query.org, query.parts, limit)
        blocks.append(feature_matrix(history, query, candidates))
        labels.append(np.isin(candidates, project.members))
        if progress is not None and (done % 100 == 0 or done == len(chosen)):
            progress("building training rows", done, len(chosen))
    if not blocks:
        return np.zeros((0, len(SIGNALS))), np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64)
    groups = np.repeat(np.arange(len(blocks)), [len(b) for b in blocks])
    return np.vstack(blocks), np.concatenate(labels), groups


def project_query(project: Project, organisations: Mapping[int, Organisation]) -> Query:
    """A past project seen as the query its coordinator would have made."""
    lead = organisations.get(project.coordinator) if project.coordinator is not None else None
    return Query(
        org=project.coordinator,
        parts=project.parts,
        year=project.year,
        country=lead.country if lead else None,
        kind=lead.kind if lead else None,
    )


def fit_for_year(
    projects: Sequence[Project],
    organisations: Sequence[Organisation],
    year: int,
    limit: int,
    progress: Progress | None = None,
) -> Ranker | None:
    """The ranker for queries of ``year``: fitted on the projects of ``year - 1`` against the
    history before ``year - 1``, so nothing of ``year`` or later is seen. None when that
    year holds no project to learn from."""
    history = History.build(projects, organisations, before_year=year - 1)
    facts = {o.key: o for o in organisations}
    last_year = [p for p in projects if p.year == year - 1]
    x, relevant, groups = training_rows(history, last_year, facts, limit, progress)
    if not relevant.any():
        return None
    return Ranker.fit(SIGNALS, x, relevant, groups)
