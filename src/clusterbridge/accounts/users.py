"""Users: validated e-mail addresses and names, creation, passwords and authentication."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clusterbridge.accounts import passwords
from clusterbridge.accounts.errors import AccountNotActive, invalid
from clusterbridge.accounts.models import AccountStatus, User, WebSession
from clusterbridge.core.audit import record
from clusterbridge.core.errors import Conflict, NotFound
from clusterbridge.core.settings import get_settings

EMAIL_PATTERN = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")
MAX_NAME = 200


def actor_name(user_id: int | None) -> str:
    """How the audit log names who acted: a user, or the configured CLI actor."""
    return f"user:{user_id}" if user_id is not None else get_settings().actor


def normalise_email(raw: str, field: str = "email") -> str:
    """A plausible address, lower-cased (addresses are compared without case)."""
    email = raw.strip().lower()
    if not email:
        raise invalid(field, "Enter an e-mail address.")
    if len(email) > 254 or not EMAIL_PATTERN.fullmatch(email):
        raise invalid(field, "Enter an e-mail address like name@example.org.", raw[:100])
    return email


def clean_name(raw: str, field: str = "name") -> str:
    """A display name: spaces collapsed, no control characters, 1 to 200 characters."""
    name = " ".join(raw.split())
    if not name:
        raise invalid(field, "Enter your name.")
    if len(name) > MAX_NAME:
        raise invalid(field, f"Use at most {MAX_NAME} characters.")
    if any(unicodedata.category(char).startswith("C") for char in name):
        raise invalid(field, "Remove the control characters from the name.")
    return name


def find_user(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == email.strip().lower())).first()


def get_user(session: Session, email: str) -> User:
    user = find_user(session, email)
    if user is None:
        raise NotFound(f"no user with e-mail address {email.strip().lower()!r}")
    return user


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    password: str | None,
    status: AccountStatus = AccountStatus.ACTIVE,
    by: int | None = None,
    self_service: bool = False,
) -> User:
    """A new account (``password`` None: the user can only sign in after a reset). The audit
    log names ``by``, or the new user when they signed up themselves (``self_service``)."""
    email = normalise_email(email)
    name = clean_name(name)
    if find_user(session, email) is not None:
        raise Conflict(f"an account with the e-mail address {email!r} already exists")
    if password is not None:
        passwords.check_password(password, email=email)
    user = User(
        email=email,
        name=name,
        status=status,
        password_hash=passwords.hash_password(password) if password is not None else None,
    )
    session.add(user)
    try:  # a concurrent sign-up of the same address fails the whole transaction cleanly
        session.flush()
    except IntegrityError:
        raise Conflict(f"an account with the e-mail address {email!r} already exists") from None
    after = {"email": email, "name": name, "status": status.value}
    record(
        session,
        actor=actor_name(user.id if self_service else by),
        action="accounts.user.created",
        entity="user",
        entity_id=user.id,
        after=after,
    )
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user with this e-mail address and password, or None. Unknown addresses cost the
    same Argon2 verification as wrong passwords. A right password on an account that cannot
    sign in raises :class:`AccountNotActive`, with a reason to act on."""
    user = find_user(session, email)
    if user is None or user.password_hash is None:
        passwords.spend_verification_time(password)
        return None
    if not passwords.verify_password(user.password_hash, password):
        return None
    if user.status is AccountStatus.PENDING:
        raise AccountNotActive("Your access request is waiting for approval.")
    if user.status is not AccountStatus.ACTIVE:
        raise AccountNotActive("This account is disabled; contact a platform administrator.")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user


def set_password(session: Session, user: User, password: str, field: str = "password") -> None:
    """Check the policy and store the new password's hash."""
    passwords.check_password(password, email=user.email, field=field)
    user.password_hash = passwords.hash_password(password)
    session.flush()


def change_password(
    session: Session, user_id: int, current: str, new: str, keep_session: int | None = None
) -> None:
    """A signed-in user changes their password; their other browser sessions end."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}")
    if user.password_hash is None or not passwords.verify_password(user.password_hash, current):
        raise invalid("current_password", "This is not your current password.")
    set_password(session, user, new, field="new_password")
    end_user_sessions(session, user_id, keep=keep_session)
    record(
        session,
        actor=actor_name(user_id),
        action="accounts.password.changed",
        entity="user",
        entity_id=user_id,
    )


def end_user_sessions(session: Session, user_id: int, keep: int | None = None) -> None:
    """Sign a user out everywhere (except the session ``keep``, the one acting now)."""
    query = delete(WebSession).where(WebSession.user_id == user_id)
    if keep is not None:
        query = query.where(WebSession.id != keep)
    session.execute(query)
