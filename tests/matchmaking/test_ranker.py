"""The learned ranker: it learns what separates partners, explains itself, and never trains on
the year it ranks."""

from __future__ import annotations

import json

import numpy as np
import pytest

from clusterbridge.matchmaking.engine.history import SIGNALS, History, Organisation, Project
from clusterbridge.matchmaking.engine.ranker import (
    Query,
    Ranker,
    feature_matrix,
    fit_for_year,
    training_rows,
)

FEATURES = ("useful", "noise")


def synthetic(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """40 queries of 20 rows; the relevant row has the highest 'useful' value (plus noise)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(800, 2))
    groups = np.repeat(np.arange(40), 20)
    relevant = np.zeros(800, dtype=bool)
    for q in range(40):
        rows = slice(q * 20, q * 20 + 20)
        relevant[q * 20 + int(np.argmax(x[rows, 0] + 0.1 * rng.normal(size=20)))] = True
    return x, relevant, groups


def test_fit_learns_the_useful_feature() -> None:
    x, relevant, groups = synthetic()
    ranker = Ranker.fit(FEATURES, x, relevant, groups)
    assert ranker.weights[0] > 1.0
    assert abs(ranker.weights[1]) < ranker.weights[0] / 5
    fresh, fresh_relevant, _ = synthetic(seed=1)
    top = [int(np.argmax(ranker.score(fresh[q * 20 : q * 20 + 20]))) for q in range(40)]
    found = [fresh_relevant[q * 20 + t] for q, t in enumerate(top)]
    assert sum(found) >= 30


def test_contributions_sum_to_the_score_and_round_trip() -> None:
    x, relevant, groups = synthetic()
    ranker = Ranker.fit(FEATURES, x, relevant, groups)
    parts = ranker.contributions(x[:5])
    assert parts.shape == (5, 2)
    assert parts.sum(axis=1) == pytest.approx(ranker.score(x[:5]))
    again = Ranker.from_dict(json.loads(json.dumps(ranker.to_dict())))
    assert again.features == FEATURES
    assert again.score(x[:5]) == pytest.approx(ranker.score(x[:5]))


def test_queries_without_a_relevant_row_are_ignored() -> None:
    x, relevant, groups = synthetic()
    blank = np.zeros(20, dtype=bool)
    noisy_x = np.vstack([x, np.column_stack([np.full(20, 9.0), np.zeros(20)])])
    ranker = Ranker.fit(
        FEATURES, noisy_x, np.concatenate([relevant, blank]), np.append(groups, [40] * 20)
    )
    assert ranker.weights[0] > 1.0


ORGS = [Organisation(k, "company", "ES") for k in range(1, 13)]


def history_projects() -> list[Project]:
    """Coordinators 1-4 keep going back to the same partner (their key + 4) year after year,
    with a changing third member drawn from the same programme part."""
    projects = []
    for year in (2014, 2015, 2016, 2017):
        for lead in (1, 2, 3, 4):
            other = 9 + (lead + year) % 4
            projects.append(
                Project(f"{lead}-{year}", year, ("SC1",), (lead, lead + 4, other), lead)
            )
    return projects


def test_fitted_ranker_puts_the_repeated_partner_first() -> None:
    projects = history_projects()
    ranker = fit_for_year(projects, ORGS, 2018, limit=20)
    assert ranker is not None
    assert ranker.features == SIGNALS
    history = History.build(projects, ORGS, before_year=2018)
    query = Query(1, ("SC1",), 2018, "ES", "company")
    candidates = history.candidates(1, ("SC1",), 20)
    best = candidates[np.argmax(ranker.score(feature_matrix(history, query, candidates)))]
    assert best == 5


def test_the_ranked_year_never_enters_the_fit() -> None:
    projects = history_projects()
    odd = [Project(f"x{i}", 2018, ("SC1",), (1, 12, 11), 1) for i in range(5)]
    plain = fit_for_year(projects, ORGS, 2018, limit=20)
    polluted = fit_for_year([*projects, *odd], ORGS, 2018, limit=20)
    assert plain is not None
    assert polluted is not None
    assert polluted.weights == pytest.approx(plain.weights)


def test_training_rows_refuse_projects_inside_the_history() -> None:
    projects = history_projects()
    history = History.build(projects, ORGS, before_year=2017)
    facts = {o.key: o for o in ORGS}
    x, relevant, groups = training_rows(history, [p for p in projects if p.year == 2017], facts, 20)
    assert x.shape[1] == len(SIGNALS)
    assert relevant.sum() == 8  # two partners in each of four projects
    assert len(set(groups.tolist())) == 4
    with pytest.raises(ValueError, match="inside the history"):
        training_rows(history, [p for p in projects if p.year == 2016], facts, 20)


def test_nothing_to_learn_from_gives_no_ranker() -> None:
    assert fit_for_year(history_projects(), ORGS, 2014, limit=20) is None
