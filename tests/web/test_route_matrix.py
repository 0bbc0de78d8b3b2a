"""Every route of the platform against the roles: nothing that needs a permission is reachable
without it, and changing an id in the URL never reaches another organisation's data.

The list of routes is checked against the application, so a new route fails this test until it
is placed in one of the groups below.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role
from clusterbridge.core.db import transaction
from clusterbridge.registry.models import Collaboration, Membership, Organisation
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario

PUBLIC = {
    ("GET", "/"), ("GET", "/organisations"), ("GET", "/organisations/{organisation_id}"),
    ("GET", "/clusters"), ("GET", "/clusters/{cluster_id}"), ("GET", "/openapi.json"),
    ("GET", "/docs"), ("GET", "/api/v1/organisations"),
    ("GET", "/api/v1/organisations/{organisation_id}"), ("GET", "/api/v1/clusters"),
    ("GET", "/api/v1/clusters/{cluster_id}"), ("GET", "/api/v1/memberships"),
    ("GET", "/api/v1/memberships/{membership_id}"), ("GET", "/api/v1/collaborations"),
    ("GET", "/api/v1/collaborations/{collaboration_id}"),
    ("GET", "/login"), ("POST", "/login"), ("GET", "/signup"), ("POST", "/signup"),
    ("GET", "/invitations/{token}"), ("POST", "/invitations/{token}"),
    ("GET", "/password-reset"), ("POST", "/password-reset"),
    ("GET", "/password-reset/{token}"), ("POST", "/password-reset/{token}"),
    ("GET", "/assets/plotly.min.js"), ("GET", "/mapping"), ("GET", "/mapping/{key}"),
    ("GET", "/mapping/{key}/report.pdf"), ("GET", "/mapping/{key}/strength.csv"),
    ("GET", "/events"), ("GET", "/events/{event_id}"),
    ("GET", "/posts"), ("GET", "/posts/{post_id}"), ("GET", "/api/posts"),
    ("GET", "/api/posts/{post_id}"),
}  # fmt: skip
OWN_ACCOUNT = {
    ("POST", "/logout"), ("GET", "/account"), ("POST", "/account/tokens"),
    ("POST", "/account/tokens/{token_id}/revoke"), ("POST", "/account/password"),
    ("GET", "/api/v1/account"), ("GET", "/organisations/{organisation_id}/partners"),
    ("GET", "/api/v1/organisations/{organisation_id}/recommendations"),
}  # fmt: skip
NEEDS_PERMISSION = {
    ("POST", "/api/v1/organisations"), ("PATCH", "/api/v1/organisations/{organisation_id}"),
    ("PATCH", "/api/v1/clusters/{cluster_id}"), ("POST", "/api/v1/memberships"),
    ("PATCH", "/api/v1/memberships/{membership_id}"), ("POST", "/api/v1/collaborations"),
    ("PATCH", "/api/v1/collaborations/{collaboration_id}"),
    ("GET", "/organisations/{organisation_id}/edit"), ("POST", "/organisations/{organisation_id}/edit"),
    ("GET", "/clusters/{cluster_id}/edit"), ("POST", "/clusters/{cluster_id}/edit"),
    ("GET", "/clusters/{cluster_id}/members"), ("POST", "/clusters/{cluster_id}/members"),
    ("POST", "/clusters/{cluster_id}/members/{membership_id}/end"),
    ("POST", "/clusters/{cluster_id}/members/{membership_id}/role"),
    ("GET", "/import"), ("GET", "/import/template/{kind}.csv"), ("POST", "/import"),
    ("POST", "/import/confirm"), ("GET", "/history/{entity}/{record_id}"), ("GET", "/admin"),
    ("GET", "/admin/programmes"), ("GET", "/admin/programmes/new"),
    ("POST", "/admin/programmes/new"), ("GET", "/admin/programmes/{record_id}"),
    ("POST", "/admin/programmes/{record_id}"), ("GET", "/admin/complexes"),
    ("GET", "/admin/complexes/new"), ("POST", "/admin/complexes/new"),
    ("GET", "/admin/complexes/{record_id}"), ("POST", "/admin/complexes/{record_id}"),
    ("GET", "/admin/users"), ("POST", "/admin/users/grant"), ("GET", "/admin/users/{user_id}"),
    ("POST", "/admin/users/{user_id}/grant"),
    ("POST", "/admin/users/{user_id}/grants/{grant_id}/revoke"),
    ("POST", "/admin/users/{user_id}/status"), ("GET", "/admin/access-requests"),
    ("POST", "/admin/access-requests/{request_id}"),
    ("GET", "/clusters/{cluster_id}/scorecard"), ("GET", "/clusters/{cluster_id}/scorecard.pdf"),
    ("GET", "/clusters/{cluster_id}/questionnaire"),
    ("POST", "/clusters/{cluster_id}/questionnaire"),
    ("GET", "/programmes/{programme_id}/scorecard"),
    ("GET", "/programmes/{programme_id}/scorecard.pdf"),
    ("GET", "/events/{event_id}/register"), ("POST", "/events/{event_id}/register"),
    ("GET", "/events/{event_id}/participants"), ("POST", "/events/{event_id}/requests"),
    ("GET", "/events/{event_id}/requests"),
    ("POST", "/events/{event_id}/requests/{request_id}/respond"),
    ("POST", "/events/{event_id}/requests/{request_id}/cancel"),
    ("GET", "/events/{event_id}/agenda"),
    ("GET", "/events/{event_id}/registrations/{registration_id}/agenda.pdf"),
    ("GET", "/events/{event_id}/registrations/{registration_id}/agenda.ics"),
    ("POST", "/events/{event_id}/meetings/{meeting_id}/outcome"),
    ("GET", "/events/new"), ("POST", "/events/new"), ("GET", "/events/{event_id}/manage"),
    ("POST", "/events/{event_id}/manage"), ("POST", "/events/{event_id}/sessions"),
    ("POST", "/events/{event_id}/tables"), ("POST", "/events/{event_id}/status"),
    ("POST", "/events/{event_id}/registrations/{registration_id}/decide"),
    ("POST", "/events/{event_id}/registrations/{registration_id}/booth"),
    ("POST", "/events/{event_id}/schedule"), ("GET", "/events/{event_id}/jobs/{job_id}"),
    ("GET", "/events/{event_id}/jobs/{job_id}.json"), ("POST", "/events/{event_id}/publish"),
    ("GET", "/events/{event_id}/plan"), ("GET", "/events/{event_id}/plan.pdf"),
    ("GET", "/events/{event_id}/plan.csv"), ("GET", "/events/{event_id}/outcomes"),
    ("GET", "/posts/new"), ("POST", "/posts/new"), ("GET", "/posts/{post_id}/edit"),
    ("POST", "/posts/{post_id}/edit"), ("POST", "/posts/{post_id}/close"),
    ("POST", "/posts/{post_id}/reopen"), ("POST", "/posts/{post_id}/interests"),
    ("POST", "/posts/{post_id}/interests/{interest_id}/respond"),
    ("POST", "/posts/{post_id}/interests/{interest_id}/withdraw"),
    ("POST", "/api/posts"), ("POST", "/api/posts/{post_id}/interests"),
}  # fmt: skip


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route, through FastAPI's included routers."""
    found: set[tuple[str, str]] = set()

    def walk(routes: list[Any], prefix: str) -> None:
        for route in routes:
            if hasattr(route, "original_router"):
                walk(route.original_router.routes, prefix + (route.include_context.prefix or ""))
            elif getattr(route, "methods", None):
                found.update((m, prefix + route.path) for m in route.methods - {"HEAD"})

    walk(list(app.routes), "")
    return found


