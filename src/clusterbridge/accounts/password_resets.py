"""Password reset by e-mailed link: valid for an hour, single use, and the same answer whether
or not the address has an account."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from clusterbridge.accounts import passwords, ratelimit, users
from clusterbridge.accounts.errors import InvalidLink
from clusterbridge.accounts.mail import link, queue_email
from clusterbridge.accounts.models import AccountStatus, PasswordReset, User
from clusterbridge.accounts.tokens import new_secret, token_hash
from clusterbridge.core.audit import record
from clusterbridge.core.models import utcnow

RESET_LIFETIME = timedelta(hours=1)


def reset_path(token: str) -> str:
    return f"/password-reset/{token}"


def request_password_reset(session: Session, email: str, client: str | None = None) -> None:
    """E-mail a reset link if ``email`` belongs to an active account; otherwise do nothing,
    visibly the same. Requests are limited per address and per client, whether or not the
    address exists, so the limit reveals nothing either."""
    email = users.normalise_email(email)
    ratelimit.count_attempt(session, ratelimit.RESET_PER_EMAIL, email)
    if client is not None:
        ratelimit.count_attempt(session, ratelimit.RESET_PER_CLIENT, client)
    user = users.find_user(session, email)
    if user is None or user.status is not AccountStatus.ACTIVE:
        return
    token = new_secret()
    now = utcnow()
    reset = PasswordReset(
        user_id=user.id,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + RESET_LIFETIME,
    )
    session.add(reset)
    session.flush()
    record(
        session,
        actor=users.actor_name(user.id),
        action="accounts.password.reset_requested",
        entity="user",
        entity_id=user.id,
    )
    body = (
        f"Choose a new ClusterBridge password within an hour:\n{link(reset_path(token))}\n\n"
        "If you did not ask for this, ignore this message: your password stays as it is."
    )
    queue_email(session, user.email, "Choose a new ClusterBridge password", body)


def open_reset(session: Session, token: str) -> PasswordReset:
    """The reset of a link, if it can still be used."""
    reset = session.scalars(
        select(PasswordReset).where(PasswordReset.token_hash == token_hash(token))
    ).first()
    if reset is None or reset.used_at is not None:
        raise InvalidLink("This link is not valid or has already been used; ask for a new one.")
    if reset.expires_at <= utcnow():
        raise InvalidLink("This link has expired (links last an hour); ask for a new one.")
    return reset


def reset_password(session: Session, token: str, new_password: str) -> User:
    """Set the new password, use up the link (and any other open link of the user), and sign
    the user out everywhere: whoever knew the old password is out."""
    reset = open_reset(session, token)
    user = session.get(User, reset.user_id)
    if user is None or user.status is not AccountStatus.ACTIVE:
        raise InvalidLink("This account cannot sign in; contact a platform administrator.")
    passwords.check_password(new_password, email=user.email)
    user.password_hash = passwords.hash_password(new_password)
    now = utcnow()
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    users.end_user_sessions(session, user.id)
    record(
        session,
        actor=users.actor_name(user.id),
        action="accounts.password.reset",
        entity="user",
        entity_id=user.id,
    )
    session.flush()
    return user
