"""`clusterbridge users ...`: administrators, invitations, roles, requests, the outbox."""

from __future__ import annotations

import re

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.models import AccountStatus, Role, RoleGrant, User
from clusterbridge.accounts.roles import Scope
from clusterbridge.cli.main import app
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from tests.accounts.conftest import PASSWORD, MakeUser
from tests.web.factories import Scenario

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["users", *args], input=input, env=WIDE)
    return result.exit_code, result.output


def external_id(model: type, id_: int) -> str:
    with transaction() as session:
        return str(session.get(model, id_).external_id)  # type: ignore[attr-defined]


def test_create_admin_asks_for_the_password_twice(engine: Engine) -> None:
    code, output = run(
        "create-admin", "root@example.org", "--name", "Root", input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert code == 0, output
    assert "Created platform administrator root@example.org" in output
    assert PASSWORD not in output
    with transaction() as session:
        user = ops.authenticate(session, "root@example.org", PASSWORD)
        assert user is not None
        assert user.name == "Root"
        assert session.scalars(select(RoleGrant.role)).all() == [Role.PLATFORM_ADMIN]
        assert session.scalars(select(AuditEntry.actor).distinct()).all() == ["cli"]


def test_errors_are_one_clean_line(engine: Engine, make_user: MakeUser) -> None:
    make_user("taken@example.org")
    code, output = run("create-admin", "taken@example.org", "--password", PASSWORD)
    assert code == 1
    assert "Error: an account with the e-mail address 'taken@example.org' already exists" in output
    code, output = run("create-admin", "new@example.org", "--password", "short")
    assert code == 1
    assert "Use at least 10 characters" in output
    assert "Traceback" not in output


def test_invite_prints_the_link_that_the_outbox_holds(engine: Engine, scenario: Scenario) -> None:
    from clusterbridge.registry.models import Organisation

    cluster = external_id(Organisation, scenario.catalan_cluster_org)
    code, output = run(
        "invite", "nuria@example.org", "--role", "cluster_manager", "--cluster", cluster
    )
    assert code == 0, output
    link = re.search(r"http://127\.0\.0\.1:8000/invitations/\S+", output)
    assert link is not None
    code, outbox = run("outbox")
    assert code == 0
    assert link.group(0) in outbox
    assert "To: nuria@example.org" in outbox
    code, output = run("invite", "x@example.org", "--role", "cluster_manager", "--cluster", "nope")
    assert code == 1
    assert "no cluster whose organisation has external id 'nope'" in output


def test_grant_revoke_and_list(engine: Engine, scenario: Scenario, make_user: MakeUser) -> None:
    from clusterbridge.registry.models import Programme

    make_user("prog@example.org")
    programme = external_id(Programme, scenario.catalonia_programme)
    code, output = run(
        "grant", "prog@example.org", "--role", "programme_manager", "--programme", programme
    )
    assert code == 0, output
    assert "prog@example.org is programme_manager (Catalonia Clusters Programme)" in output
    code, listing = run("list")
    assert "Programme manager: Catalonia Clusters Programme" in listing
    code, output = run(
        "revoke", "prog@example.org", "--role", "programme_manager", "--programme", programme
    )
    assert code == 0, output
    with transaction() as session:
        assert session.scalars(select(RoleGrant)).all() == []
    code, output = run(
        "revoke", "prog@example.org", "--role", "programme_manager", "--programme", programme
    )
    assert code == 1
    assert "has no such role" in output
    code, output = run("grant", "prog@example.org", "--role", "cluster_manager")
    assert code == 1
    assert "Choose the cluster" in output


def test_requests_approve_and_reject(engine: Engine, scenario: Scenario) -> None:
    ids = []
    with transaction() as session:
        for email in ("yes@example.org", "no@example.org"):
            request = ops.request_access(
                session,
                email=email,
                name="Asker",
                password=PASSWORD,
                role=Role.EVENT_ORGANISER,
                scope=Scope(),
                message="Please",
            )
            assert request is not None
            ids.append(request.id)
    code, output = run("requests")
    assert code == 0
    assert "yes@example.org" in output
    assert "Event organiser" in output
    assert "Please" in output
    assert run("approve", str(ids[0]))[0] == 0
    assert run("reject", str(ids[1]))[0] == 0
    with transaction() as session:
        statuses = dict(list(session.execute(select(User.email, User.status))))
    assert statuses == {
        "yes@example.org": AccountStatus.ACTIVE,
        "no@example.org": AccountStatus.DISABLED,
    }
    assert run("requests")[1].strip() == "No access request is waiting."
    code, output = run("approve", str(ids[0]))
    assert code == 1
    assert "already been decided" in output
