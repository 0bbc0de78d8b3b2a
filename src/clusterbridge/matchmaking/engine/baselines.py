"""The three baselines a recommender must beat, each ranking organisation keys from history.

- past partners: the coordinator's partners, most joint projects first;
- Adamic-Adar: link prediction on the co-participation graph;
- programme activity: the organisations with most projects in the query's programme parts.
Ties go to the lower key so results are reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from clusterbridge.matchmaking.engine.history import History

BASELINES = ("past partners", "Adamic-Adar", "programme activity")


def past_partners(history: History, org: int | None, k: int) -> list[int]:
    """The coordinator's past partners by number of joint projects (none for a newcomer)."""
    counts = history.partner_vectors(org, (), history.before_year)[:, 0]
    return _best(history, counts, org, k)


def adamic_adar(history: History, org: int | None, k: int) -> list[int]:
    """Organisations by Adamic-Adar index with the coordinator (none for a newcomer)."""
    return _best(history, history.adamic_adar(org), org, k)


def programme_activity(
    history: History, org: int | None, parts: Sequence[str], k: int
) -> list[int]:
    """The organisations with most past projects in any of ``parts``."""
    return _best(history, history.part_activity(parts), org, k)


def baseline_ranking(
    name: str, history: History, org: int | None, parts: Sequence[str], k: int
) -> list[int]:
    """The ranking of the baseline called ``name`` (one of :data:`BASELINES`)."""
    if name == "past partners":
        return past_partners(history, org, k)
    if name == "Adamic-Adar":
        return adamic_adar(history, org, k)
    if name == "programme activity":
        return programme_activity(history, org, parts, k)
    raise ValueError(f"unknown baseline {name!r}; expected one of {', '.join(BASELINES)}")


def _best(history: History, scores: np.ndarray, org: int | None, k: int) -> list[int]:
    """The ``k`` keys with the highest positive scores, excluding ``org`` itself."""
    positive = np.flatnonzero(scores > 0)
    positive = positive[history.keys[positive] != (org if org is not None else -1)]
    order = np.lexsort((history.keys[positive], -scores[positive]))[:k]
    return [int(key) for key in history.keys[positive[order]]]
