"""Partner recommendations on the web: the page under an organisation (with filters), the
post's own recommendations for its organisation, and the JSON API."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.accounts.models import Role
from tests.matchmaking import post_factory
from tests.matchmaking.match_scenario import seed_matches
from tests.web.auth_helpers import make_user, sign_in


def test_the_partner_page_ranks_and_explains(engine: Engine, client: TestClient) -> None:
    matches = seed_matches(engine)
    page = f"/organisations/{matches.cluster}/partners"
    assert client.get(page, follow_redirects=False).status_code in (302, 303, 401)
    sign_in(client, engine, make_user(engine, "someone@example.org"))
    html = client.get(page, params={"abroad": "true", "kind": "company"}).text
    assert html.index("Hanbit Battery Co.") < html.index("Seoul Kimchi Foods")
    assert "Bateries del Llobregat" not in html
    assert "Shared" in html or "offer" in html
    empty = client.get(f"/organisations/{matches.empty}/partners").text
    assert "nothing to match on" in empty
    profile = client.get(f"/organisations/{matches.cluster}").text
    assert f'href="/organisations/{matches.cluster}/partners"' in profile


def test_the_api_returns_ranked_reasons(engine: Engine, client: TestClient) -> None:
    matches = seed_matches(engine)
    url = f"/api/v1/organisations/{matches.carmaker}/recommendations"
    assert client.get(url).status_code == 401
    sign_in(client, engine, make_user(engine, "someone@example.org"))
    data = client.get(url, params={"kind": ["university", "research_centre"], "k": 2}).json()
    assert data["organisation_id"] == matches.carmaker
    assert [r["rank"] for r in data["recommendations"]] == [1, 2]
    assert data["recommendations"][0]["organisation_id"] == matches.university
    assert data["recommendations"][0]["reasons"]
    nothing = client.get(url, params={"kind": "public_body"}).json()
    assert nothing["recommendations"] == []
    assert "No organisation passes the filters" in nothing["message"]
    bad = client.get(url, params={"k": 0})
    assert bad.status_code == 422
    missing = client.get("/api/v1/organisations/999999/recommendations")
    assert missing.status_code == 404


def test_the_post_page_shows_recommendations_to_its_organisation(
    engine: Engine, client: TestClient
) -> None:
    matches = seed_matches(engine)
    post_id = post_factory.post(
        matches.carmaker,
        "Battery modules from Korea",
        description="Battery modules and battery management systems for our vans.",
        countries=("KR",),
        kinds=("company",),
    )
    stranger = client.get(f"/posts/{post_id}").text
    assert "Recommended partners" not in stranger
    user = make_user(
        engine, "rep@carmaker.example", Role.MEMBER_REPRESENTATIVE, organisation_id=matches.carmaker
    )
    sign_in(client, engine, user)
    html = client.get(f"/posts/{post_id}").text
    section = html[html.index("Recommended partners") :]
    assert section.index("Hanbit Battery Co.") < section.index("Seoul Kimchi Foods")
    assert "Bateries del Llobregat" not in section