def fill(path: str, ids: dict[str, int | str]) -> str:
    for name, value in ids.items():
        path = path.replace("{" + name + "}", str(value))
    return path


@pytest.fixture
def ids(engine: Engine, scenario: Scenario) -> dict[str, int | str]:
    with transaction(engine) as session:
        membership = session.scalar(
            select(Membership.id).where(Membership.cluster_id == scenario.catalan_cluster)
        )
        collaboration = session.scalar(select(Collaboration.id))
    other = make_user(engine, "someone@else.example", Role.MEMBER_REPRESENTATIVE,
                      organisation_id=scenario.upc)  # fmt: skip
    return {
        "organisation_id": scenario.motors, "cluster_id": scenario.catalan_cluster,
        "membership_id": membership or 1, "collaboration_id": collaboration or 1,
        "record_id": scenario.catalonia_programme, "user_id": other, "grant_id": 1,
        "programme_id": scenario.catalonia_programme,
        "event_id": 1, "registration_id": 1, "meeting_id": 1, "job_id": 1,
        "token_id": 1, "request_id": 1, "kind": "organisations", "entity": "organisation",
        "token": "not-a-token", "post_id": 1, "interest_id": 1,
    }  # fmt: skip


def body(path: str, ids: dict[str, int | str]) -> dict[str, Any]:
    """A valid JSON body for the API writes, so the permission check, not validation, answers."""
    org, cluster = ids["organisation_id"], ids["cluster_id"]
    bodies: dict[str, dict[str, Any]] = {
        "/api/v1/organisations": {"kind": "company", "name": "Intruder SL"},
        "/api/v1/memberships": {
            "organisation_id": org,
            "cluster_id": cluster,
            "since": "2024-01-01",
        },
        "/api/v1/collaborations": {"source": "manual", "participants": [{"organisation_id": org}]},
        "/api/v1/memberships/{membership_id}": {"until": "2025-01-01", "version": 1},
        "/api/posts": {"organisation_id": org, "post_type": "business_offer", "title": "Intruder",
                       "description": "x", "expires_on": "2030-01-01"},
        "/api/posts/{post_id}/interests": {"organisation_id": org, "message": "Intruder"},
    }  # fmt: skip
    return bodies.get(path, {"version": 1})


