"""The registry's write operations: validation by field, audit before/after, versions, history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import InvalidInput
from clusterbridge.registry import operations as ops
from clusterbridge.registry.enums import MembershipRole, OrganisationKind, Vocabulary
from clusterbridge.registry.models import Cluster, Membership, Organisation
from tests.web.factories import Scenario, seed_scenario

ACTOR = "user:7"


@pytest.fixture
def scenario(engine: Engine) -> Scenario:
    return seed_scenario(engine)


def problems(error: pytest.ExceptionInfo[InvalidInput]) -> dict[str | None, str]:
    return {p.column: p.reason for p in error.value.problems}


def audit_entries(action: str | None = None) -> list[AuditEntry]:
    with transaction() as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        return list(session.scalars(query))


def version_of(model: Any, id_: int) -> int:
    with transaction() as session:
        return int(session.get(model, id_).version)


# ---- organisations --------------------------------------------------------------------------


def test_create_organisation_parses_like_a_file_and_records_what_it_set(engine: Engine) -> None:
    with transaction() as session:
        org = ops.create_organisation(
            session,
            {
                "kind": "Research Centre",
                "name": " Institut de Robòtica ",
                "country": "Spain",
                "founding_year": 1995,
                "latitude": 41.38,
                "technologies": ["robotics"],
                "industries": "29.10; NAICS:336110",
                "vat": "ESB12345678",
            },
            ACTOR,
        )
        org_id, external_id = org.id, org.external_id
    with transaction() as session:
        org = session.get(Organisation, org_id)
        assert org is not None
        assert (org.kind, org.name, org.country) == (
            OrganisationKind.RESEARCH_CENTRE,
            "Institut de Robòtica",
            "ES",
        )
        assert org.version == 1
        assert sorted((c.vocabulary, c.code) for c in org.codes) == [
            (Vocabulary.NACE, "29.10"),
            (Vocabulary.NAICS, "336110"),
            (Vocabulary.TECHNOLOGY, "robotics-automation"),
        ]
    assert external_id.startswith("org-")
    (entry,) = audit_entries()
    assert (entry.action, entry.actor, entry.entity_id) == (
        "registry.organisation.created",
        ACTOR,
        org_id,
    )
    assert entry.before is None
    assert entry.after is not None
    assert entry.after["kind"] == "research_centre"
    assert entry.after["industries"] == ["NACE:29.10", "NAICS:336110"]
    assert "size_class" not in entry.after  # values never given are not recorded


def test_create_organisation_reports_every_invalid_field(engine: Engine) -> None:
    with transaction() as session, pytest.raises(InvalidInput) as error:
        ops.create_organisation(
            session,
            {"country": "XX", "website": "ftp://x", "founding_year": "soon", "pic": "12"},
            ACTOR,
        )
    found = problems(error)
    assert set(found) == {"kind", "name", "country", "website", "founding_year", "pic"}
    assert found["kind"] == "a value is required"
    assert "close matches" in found["country"]
    assert found["pic"] == "a PIC is nine digits"
    assert audit_entries() == []


def test_update_organisation_records_only_changed_fields(
    engine: Engine, scenario: Scenario
) -> None:
    with transaction() as session:
        ops.update_organisation(
            session,
            scenario.motors,
            {"name": "Motors Vallès SL", "city": "Rubí", "size_class": "small"},
            1,
            ACTOR,
        )
    (entry,) = audit_entries("registry.organisation.updated")
    assert entry.before == {"city": "Martorell", "size_class": None}
    assert entry.after == {"city": "Rubí", "size_class": "small"}
    assert version_of(Organisation, scenario.motors) == 2


def test_an_unchanged_update_writes_nothing(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session:
        ops.update_organisation(session, scenario.motors, {"city": "Martorell"}, 1, ACTOR)
    assert audit_entries() == []
    assert version_of(Organisation, scenario.motors) == 1


def test_changing_codes_alone_bumps_the_version(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session:
        ops.update_organisation(session, scenario.upc, {"technologies": "robotics"}, 1, ACTOR)
    assert version_of(Organisation, scenario.upc) == 2
    (entry,) = audit_entries()
    assert entry.before == {"technologies": ["technology:battery-materials"]}
    assert entry.after == {"technologies": ["technology:robotics-automation"]}


def test_stale_version_is_refused_with_the_current_one(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session:
        ops.update_organisation(session, scenario.motors, {"city": "Rubí"}, 1, ACTOR)
    with transaction() as session, pytest.raises(ops.StaleVersion) as error:
        ops.update_organisation(session, scenario.motors, {"city": "Terrassa"}, 1, ACTOR)
    assert error.value.current_version == 2
    with transaction() as session:
        assert session.get(Organisation, scenario.motors).city == "Rubí"  # type: ignore[union-attr]


def test_a_concurrent_write_is_caught_by_the_version_column(
    engine: Engine, scenario: Scenario
) -> None:
    """Both writers read version 1; the second one's flush finds the row at version 2."""
    slow = Session(engine)
    try:
        assert slow.get(Organisation, scenario.motors) is not None  # loaded at version 1
        with transaction() as session:
            ops.update_organisation(session, scenario.motors, {"city": "Rubí"}, 1, ACTOR)
        with pytest.raises(ops.StaleVersion):
            ops.update_organisation(slow, scenario.motors, {"city": "Terrassa"}, 1, ACTOR)
    finally:
        slow.close()
    with transaction() as session:
        assert session.get(Organisation, scenario.motors).city == "Rubí"  # type: ignore[union-attr]
    assert len(audit_entries()) == 1


