"""The read-only JSON API: public fields, filters, cursor pagination, errors, OpenAPI."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.web.factories import KOREAN_CLUSTER, Scenario, seed_many
from tests.web.statements import StatementCounter

CountStatements = Callable[[], AbstractContextManager[StatementCounter]]


def walk(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a cursor-paginated list, following next_cursor to the end."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        body = client.get(path, params=query).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the cursor never reached the end")


def test_cursor_walks_every_organisation_exactly_once(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    bulk = seed_many(engine, 37)
    items = walk(client, "/api/v1/organisations", limit=8)
    ids = [item["id"] for item in items]
    assert len(ids) == 47
    assert len(set(ids)) == 47
    assert ids == sorted(ids)
    assert set(bulk) <= set(ids)
    filtered = walk(client, "/api/v1/organisations", q="bulk", country="DE", limit=4)
    assert [item["id"] for item in filtered] == bulk[::2]


def test_items_carry_public_fields_only(client: TestClient, scenario: Scenario) -> None:
    body = client.get("/api/v1/organisations", params={"q": "창원"}).json()
    (item,) = body["items"]
    assert body["next_cursor"] is None
    assert item["name"] == "배터리솔루션 주식회사"
    assert item["name_latin"] == "Battery Solution Co."
    assert item["kind"] == "company"
    assert item["country"] == "KR"
    assert item["codes"] == [
        {"vocabulary": "NACE", "code": "C27.2"},
        {"vocabulary": "technology", "code": "battery-materials"},
    ]
    assert item["clusters"] == [
        {"id": scenario.korean_cluster, "name": KOREAN_CLUSTER, "acronym": "KBIA"}
    ]
    for private in ("vat", "national_id", "version", "created_at"):
        assert private not in item


def test_filters(client: TestClient, scenario: Scenario) -> None:
    def names(**params: Any) -> set[str]:
        return {
            item["name"]
            for item in client.get("/api/v1/organisations", params=params).json()["items"]
        }

    assert names(kind="university") == {"Universitat Politècnica de Catalunya"}
    assert names(cluster=scenario.korean_cluster, kind="research_centre") == {
        "Korea Institute of Battery Research"
    }
    assert names(technology="electric-vehicles") == {"Motors Vallès SL"}


def test_organisation_detail_and_404(client: TestClient, scenario: Scenario) -> None:
    body = client.get(f"/api/v1/organisations/{scenario.former_member}").json()
    assert body["name"] == "Changwon Precision"
    assert body["clusters"] == []
    (membership,) = body["memberships"]
    assert membership["cluster"]["acronym"] == "KBIA"
    assert membership["since"] == "2019-01-01"
    assert membership["until"] is not None
    assert client.get(f"/api/v1/organisations/{scenario.upc}").json()["collaboration_count"] == 13
    missing = client.get("/api/v1/organisations/999999")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "There is no organisation with id 999999."


def test_clusters(client: TestClient, scenario: Scenario) -> None:
    items = walk(client, "/api/v1/clusters", limit=1)
    assert [(c["acronym"], c["member_count"]) for c in items] == [("CIAC", 5), ("KBIA", 2)]
    korean = client.get("/api/v1/clusters", params={"programme": scenario.korea_programme}).json()
    (cluster,) = korean["items"]
    assert cluster["industrial_complex_name"] == "Changwon National Industrial Complex"
    assert cluster["programme_name"] == "KICOX Mini-Cluster Programme"


def test_invalid_parameters_are_422(client: TestClient) -> None:
    for params in ({"limit": 0}, {"limit": 1000}, {"cursor": "abc"}, {"kind": "dragon"}):
        response = client.get("/api/v1/organisations", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/json"


def test_statement_count_does_not_grow_with_limit(
    client: TestClient, engine: Engine, scenario: Scenario, count_statements: CountStatements
) -> None:
    seed_many(engine, 30, cluster_id=scenario.catalan_cluster)
    counts = []
    for limit in (1, 10, 40):
        with count_statements() as counter:
            assert (
                len(client.get("/api/v1/organisations", params={"limit": limit}).json()["items"])
                == limit
            )
        counts.append(counter.count)
    assert counts[0] == counts[1] == counts[2]


def test_openapi_and_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {
        "/api/v1/organisations",
        "/api/v1/organisations/{organisation_id}",
        "/api/v1/clusters",
    } <= set(schema["paths"])
    assert "/organisations" not in schema["paths"]  # pages stay out of the API schema
    assert client.get("/docs").status_code == 200
