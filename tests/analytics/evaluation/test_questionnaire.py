"""Questionnaire answers: recorded one cluster at a time or imported from a file checked whole
(every problem named by file, row and column; nothing applied when anything is wrong)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.enums import QuestionnaireStatus, ValueSource
from clusterbridge.analytics.evaluation.models import IndicatorValue, QuestionnaireResponse
from clusterbridge.analytics.evaluation.operations import (
    import_questionnaire,
    record_questionnaire,
)
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.errors import InvalidInput, NotFound
from clusterbridge.registry.queries import today_utc
from tests.analytics.evaluation.conftest import YEAR, Tiny


def values(session: Session) -> dict[tuple[int, int, str], tuple[float, str | None]]:
    session.expire_all()
    rows = session.scalars(select(IndicatorValue))
    return {(r.cluster_id, r.year, r.indicator): (r.value, r.note) for r in rows}


def test_record_questionnaire_stores_answers_and_submits(tiny: Tiny, session: Session) -> None:
    count = record_questionnaire(
        session,
        tiny.c1,
        YEAR,
        {"board_meetings": 4, "member_satisfaction": "81,5", "strategy_reviewed": "yes"},
        None,
        notes={"board_meetings": "two online"},
    )
    session.commit()
    assert count == 3
    assert values(session) == {
        (tiny.c1, YEAR, "board_meetings"): (4.0, "two online"),
        (tiny.c1, YEAR, "member_satisfaction"): (81.5, None),
        (tiny.c1, YEAR, "strategy_reviewed"): (1.0, None),
    }
    response = session.scalars(select(QuestionnaireResponse)).one()
    assert response.status is QuestionnaireStatus.SUBMITTED
    assert response.submitted_at is not None
    record_questionnaire(
        session, tiny.c1, YEAR, {"board_meetings": 6, "strategy_reviewed": None}, None
    )
    session.commit()
    assert values(session)[(tiny.c1, YEAR, "board_meetings")] == (6.0, None)
    assert (tiny.c1, YEAR, "strategy_reviewed") not in values(session)
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "evaluation.questionnaire.recorded")
    ).all()[-1]
    assert (entry.before, entry.after) == (
        {"year": YEAR, "board_meetings": 4.0},
        {"year": YEAR, "status": "submitted", "board_meetings": 6.0},
    )


def test_record_questionnaire_checks_keys_and_units(tiny: Tiny, session: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        record_questionnaire(
            session,
            tiny.c1,
            YEAR,
            {
                "board_meetings": 2.5,
                "member_satisfaction": 140,
                "committed_members": 20,
                "colour": 1,
                "management_budget": "a lot",
            },
            None,
        )
    problems = [str(p) for p in caught.value.problems]
    assert problems == [
        "column board_meetings: Board meetings (count) is a count: a whole number (value '2.5')",
        "column member_satisfaction: Member satisfaction (percent) is a percentage: 0 to 100 (value '140')",
        "column committed_members: 'committed_members' is computed from the registry, not asked in the questionnaire (value '20')",
        "column colour: 'colour' is not an indicator of the framework 'ecei-default' (value '1')",
        "column management_budget: must be a number (value 'a lot')",
    ]
    assert values(session) == {}
    with pytest.raises(NotFound):
        record_questionnaire(session, 999_999, YEAR, {"board_meetings": 1}, None)


def test_a_note_longer_than_the_limit_is_refused(tiny: Tiny, session: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        record_questionnaire(
            session,
            tiny.c1,
            YEAR,
            {"board_meetings": 4},
            None,
            notes={"board_meetings": "x" * 2001},
        )
    assert [str(p) for p in caught.value.problems] == [
        "column board_meetings: a note has at most 2000 characters"
    ]
    assert values(session) == {}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_a_good_file(tiny: Tiny, session: Session, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cluster,year,indicator,value,note\n"
        "c1,2025,board_meetings,5,\n"
        "c1,2024,board_meetings,3,fewer that year\n"
        "c2,2025,largest_source_share,62.5,\n",
    )
    summary = import_questionnaire(path, actor="test")
    assert (summary.rows, summary.clusters, summary.years) == (3, 2, (2024, 2025))
    assert values(session) == {
        (tiny.c1, 2025, "board_meetings"): (5.0, None),
        (tiny.c1, 2024, "board_meetings"): (3.0, "fewer that year"),
        (tiny.c2, 2025, "largest_source_share"): (62.5, None),
    }
    sources = set(session.scalars(select(IndicatorValue.source)))
    assert sources == {ValueSource.QUESTIONNAIRE}
    statuses = session.scalars(select(QuestionnaireResponse.status)).all()
    assert statuses == [QuestionnaireStatus.SUBMITTED] * 3


def test_a_bad_file_names_each_row_and_applies_nothing(
    tiny: Tiny, session: Session, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "cluster,year,indicator,value,note\n"
        "c1,2025,board_meetings,5,\n"  # good, yet not applied
        "c1,2025,board_meeting,5,\n"
        "c1,1850,board_meetings,5,\n"
        "c1,2025,member_satisfaction,high,\n"
        "nowhere,2025,board_meetings,5,\n"
        "c1,2025,board_meetings,6,\n"
        "c1,2025,events_organised,,\n",
    )
    with pytest.raises(InvalidInput) as caught:
        import_questionnaire(path, actor="test")
    problems = [str(p) for p in caught.value.problems]
    assert problems == [
        "answers.csv, row 3, column indicator: 'board_meeting' is not an indicator of the framework 'ecei-default' (value 'board_meeting')",
        f"answers.csv, row 4, column year: year must be from 1990 to {today_utc().year} (value '1850')",
        "answers.csv, row 5, column value: must be a number (value 'high')",
        "answers.csv, row 6, column cluster: no cluster whose organisation has this id (value 'nowhere')",
        "answers.csv, row 7, column indicator: answered twice (value 'board_meetings')",
        "answers.csv, row 8, column value: is required (value '')",
    ]
    assert values(session) == {}
    assert session.scalars(select(QuestionnaireResponse)).all() == []


def test_a_file_without_the_columns(tiny: Tiny, tmp_path: Path) -> None:
    path = write(tmp_path, "cluster;year;value\nc1;2025;3\n")
    with pytest.raises(InvalidInput, match="row 1: missing column: indicator"):
        import_questionnaire(path, actor="test")


def test_an_empty_questionnaire_is_refused_not_reported_as_submitted(
    tiny: Tiny, session: Session
) -> None:
    with pytest.raises(InvalidInput) as caught:
        record_questionnaire(session, tiny.c1, YEAR, {}, None)
    assert [str(p) for p in caught.value.problems] == [
        "the questionnaire is empty: answer at least one question"
    ]