def test_pic_stays_unique_and_a_cluster_organisation_keeps_its_kind(
    engine: Engine, scenario: Scenario
) -> None:
    with transaction() as session:
        ops.update_organisation(session, scenario.motors, {"pic": "999888777"}, 1, ACTOR)
    with transaction() as session, pytest.raises(InvalidInput) as error:
        ops.update_organisation(
            session,
            scenario.catalan_cluster_org,
            {"pic": "999888777", "kind": "company", "external_id": "new"},
            1,
            ACTOR,
        )
    found = problems(error)
    assert found["pic"] == "this PIC already belongs to 'Motors Vallès SL'"
    assert "stays a cluster organisation" in found["kind"]
    assert found["external_id"] == "this field cannot be changed here"


# ---- clusters -------------------------------------------------------------------------------


def test_update_cluster_by_file_values(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session:
        programme = session.get(Cluster, scenario.korean_cluster).programme  # type: ignore[union-attr]
        assert programme is not None
        korea = programme.external_id
        cluster = ops.update_cluster(
            session,
            scenario.catalan_cluster,
            {
                "acronym": "CIAC",
                "management_fte": "6,5",
                "label_level": "silver",
                "label_valid_until": date(2027, 6, 30),
                "programme": korea,
                "focus_technologies": "robotics",
            },
            1,
            ACTOR,
        )
        assert cluster.programme is not None
        assert cluster.programme.external_id == korea
        assert cluster.management_fte == Decimal("6.50")
    (entry,) = audit_entries()
    assert entry.action == "registry.cluster.updated"
    assert entry.after is not None
    assert set(entry.after) == {
        "management_fte",
        "label_level",
        "label_valid_until",
        "programme",
        "focus_technologies",
    }
    assert entry.after["programme"] == korea
    assert entry.before is not None
    assert entry.before["focus_technologies"] == ["technology:electric-vehicles"]


def test_update_cluster_refuses_unknown_references(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session, pytest.raises(InvalidInput) as error:
        ops.update_cluster(
            session, scenario.catalan_cluster, {"programme": "nope", "founding_year": 99}, 1, ACTOR
        )
    found = problems(error)
    assert found["programme"] == "no programme with this id"
    assert found["founding_year"].startswith("must be between 1000 and")


# ---- memberships ----------------------------------------------------------------------------


def memberships_of(org_id: int, cluster_id: int) -> list[tuple[str, date, date | None]]:
    with transaction() as session:
        rows = session.scalars(
            select(Membership)
            .where(Membership.organisation_id == org_id, Membership.cluster_id == cluster_id)
            .order_by(Membership.since)
        )
        return [(m.role.value, m.since, m.until) for m in rows]


def test_add_membership_refuses_overlapping_periods(engine: Engine, scenario: Scenario) -> None:
    kr, battery = scenario.korean_cluster, scenario.battery_company
    with transaction() as session, pytest.raises(InvalidInput) as error:
        ops.add_membership(
            session, cluster_id=kr, organisation_id=battery, since="2024-01-01", actor=ACTOR
        )
    assert problems(error)["since"].startswith("overlaps the membership from 2021-03-01 to now")
    former = scenario.former_member  # its period ended yesterday
    with transaction() as session, pytest.raises(InvalidInput):
        ops.add_membership(
            session,
            cluster_id=kr,
            organisation_id=former,
            since="2018-01-01",
            until="2019-06-01",
            actor=ACTOR,
        )
    with transaction() as session:
        ops.add_membership(
            session,
            cluster_id=kr,
            organisation_id=former,
            since=date.today(),
            role="board member",
            actor=ACTOR,
        )
    assert [m[0] for m in memberships_of(former, kr)] == ["member", "board_member"]
    (entry,) = audit_entries("registry.membership.created")
    assert entry.after == {
        "organisation_id": former,
        "cluster_id": kr,
        "role": "board_member",
        "since": date.today().isoformat(),
    }


def test_add_membership_checks_its_fields(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session, pytest.raises(InvalidInput) as error:
        ops.add_membership(
            session,
            cluster_id=scenario.catalan_cluster,
            organisation_id=scenario.catalan_cluster_org,
            since="2024-02-30",
            role="chair",
            actor=ACTOR,
        )
    found = problems(error)
    assert found["since"] == "not a date in the form YYYY-MM-DD"
    assert found["role"].startswith("must be one of: member, founding_member")
    assert found["organisation_id"] == "a cluster cannot be a member of itself"
    with transaction() as session, pytest.raises(InvalidInput) as error:
        ops.add_membership(
            session,
            cluster_id=scenario.korean_cluster,
            organisation_id=scenario.motors,
            since="2024-01-01",
            until="2023-01-01",
            actor=ACTOR,
        )
    assert problems(error) == {"until": "until is before since"}


def test_end_membership_and_move_its_end(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session:
        membership = session.scalars(
            select(Membership).where(Membership.organisation_id == scenario.battery_company)
        ).one()
        ended = ops.end_membership(session, membership.id, "2025-01-31", 1, ACTOR)
        assert ended.until == date(2025, 1, 31)
    with transaction() as session, pytest.raises(ops.StaleVersion):
        ops.end_membership(session, membership.id, "2025-02-28", 1, ACTOR)
    with transaction() as session, pytest.raises(InvalidInput) as error:
        ops.end_membership(session, membership.id, "2020-01-01", 2, ACTOR)
    assert problems(error) == {"until": "until is before since"}
    with transaction() as session:
        ops.end_membership(session, membership.id, "2025-02-28", 2, ACTOR)
    actions = [(e.action, e.before, e.after) for e in audit_entries()]
    assert actions == [
        ("registry.membership.ended", {"until": None}, {"until": "2025-01-31"}),
        ("registry.membership.updated", {"until": "2025-01-31"}, {"until": "2025-02-28"}),
    ]


def test_a_role_change_keeps_the_history(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session:
        membership = session.scalars(
            select(Membership).where(
                Membership.organisation_id == scenario.motors,
                Membership.cluster_id == scenario.catalan_cluster,
            )
        ).one()
        new = ops.change_membership_role(
            session, membership.id, MembershipRole.BOARD_MEMBER, "2024-05-01", 1, ACTOR
        )
        old_id, new_id = membership.id, new.id
    assert memberships_of(scenario.motors, scenario.catalan_cluster) == [
        ("member", date(2020, 1, 1), date(2024, 5, 1)),
        ("board_member", date(2024, 5, 1), None),
    ]
    entries = [(e.action, e.entity_id, e.before, e.after) for e in audit_entries()]
    assert entries[0] == (
        "registry.membership.ended",
        old_id,
        {"until": None},
        {"until": "2024-05-01"},
    )
    assert entries[1][:3] == ("registry.membership.created", new_id, None)
    assert entries[1][3]["role"] == "board_member"


def test_a_role_change_needs_a_new_role_inside_the_period(
    engine: Engine, scenario: Scenario
) -> None:
    with transaction() as session:
        membership = session.scalars(
            select(Membership).where(Membership.organisation_id == scenario.leaving_member)
        ).one()
        until = membership.until
        assert until is not None
    with transaction() as session, pytest.raises(InvalidInput) as error:
        ops.change_membership_role(session, membership.id, "member", until, 1, ACTOR)
    found = problems(error)
    assert found["role"] == "the membership already has this role"
    assert found["since"] == "pick a day after the membership began and before it ends"
    with transaction() as session:
        new = ops.change_membership_role(session, membership.id, "partner", "2023-01-01", 1, ACTOR)
        assert new.until == until  # the new period ends when the old one would have


# ---- collaborations -------------------------------------------------------------------------


def test_create_and_update_a_collaboration_with_participants(
    engine: Engine, scenario: Scenario
) -> None:
    with transaction() as session:
        collaboration = ops.create_collaboration(
            session,
            {"title": "Battery recycling pilot", "year": 2024, "programme_parts": ["LEIT", "SC3"]},
            [
                ops.ParticipantInput(scenario.upc, "coordinator", "125000.50"),
                ops.ParticipantInput(scenario.battery_company, "participant"),
            ],
            ACTOR,
        )
        collab_id = collaboration.id
        assert collaboration.source == "clusterbridge"
        assert collaboration.version == 1
    with transaction() as session:
        ops.update_collaboration(
            session,
            collab_id,
            {},
            [ops.ParticipantInput(scenario.upc, "participant", "125000.50")],
            1,
            ACTOR,
        )
    created, updated = audit_entries()
    assert created.after is not None
    assert created.after["programme_parts"] == ["LEIT", "SC3"]
    assert created.after["participants"] == [
        {"organisation_id": scenario.upc, "role": "coordinator", "contribution": "125000.50"},
        {"organisation_id": scenario.battery_company, "role": "participant", "contribution": None},
    ]
    assert updated.after == {
        "participants": [
            {"organisation_id": scenario.upc, "role": "participant", "contribution": "125000.50"}
        ]
    }
    assert version_of(Organisation, scenario.upc) == 1
    with transaction() as session:
        from clusterbridge.registry.models import Collaboration

        assert session.get(Collaboration, collab_id).version == 2  # type: ignore[union-attr]


def test_collaboration_problems_name_the_field(engine: Engine, scenario: Scenario) -> None:
    with transaction() as session, pytest.raises(InvalidInput) as error:
        ops.create_collaboration(
            session,
            {"start_date": "2024-05-01", "end_date": "2024-01-01", "total_cost": "-5"},
            [
                ops.ParticipantInput(scenario.upc, "lead"),
                ops.ParticipantInput(scenario.upc, "participant"),
                ops.ParticipantInput(999999, "participant"),
            ],
            ACTOR,
        )
    found = problems(error)
    assert found["end_date"] == "end_date is before start_date"
    assert found["total_cost"] == "must not be negative"
    assert found["participants.0.role"].startswith("must be one of: coordinator")
    assert found["participants.1.organisation_id"] == "listed twice"
    assert found["participants.2.organisation_id"] == "no organisation with this id"
