"""The demo: after `demo load` and the evaluation demo, a Catalan and a Korean cluster have
scorecards with levels and trends, and the same seed gives the same values."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.demo import load_demo_evaluation
from clusterbridge.analytics.evaluation.models import IndicatorValue
from clusterbridge.analytics.evaluation.scorecard import (
    cluster_id_of,
    cluster_scorecard,
    programme_id_of,
    programme_scorecards,
)
from clusterbridge.core.db import session_factory
from clusterbridge.demo import generate
from clusterbridge.demo.clusters import CATALAN_PROGRAMME, KOREAN_PROGRAMME
from clusterbridge.registry.importers.tables import import_tables

CATALAN = "demo-cluster-ct-automotive"
KOREAN = "demo-cluster-kr-changwon-01"


def all_values(session: Session) -> dict[tuple[int, str, int], float]:
    session.expire_all()
    rows = session.scalars(select(IndicatorValue))
    return {(r.cluster_id, r.indicator, r.year): r.value for r in rows}


@pytest.fixture
def demo_session(engine: Engine) -> Iterator[Session]:
    import_tables(generate(seed=7, organisations=1_200), actor="demo", engine=engine)
    with session_factory(engine)() as session:
        yield session


def test_demo_scorecards_show_levels_and_trends(demo_session: Session) -> None:
    session = demo_session
    summary = load_demo_evaluation(session, seed=5)
    session.commit()
    assert summary.clusters >= 28 + 90
    assert summary.answers == summary.clusters * 3 * 15  # 15 questionnaire indicators a year
    first = all_values(session)
    for external_id in (CATALAN, KOREAN):
        card = cluster_scorecard(session, cluster_id_of(session, external_id), 2025)
        assert card.score is not None
        assert card.trend is not None
        assert card.evaluation.missing == ()
        results = card.evaluation.indicators
        assert sum(1 for i in results if i.level) >= 5
        assert sum(1 for i in results if i.trend) == len(results)
        assert all(i.peers >= 28 for i in results)
    for programme in (CATALAN_PROGRAMME, KOREAN_PROGRAMME):
        rows = programme_scorecards(session, programme_id_of(session, programme), 2025).rows
        assert len({row.level for row in rows}) >= 2  # clusters differ
    load_demo_evaluation(session, seed=5)
    session.commit()
    assert all_values(session) == first
