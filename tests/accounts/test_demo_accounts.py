"""Demo accounts: one per role on real demo records, printed by `demo load`, made once."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.demo import create_demo_accounts
from clusterbridge.accounts.models import Role, RoleGrant, User
from clusterbridge.accounts.permissions import Principal
from clusterbridge.accounts.scopes import principal_for
from clusterbridge.cli.main import app
from clusterbridge.core.db import transaction
from clusterbridge.demo.clusters import CATALAN_PROGRAMME
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Cluster, Membership, Organisation, Programme
from tests.web.factories import Scenario

runner = CliRunner()


def count(model: type) -> int:
    with transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_demo_load_prints_an_account_per_role_and_makes_them_once(engine: Engine) -> None:
    loaded = runner.invoke(app, ["demo", "load", "--organisations", "1000"], env={"COLUMNS": "160"})
    assert loaded.exit_code == 0, loaded.output
    for text in (
        "DEMO ONLY",
        "admin@demo.example",
        "demo-admin-2026",
        "Catalonia Clusters Programme",
        "(CCAC)",
        "cluster-kr@demo.example",
        "Public visitor",
    ):
        assert text in loaded.output
    again = runner.invoke(app, ["demo", "load", "--if-empty"], env={"COLUMNS": "160"})
    assert again.exit_code == 0, again.output
    assert "demo not loaded" in again.output
    assert "demo-member-2026" in again.output
    assert count(User) == 6
    assert count(RoleGrant) == 6
    with transaction() as session:
        accounts = create_demo_accounts(session)
        assert {a.role for a in accounts} == set(Role)
        for account in accounts:
            user = ops.authenticate(session, account.email, account.password)
            assert user is not None, account.email
        _check_scopes(session)
    assert count(User) == 6


def _principal(session: Session, local_part: str) -> Principal:
    user = session.scalars(select(User).where(User.email == f"{local_part}@demo.example")).one()
    return principal_for(session, user.id)


def _cluster_external_id(session: Session, cluster_id: int) -> str:
    query = select(Organisation.external_id).join(
        Cluster, Cluster.organisation_id == Organisation.id
    )
    return session.scalars(query.where(Cluster.id == cluster_id)).one()


def _check_scopes(session: Session) -> None:
    """Each account is scoped to the records its row promises."""
    catalan = session.scalar(select(Programme.id).where(Programme.external_id == CATALAN_PROGRAMME))
    assert _principal(session, "programme").programmes == {catalan}
    [ct_cluster] = _principal(session, "cluster-ct").clusters
    assert _cluster_external_id(session, ct_cluster) == "demo-cluster-ct-automotive"
    [kr_cluster] = _principal(session, "cluster-kr").clusters
    assert _cluster_external_id(session, kr_cluster) == "demo-cluster-kr-banwol-sihwa-01"
    [company] = _principal(session, "member").organisations
    member_of = session.scalars(
        select(Membership.cluster_id).where(Membership.organisation_id == company)
    )
    assert ct_cluster in set(member_of)
    assert session.get(Organisation, company).kind is OrganisationKind.COMPANY  # type: ignore[union-attr]
    assert _principal(session, "admin").is_admin
    assert _principal(session, "events").roles == {Role.EVENT_ORGANISER}


def test_no_demo_accounts_next_to_data_that_is_not_the_demo(
    engine: Engine, scenario: Scenario
) -> None:
    with transaction() as session:
        assert create_demo_accounts(session) == []
    assert count(User) == 0


def test_a_changed_demo_password_is_put_back(engine: Engine) -> None:
    assert runner.invoke(app, ["demo", "load", "--organisations", "1000"]).exit_code == 0
    with transaction() as session:
        user = session.scalars(select(User).where(User.email == "admin@demo.example")).one()
        user.password_hash = "changed"
    with transaction() as session:
        create_demo_accounts(session)
    with transaction() as session:
        assert ops.authenticate(session, "admin@demo.example", "demo-admin-2026") is not None
