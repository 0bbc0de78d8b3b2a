"""Ranking metrics on hand-computed examples."""

from __future__ import annotations

import math

import pytest

from clusterbridge.matchmaking.engine.metrics import (
    hit_at,
    mean_metrics,
    mrr_at,
    ndcg_at,
    query_metrics,
    recall_at,
)

RANKING = [5, 3, 9, 1, 7]


def test_hit_needs_a_relevant_key_within_k() -> None:
    assert hit_at(RANKING, {9}, 3) == 1.0
    assert hit_at(RANKING, {9}, 2) == 0.0
    assert hit_at(RANKING, set(), 5) == 0.0


def test_recall_is_the_found_share_of_the_relevant() -> None:
    assert recall_at(RANKING, {3, 7, 42, 8}, 5) == pytest.approx(2 / 4)
    assert recall_at(RANKING, {3, 7, 42, 8}, 2) == pytest.approx(1 / 4)
    assert recall_at(RANKING, set(), 5) == 0.0


def test_reciprocal_rank_of_the_first_relevant() -> None:
    assert mrr_at(RANKING, {9, 7}, 5) == pytest.approx(1 / 3)
    assert mrr_at(RANKING, {7}, 4) == 0.0
    assert mrr_at(RANKING, {5}, 1) == 1.0


def test_ndcg_by_hand() -> None:
    # relevant 3 (rank 2) and 7 (rank 5); ideal puts both first.
    dcg = 1 / math.log2(3) + 1 / math.log2(6)
    ideal = 1 / math.log2(2) + 1 / math.log2(3)
    assert ndcg_at(RANKING, {3, 7}, 5) == pytest.approx(dcg / ideal)
    # more relevant keys than k: the ideal is k hits.
    assert ndcg_at([1, 2], {1, 2, 3}, 2) == pytest.approx(1.0)
    assert ndcg_at(RANKING, set(), 5) == 0.0


def test_query_and_mean_metrics() -> None:
    one = query_metrics(RANKING, {3}, 10)
    assert one == pytest.approx({"hit": 1.0, "recall": 1.0, "mrr": 0.5, "ndcg": 1 / math.log2(3)})
    mean = mean_metrics([(RANKING, {3}), ([1, 2], {4})], 10)
    assert mean["hit"] == pytest.approx(0.5)
    assert mean["mrr"] == pytest.approx(0.25)
    assert mean_metrics([], 10) == {"hit": 0.0, "recall": 0.0, "mrr": 0.0, "ndcg": 0.0}
