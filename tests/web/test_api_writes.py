"""The write side of the API: who may write what, versions (ETag, If-Match, 409, 428), field
errors, and private fields that only those in scope see, whatever id is in the URL."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import ApiToken, Role
from clusterbridge.accounts.scopes import token_hash
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.registry.models import Membership, Organisation, Person
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario

Headers = dict[str, str]


def bearer(engine: Engine, user_id: int) -> Headers:
    """An API token for ``user_id``, stored as the token table keeps it (hash only)."""
    token = "cb_" + secrets.token_urlsafe(24)
    with transaction(engine) as session:
        session.add(
            ApiToken(user_id=user_id, name="test", prefix=token[:8], token_hash=token_hash(token))
        )
    return {"Authorization": f"Bearer {token}"}


def as_role(engine: Engine, role: Role | None = None, **scope: int) -> Headers:
    user_id = make_user(engine, f"{secrets.token_hex(4)}@example.org", role, **scope)
    return bearer(engine, user_id)


def set_private(engine: Engine, org_id: int) -> None:
    with transaction(engine) as session:
        org = session.get(Organisation, org_id)
        assert org is not None
        org.vat, org.national_id = "ESB65432109", "B-65432109"
        org.version = 1  # as if imported so: the tests read version 1
        session.add(Person(external_id="p-1", name="Marta Puig", organisation_id=org_id))


def membership_id(engine: Engine, org_id: int, cluster_id: int) -> int:
    with transaction(engine) as session:
        return int(
            session.scalars(
                select(Membership.id).where(
                    Membership.organisation_id == org_id, Membership.cluster_id == cluster_id
                )
            ).one()
        )


def collaboration_of(client: TestClient, org_id: int) -> dict[str, Any]:
    body = client.get("/api/v1/collaborations", params={"organisation": org_id}).json()
    return dict(body["items"][0])


def writes(s: Scenario, mid: int, cid: int) -> list[tuple[str, str, dict[str, Any]]]:
    """One call of every write endpoint, each valid for a principal allowed to make it."""
    return [
        ("POST", "/api/v1/organisations", {"kind": "company", "name": "Nova SL"}),
        ("PATCH", f"/api/v1/organisations/{s.battery_company}", {"city": "Busan", "version": 1}),
        ("PATCH", f"/api/v1/clusters/{s.korean_cluster}", {"acronym": "KB", "version": 1}),
        (
            "POST",
            "/api/v1/memberships",
            {"organisation_id": s.motors, "cluster_id": s.korean_cluster, "since": "2024-01-01"},
        ),
        ("PATCH", f"/api/v1/memberships/{mid}", {"until": "2030-01-01", "version": 1}),
        (
            "POST",
            "/api/v1/collaborations",
            {"title": "Pilot", "participants": [{"organisation_id": s.battery_company}]},
        ),
        ("PATCH", f"/api/v1/collaborations/{cid}", {"title": "Renamed", "version": 1}),
    ]


def test_every_write_needs_a_principal_and_a_scope(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    """Anonymous: 401. A representative of a Catalan company: 403 on Korean records. An
    administrator: 200 or 201."""
    mid = membership_id(engine, scenario.battery_company, scenario.korean_cluster)
    cid = collaboration_of(client, scenario.research_institute)["id"]
    outsider = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    admin = as_role(engine, Role.PLATFORM_ADMIN)
    for method, path, body in writes(scenario, mid, cid):
        anonymous = client.request(method, path, json=body)
        assert anonymous.status_code == 401, (method, path)
        assert anonymous.json()["detail"] == "sign in to do this"
        assert anonymous.json()["errors"] == []
        refused = client.request(method, path, json=body, headers=outsider)
        assert refused.status_code == 403, (method, path, refused.json())
        done = client.request(method, path, json=body, headers=admin)
        assert done.status_code == (201 if method == "POST" else 200), (path, done.json())
        assert done.headers["ETag"] == f'W/"{done.json()["id"]}-{done.json()["version"]}"'


def test_scoped_roles_write_their_own_records(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    rep = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    manager = as_role(engine, Role.CLUSTER_MANAGER, cluster_id=scenario.catalan_cluster)
    programme = as_role(engine, Role.PROGRAMME_MANAGER, programme_id=scenario.catalonia_programme)
    own = client.patch(
        f"/api/v1/organisations/{scenario.motors}", json={"city": "Rubí", "version": 1}, headers=rep
    )
    assert own.status_code == 200
    assert own.json()["city"] == "Rubí"
    assert own.json()["version"] == 2
    cluster = client.patch(
        f"/api/v1/clusters/{scenario.catalan_cluster}",
        json={"acronym": "CIAC-2", "version": 1},
        headers=manager,
    )
    assert cluster.status_code == 200
    assert cluster.json()["acronym"] == "CIAC-2"
    created = client.post(
        "/api/v1/organisations", json={"kind": "startup", "name": "Nova"}, headers=programme
    )
    assert created.status_code == 201
    assert created.headers["Location"] == f"/api/v1/organisations/{created.json()['id']}"
    nobody = as_role(engine)
    refused = client.post(
        "/api/v1/organisations", json={"kind": "startup", "name": "X"}, headers=nobody
    )
    assert refused.status_code == 403
    with transaction(engine) as session:
        actors = set(session.scalars(select(AuditEntry.actor)))
    assert len(actors) == 3
    assert all(actor.startswith("user:") for actor in actors)


def test_patch_needs_the_version_read_and_refuses_a_stale_one(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    rep = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    path = f"/api/v1/organisations/{scenario.motors}"
    read = client.get(path, headers=rep)
    etag = read.headers["ETag"]
    assert etag == f'W/"{scenario.motors}-1"'
    missing = client.patch(path, json={"city": "Rubí"}, headers=rep)
    assert missing.status_code == 428
    assert "If-Match" in missing.json()["detail"]
    first = client.patch(path, json={"city": "Rubí"}, headers={**rep, "If-Match": etag})
    assert first.status_code == 200
    assert first.headers["ETag"] == f'W/"{scenario.motors}-2"'
    stale = client.patch(path, json={"city": "Sabadell"}, headers={**rep, "If-Match": etag})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert stale.headers["ETag"] == f'W/"{scenario.motors}-2"'
    other_record = f'W/"{scenario.upc}-2"'  # an ETag of another record is never current
    assert (
        client.patch(
            path, json={"city": "Sabadell"}, headers={**rep, "If-Match": other_record}
        ).status_code
        == 409
    )
    by_field = client.patch(path, json={"city": "Sabadell", "version": 2}, headers=rep)
    assert by_field.status_code == 200
    assert client.get(path).json()["city"] == "Sabadell"
    bad = client.patch(path, json={"city": "X"}, headers={**rep, "If-Match": "yesterday"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "If-Match"


def test_invalid_values_are_422_with_a_message_per_field(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    rep = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    path = f"/api/v1/organisations/{scenario.motors}"
    body = {"country": "XX", "website": "ftp://x", "latitude": 100, "pic": "12", "version": 1}
    response = client.patch(path, json=body, headers=rep)
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert set(errors) == {"country", "website", "latitude", "pic"}
    assert errors["latitude"] == "must be between -90 and 90"
    typed = client.patch(
        path, json={"founding_year": "soon", "colour": "red", "version": 1}, headers=rep
    )
    assert typed.status_code == 422
    assert {e["field"] for e in typed.json()["errors"]} == {"founding_year", "colour"}
    assert client.get(path).json()["version"] == 1  # nothing was written


def test_private_fields_only_for_those_in_scope(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    set_private(engine, scenario.motors)
    path = f"/api/v1/organisations/{scenario.motors}"
    rep = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    manager = as_role(engine, Role.CLUSTER_MANAGER, cluster_id=scenario.catalan_cluster)
    korean = as_role(engine, Role.CLUSTER_MANAGER, cluster_id=scenario.korean_cluster)
    mine = client.get(path, headers=rep).json()
    assert mine["vat"] == "ESB65432109"
    assert mine["national_id"] == "B-65432109"
    assert mine["contacts"] == [{"name": "Marta Puig", "email": None, "position": None}]
    assert client.get(path, headers=manager).json()["vat"] == "ESB65432109"
    for headers in ({}, korean):
        public = client.get(path, headers=headers).json()
        assert {"vat", "national_id", "contacts"}.isdisjoint(public), headers
        assert public["name"] == "Motors Vallès SL"


def test_changing_the_id_in_the_url_reaches_no_other_record(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    """A representative of a Catalan company, a manager of the Catalan cluster: Korean records
    read as public and refuse writes; unknown ids are 404."""
    set_private(engine, scenario.battery_company)
    rep = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    manager = as_role(engine, Role.CLUSTER_MANAGER, cluster_id=scenario.catalan_cluster)
    korean_membership = membership_id(engine, scenario.battery_company, scenario.korean_cluster)
    for headers in (rep, manager):
        other = f"/api/v1/organisations/{scenario.battery_company}"
        read = client.get(other, headers=headers).json()
        assert "vat" not in read
        write = client.patch(other, json={"vat": "X", "version": 1}, headers=headers)
        assert write.status_code == 403
        assert "ESB" not in write.text
        cluster = client.patch(
            f"/api/v1/clusters/{scenario.korean_cluster}",
            json={"acronym": "X", "version": 1},
            headers=headers,
        )
        assert cluster.status_code == 403
        ended = client.patch(
            f"/api/v1/memberships/{korean_membership}",
            json={"until": "2030-01-01", "version": 1},
            headers=headers,
        )
        assert ended.status_code == 403
        missing = client.patch("/api/v1/organisations/999999", json={"version": 1}, headers=headers)
        assert missing.status_code == 404


def test_a_manager_cannot_move_a_cluster_out_of_reach(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    path = f"/api/v1/clusters/{scenario.catalan_cluster}"
    korea = client.get(f"/api/v1/clusters/{scenario.korean_cluster}").json()["programme"]
    manager = as_role(engine, Role.CLUSTER_MANAGER, cluster_id=scenario.catalan_cluster)
    catalonia = as_role(engine, Role.PROGRAMME_MANAGER, programme_id=scenario.catalonia_programme)
    admin = as_role(engine, Role.PLATFORM_ADMIN)
    for headers in (manager, catalonia):
        moved = client.patch(path, json={"programme": korea, "version": 1}, headers=headers)
        assert moved.status_code == 403
    same = client.get(path).json()["programme"]
    kept = client.patch(
        path, json={"programme": same, "acronym": "C", "version": 1}, headers=manager
    )
    assert kept.status_code == 200
    moved = client.patch(path, json={"programme": korea, "version": 2}, headers=admin)
    assert moved.status_code == 200, moved.json()
    assert moved.json()["programme_id"] == scenario.korea_programme
    unknown = client.patch(path, json={"programme": "nope", "version": 3}, headers=admin)
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {"field": "programme", "message": "no programme with this id"}
    ]


def test_memberships_are_added_without_overlap(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    manager = as_role(engine, Role.CLUSTER_MANAGER, cluster_id=scenario.korean_cluster)
    body = {
        "organisation_id": scenario.motors,
        "cluster_id": scenario.korean_cluster,
        "since": "2024-01-01",
    }
    added = client.post("/api/v1/memberships", json=body, headers=manager)
    assert added.status_code == 201
    new = added.json()
    assert (new["role"], new["until"], new["version"]) == ("member", None, 1)
    overlap = client.post(
        "/api/v1/memberships", json={**body, "since": "2025-01-01"}, headers=manager
    )
    assert overlap.status_code == 422
    assert overlap.json()["errors"][0]["field"] == "since"
    unknown = client.post(
        "/api/v1/memberships", json={**body, "cluster_id": 999999}, headers=manager
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {"field": "cluster_id", "message": "no cluster with this id"}
    ]


def test_memberships_end_and_change_role_keeping_history(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    manager = as_role(engine, Role.CLUSTER_MANAGER, cluster_id=scenario.korean_cluster)
    body = {"organisation_id": scenario.motors, "cluster_id": scenario.korean_cluster}
    added = client.post(
        "/api/v1/memberships", json={**body, "since": "2024-01-01"}, headers=manager
    )
    path = f"/api/v1/memberships/{added.json()['id']}"
    changed = client.patch(
        path,
        json={"role": "board_member", "on": "2024-06-01"},
        headers={**manager, "If-Match": added.headers["ETag"]},
    )
    assert changed.status_code == 200
    assert changed.json()["id"] != added.json()["id"]
    assert changed.json()["since"] == "2024-06-01"
    stale = client.patch(path, json={"until": "2024-12-31", "version": 1}, headers=manager)
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    both = client.patch(
        path, json={"until": "2024-12-31", "role": "member", "version": 2}, headers=manager
    )
    assert both.status_code == 422
    history = client.get(
        "/api/v1/memberships",
        params={"organisation": scenario.motors, "cluster": scenario.korean_cluster},
    ).json()
    assert [(m["role"], m["since"], m["until"]) for m in history["items"]] == [
        ("member", "2024-01-01", "2024-06-01"),
        ("board_member", "2024-06-01", None),
    ]
    current = client.get(
        "/api/v1/memberships", params={"cluster": scenario.korean_cluster, "current": True}
    ).json()
    assert {m["organisation_id"] for m in current["items"]} == {
        scenario.battery_company,
        scenario.research_institute,
        scenario.motors,
    }


def test_collaborations_by_their_participants(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    upc = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.upc)
    motors = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    body = {
        "title": "Recycling pilot",
        "year": 2024,
        "total_cost": "250000.00",
        "programme_parts": ["SC3"],
        "participants": [
            {"organisation_id": scenario.upc, "role": "coordinator"},
            {"organisation_id": scenario.battery_company},
        ],
    }
    created = client.post("/api/v1/collaborations", json=body, headers=upc)
    assert created.status_code == 201
    record = created.json()
    assert record["source"] == "clusterbridge"
    assert [p["role"] for p in record["participants"]] == ["coordinator", "participant"]
    path = f"/api/v1/collaborations/{record['id']}"
    assert (
        client.patch(path, json={"title": "Mine", "version": 1}, headers=motors).status_code == 403
    )
    bad = client.patch(
        path, json={"end_date": "2000-01-01", "start_date": "2001-01-01", "version": 1}, headers=upc
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == [
        {"field": "end_date", "message": "end_date is before start_date"}
    ]
    renamed = client.patch(
        path,
        json={
            "participants": [{"organisation_id": scenario.upc, "role": "participant"}],
            "version": 1,
        },
        headers=upc,
    )
    assert renamed.status_code == 200
    assert [p["organisation_id"] for p in renamed.json()["participants"]] == [scenario.upc]
    found = client.get("/api/v1/collaborations", params={"q": "recycling"}).json()
    assert [item["id"] for item in found["items"]] == [record["id"]]


def test_a_browser_session_writes_with_its_csrf_header(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    user = make_user(
        engine, "rep@example.org", Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors
    )
    csrf = sign_in(client, engine, user)
    path = f"/api/v1/organisations/{scenario.motors}"
    assert client.patch(path, json={"city": "Rubí", "version": 1}).status_code == 403
    assert (
        client.patch(
            path, json={"city": "Rubí", "version": 1}, headers={"X-CSRF-Token": csrf}
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/v1/organisations", "post"),
        ("/api/v1/organisations/{organisation_id}", "patch"),
        ("/api/v1/clusters/{cluster_id}", "patch"),
        ("/api/v1/memberships", "post"),
        ("/api/v1/memberships/{membership_id}", "patch"),
        ("/api/v1/collaborations", "post"),
        ("/api/v1/collaborations/{collaboration_id}", "patch"),
    ],
)
def test_openapi_describes_each_write(client: TestClient, path: str, method: str) -> None:
    operation = client.get("/openapi.json").json()["paths"][path][method]
    assert "$ref" in operation["requestBody"]["content"]["application/json"]["schema"]
    for status in ("401", "403", "409", "422", "428"):
        assert status in operation["responses"], status
    success = operation["responses"]["201" if method == "post" else "200"]
    assert "$ref" in success["content"]["application/json"]["schema"]


def test_a_revoked_or_unknown_token_is_refused_on_public_lists(client: TestClient) -> None:
    response = client.get("/api/v1/organisations", headers={"Authorization": "Bearer cb_nonsense"})
    assert response.status_code == 401
