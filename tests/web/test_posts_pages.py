"""The partner-search pages: the list and its filters (at a fixed number of statements), a
post's page as each visitor sees it, publishing and editing with messages at the fields,
closing and reopening, and expressions of interest sent, answered and withdrawn."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.accounts.models import Role
from clusterbridge.core.db import transaction
from clusterbridge.matchmaking.posts import operations as ops
from clusterbridge.matchmaking.posts import queries
from clusterbridge.matchmaking.posts.models import InterestStatus, PostType
from tests.matchmaking import post_factory as make
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario
from tests.web.page_checks import needs_sign_in, words
from tests.web.statements import StatementCounter

CountStatements = Callable[[], AbstractContextManager[StatementCounter]]


def errors_at_fields(page: str) -> dict[str, str]:
    return dict(re.findall(r'field__error" id="error-(\w+)">([^<]*)', page))


def as_representative(client: TestClient, engine: Engine, organisation_id: int) -> str:
    """Sign ``client`` in as a representative of the organisation; returns the CSRF token."""
    email = f"rep-{organisation_id}-{secrets.token_hex(3)}@example.org"
    user = make_user(engine, email, Role.MEMBER_REPRESENTATIVE,
                     organisation_id=organisation_id)  # fmt: skip
    return sign_in(client, engine, user)


def _interests(post_id: int) -> list[tuple[int, InterestStatus]]:
    with transaction() as session:
        return [(i.organisation_id, i.status) for i in queries.interests_of(session, post_id)]


def test_the_list_shows_open_posts_with_filters(client: TestClient, scenario: Scenario) -> None:
    make.post(scenario.motors, "Battery modules wanted", countries=["KR"])
    make.post(scenario.battery_company, "Cathode materials", PostType.BUSINESS_OFFER,
              industries=["20.59"], countries=[])  # fmt: skip
    closed = make.post(scenario.upc, "Closed search")
    with transaction() as session:
        ops.close_post(session, closed, actor_id=None)
    page = words(client.get("/posts").text)
    assert "Battery modules wanted" in page
    assert "Cathode materials" in page
    assert "Closed search" not in page
    assert "Publish a post" not in page  # anonymous
    assert "2 open posts" in page
    filtered = words(client.get("/posts", params={"type": "business_offer", "q": ""}).text)
    assert "Cathode materials" in filtered
    assert "Battery modules wanted" not in filtered
    by_industry = words(client.get("/posts?industry=C29&country=&kind=").text)
    assert "Battery modules wanted" in by_industry
    assert "Cathode materials" not in by_industry
    assert client.get("/posts?type=joint_venture").status_code == 400


def test_the_list_costs_the_same_whatever_its_length(
    client: TestClient, scenario: Scenario, count_statements: CountStatements
) -> None:
    first = make.post(scenario.motors, "Only one")
    make.interest(first, scenario.battery_company)

    def statements() -> int:
        with count_statements() as counter:
            assert client.get("/posts").status_code == 200
        return counter.count

    small = statements()
    for n in range(20):
        post_id = make.post(scenario.motors, f"Post {n}", industries=["29.10", "27.20"],
                            countries=["KR", "JP"], kinds=["company", "university"])  # fmt: skip
        make.interest(post_id, scenario.battery_company)
        make.interest(post_id, scenario.upc)
    assert statements() == small


def test_a_post_page_as_each_visitor_sees_it(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    post_id = make.post(scenario.motors, "Battery modules wanted")
    make.interest(post_id, scenario.battery_company, "Cells from Changwon")
    make.interest(post_id, scenario.upc, "Our lab tests modules")
    anonymous = client.get(f"/posts/{post_id}")
    assert anonymous.status_code == 200
    text = words(anonymous.text)
    assert "Battery modules wanted" in text
    assert "Sign in to express" in text
    assert "Cells from Changwon" not in text
    assert "Our lab tests" not in text
    as_representative(client, engine, scenario.upc)
    text = words(client.get(f"/posts/{post_id}").text)
    assert "Our lab tests modules" in text
    assert "Withdraw" in text
    assert "Cells from Changwon" not in text  # another organisation's message
    assert "Express interest" not in text  # already sent
    as_representative(client, engine, scenario.motors)
    text = words(client.get(f"/posts/{post_id}").text)
    assert "Cells from Changwon" in text
    assert "Our lab tests modules" in text
    assert "Accept" in text
    assert "Close the post" in text
    assert "Express interest" not in text  # its own post
    assert "Recommended partners" in text  # the poster sees partners ranked for the post


def test_publishing_shows_problems_at_their_fields(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    assert needs_sign_in(client.get("/posts/new", follow_redirects=False))
    csrf = as_representative(client, engine, scenario.motors)
    form = client.get("/posts/new").text
    assert f'value="{scenario.motors}" selected' in form
    bad = {
        "csrf_token": csrf, "organisation_id": str(scenario.motors), "post_type": "",
        "title": "Cells", "description": "", "expires_on": "someday",
        "industries": "29.10; 99.99", "countries": "KR", "kinds": ["company"],
    }  # fmt: skip
    response = client.post("/posts/new", data=bad)
    assert response.status_code == 422
    errors = errors_at_fields(response.text)
    assert set(errors) == {"post_type", "description", "expires_on", "industries"}
    assert 'value="Cells"' in response.text  # the values are kept
    good = {**bad, "post_type": "technology_request", "description": "LFP cells",
            "expires_on": make.in_days(30).isoformat(), "industries": "C29.10"}  # fmt: skip
    response = client.post("/posts/new", data=good, follow_redirects=False)
    assert response.status_code == 303
    page = words(client.get(response.headers["location"]).text)
    assert "Your post is published" in page
    assert "29.10" in page
    other = {**good, "organisation_id": str(scenario.battery_company)}
    assert client.post("/posts/new", data=other).status_code == 403
    assert client.post("/posts/new", data={**good, "csrf_token": "forged"}).status_code == 403


def test_editing_checks_the_version(client: TestClient, engine: Engine, scenario: Scenario) -> None:
    post_id = make.post(scenario.motors, "Cells")
    csrf = as_representative(client, engine, scenario.battery_company)
    assert client.get(f"/posts/{post_id}/edit").status_code == 403
    csrf = as_representative(client, engine, scenario.motors)
    form = client.get(f"/posts/{post_id}/edit").text
    version = re.search(r'name="version" value="(\d+)"', form)
    assert version is not None
    sent = {
        "csrf_token": csrf, "version": version.group(1), "post_type": "technology_request",
        "title": "Cells and modules", "description": "More", "industries": "29.10",
        "technologies": "", "countries": "KR; JP", "expires_on": make.in_days(40).isoformat(),
    }  # fmt: skip
    saved = client.post(f"/posts/{post_id}/edit", data=sent, follow_redirects=False)
    assert saved.status_code == 303
    stale = client.post(f"/posts/{post_id}/edit", data={**sent, "title": "Late"})
    assert stale.status_code == 409
    assert "changed by someone else" in words(stale.text)
    with transaction() as session:
        record = queries.get_post_record(session, post_id)
    assert (record.title, record.countries, record.technologies) == (
        "Cells and modules", ("JP", "KR"), (),
    )  # fmt: skip


def test_closing_and_reopening_in_the_page(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    post_id = make.post(scenario.motors)
    response = client.post(f"/posts/{post_id}/close", follow_redirects=False)
    assert needs_sign_in(response)
    csrf = as_representative(client, engine, scenario.upc)
    assert client.post(f"/posts/{post_id}/close", data={"csrf_token": csrf}).status_code == 403
    csrf = as_representative(client, engine, scenario.motors)
    closed = client.post(f"/posts/{post_id}/close", data={"csrf_token": csrf})
    assert "The post is closed" in words(closed.text)
    assert "Battery modules" not in words(client.get("/posts").text)
    reopened = client.post(f"/posts/{post_id}/reopen", data={"csrf_token": csrf})
    assert "open again" in words(reopened.text)


def test_interest_sent_answered_and_withdrawn(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    post_id = make.post(scenario.motors)
    other_post = make.post(scenario.upc, "Another post")
    csrf = as_representative(client, engine, scenario.battery_company)
    empty = client.post(f"/posts/{post_id}/interests",
                        data={"csrf_token": csrf, "organisation_id": str(scenario.battery_company)})  # fmt: skip
    assert empty.status_code == 422
    assert set(errors_at_fields(empty.text)) == {"message"}
    sent = {"csrf_token": csrf, "organisation_id": str(scenario.battery_company),
            "message": "We make modules"}  # fmt: skip
    assert "is sent" in words(client.post(f"/posts/{post_id}/interests", data=sent).text)
    assert client.post(f"/posts/{post_id}/interests", data=sent).status_code == 409
    foreign = {**sent, "organisation_id": str(scenario.upc)}
    assert client.post(f"/posts/{post_id}/interests", data=foreign).status_code == 403
    ((_, status),) = _interests(post_id)
    assert status is InterestStatus.SENT
    with transaction() as session:
        interest_id = queries.interests_of(session, post_id)[0].id
    respond = f"/posts/{post_id}/interests/{interest_id}/respond"
    assert client.post(respond, data={"csrf_token": csrf, "answer": "accept"}).status_code == 403
    poster_csrf = as_representative(client, engine, scenario.motors)
    wrong_post = f"/posts/{other_post}/interests/{interest_id}/respond"
    answer = {"csrf_token": poster_csrf, "answer": "accept"}
    assert client.post(wrong_post, data=answer).status_code in (403, 404)
    accepted = client.post(respond, data=answer)
    assert "You accepted" in words(accepted.text)
    assert _interests(post_id) == [(scenario.battery_company, InterestStatus.ACCEPTED)]
    csrf = as_representative(client, engine, scenario.battery_company)
    withdraw = f"/posts/{post_id}/interests/{interest_id}/withdraw"
    assert "is withdrawn" in words(client.post(withdraw, data={"csrf_token": csrf}).text)
    assert _interests(post_id) == [(scenario.battery_company, InterestStatus.WITHDRAWN)]


@pytest.mark.parametrize("path", ["/posts/2147483648", "/posts/0/edit", "/posts/abc"])
def test_impossible_ids_are_not_found(client: TestClient, scenario: Scenario, path: str) -> None:
    assert client.get(path, follow_redirects=False).status_code == 404
