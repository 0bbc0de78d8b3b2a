"""Admin pages of users: who sees whom, giving and taking roles within one's scope, and
disabling accounts."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import AccountStatus, RoleGrant, User
from clusterbridge.core.db import transaction
from tests.web.admin_people import People, as_user, grants_of, people
from tests.web.factories import Scenario
from tests.web.page_checks import needs_sign_in, words

__all__ = ["people"]  # the fixture


# ---- users and roles -------------------------------------------------------------------------


def test_users_list_by_scope(client: TestClient, engine: Engine, people: People) -> None:
    assert needs_sign_in(client.get("/admin/users", follow_redirects=False))
    assert needs_sign_in(client.get("/admin/users/1", follow_redirects=False))
    as_user(client, engine, people.admin)
    everyone = words(client.get("/admin/users").text)
    assert "6 users" in everyone
    assert "new@example.org" in everyone
    found = words(client.get("/admin/users?q=KBIA").text)
    assert "1 user." in found
    assert "cm@kbia.kr" in found
    as_user(client, engine, people.catalan_programme_manager)
    scoped = words(client.get("/admin/users").text)
    assert "cm@ciac.cat" in scoped
    assert "Cluster manager · Clúster de l'Automoció de Catalunya (CIAC)" in scoped
    assert "rep@motors.cat" in scoped  # a member of a cluster of the programme
    assert "cm@kbia.kr" not in scoped
    assert "new@example.org" not in scoped
    as_user(client, engine, people.representative)
    assert client.get("/admin/users").status_code == 403


def test_grant_and_revoke_within_scope(
    client: TestClient, engine: Engine, people: People, scenario: Scenario
) -> None:
    csrf = as_user(client, engine, people.catalan_programme_manager)
    grant = {
        "csrf_token": csrf,
        "email": "NEW@example.org",
        "role": "cluster_manager",
        "cluster": str(scenario.catalan_cluster),
    }
    response = client.post("/admin/users/grant", data=grant, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/admin/users/{people.newcomer}?done=granted"
    assert grants_of(engine, people.newcomer) == {("cluster_manager", scenario.catalan_cluster)}
    page = client.get(response.headers["location"]).text
    assert "The role was given." in words(page)
    with transaction(engine) as session:
        grant_id = session.scalars(
            select(RoleGrant.id).where(RoleGrant.user_id == people.newcomer)
        ).one()
    revoke = f"/admin/users/{people.newcomer}/grants/{grant_id}/revoke"
    assert f'action="{revoke}"' in page
    as_user(client, engine, people.korean_cluster_manager)
    assert client.get(f"/admin/users/{people.newcomer}").status_code == 403
    korean_csrf = as_user(client, engine, people.korean_cluster_manager)
    assert client.post(revoke, data={"csrf_token": korean_csrf}).status_code == 403
    csrf = as_user(client, engine, people.catalan_programme_manager)
    revoked = client.post(revoke, data={"csrf_token": csrf}, follow_redirects=False)
    assert revoked.status_code == 303
    assert grants_of(engine, people.newcomer) == set()


def test_a_cluster_manager_cannot_grant_on_another_cluster(
    client: TestClient, engine: Engine, people: People, scenario: Scenario
) -> None:
    csrf = as_user(client, engine, people.catalan_cluster_manager)
    page = client.get("/admin/users").text
    assert f'<option value="{scenario.catalan_cluster}">' in page
    assert f'<option value="{scenario.korean_cluster}">' not in page
    forged = {
        "csrf_token": csrf,
        "email": "new@example.org",
        "role": "cluster_manager",
        "cluster": str(scenario.korean_cluster),
    }
    assert client.post("/admin/users/grant", data=forged).status_code == 403
    for role, field, value in (
        ("programme_manager", "programme", scenario.korea_programme),
        ("platform_admin", "cluster", ""),
    ):
        other = forged | {"role": role, field: str(value)}
        assert client.post("/admin/users/grant", data=other).status_code == 403
    assert grants_of(engine, people.newcomer) == set()
    own = forged | {"cluster": str(scenario.catalan_cluster)}
    assert client.post("/admin/users/grant", data=own, follow_redirects=False).status_code == 303
    assert grants_of(engine, people.newcomer) == {("cluster_manager", scenario.catalan_cluster)}


def test_grant_form_errors_are_shown_at_the_fields(
    client: TestClient, engine: Engine, people: People
) -> None:
    csrf = as_user(client, engine, people.catalan_programme_manager)
    unknown = {"csrf_token": csrf, "email": "nobody@example.org", "role": "cluster_manager"}
    response = client.post("/admin/users/grant", data=unknown)
    assert response.status_code == 422
    assert 'aria-describedby="grant-email-hint grant-email-error"' in response.text
    assert "There is no account with this e-mail address." in response.text
    no_cluster = unknown | {"email": "new@example.org"}
    response = client.post("/admin/users/grant", data=no_cluster)
    assert "Choose the cluster of the cluster manager." in response.text
    no_org = no_cluster | {"role": "member_representative", "organisation": "nope"}
    response = client.post("/admin/users/grant", data=no_org)
    assert "There is no organisation with this registry id." in response.text


def test_disable_and_enable_an_account(client: TestClient, engine: Engine, people: People) -> None:
    manager_client_csrf = as_user(client, engine, people.catalan_cluster_manager)
    assert manager_client_csrf
    manager_cookie = client.cookies.get("cb_session")
    csrf = as_user(client, engine, people.admin)
    path = f"/admin/users/{people.catalan_cluster_manager}/status"
    response = client.post(
        path,
        data={"csrf_token": csrf, "status": "disabled", "version": "1"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "The account was disabled" in client.get(response.headers["location"]).text
    stale = client.post(path, data={"csrf_token": csrf, "status": "active", "version": "1"})
    assert stale.status_code == 409
    assert "changed meanwhile" in stale.text
    with transaction(engine) as session:
        user = session.get(User, people.catalan_cluster_manager)
        assert user is not None
        assert user.status is AccountStatus.DISABLED
    client.cookies.set("cb_session", manager_cookie or "")
    assert needs_sign_in(client.get("/admin", follow_redirects=False))  # signed out everywhere
    csrf = as_user(client, engine, people.admin)
    enabled = client.post(
        path, data={"csrf_token": csrf, "status": "active", "version": "2"}, follow_redirects=False
    )
    assert enabled.status_code == 303


def test_who_may_disable_whom(
    client: TestClient, engine: Engine, people: People, scenario: Scenario
) -> None:
    csrf = as_user(client, engine, people.catalan_programme_manager)
    own_cluster = f"/admin/users/{people.catalan_cluster_manager}"
    assert "Disable the account" in client.get(own_cluster).text
    data = {"csrf_token": csrf, "status": "disabled", "version": "1"}
    assert client.post(f"/admin/users/{people.admin}/status", data=data).status_code == 403
    assert client.post(f"/admin/users/{people.newcomer}/status", data=data).status_code == 403
    csrf = as_user(client, engine, people.admin)
    own = client.get(f"/admin/users/{people.admin}").text
    assert "Disable the account" not in own
    with transaction(engine) as session:
        grant_id = session.scalars(
            select(RoleGrant.id).where(RoleGrant.user_id == people.admin)
        ).one()
    revoke = f"/admin/users/{people.admin}/grants/{grant_id}/revoke"
    response = client.post(revoke, data={"csrf_token": csrf})
    assert response.status_code == 409
    assert "You cannot take away your own roles" in response.text
    assert grants_of(engine, people.admin) == {("platform_admin", None)}
