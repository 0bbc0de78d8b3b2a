"""Ranking quality with binary relevance: hit, recall, reciprocal rank and nDCG at k.

Each function takes one query's ranking (best first) and the set of relevant keys; averages
over queries are the caller's (:func:`mean_metrics`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Iterable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
"""Whatever names a ranked item: an organisation key, a PIC."""

METRICS = ("hit", "recall", "mrr", "ndcg")


def hit_at(ranking: Sequence[K], relevant: Collection[K], k: int) -> float:
    """1 when any of the first ``k`` is relevant, else 0."""
    return 1.0 if any(key in relevant for key in ranking[:k]) else 0.0


def recall_at(ranking: Sequence[K], relevant: Collection[K], k: int) -> float:
    """Share of the relevant keys found in the first ``k`` (0 when nothing is relevant)."""
    if not relevant:
        return 0.0
    return sum(1 for key in ranking[:k] if key in relevant) / len(relevant)


def mrr_at(ranking: Sequence[K], relevant: Collection[K], k: int) -> float:
    """1 / rank of the first relevant key within the first ``k``, 0 when there is none."""
    for rank, key in enumerate(ranking[:k], start=1):
        if key in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at(ranking: Sequence[K], relevant: Collection[K], k: int) -> float:
    """Discounted cumulative gain of the first ``k`` over the best possible (binary gains)."""
    gain = sum(
        1.0 / math.log2(rank + 1)
        for rank, key in enumerate(ranking[:k], start=1)
        if key in relevant
    )
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return gain / ideal if ideal else 0.0


def query_metrics(ranking: Sequence[K], relevant: Collection[K], k: int) -> dict[str, float]:
    """All four metrics of one query, keyed by :data:`METRICS`."""
    return {
        "hit": hit_at(ranking, relevant, k),
        "recall": recall_at(ranking, relevant, k),
        "mrr": mrr_at(ranking, relevant, k),
        "ndcg": ndcg_at(ranking, relevant, k),
    }


def mean_metrics(results: Iterable[tuple[Sequence[K], Collection[K]]], k: int) -> dict[str, float]:
    """The four metrics averaged over (ranking, relevant) pairs; zeros when there are none."""
    totals = dict.fromkeys(METRICS, 0.0)
    count = 0
    for ranking, relevant in results:
        for name, value in query_metrics(ranking, relevant, k).items():
            totals[name] += value
        count += 1
    return {name: total / count if count else 0.0 for name, total in totals.items()}
