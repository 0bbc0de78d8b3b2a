"""Scorecards from stored values (percentiles among the programme's clusters, trends against
the year before) and agencies' own frameworks attached to a programme."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.computed import COMPUTATIONS, Scope, Values
from clusterbridge.analytics.evaluation.enums import QuestionnaireStatus, Trend
from clusterbridge.analytics.evaluation.framework_store import (
    add_framework,
    framework_for_programme,
    list_frameworks,
)
from clusterbridge.analytics.evaluation.operations import compute_indicators, record_questionnaire
from clusterbridge.analytics.evaluation.scorecard import cluster_scorecard, programme_scorecards
from clusterbridge.core.errors import InvalidInput, NotFound
from clusterbridge.registry.models import Membership
from tests.analytics.evaluation.conftest import YEAR, Tiny

AGENCY = """
key: agency
name: Agency framework
levels: [bronze, silver, gold]
score_levels: {bronze: 30, silver: 55, gold: 80}
areas: [{key: members, name: Members}, {key: work, name: Work}]
indicators:
  - {key: size, area: members, name: Members, unit: count, source: computed,
     compute: committed_members, thresholds: {bronze: 2, silver: 4, gold: 8}}
  - {key: meetings, area: work, name: Meetings, unit: count, source: questionnaire,
     question: "How many meetings?", thresholds: {bronze: 2, silver: 4, gold: 8}}
"""


def test_scorecard_with_percentiles_and_trend(tiny: Tiny, session: Session) -> None:
    for year in (YEAR - 1, YEAR):
        compute_indicators(session, year, tiny.programme)
    record_questionnaire(session, tiny.c1, YEAR - 1, {"board_meetings": 2}, None)
    record_questionnaire(session, tiny.c1, YEAR, {"board_meetings": 5}, None)
    record_questionnaire(session, tiny.c2, YEAR, {"board_meetings": 3}, None, submit=False)
    session.commit()
    card = cluster_scorecard(session, tiny.c1, YEAR)
    assert (card.cluster, card.acronym, card.programme, card.framework) == (
        "C1",
        "C1",
        "Test programme",
        "ecei-default",
    )
    results = {i.key: i for i in card.evaluation.indicators}
    meetings = results["board_meetings"]
    assert (meetings.value, meetings.level, meetings.previous, meetings.trend) == (
        5,
        "good",
        2,
        Trend.IMPROVING,
    )
    assert (meetings.percentile, meetings.peers) == (75.0, 2)  # beats c2's 3, tie with itself
    members = results["committed_members"]
    assert (members.value, members.previous, members.trend) == (5, 5, Trend.STABLE)
    assert results["startup_share"].trend is Trend.IMPROVING  # b joined in 2025
    assert "management_budget" in card.evaluation.missing
    assert card.score is not None
    assert card.trend is not None
    view = programme_scorecards(session, tiny.programme, YEAR)
    assert [row.acronym for row in view.rows] == ["C1", "C2"]  # best score first
    assert view.rows[0].score == pytest.approx(card.score)
    assert [row.questionnaire for row in view.rows] == [
        QuestionnaireStatus.SUBMITTED,
        QuestionnaireStatus.DRAFT,
    ]
    assert set(view.rows[0].areas) == {key for key, _ in view.areas}


def test_unknown_records(tiny: Tiny, session: Session) -> None:
    with pytest.raises(NotFound):
        cluster_scorecard(session, 999_999, YEAR)
    with pytest.raises(NotFound):
        programme_scorecards(session, 999_999, YEAR)


def test_an_agency_framework_evaluates_its_programme(tiny: Tiny, session: Session) -> None:
    add_framework(session, AGENCY, "agency.yaml", programme_id=tiny.programme, actor="test")
    session.commit()
    assert framework_for_programme(session, tiny.programme).key == "agency"
    assert framework_for_programme(session, tiny.other_programme).key == "ecei-default"
    compute_indicators(session, YEAR, tiny.programme)
    record_questionnaire(session, tiny.c1, YEAR, {"meetings": 4}, None)
    with pytest.raises(InvalidInput, match="not an indicator of the framework 'agency'"):
        record_questionnaire(session, tiny.c1, YEAR, {"board_meetings": 4}, None)
    session.commit()
    card = cluster_scorecard(session, tiny.c1, YEAR)
    assert card.levels == ("bronze", "silver", "gold")
    assert [(i.key, i.level) for i in card.evaluation.indicators] == [
        ("size", "silver"),  # 5 members: past 4, short of 8
        ("meetings", "silver"),
    ]
    assert card.score == pytest.approx((100 * (2 + 1 / 4) / 3 + 100 * 2 / 3) / 2)
    assert card.level == "silver"
    listed = {(f.key, f.programme, f.built_in) for f in list_frameworks(session)}
    assert listed == {("ecei-default", None, True), ("agency", "prog", False)}


def test_storing_frameworks_replaces_by_key_and_moves_programmes(
    tiny: Tiny, session: Session
) -> None:
    add_framework(session, AGENCY, "agency.yaml", programme_id=tiny.programme, actor="test")
    second = AGENCY.replace("key: agency", "key: second")
    add_framework(session, second, "second.yaml", programme_id=tiny.programme, actor="test")
    renamed = AGENCY.replace("name: Agency framework", "name: Renamed")
    add_framework(session, renamed, "agency.yaml", programme_id=None, actor="test")
    session.commit()
    listed = {f.key: (f.name, f.programme) for f in list_frameworks(session)}
    assert listed["agency"] == ("Renamed", None)
    assert listed["second"] == ("Agency framework", "prog")
    with pytest.raises(InvalidInput, match="built-in framework's key"):
        add_framework(
            session,
            AGENCY.replace("key: agency", "key: ecei-default"),
            "x.yaml",
            programme_id=None,
            actor="test",
        )


def test_a_new_computation_is_one_registered_function(
    tiny: Tiny, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How a later 'computed from events' indicator plugs in: one function over the scope."""

    def memberships_ever(scope: Scope) -> Values:
        query = (
            select(Membership.cluster_id, func.count())
            .where(Membership.cluster_id.in_(scope.cluster_ids))
            .where(Membership.since <= scope.day)
            .group_by(Membership.cluster_id)
        )
        return {cluster_id: float(count) for cluster_id, count in session.execute(query)}

    monkeypatch.setitem(COMPUTATIONS, "memberships_ever", memberships_ever)
    text = AGENCY.replace("compute: committed_members", "compute: memberships_ever")
    add_framework(session, text, "agency.yaml", programme_id=tiny.programme, actor="test")
    compute_indicators(session, YEAR, tiny.programme)
    card = cluster_scorecard(session, tiny.c1, YEAR)
    size = card.evaluation.indicators[0]
    assert (size.key, size.value) == ("size", 7)  # every c1 row but w's, which starts in 2026