def call(
    client: TestClient, method: str, url: str, csrf: str | None = None, json: Any = None
) -> int:
    headers = {"X-CSRF-Token": csrf, "If-Match": '"*"'} if csrf else {}
    if method == "GET":
        response = client.get(url, follow_redirects=False)
    else:
        response = client.request(
            method, url, json=json or {}, headers=headers, follow_redirects=False
        )
    if response.status_code in (302, 303, 307):
        return 401 if response.headers["location"].startswith("/login") else response.status_code
    return response.status_code


def test_every_route_is_in_the_matrix(client: TestClient) -> None:
    assert isinstance(client.app, FastAPI)
    assert app_routes(client.app) == PUBLIC | OWN_ACCOUNT | NEEDS_PERMISSION


def test_anonymous_reaches_nothing_that_needs_an_account(
    client: TestClient, ids: dict[str, int | str]
) -> None:
    refused = {(m, p): call(client, m, fill(p, ids)) for m, p in OWN_ACCOUNT | NEEDS_PERMISSION}
    assert {route: status for route, status in refused.items() if status != 401} == {}


def test_a_user_without_roles_is_refused_everything_but_their_account(
    engine: Engine, client: TestClient, ids: dict[str, int | str]
) -> None:
    csrf = sign_in(client, engine, make_user(engine, "nobody@example.org"))
    statuses = {
        (m, p): call(client, m, fill(p, ids), csrf, body(p, ids)) for m, p in NEEDS_PERMISSION
    }
    assert {route: status for route, status in statuses.items() if status not in (403, 404)} == {}


def test_changing_the_id_does_not_reach_another_organisation(
    engine: Engine, client: TestClient, scenario: Scenario
) -> None:
    """A representative of one company tries another company's pages and private data."""
    with transaction(engine) as session:
        session.get(Organisation, scenario.battery_company).vat = "ESB00000000"  # type: ignore[union-attr]
    user = make_user(engine, "rep@motors.example", Role.MEMBER_REPRESENTATIVE,
                     organisation_id=scenario.motors)  # fmt: skip
    csrf = sign_in(client, engine, user)
    own, other = scenario.motors, scenario.battery_company
    assert call(client, "GET", f"/organisations/{own}/edit") == 200
    for method, path in [
        ("GET", f"/organisations/{other}/edit"),
        ("POST", f"/organisations/{other}/edit"),
        ("PATCH", f"/api/v1/organisations/{other}"),
        ("GET", f"/history/organisation/{other}"),
    ]:
        assert call(client, method, path, csrf) in (403, 404), (method, path)
    detail = client.get(f"/api/v1/organisations/{other}").json()
    assert "vat" not in detail or detail["vat"] is None
    assert "ESB00000000" not in client.get(f"/organisations/{other}").text


def test_out_of_range_numbers_are_not_a_server_error(
    client: TestClient, scenario: Scenario
) -> None:
    """A number no database integer can hold names nothing: 404 in a path, 400 in a filter."""
    huge = 10**20
    paths = [fill(p, dict.fromkeys(["organisation_id", "cluster_id", "membership_id",
                                     "collaboration_id", "event_id"], huge))
             for m, p in PUBLIC if m == "GET" and "{" in p and "token" not in p]  # fmt: skip
    expected = {
        path: (422 if path.startswith("/api/") else 404) for path in paths
    }  # API: field error
    assert {path: call(client, "GET", path) for path in paths} == expected
    assert call(client, "GET", f"/organisations?cluster={huge}") in (400, 422)
