"""Partner-search posts in the JSON API: the list (filters, cursor), a post with the interest
each caller may see, publishing and expressing interest with tokens, and the API's one error
shape for every refusal."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.accounts.models import Role
from clusterbridge.core.db import transaction
from clusterbridge.matchmaking.posts import operations as ops
from clusterbridge.matchmaking.posts.models import PostType
from tests.matchmaking import post_factory as make
from tests.web.factories import Scenario
from tests.web.test_api_writes import as_role


def _body(organisation_id: int, **changes: object) -> dict[str, object]:
    return {
        "organisation_id": organisation_id,
        "post_type": "rd_partner_search",
        "title": "Partners for solid-state cells",
        "description": "A Horizon Europe proposal on solid-state batteries.",
        "expires_on": make.in_days(45).isoformat(),
        "industries": ["C27.20"],
        "technologies": ["battery technology"],
        "countries": ["Korea, Republic of"],
        "kinds": ["university", "research centre"],
        **changes,
    }


def test_the_list_filters_and_pages(client: TestClient, scenario: Scenario) -> None:
    ids = [make.post(scenario.motors, f"Post {n}") for n in range(3)]
    offer = make.post(scenario.battery_company, "Cells", PostType.BUSINESS_OFFER, countries=[])
    with transaction() as session:
        ops.close_post(session, ids[0], actor_id=None)
    first = client.get("/api/posts", params={"limit": 2}).json()
    assert [item["id"] for item in first["items"]] == ids[1:]
    rest = client.get("/api/posts", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert ([item["id"] for item in rest["items"]], rest["next_cursor"]) == ([offer], None)
    offers = client.get("/api/posts", params={"type": "business_offer"}).json()["items"]
    assert [(p["title"], p["countries"], p["is_open"]) for p in offers] == [("Cells", [], True)]
    everything = client.get("/api/posts", params={"include_closed": "true"}).json()["items"]
    assert len(everything) == 4
    mine = client.get("/api/posts", params={"organisation": scenario.battery_company}).json()
    assert [p["id"] for p in mine["items"]] == [offer]
    bad = client.get("/api/posts", params={"type": "joint_venture"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "type"


def test_who_sees_the_interest_a_post_received(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    post_id = make.post(scenario.motors)
    make.interest(post_id, scenario.battery_company, "Modules")
    make.interest(post_id, scenario.upc, "Testing")
    anonymous = client.get(f"/api/posts/{post_id}")
    assert anonymous.headers["etag"] == f'W/"{post_id}-1"'
    assert (anonymous.json()["interests"], anonymous.json()["interest_count"]) == (None, 2)
    poster = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    seen = client.get(f"/api/posts/{post_id}", headers=poster).json()["interests"]
    assert [i["message"] for i in seen] == ["Modules", "Testing"]
    university = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.upc)
    own = client.get(f"/api/posts/{post_id}", headers=university).json()["interests"]
    assert [i["message"] for i in own] == ["Testing"]
    assert client.get("/api/posts/999999").status_code == 404
    assert client.get("/api/posts/2147483648").status_code == 422
    revoked = client.get(f"/api/posts/{post_id}", headers={"Authorization": "Bearer nope"})
    assert revoked.status_code == 401


def test_publishing_through_the_api(client: TestClient, engine: Engine, scenario: Scenario) -> None:
    assert client.post("/api/posts", json=_body(scenario.upc)).status_code == 401
    headers = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.upc)
    refused = client.post("/api/posts", json=_body(scenario.motors), headers=headers)
    assert refused.status_code == 403
    unknown = client.post("/api/posts", json=_body(999_999), headers=headers)
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["organisation_id"]
    invalid = client.post(
        "/api/posts",
        json=_body(scenario.upc, countries=["Atlantis"], technologies=["warp drive"], title=" "),
        headers=headers,
    )
    assert invalid.status_code == 422
    assert {e["field"] for e in invalid.json()["errors"]} == {"countries", "technologies", "title"}
    extra = client.post("/api/posts", json=_body(scenario.upc, budget=5), headers=headers)
    assert extra.status_code == 422
    made = client.post("/api/posts", json=_body(scenario.upc), headers=headers)
    assert made.status_code == 201
    post = made.json()
    assert made.headers["location"] == f"/api/posts/{post['id']}"
    assert (post["industries"], post["countries"], post["kinds"]) == (
        ["27.20"], ["KR"], ["research_centre", "university"],
    )  # fmt: skip
    assert post["interests"] == []
    assert make.audit_count("posts.post.created") == 1


def test_expressing_interest_through_the_api(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    post_id = make.post(scenario.motors)
    url = f"/api/posts/{post_id}/interests"
    body = {"organisation_id": scenario.battery_company, "message": "Our modules fit."}
    assert client.post(url, json=body).status_code == 401
    headers = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.battery_company)
    foreign = {**body, "organisation_id": scenario.upc}
    assert client.post(url, json=foreign, headers=headers).status_code == 403
    made = client.post(url, json=body, headers=headers)
    assert made.status_code == 201
    assert (made.json()["status"], made.json()["organisation_id"]) == (
        "sent", scenario.battery_company,
    )  # fmt: skip
    again = client.post(url, json=body, headers=headers)
    assert again.status_code == 409
    assert "already expressed interest" in again.json()["detail"]
    poster = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors)
    own = client.post(url, json={**body, "organisation_id": scenario.motors}, headers=poster)
    assert own.status_code == 422
    assert own.json()["errors"][0]["field"] == "organisation_id"
    with transaction() as session:
        ops.close_post(session, post_id, actor_id=None)
    upc = as_role(engine, Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.upc)
    closed = client.post(url, json={**body, "organisation_id": scenario.upc}, headers=upc)
    assert closed.status_code == 409
    missing = client.post("/api/posts/999999/interests", json=body, headers=headers)
    assert missing.status_code == 404
