"""Signing in and out, rate limits on failures, password reset links."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts import passwords, ratelimit
from clusterbridge.accounts.errors import InvalidLink, RateLimited
from clusterbridge.accounts.models import OutboxEmail, PasswordReset, RateLimitHit, WebSession
from clusterbridge.accounts.sessions import StartedSession
from clusterbridge.accounts.tokens import token_hash
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.core.models import utcnow
from tests.accounts.conftest import PASSWORD, MakeUser

NEW_PASSWORD = "new horse staple 7"


def sign_in(
    engine: Engine, email: str, password: str, client: str = "10.0.0.1"
) -> StartedSession | None:
    with transaction(engine) as session:
        return ops.sign_in(session, email, password, client)


def reset_link_token(engine: Engine) -> str:
    with transaction(engine) as session:
        body = session.scalars(select(OutboxEmail.body).order_by(OutboxEmail.id.desc())).first()
    assert body is not None
    return body.split("/password-reset/")[1].split()[0]


def test_a_session_lasts_twelve_hours_and_ends_on_sign_out(
    engine: Engine, make_user: MakeUser
) -> None:
    user_id = make_user("ada@example.org")
    started = sign_in(engine, "ADA@example.org ", PASSWORD)
    assert started is not None
    assert started.user_id == user_id
    with transaction(engine) as session:
        stored = session.scalars(select(WebSession)).one()
        assert stored.token_hash == token_hash(started.cookie)  # only the hash is kept
        assert stored.csrf_token == started.csrf_token
        assert timedelta(hours=11, minutes=59) < stored.expires_at - utcnow() <= timedelta(hours=12)
        assert ops.end_session(session, started.cookie) == user_id
    with transaction(engine) as session:
        assert session.scalars(select(WebSession)).all() == []
        assert ops.end_session(session, started.cookie) is None


def test_wrong_passwords_and_unknown_addresses_look_alike(
    engine: Engine, make_user: MakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user("ada@example.org")
    checked: list[str] = []
    monkeypatch.setattr(
        passwords, "spend_verification_time", lambda password: checked.append(password)
    )
    assert sign_in(engine, "ada@example.org", "wrong horse 42") is None
    assert sign_in(engine, "nobody@example.org", "wrong horse 42") is None
    assert checked == ["wrong horse 42"]  # the unknown address cost a verification too


def test_five_failures_per_address_lock_it_for_a_while(engine: Engine, make_user: MakeUser) -> None:
    make_user("ada@example.org")
    for attempt in range(5):
        assert (
            sign_in(
                engine, "ada@example.org", f"guess number {attempt}", client=f"10.0.0.{attempt}"
            )
            is None
        )
    with pytest.raises(RateLimited) as error:
        sign_in(engine, "ada@example.org", PASSWORD, client="10.9.9.9")  # even the right one
    assert 14 * 60 < error.value.retry_after <= 15 * 60 + 1
    assert "15 minutes" in str(error.value)
    with transaction(engine) as session:  # the window passes
        for hit in session.scalars(select(RateLimitHit)):
            hit.at -= timedelta(minutes=16)
    assert sign_in(engine, "ada@example.org", PASSWORD) is not None


def test_twenty_failures_per_client_lock_the_client(engine: Engine, make_user: MakeUser) -> None:
    make_user("ada@example.org")
    for number in range(20):
        assert (
            sign_in(engine, f"user{number}@example.org", "guess horse 1", client="192.0.2.7")
            is None
        )
    with pytest.raises(RateLimited):
        sign_in(engine, "ada@example.org", PASSWORD, client="192.0.2.7")
    assert sign_in(engine, "ada@example.org", PASSWORD, client="192.0.2.8") is not None


def test_hits_are_counted_per_bucket_within_the_window(engine: Engine) -> None:
    window = timedelta(minutes=1)
    with transaction(engine) as session:
        assert [ratelimit.hit(session, "b", 2, window) for _ in range(3)] == [True, True, False]
        assert ratelimit.hit(session, "other", 2, window)
        assert session.scalar(select(func.count()).select_from(RateLimitHit)) == 3
        assert 1 <= ratelimit.retry_after(session, "b", window) <= 61


def test_a_reset_link_works_once_and_signs_out_everywhere(
    engine: Engine, make_user: MakeUser
) -> None:
    make_user("ada@example.org")
    assert sign_in(engine, "ada@example.org", PASSWORD) is not None
    with transaction(engine) as session:
        ops.request_password_reset(session, "ada@example.org")
    token = reset_link_token(engine)
    with transaction(engine) as session:
        reset = session.scalars(select(PasswordReset)).one()
        assert reset.token_hash == token_hash(token)
        assert timedelta(minutes=59) < reset.expires_at - utcnow() <= timedelta(hours=1)
    with transaction(engine) as session:
        ops.reset_password(session, token, NEW_PASSWORD)
    with transaction(engine) as session:
        assert session.scalars(select(WebSession)).all() == []
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "accounts.password.reset")
        ).one()
        assert audit.after is None
        assert audit.before is None  # nothing secret in the log
    assert sign_in(engine, "ada@example.org", PASSWORD) is None
    assert sign_in(engine, "ada@example.org", NEW_PASSWORD) is not None
    with pytest.raises(InvalidLink, match="already been used"), transaction(engine) as session:
        ops.reset_password(session, token, "another horse 8")


def test_a_reset_link_expires_after_an_hour(engine: Engine, make_user: MakeUser) -> None:
    make_user("ada@example.org")
    with transaction(engine) as session:
        ops.request_password_reset(session, "ada@example.org")
    token = reset_link_token(engine)
    with transaction(engine) as session:
        session.scalars(select(PasswordReset)).one().expires_at = utcnow() - timedelta(seconds=1)
    with pytest.raises(InvalidLink, match="expired"), transaction(engine) as session:
        ops.reset_password(session, token, NEW_PASSWORD)


def test_a_reset_for_an_unknown_address_does_the_same_but_sends_nothing(engine: Engine) -> None:
    with transaction(engine) as session:
        assert ops.request_password_reset(session, "nobody@example.org") is None
        assert session.scalars(select(OutboxEmail)).all() == []
        assert session.scalars(select(PasswordReset)).all() == []


def test_reset_requests_are_limited_per_address_known_or_not(
    engine: Engine, make_user: MakeUser
) -> None:
    make_user("ada@example.org")
    for address in ("ada@example.org", "nobody@example.org"):
        for _ in range(3):
            with transaction(engine) as session:
                ops.request_password_reset(session, address)
        with pytest.raises(RateLimited), transaction(engine) as session:
            ops.request_password_reset(session, address)


def test_changing_the_password_ends_the_other_sessions(engine: Engine, make_user: MakeUser) -> None:
    user_id = make_user("ada@example.org")
    here = sign_in(engine, "ada@example.org", PASSWORD)
    elsewhere = sign_in(engine, "ada@example.org", PASSWORD)
    assert here is not None
    assert elsewhere is not None
    with transaction(engine) as session:
        ops.change_password(session, user_id, PASSWORD, NEW_PASSWORD, keep_session=here.session_id)
    with transaction(engine) as session:
        assert session.scalars(select(WebSession.id)).all() == [here.session_id]
