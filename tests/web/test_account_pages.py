"""The account pages through the browser's eyes: sign-in and out, sign-up and approval,
invitations, password reset, API tokens, cookies and CSRF."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import Engine, select

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts import passwords
from clusterbridge.accounts.models import OutboxEmail, Role, WebSession
from clusterbridge.accounts.roles import Scope
from clusterbridge.core.db import transaction
from clusterbridge.web.app import create_app
from tests.accounts.conftest import FAST_HASHER
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario

PASSWORD = "correct horse 42"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "hasher", FAST_HASHER)


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def form_token(client: TestClient, path: str) -> str:
    """Open a form page and return the token of its hidden field."""
    page = client.get(path)
    assert page.status_code == 200, page.text
    match = CSRF_FIELD.search(page.text)
    assert match is not None
    return match.group(1)


def post_form(
    client: TestClient, path: str, data: dict[str, str], page: str | None = None
) -> Response:
    """Submit a form the way a browser does: open its page first for the CSRF token."""
    token = form_token(client, page or path)
    return client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)


def user_with_password(
    engine: Engine, email: str, role: Role | None = None, scope: Scope = Scope()
) -> int:
    with transaction(engine) as session:
        user = ops.create_user(session, email=email, name="Ada Lovelace", password=PASSWORD)
        if role is not None:
            ops.grant_role(session, user, role, scope, by=None)
        return user.id


def log_in(
    client: TestClient, email: str, password: str = PASSWORD, next: str | None = None
) -> Response:
    data = {"email": email, "password": password} | ({"next": next} if next else {})
    return post_form(client, "/login", data)


def outbox(engine: Engine, to: str) -> list[str]:
    with transaction(engine) as session:
        query = select(OutboxEmail.body).where(OutboxEmail.to == to).order_by(OutboxEmail.id)
        return list(session.scalars(query))


def link_in(body: str, path: str) -> str:
    match = re.search(rf"http://127\.0\.0\.1:8000({re.escape(path)}\S+)", body)
    assert match is not None, body
    return match.group(1)


def test_sign_in_through_the_form_sets_a_safe_session_cookie(
    client: TestClient, engine: Engine
) -> None:
    user_with_password(engine, "ada@example.org")
    page = client.get("/login")
    assert "cb_csrf=" in page.headers["set-cookie"]
    assert CSRF_FIELD.search(page.text).group(1) == client.cookies["cb_csrf"]  # type: ignore[union-attr]
    response = log_in(client, "Ada@Example.org")
    assert response.status_code == 303
    assert response.headers["location"] == "/account"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("cb_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/" in cookie
    assert "Max-Age=43200" in cookie
    assert "Secure" not in cookie  # plain http in tests
    account = client.get("/account")
    assert account.status_code == 200
    assert account.headers["cache-control"] == "no-store"
    text = words(account.text)
    assert "Ada Lovelace" in text
    assert "ada@example.org" in text
    assert "Sign out" in text
    home = words(client.get("/").text)  # every page's header knows who is signed in
    assert "Ada Lovelace Sign out" in home
    assert "Sign in" not in home


def test_over_https_the_cookies_are_secure_and_hsts_is_sent(engine: Engine) -> None:
    user_with_password(engine, "ada@example.org")
    with TestClient(create_app(engine), base_url="https://testserver") as client:
        page = client.get("/login")
        assert "Secure" in page.headers["set-cookie"]
        assert page.headers["strict-transport-security"].startswith("max-age=")
        assert "Secure" in log_in(client, "ada@example.org").headers["set-cookie"]


def test_the_sign_in_form_needs_its_csrf_token(client: TestClient, engine: Engine) -> None:
    user_with_password(engine, "ada@example.org")
    client.get("/login")
    no_field = client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    assert no_field.status_code == 403
    forged = client.post(
        "/login", data={"email": "ada@example.org", "password": PASSWORD, "csrf_token": "x" * 43}
    )
    assert forged.status_code == 403
    assert "cb_session" not in client.cookies


def test_a_wrong_password_and_an_unknown_address_get_the_same_message(
    client: TestClient, engine: Engine
) -> None:
    user_with_password(engine, "ada@example.org")
    wrong = log_in(client, "ada@example.org", "wrong horse 42")
    unknown = log_in(client, "nobody@example.org", "wrong horse 42")
    assert wrong.status_code == unknown.status_code == 422
    for response, email in ((wrong, "ada@example.org"), (unknown, "nobody@example.org")):
        assert "The e-mail address or the password is not correct." in response.text
        assert f'value="{email}"' in response.text  # the address is kept
        assert "wrong horse 42" not in response.text  # the password is not


def test_repeated_failures_get_429_with_retry_after(client: TestClient, engine: Engine) -> None:
    user_with_password(engine, "ada@example.org")
    for _ in range(5):
        assert log_in(client, "ada@example.org", "wrong horse 42").status_code == 422
    limited = log_in(client, "ada@example.org")
    assert limited.status_code == 429
    assert 0 < int(limited.headers["retry-after"]) <= 15 * 60 + 1
    assert "Too many attempts. Please wait 15 minutes" in limited.text


def test_sign_out_ends_the_session(client: TestClient, engine: Engine) -> None:
    user_with_password(engine, "ada@example.org")
    log_in(client, "ada@example.org")
    csrf = form_token(client, "/account")
    assert client.post("/logout", follow_redirects=False).status_code == 403  # no token
    response = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert 'cb_session=""' in response.headers["set-cookie"]
    with transaction(engine) as session:
        assert session.scalars(select(WebSession)).all() == []
    assert "Sign in" in words(client.get("/").text)


@pytest.mark.parametrize(
    ("next_path", "expected"),
    [
        ("/clusters?page=2", "/clusters?page=2"),
        ("https://evil.example/", "/account"),
        ("//evil.example/path", "/account"),
        ("/\\evil.example", "/account"),
        ("javascript:alert(1)", "/account"),
    ],
)
def test_next_leads_only_to_this_site(
    client: TestClient, engine: Engine, next_path: str, expected: str
) -> None:
    user_with_password(engine, "ada@example.org")
    response = log_in(client, "ada@example.org", next=next_path)
    assert response.headers["location"] == expected


def test_pages_needing_sign_in_send_people_to_it_and_back(
    client: TestClient, engine: Engine
) -> None:
    response = client.get("/account?notice=password", follow_redirects=False)
    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert location.path == "/login"
    assert parse_qs(location.query) == {"next": ["/account?notice=password"]}
    user_with_password(engine, "ada@example.org")
    assert log_in(client, "ada@example.org", next="/account?notice=password").headers[
        "location"
    ] == ("/account?notice=password")
    api = TestClient(create_app(engine)).get("/api/v1/account", follow_redirects=False)
    assert api.status_code == 401  # the API answers, it does not redirect
    assert api.json()["detail"] == "sign in to do this"


def test_a_signed_in_user_without_the_right_gets_a_403_page(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    member = make_user(
        engine, "rep@example.org", Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors
    )
    sign_in(client, engine, member)
    response = client.get("/admin/access-requests")
    assert response.status_code == 403
    assert "Not allowed" in response.text


def test_sign_up_then_approval_then_sign_in(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    user_with_password(
        engine, "ct@example.org", Role.CLUSTER_MANAGER, Scope(cluster_id=scenario.catalan_cluster)
    )
    form = client.get("/signup")
    assert "CIAC" in form.text
    assert "Cluster manager" in form.text
    data = {
        "name": "Marta Soler",
        "email": "marta@example.org",
        "password": "marta's horse 7",
        "role": "cluster_manager",
        "cluster": str(scenario.catalan_cluster),
        "message": "Co-manager",
    }
    sent = post_form(client, "/signup", data)
    assert sent.status_code == 200
    assert "Request received" in sent.text
    assert "marta@example.org" in sent.text
    assert "waiting for approval" in log_in(client, "marta@example.org", "marta's horse 7").text
    [to_manager] = outbox(engine, "ct@example.org")
    assert "Marta Soler <marta@example.org>" in to_manager
    assert link_in(to_manager, "/admin/") == "/admin/access-requests"
    manager = TestClient(create_app(engine))  # the manager's own browser
    log_in(manager, "ct@example.org")
    listing = manager.get("/admin/access-requests")
    assert "Marta Soler" in listing.text
    assert "Co-manager" in listing.text
    request_id = re.search(r'action="/admin/access-requests/(\d+)"', listing.text).group(1)  # type: ignore[union-attr]
    decided = post_form(
        manager,
        f"/admin/access-requests/{request_id}",
        {"decision": "approve"},
        "/admin/access-requests",
    )
    assert decided.headers["location"] == "/admin/access-requests?done=approved"
    assert "No request is waiting for you." in manager.get("/admin/access-requests").text
    assert "was approved" in outbox(engine, "marta@example.org")[-1]
    assert log_in(client, "marta@example.org", "marta's horse 7").status_code == 303
    assert "Cluster manager Clúster de l&#39;Automoció de Catalunya (CIAC)" in words(
        client.get("/account").text
    )


def test_sign_up_errors_show_at_their_fields_with_the_values_kept(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    data = {
        "name": "Marta",
        "email": "not-an-address",
        "password": "short",
        "role": "cluster_manager",
        "message": "Hello",
    }
    response = post_form(client, "/signup", data)
    assert response.status_code == 422
    html = response.text
    assert 'id="f-email-error">Enter an e-mail address like name@example.org.' in html
    assert 'id="f-password-error">Use at least 10 characters.' in html
    assert 'id="f-cluster-error">Choose the cluster.' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Marta"' in html
    assert 'value="not-an-address"' in html
    assert ">Hello</textarea>" in html
    assert "short" not in re.sub(r"<[^>]+>", "", html).replace("Use at least", "")


def test_a_member_representative_names_their_organisation(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    base = {
        "name": "Pau",
        "email": "pau@example.org",
        "password": PASSWORD,
        "role": "member_representative",
    }
    ambiguous = post_form(client, "/signup", {**base, "organisation": "Cat"})
    assert ambiguous.status_code == 422
    assert "Several organisations match" in ambiguous.text
    assert 'name="organisation_id"' in ambiguous.text
    assert "Universitat Politècnica de Catalunya" in ambiguous.text
    unknown = post_form(client, "/signup", {**base, "organisation": "Nowhere Ltd"})
    assert "No registered organisation has this name" in unknown.text
    exact = post_form(client, "/signup", {**base, "organisation": "motors vallès sl"})
    assert exact.status_code == 200
    assert "Request received" in exact.text
    with transaction(engine) as session:
        [pending] = ops.pending_access_requests(session)
        assert pending.scope == Scope(organisation_id=scenario.motors)


def test_accepting_an_invitation_through_the_pages(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    with transaction(engine) as session:
        ops.invite(
            session,
            email="jin@example.org",
            role=Role.CLUSTER_MANAGER,
            scope=Scope(cluster_id=scenario.korean_cluster),
            invited_by=None,
        )
    path = link_in(outbox(engine, "jin@example.org")[0], "/invitations/")
    page = client.get(path)
    assert "Cluster manager" in page.text
    assert "KBIA" in page.text
    assert "jin@example.org" in page.text
    mismatch = post_form(
        client, path, {"name": "Jin", "password": PASSWORD, "password_again": "other"}
    )
    assert mismatch.status_code == 422
    assert "The two passwords differ" in mismatch.text
    accepted = post_form(
        client, path, {"name": "Kim Jin", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"] == "/account"
    assert "Kim Jin" in client.get("/account").text  # signed in at once
    used = client.get(path)
    assert used.status_code == 410
    assert "already been used" in used.text


def test_password_reset_through_the_pages(client: TestClient, engine: Engine) -> None:
    user_id = user_with_password(engine, "ada@example.org")
    other_browser = TestClient(create_app(engine))
    sign_in(other_browser, engine, user_id)
    known = post_form(client, "/password-reset", {"email": "ada@example.org"})
    unknown = post_form(client, "/password-reset", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert words(known.text).replace("ada@example.org", "X") == words(unknown.text).replace(
        "nobody@example.org", "X"
    )
    path = link_in(outbox(engine, "ada@example.org")[0], "/password-reset/")
    assert outbox(engine, "nobody@example.org") == []
    mismatch = post_form(
        client, path, {"password": "new horse 77", "password_again": "new horse 78"}
    )
    assert mismatch.status_code == 422
    done = post_form(client, path, {"password": "new horse 77", "password_again": "new horse 77"})
    assert done.headers["location"] == "/login?notice=reset"
    assert "Your password has been changed" in client.get("/login?notice=reset").text
    assert other_browser.get("/account", follow_redirects=False).status_code == 303  # signed out
    assert log_in(client, "ada@example.org", "new horse 77").status_code == 303
    assert client.get(path).status_code == 410


def test_api_tokens_from_the_account_page(client: TestClient, engine: Engine) -> None:
    user_with_password(engine, "ada@example.org")
    log_in(client, "ada@example.org")
    created = post_form(client, "/account/tokens", {"name": "nightly export"}, "/account")
    assert created.status_code == 200
    plain = re.search(r'<code id="new-token">(cb_[^<]+)</code>', created.text).group(1)  # type: ignore[union-attr]
    assert "it will not be shown again" in created.text
    assert plain not in client.get("/account").text  # shown once
    api = TestClient(create_app(engine))
    assert (
        api.get("/api/v1/account", headers={"Authorization": f"Bearer {plain}"}).json()["email"]
        == "ada@example.org"
    )
    token_id = re.search(
        r'action="/account/tokens/(\d+)/revoke"', client.get("/account").text
    ).group(1)  # type: ignore[union-attr]
    revoked = post_form(client, f"/account/tokens/{token_id}/revoke", {}, "/account")
    assert revoked.headers["location"] == "/account?notice=revoked"
    assert (
        api.get("/api/v1/account", headers={"Authorization": f"Bearer {plain}"}).status_code == 401
    )
    empty = post_form(client, "/account/tokens", {"name": " "}, "/account")
    assert empty.status_code == 422
    assert 'id="f-name-error"' in empty.text


def test_security_headers_on_every_page(client: TestClient, engine: Engine) -> None:
    response = client.get("/login")
    assert response.headers["x-frame-options"] == "DENY"
    assert "camera=()" in response.headers["permissions-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "strict-transport-security" not in response.headers  # only over https
