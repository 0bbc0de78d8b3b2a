"""Home, profile and error pages."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.web.app import create_app
from tests.web.factories import CATALAN_CLUSTER, KOREAN_CLUSTER, Scenario

ESCAPED_CATALAN = CATALAN_CLUSTER.replace("'", "&#39;")


def text_of(html: str) -> str:
    """The page's visible words on one line (tags dropped), to assert on what people read."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_home_shows_portfolio_and_key_figures(client: TestClient, scenario: Scenario) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    html = response.text
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert "synthetic" in html
    words = text_of(html)
    assert "Organisations 10 Clusters 2 Countries 2 Collaborations 13" in words
    assert "Catalonia Clusters Programme Run by ACCIÓ · Spain · since 2015" in words
    assert "Clusters 1 Member organisations 5" in words
    assert "KICOX Mini-Cluster Programme Run by 한국산업단지공단 · South Korea" in words
    assert "Clusters 1 Member organisations 2" in words
    assert 'href="/organisations?kind=company">Companies</a>' in html
    assert f'href="/clusters?programme={scenario.catalonia_programme}"' in html


def test_home_on_an_empty_registry(client: TestClient) -> None:
    html = client.get("/").text
    assert "No programme is registered yet" in html
    assert "Organisations 0" in text_of(html)


def test_organisation_profile(client: TestClient, scenario: Scenario) -> None:
    response = client.get(f"/organisations/{scenario.research_institute}")
    assert response.status_code == 200
    words = text_of(response.text)
    assert "Korea Institute of Battery Research" in words
    assert "Research centre" in words
    assert "South Korea (KR)" in words
    assert f"{ESCAPED_CATALAN} (CIAC) Member 2020-01-01 current" in words
    assert f"{KOREAN_CLUSTER} (KBIA) Member 2021-03-01 current" in words
    assert "Collaborations 12 The latest 10:" in words
    assert "Battery project 2021" in words
    assert "Battery project 2011" not in words  # only the latest ten


def test_organisation_profile_with_codes_texts_and_ended_membership(
    client: TestClient, scenario: Scenario
) -> None:
    motors = text_of(client.get(f"/organisations/{scenario.motors}").text)
    assert "Offers Stamping and welding of car body parts." in motors
    assert "Industry (NACE): C29.3" in motors
    assert "Technology: electric-vehicles" in motors
    former = text_of(client.get(f"/organisations/{scenario.former_member}").text)
    assert re.search(r"Member 2019-01-01 \d{4}-\d\d-\d\d", former)
    assert "current" not in former


def test_cluster_profile(client: TestClient, scenario: Scenario) -> None:
    response = client.get(f"/clusters/{scenario.catalan_cluster}")
    assert response.status_code == 200
    words = text_of(response.text)
    assert f"{ESCAPED_CATALAN} (CIAC)" in words
    assert "Programme Catalonia Clusters Programme" in words
    assert "Management label Gold" in words
    assert "Management team 5.5 FTE" in words
    assert "Industry (NACE): C29" in words
    assert "Current members 5" in words
    assert "Cluster organisations 1 Companies 2 Universities 1 Research centres 1" in words
    for kind, heading in [("company", "Companies"), ("university", "Universities")]:
        assert f'<h3 id="members-{kind}">{heading}</h3>' in response.text
    assert "Girona Parts SA" in words
    korean = text_of(client.get(f"/clusters/{scenario.korean_cluster}").text)
    assert "Industrial complex Changwon National Industrial Complex (National)" in korean
    assert "Changwon Precision" not in korean  # ended membership


@pytest.mark.parametrize(
    "path", ["/organisations/999999", "/clusters/999999", "/organisations/abc", "/nowhere"]
)
def test_unknown_addresses_are_404_pages(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Error 404" in response.text
    assert response.headers["x-request-id"] in response.text


def test_an_unexpected_error_shows_a_request_id_and_logs_the_traceback(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(engine)

    def broken() -> None:
        raise RuntimeError("database on fire")

    app.add_api_route("/broken", broken)
    with (
        TestClient(app, raise_server_exceptions=False) as client,
        caplog.at_level(logging.ERROR, logger="clusterbridge.web"),
    ):
        response = client.get("/broken")
    assert response.status_code == 500
    request_id = response.headers["x-request-id"]
    assert f"request id {request_id}" in response.text
    assert "database on fire" not in response.text
    assert "Traceback" not in response.text
    (record,) = [r for r in caplog.records if r.name == "clusterbridge.web"]
    assert request_id in record.getMessage()
    assert record.exc_info
    assert "database on fire" in str(record.exc_info[1])


def test_static_stylesheet_and_security_headers(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200
    assert "'Noto Sans KR'" in css.text or '"Noto Sans KR"' in css.text
    assert ":focus-visible" in css.text
    page = client.get("/")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
