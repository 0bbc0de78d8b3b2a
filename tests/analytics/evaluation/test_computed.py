"""Each computation on a tiny registry with hand-counted members (memberships are current on
31 December when since <= that day < until) and collaborations; then storing them."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation import computed
from clusterbridge.analytics.evaluation.computed import COMPUTATIONS, Scope
from clusterbridge.analytics.evaluation.models import IndicatorValue
from clusterbridge.analytics.evaluation.operations import compute_indicators
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.errors import InvalidInput, NotFound
from tests.analytics.evaluation.conftest import YEAR, Tiny
from tests.web.statements import counting_statements

# c1 on 31 Dec 2025: a (ES small company), b (FR micro start-up, joined that day), u (ES
# university, associate), g (ES public body, associate), y (ES medium company, leaves on
# 1 Jan 2026), z (DE large company, partner). Not: x (left on 31 Dec), w (joins on 1 Jan).
EXPECTED_C1 = {
    "committed_members": 5,  # a b u g y; the partner z is not committed
    "member_kinds": 3,
    "triple_helix": 1,
    "sme_share": 75.0,  # a b y of a b y z (u and g have no size)
    "startup_share": 100 / 6,
    "international_share": 100 / 3,  # b (FR) and z (DE) of six
    "management_fte": 1.5,
    "new_collaborations": 3,  # k1 (a b), k2 (a), k5 (a, w not yet a member); not k3 (x), k4 (2024)
    "intra_cluster_collaborations": 1,  # k1
}
EXPECTED_C2 = {  # a alone; no management staff given
    "committed_members": 1,
    "member_kinds": 1,
    "triple_helix": 0,
    "sme_share": 100.0,
    "startup_share": 0.0,
    "international_share": 0.0,
    "new_collaborations": 3,
    "intra_cluster_collaborations": 0,
}


@pytest.mark.parametrize("name", sorted(EXPECTED_C1))
def test_each_computation_on_hand_counted_members(name: str, tiny: Tiny, session: Session) -> None:
    values = COMPUTATIONS[name](Scope.of_programme(session, YEAR, tiny.programme))
    assert values.get(tiny.c1) == pytest.approx(EXPECTED_C1[name])
    assert values.get(tiny.c2) == (
        pytest.approx(EXPECTED_C2[name]) if name in EXPECTED_C2 else None
    )


def test_the_year_before_sees_that_years_members(tiny: Tiny, session: Session) -> None:
    scope = Scope.of_clusters(session, YEAR - 1, [tiny.c1])
    assert computed.committed_members(scope) == {tiny.c1: 5}  # a u g x y (b joins in 2025)
    assert computed.startup_share(scope) == {tiny.c1: 0.0}
    assert computed.new_collaborations(scope) == {tiny.c1: 1}  # k4, with a (b was no member)
    assert computed.intra_cluster_collaborations(scope) == {tiny.c1: 0}


def test_a_cluster_without_members_has_no_shares(tiny: Tiny, session: Session) -> None:
    scope = Scope.of_clusters(session, 2018, [tiny.c1, tiny.c2])
    assert computed.committed_members(scope) == {tiny.c1: 0, tiny.c2: 0}
    assert computed.sme_share(scope) == {}
    assert computed.international_share(scope) == {}


def stored(session: Session, year: int = YEAR) -> dict[tuple[int, str], float]:
    rows = session.execute(
        select(IndicatorValue.cluster_id, IndicatorValue.indicator, IndicatorValue.value).where(
            IndicatorValue.year == year
        )
    )
    return {(cluster, key): value for cluster, key, value in rows}


def test_compute_indicators_stores_and_replaces_the_years_values(
    tiny: Tiny, session: Session, engine: Engine
) -> None:
    with counting_statements(engine) as counter:
        summary = compute_indicators(session, YEAR, tiny.programme, actor="test")
        session.commit()
    assert counter.count <= 12  # a fixed handful of statements, whatever the cluster count
    assert (summary.clusters, summary.values) == (2, len(EXPECTED_C1) + len(EXPECTED_C2))
    values = stored(session)
    assert values[(tiny.c1, "committed_members")] == 5
    assert values[(tiny.c2, "sme_share")] == 100.0
    assert (tiny.c2, "management_fte") not in values
    again = compute_indicators(session, YEAR, tiny.programme, actor="test")
    session.commit()
    assert again.values == summary.values
    assert stored(session) == values
    entries = session.scalar(
        select(func.count()).where(AuditEntry.action == "evaluation.values.computed")
    )
    assert entries == 2


def test_compute_for_every_programme_and_bad_requests(tiny: Tiny, session: Session) -> None:
    summary = compute_indicators(session, YEAR)
    assert summary.clusters == 2
    with pytest.raises(NotFound):
        compute_indicators(session, YEAR, 999_999)
    with pytest.raises(InvalidInput, match="year must be from 1990"):
        compute_indicators(session, 1890, tiny.programme)
