"""Access requests: asking, who is told, who may decide, approving and rejecting."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.errors import AccountNotActive, NotAllowed
from clusterbridge.accounts.models import (
    AccessRequest,
    AccountStatus,
    OutboxEmail,
    Role,
    RoleGrant,
    User,
)
from clusterbridge.accounts.roles import Scope
from clusterbridge.accounts.scopes import principal_for
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import Conflict, InvalidInput
from tests.accounts.conftest import PASSWORD, MakeUser
from tests.web.factories import Scenario


def ask(
    engine: Engine, email: str, role: Role, scope: Scope, message: str | None = None
) -> int | None:
    with transaction(engine) as session:
        request = ops.request_access(
            session,
            email=email,
            name="Marta Soler",
            password=PASSWORD,
            role=role,
            scope=scope,
            message=message,
        )
        return request.id if request else None


def mails_to(engine: Engine, address: str) -> list[OutboxEmail]:
    with transaction(engine) as session:
        return list(
            session.scalars(
                select(OutboxEmail).where(OutboxEmail.to == address).order_by(OutboxEmail.id)
            )
        )


def test_a_request_makes_a_waiting_account_and_tells_whoever_may_decide(
    engine: Engine, scenario: Scenario, make_user: MakeUser
) -> None:
    admin = make_user("admin@example.org", Role.PLATFORM_ADMIN)
    make_user("ct@example.org", Role.CLUSTER_MANAGER, Scope(cluster_id=scenario.catalan_cluster))
    make_user("kr@example.org", Role.CLUSTER_MANAGER, Scope(cluster_id=scenario.korean_cluster))
    make_user(
        "prog@example.org", Role.PROGRAMME_MANAGER, Scope(programme_id=scenario.catalonia_programme)
    )
    request_id = ask(
        engine,
        "marta@example.org",
        Role.CLUSTER_MANAGER,
        Scope(cluster_id=scenario.catalan_cluster),
        "I run the cluster office.",
    )
    assert request_id is not None
    with transaction(engine) as session:
        user = session.scalars(select(User).where(User.email == "marta@example.org")).one()
        assert user.status is AccountStatus.PENDING
        with pytest.raises(AccountNotActive, match="waiting for approval"):
            ops.authenticate(session, "marta@example.org", PASSWORD)
    assert "until then you cannot sign in" in mails_to(engine, "marta@example.org")[0].body
    for decider in ("admin@example.org", "ct@example.org", "prog@example.org"):
        [mail] = mails_to(engine, decider)
        assert "I run the cluster office." in mail.body
        assert "http://127.0.0.1:8000/admin/access-requests" in mail.body
    assert mails_to(engine, "kr@example.org") == []
    with transaction(engine) as session:
        assert [
            r.id for r in ops.pending_access_requests(session, principal_for(session, admin))
        ] == [request_id]


def test_approval_activates_the_account_with_the_role(
    engine: Engine, scenario: Scenario, make_user: MakeUser
) -> None:
    manager = make_user(
        "ct@example.org", Role.CLUSTER_MANAGER, Scope(cluster_id=scenario.catalan_cluster)
    )
    request_id = ask(
        engine,
        "marta@example.org",
        Role.CLUSTER_MANAGER,
        Scope(cluster_id=scenario.catalan_cluster),
    )
    assert request_id is not None
    with transaction(engine) as session:
        ops.decide_access_request(session, request_id, approve=True, decided_by=manager)
    with transaction(engine) as session:
        user = ops.authenticate(session, "marta@example.org", PASSWORD)
        assert user is not None
        assert user.status is AccountStatus.ACTIVE
        grant = session.scalars(select(RoleGrant).where(RoleGrant.user_id == user.id)).one()
        assert (grant.role, grant.cluster_id, grant.granted_by_id) == (
            Role.CLUSTER_MANAGER,
            scenario.catalan_cluster,
            manager,
        )
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions[-2:] == ["accounts.role.granted", "accounts.access.approved"]
        assert ops.pending_access_requests(session) == []
    assert "was approved" in mails_to(engine, "marta@example.org")[-1].body
    with pytest.raises(Conflict, match="already been decided"), transaction(engine) as session:
        ops.decide_access_request(session, request_id, approve=False, decided_by=None)


def test_a_cluster_manager_cannot_decide_for_another_cluster(
    engine: Engine, scenario: Scenario, make_user: MakeUser
) -> None:
    catalan = make_user(
        "ct@example.org", Role.CLUSTER_MANAGER, Scope(cluster_id=scenario.catalan_cluster)
    )
    request_id = ask(
        engine, "jin@example.org", Role.CLUSTER_MANAGER, Scope(cluster_id=scenario.korean_cluster)
    )
    assert request_id is not None
    with transaction(engine) as session:
        assert ops.pending_access_requests(session, principal_for(session, catalan)) == []
        with pytest.raises(NotAllowed, match="outside the programmes and clusters you manage"):
            ops.decide_access_request(session, request_id, approve=True, decided_by=catalan)
    with transaction(engine) as session:
        request = session.get(AccessRequest, request_id)
        assert request is not None
        assert request.decided_at is None
        assert session.scalars(select(RoleGrant.user_id)).all() == [catalan]  # no new grant


def test_rejection_keeps_the_account_unable_to_sign_in(engine: Engine, scenario: Scenario) -> None:
    request_id = ask(engine, "eve@example.org", Role.EVENT_ORGANISER, Scope())
    assert request_id is not None
    with transaction(engine) as session:
        request = ops.decide_access_request(session, request_id, approve=False, decided_by=None)
        assert request.approved is False
    with transaction(engine) as session:
        user = session.scalars(select(User).where(User.email == "eve@example.org")).one()
        assert user.status is AccountStatus.DISABLED
        assert session.scalars(select(RoleGrant)).all() == []
        with pytest.raises(AccountNotActive, match="disabled"):
            ops.authenticate(session, "eve@example.org", PASSWORD)
    assert "was not approved" in mails_to(engine, "eve@example.org")[-1].body


def test_a_registered_address_gets_a_warning_and_the_same_answer(
    engine: Engine, scenario: Scenario, make_user: MakeUser
) -> None:
    make_user("taken@example.org")
    assert ask(engine, "Taken@example.org", Role.EVENT_ORGANISER, Scope()) is None
    [mail] = mails_to(engine, "taken@example.org")
    assert "already has one" in mail.body
    with transaction(engine) as session:
        assert session.scalars(select(AccessRequest)).all() == []


def test_every_problem_of_a_request_is_reported_at_once(engine: Engine, scenario: Scenario) -> None:
    with pytest.raises(InvalidInput) as error, transaction(engine) as session:
        ops.request_access(
            session,
            email="not an address",
            name=" ",
            password="short",
            role=Role.CLUSTER_MANAGER,
            scope=Scope(),
            message="x" * 2001,
        )
    assert {p.column for p in error.value.problems} == {
        "email",
        "name",
        "password",
        "scope",
        "message",
    }
    with pytest.raises(InvalidInput, match="Choose a role"), transaction(engine) as session:
        ops.request_access(
            session,
            email="a@example.org",
            name="A",
            password=PASSWORD,
            role=Role.PLATFORM_ADMIN,
            scope=Scope(),
            message=None,
        )
