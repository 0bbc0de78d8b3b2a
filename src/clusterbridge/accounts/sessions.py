"""Browser sessions: signing in (rate limited), the session cookie, signing out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clusterbridge.accounts import ratelimit
from clusterbridge.accounts.models import User, WebSession
from clusterbridge.accounts.tokens import new_secret, token_hash
from clusterbridge.accounts.users import actor_name, authenticate, normalise_email
from clusterbridge.core.audit import record
from clusterbridge.core.errors import InvalidInput
from clusterbridge.core.models import utcnow

SESSION_LIFETIME = timedelta(hours=12)


@dataclass(frozen=True)
class StartedSession:
    """A new session: ``cookie`` goes to the browser once, only its hash is stored."""

    user_id: int
    cookie: str
    csrf_token: str
    session_id: int


def start_session(session: Session, user_id: int) -> StartedSession:
    """A new signed-in session of 12 hours with its own CSRF token (expired ones are purged)."""
    now = utcnow()
    session.execute(
        delete(WebSession).where(WebSession.user_id == user_id, WebSession.expires_at <= now)
    )
    cookie, csrf = new_secret(), new_secret()
    web_session = WebSession(
        user_id=user_id,
        token_hash=token_hash(cookie),
        csrf_token=csrf,
        created_at=now,
        expires_at=now + SESSION_LIFETIME,
        last_seen_at=now,
    )
    session.add(web_session)
    user = session.get(User, user_id)
    if user is not None:
        user.last_login_at = now
    session.flush()
    record(
        session,
        actor=actor_name(user_id),
        action="accounts.user.signed_in",
        entity="user",
        entity_id=user_id,
    )
    return StartedSession(user_id, cookie, csrf, web_session.id)


def end_session(session: Session, cookie: str) -> int | None:
    """Sign out the browser holding ``cookie``; returns the user id, None if no such session."""
    web_session = session.scalars(
        select(WebSession).where(WebSession.token_hash == token_hash(cookie))
    ).first()
    if web_session is None:
        return None
    user_id = web_session.user_id
    session.delete(web_session)
    record(
        session,
        actor=actor_name(user_id),
        action="accounts.user.signed_out",
        entity="user",
        entity_id=user_id,
    )
    session.flush()
    return user_id


def sign_in(session: Session, email: str, password: str, client: str) -> StartedSession | None:
    """Check the password and start a session; None when the e-mail address or password is
    wrong. Failures count against the address and the client, and past their limits even a
    right password is refused (:class:`RateLimited`) until the window passes.

    The caller commits in both cases, so failures are counted."""
    try:
        key = normalise_email(email)
    except InvalidInput:
        key = email.strip().lower()
    ratelimit.ensure_within(session, ratelimit.LOGIN_PER_EMAIL, key)
    ratelimit.ensure_within(session, ratelimit.LOGIN_PER_CLIENT, client)
    user = authenticate(session, key, password)
    if user is None:
        ratelimit.record(session, ratelimit.LOGIN_PER_EMAIL.bucket(key))
        ratelimit.record(session, ratelimit.LOGIN_PER_CLIENT.bucket(client))
        return None
    return start_session(session, user.id)
