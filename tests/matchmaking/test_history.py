"""Collaboration-history signals and baselines on small histories where the answer is known."""

from __future__ import annotations

import math

import numpy as np
import pytest

from clusterbridge.matchmaking.engine import baselines
from clusterbridge.matchmaking.engine.history import (
    SIGNAL_GROUPS,
    SIGNALS,
    History,
    Organisation,
    Project,
)

A, B, C, D, E, F, G = 1, 2, 3, 4, 5, 6, 7
ORGS = [
    Organisation(A, "university", "ES"),
    Organisation(B, "company", "ES"),
    Organisation(C, "research_centre", "DE"),
    Organisation(D, "company", "FR"),
    Organisation(E, "university", "IT"),
    Organisation(F, "company", "DE"),
    Organisation(G, "public_body", "ES"),
]


def project(
    key: str, year: int, members: tuple[int, ...], parts: tuple[str, ...] = ("SC3",)
) -> Project:
    return Project(key, year, parts, members, members[0])


PROJECTS = [
    project("p1", 2015, (A, B, C)),
    project("p2", 2016, (A, B)),
    project("p3", 2017, (A, B, D)),
    project("p4", 2016, (C, E)),
    project("p5", 2017, (F, E), ("LEIT",)),
    project("p6", 2017, (F, G), ("LEIT",)),
]


def test_signals_and_groups_agree() -> None:
    grouped = [name for names in SIGNAL_GROUPS.values() for name in names]
    assert tuple(grouped) == SIGNALS
    assert len(set(SIGNALS)) == len(SIGNALS)
    history = History.build(PROJECTS, ORGS, before_year=2018)
    values = history.signals(A, np.array([B, C]), ("SC3",), 2018, "ES", "university")
    assert list(values) == list(SIGNALS)
    assert all(v.shape == (2,) for v in values.values())


def test_frequent_partner_ranks_first() -> None:
    history = History.build(PROJECTS, ORGS, before_year=2018)
    assert baselines.past_partners(history, A, 3) == [B, C, D]
    assert history.candidates(A, ("SC3",), 10)[0] == B
    assert history.past_projects(A, B) == 3
    assert history.past_projects(A, E) == 0
    values = history.signals(A, np.array([B, C, D]), ("SC3",), 2018, "ES", "university")
    assert values["past_projects"][0] == pytest.approx(math.log1p(3))
    assert values["past_recency"][0] > values["past_recency"][2] > values["past_recency"][1]


def test_a_project_of_the_ranked_year_never_counts() -> None:
    late = project("late", 2018, (A, E, G))
    before = History.build(PROJECTS, ORGS, before_year=2018)
    with_late = History.build([*PROJECTS, late], ORGS, before_year=2018)
    candidates = np.array([B, C, D, E, F, G])
    first = before.signals(A, candidates, ("SC3",), 2018, "ES", "university")
    second = with_late.signals(A, candidates, ("SC3",), 2018, "ES", "university")
    for name in SIGNALS:
        assert first[name] == pytest.approx(second[name]), name
    assert with_late.past_projects(A, G) == 0
    assert set(with_late.candidates(A, ("SC3",), 10).tolist()) == set(
        before.candidates(A, ("SC3",), 10).tolist()
    )


def test_who_led_and_how_close_the_tie_was() -> None:
    # A led p1 (A, B, C), p2 (A, B) and p3 (A, B, D); C led p4 (C, E).
    history = History.build(PROJECTS, ORGS, before_year=2018)
    values = history.signals(A, np.array([B, C, D, E]), ("SC3",), 2018, "ES", "university")
    assert values["past_led"].tolist() == pytest.approx(
        [math.log1p(3), math.log1p(1), math.log1p(1), 0.0]
    )
    # one other member in p2, two in p1 and p3: 1 + 1/2 + 1/2 for B, 1/2 for C and D
    assert values["past_small"].tolist() == pytest.approx(
        [math.log1p(2.0), math.log1p(0.5), math.log1p(0.5), 0.0]
    )
    # B and D only ever worked with A; C also worked with E
    assert values["past_exclusive"].tolist() == pytest.approx([1.0, 0.5, 1.0, 0.0])
    assert not values["past_led_by_them"].any()
    from_e = history.signals(E, np.array([C]), ("SC3",), 2018, "IT", "university")
    assert from_e["past_led_by_them"].tolist() == pytest.approx([math.log1p(1)])
    assert from_e["past_led"].tolist() == [0.0]


def test_adamic_adar_on_five_nodes_by_hand() -> None:
    # Edges A-B, A-C, B-C, B-D, C-D, D-E: degrees A 2, B 3, C 3, D 3, E 1.
    edges = [(A, B), (A, C), (B, C), (B, D), (C, D), (D, E)]
    history = History.build(
        [project(f"e{i}", 2016, pair) for i, pair in enumerate(edges)], ORGS[:5], before_year=2018
    )
    scores = dict(zip(history.keys.tolist(), history.adamic_adar(A).tolist(), strict=True))
    assert scores[D] == pytest.approx(2 / math.log(3))  # via B and C
    assert scores[B] == pytest.approx(1 / math.log(3))  # via C
    assert scores[E] == 0.0
    assert scores[A] == 0.0
    assert baselines.adamic_adar(history, A, 2) == [D, B]
    assert dict(zip(history.keys.tolist(), history.adamic_adar(E).tolist(), strict=True))[
        B
    ] == pytest.approx(1 / math.log(3))


def test_newcomer_gets_only_general_signals() -> None:
    history = History.build(PROJECTS, ORGS, before_year=2018)
    candidates = history.candidates(None, ("LEIT",), 10)
    assert set(candidates.tolist()) == {E, F, G}
    assert candidates[0] == F  # two LEIT projects
    unknown = history.candidates(999, ("LEIT",), 10)
    assert unknown.tolist() == candidates.tolist()
    values = history.signals(None, candidates, ("LEIT",), 2018, "DE", "company")
    for name in SIGNAL_GROUPS["past partners"] + SIGNAL_GROUPS["graph proximity"]:
        assert not values[name].any(), name
    assert values["part_projects"][0] == pytest.approx(math.log1p(2))
    assert values["same_country"].tolist() == [1.0, 0.0, 0.0]


def test_programme_activity_baseline_and_shared_partners() -> None:
    history = History.build(PROJECTS, ORGS, before_year=2018)
    assert baselines.programme_activity(history, None, ("LEIT",), 2) == [F, E]
    assert baselines.programme_activity(history, F, ("LEIT",), 2) == [E, G]
    assert history.shared_partners(B, C) == [A]
    assert history.shared_partners(A, 999) == []


def test_candidates_respect_the_limit_and_exclude_the_coordinator() -> None:
    history = History.build(PROJECTS, ORGS, before_year=2018)
    candidates = history.candidates(A, ("SC3", "LEIT"), 3)
    assert len(candidates) == 3
    assert A not in candidates.tolist()
