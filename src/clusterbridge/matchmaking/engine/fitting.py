"""Fitting the platform's ranker on its own collaboration history, with a temporal split:
for each fitting year, signals come from the years before it and the truth from its projects."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from clusterbridge.matchmaking.engine.history import Project
from clusterbridge.matchmaking.engine.pairs import Asker
from clusterbridge.matchmaking.engine.profiles import Filters
from clusterbridge.matchmaking.engine.ranker import Ranker
from clusterbridge.matchmaking.engine.recommender import Query, Recommender

FITTING_YEARS = 3
"""How many of the latest years with projects serve as truth."""
MIN_QUERIES = 30
"""Fewer usable queries than this fit no ranker: the weights would follow noise."""


@dataclass(frozen=True)
class Examples:
    """Candidate rows of many queries: signals, whether each was a real partner, query ids."""

    x: np.ndarray
    relevant: np.ndarray
    groups: np.ndarray

    @property
    def queries(self) -> int:
        return len(np.unique(self.groups)) if len(self.groups) else 0


def examples(
    recommender_before: Callable[[int], Recommender],
    projects: Sequence[Project],
    asker_of: Callable[[int], Asker | None],
    years: Sequence[int],
    features: tuple[str, ...],
) -> Examples:
    """One query per project of each year in ``years`` (its coordinator, or else its first
    member, asking), ranked by a recommender that knows only the years before; projects
    whose partners are never among the candidates teach nothing and are left out."""
    xs: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    groups: list[np.ndarray] = []
    for year in years:
        recommender = recommender_before(year)
        for project in projects:
            lead = project.coordinator or project.members[0]
            asker = asker_of(lead) if project.year == year else None
            if asker is None:
                continue
            stated = bool(asker.profile.needs.strip())
            query = Query(asker, Filters(), year=year, parts=project.parts, explicit=stated)
            found = recommender.candidates(query, features)
            relevant = np.isin(found.keys, [m for m in project.members if m != lead])
            if not relevant.any() or relevant.all():
                continue
            xs.append(found.x)
            labels.append(relevant)
            groups.append(np.full(len(found.keys), len(groups), dtype=np.int64))
    if not xs:
        return Examples(np.zeros((0, len(features))), np.zeros(0, bool), np.zeros(0, np.int64))
    return Examples(np.vstack(xs), np.concatenate(labels), np.concatenate(groups))


def fitting_years(projects: Sequence[Project], before: int) -> list[int]:
    """The latest :data:`FITTING_YEARS` years before ``before`` that have projects."""
    years = sorted({p.year for p in projects if p.year < before})
    return years[-FITTING_YEARS:]


def fit(examples: Examples, features: tuple[str, ...]) -> Ranker | None:
    """The fitted ranker, or None when the history holds too few usable queries."""
    if examples.queries < MIN_QUERIES:
        return None
    return Ranker.fit(features, examples.x, examples.relevant, examples.groups)
