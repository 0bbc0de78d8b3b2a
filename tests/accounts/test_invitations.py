"""Invitations: invite, the e-mailed link, accepting once, expiry, who may invite whom."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.errors import InvalidLink, NotAllowed
from clusterbridge.accounts.models import (
    AccountStatus,
    Invitation,
    OutboxEmail,
    Role,
    RoleGrant,
    User,
)
from clusterbridge.accounts.passwords import verify_password
from clusterbridge.accounts.roles import Scope
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import InvalidInput
from clusterbridge.core.models import utcnow
from tests.accounts.conftest import PASSWORD, MakeUser
from tests.web.factories import Scenario


def invite(engine: Engine, email: str, role: Role, scope: Scope, by: int | None = None) -> str:
    with transaction(engine) as session:
        _, token = ops.invite(session, email=email, role=role, scope=scope, invited_by=by)
        return token


def test_invitation_email_link_and_acceptance(
    engine: Engine, scenario: Scenario, make_user: MakeUser
) -> None:
    admin = make_user("admin@example.org", Role.PLATFORM_ADMIN)
    cluster = Scope(cluster_id=scenario.catalan_cluster)
    token = invite(engine, " Nuria@Example.ORG ", Role.CLUSTER_MANAGER, cluster, by=admin)
    with transaction(engine) as session:
        email = session.scalars(select(OutboxEmail)).one()
        assert email.to == "nuria@example.org"
        assert "Cluster manager" in email.subject
        assert f"http://127.0.0.1:8000/invitations/{token}" in email.body
        assert "(CIAC)" in email.body  # the scope by name
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "accounts.user.invited")
        ).one()
        assert audit.actor == f"user:{admin}"
        assert token not in str(audit.after)
        invitation = session.scalars(select(Invitation)).one()
        assert invitation.token_hash not in str(audit.after)
    with transaction(engine) as session:
        user = ops.accept_invitation(session, token, name="Núria Puig", password=PASSWORD)
        assert user.status is AccountStatus.ACTIVE
        assert user.password_hash is not None
        assert verify_password(user.password_hash, PASSWORD)
        grant = session.scalars(select(RoleGrant).where(RoleGrant.user_id == user.id)).one()
        assert (grant.role, grant.cluster_id, grant.granted_by_id) == (
            Role.CLUSTER_MANAGER,
            scenario.catalan_cluster,
            admin,
        )
    with pytest.raises(InvalidLink, match="already been used"), transaction(engine) as session:
        ops.accept_invitation(session, token, name="Someone Else", password=PASSWORD)


def test_an_expired_invitation_cannot_be_accepted(engine: Engine, scenario: Scenario) -> None:
    token = invite(engine, "late@example.org", Role.EVENT_ORGANISER, Scope())
    with transaction(engine) as session:
        session.scalars(select(Invitation)).one().expires_at = utcnow() - timedelta(seconds=1)
    with pytest.raises(InvalidLink, match="expired"), transaction(engine) as session:
        ops.accept_invitation(session, token, name="Late", password=PASSWORD)
    with transaction(engine) as session:
        assert session.scalars(select(User)).all() == []


def test_an_existing_account_keeps_its_password_and_gains_the_role(
    engine: Engine, scenario: Scenario, make_user: MakeUser
) -> None:
    user_id = make_user("member@example.org")
    token = invite(
        engine,
        "member@example.org",
        Role.MEMBER_REPRESENTATIVE,
        Scope(organisation_id=scenario.motors),
    )
    with transaction(engine) as session:
        user = ops.accept_invitation(session, token, name="ignored", password="")
        assert user.id == user_id
        assert user.name == "member"
        assert user.password_hash is not None
        assert verify_password(user.password_hash, PASSWORD)
        roles = session.scalars(select(RoleGrant.role).where(RoleGrant.user_id == user_id)).all()
        assert roles == [Role.MEMBER_REPRESENTATIVE]


def test_a_weak_password_is_refused_and_the_link_stays_usable(
    engine: Engine, scenario: Scenario
) -> None:
    token = invite(engine, "new@example.org", Role.EVENT_ORGANISER, Scope())
    with pytest.raises(InvalidInput) as error, transaction(engine) as session:
        ops.accept_invitation(session, token, name="New", password="short")
    assert error.value.problems[0].column == "password"
    with transaction(engine) as session:
        assert (
            ops.accept_invitation(session, token, name="New", password=PASSWORD).email
            == "new@example.org"
        )


def test_a_cluster_manager_invites_only_within_their_cluster(
    engine: Engine, scenario: Scenario, make_user: MakeUser
) -> None:
    manager = make_user(
        "ct@example.org", Role.CLUSTER_MANAGER, Scope(cluster_id=scenario.catalan_cluster)
    )
    invite(
        engine,
        "co@example.org",
        Role.CLUSTER_MANAGER,
        Scope(cluster_id=scenario.catalan_cluster),
        by=manager,
    )
    with pytest.raises(NotAllowed):
        invite(
            engine,
            "kr@example.org",
            Role.CLUSTER_MANAGER,
            Scope(cluster_id=scenario.korean_cluster),
            by=manager,
        )
    with pytest.raises(NotAllowed):
        invite(engine, "boss@example.org", Role.PLATFORM_ADMIN, Scope(), by=manager)
    with transaction(engine) as session:
        assert session.scalars(select(Invitation.email)).all() == ["co@example.org"]


def test_a_role_needs_its_kind_of_scope(engine: Engine, scenario: Scenario) -> None:
    with pytest.raises(InvalidInput, match="Choose the cluster"):
        invite(
            engine,
            "a@example.org",
            Role.CLUSTER_MANAGER,
            Scope(programme_id=scenario.catalonia_programme),
        )
    with pytest.raises(InvalidInput, match="covers the platform"):
        invite(
            engine, "b@example.org", Role.PLATFORM_ADMIN, Scope(cluster_id=scenario.catalan_cluster)
        )


def test_an_invitation_fails_once_the_inviter_may_no_longer_give_the_role(
    engine: Engine, scenario: Scenario, make_user: MakeUser
) -> None:
    cluster = Scope(cluster_id=scenario.catalan_cluster)
    manager = make_user("ct@example.org", Role.CLUSTER_MANAGER, cluster)
    token = invite(engine, "co@example.org", Role.CLUSTER_MANAGER, cluster, by=manager)
    with transaction(engine) as session:
        user = session.get(User, manager)
        assert user is not None
        ops.revoke_role(session, user, Role.CLUSTER_MANAGER, cluster, by=None)
    with pytest.raises(InvalidLink, match="can no longer give"), transaction(engine) as session:
        ops.accept_invitation(session, token, name="Co", password=PASSWORD)
    with transaction(engine) as session:  # the account made on the way was rolled back
        assert ops.find_user(session, "co@example.org") is None
