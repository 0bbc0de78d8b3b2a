"""API tokens: a user makes named tokens for scripts (``Authorization: Bearer cb_...``), each
acting as that user. The token is shown once; only its hash and first characters are kept."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts import ratelimit
from clusterbridge.accounts.errors import invalid
from clusterbridge.accounts.models import ApiToken
from clusterbridge.accounts.tokens import new_api_token, token_hash
from clusterbridge.accounts.users import actor_name
from clusterbridge.core.audit import record
from clusterbridge.core.errors import NotFound
from clusterbridge.core.models import utcnow

PREFIX_LENGTH = 10
"""``cb_`` and seven characters: enough to tell tokens apart, far too few to guess the rest."""
MAX_NAME = 100


def create_api_token(session: Session, user_id: int, name: str) -> tuple[ApiToken, str]:
    """A new token named ``name`` (what it is for); returns it with its plain value, which
    cannot be shown again. Creation is rate limited per user."""
    name = " ".join(name.split())
    if not name:
        raise invalid("name", "Name the token after what will use it, e.g. 'nightly export'.")
    if len(name) > MAX_NAME:
        raise invalid("name", f"Use at most {MAX_NAME} characters.")
    ratelimit.count_attempt(session, ratelimit.API_TOKENS_PER_USER, str(user_id))
    plain = new_api_token()
    token = ApiToken(
        user_id=user_id,
        name=name,
        prefix=plain[:PREFIX_LENGTH],
        token_hash=token_hash(plain),
        created_at=utcnow(),
    )
    session.add(token)
    session.flush()
    record(
        session,
        actor=actor_name(user_id),
        action="accounts.token.created",
        entity="api_token",
        entity_id=token.id,
        after={"user_id": user_id, "name": name, "prefix": token.prefix},
    )
    return token, plain


def revoke_api_token(session: Session, user_id: int, token_id: int) -> ApiToken:
    """Revoke one of ``user_id``'s own tokens; it stops working at once."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        raise NotFound(f"you have no API token with id {token_id}")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record(
            session,
            actor=actor_name(user_id),
            action="accounts.token.revoked",
            entity="api_token",
            entity_id=token.id,
            after={"user_id": user_id, "name": token.name, "prefix": token.prefix},
        )
        session.flush()
    return token


def api_tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """A user's tokens, newest first, revoked ones included (marked so)."""
    query = select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc())
    return list(session.scalars(query))
