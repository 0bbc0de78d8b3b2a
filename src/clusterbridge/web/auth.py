"""Who is asking: the principal of a request, from its session cookie or API token, and the
one way routes check permissions (:func:`authorize`), which defers to
:func:`clusterbridge.accounts.permissions.can`."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy import select

from clusterbridge.accounts.models import ApiToken, WebSession
from clusterbridge.accounts.permissions import ANONYMOUS, Action, Principal, Target, can
from clusterbridge.accounts.scopes import principal_for, token_hash
from clusterbridge.core.models import utcnow
from clusterbridge.web.deps import SessionDep

SESSION_COOKIE = "cb_session"
SESSION_LIFETIME = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=5)


def get_principal(request: Request, session: SessionDep) -> Principal:
    """The signed-in user of a request, or :data:`ANONYMOUS`. API clients send
    ``Authorization: Bearer <token>``; browsers carry the session cookie."""
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    principal = _from_api_token(request, session) or _from_cookie(request, session) or ANONYMOUS
    request.state.principal = principal
    return principal


def _from_api_token(request: Request, session: SessionDep) -> Principal | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    now = utcnow()
    api_token = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == token_hash(token.strip()))
    ).first()
    if (
        api_token is None
        or api_token.revoked_at is not None
        or (api_token.expires_at is not None and api_token.expires_at <= now)
    ):
        raise HTTPException(status_code=401, detail="invalid or revoked API token")
    if api_token.last_used_at is None or now - api_token.last_used_at > TOUCH_EVERY:
        api_token.last_used_at = now
        session.commit()
    return principal_for(session, api_token.user_id)


def _from_cookie(request: Request, session: SessionDep) -> Principal | None:
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    now = utcnow()
    web_session = session.scalars(
        select(WebSession).where(WebSession.token_hash == token_hash(cookie))
    ).first()
    if web_session is None or web_session.expires_at <= now:
        return None
    if now - web_session.last_seen_at > TOUCH_EVERY:
        web_session.last_seen_at = now
        session.commit()
    return principal_for(session, web_session.user_id, csrf_token=web_session.csrf_token)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def authorize(principal: Principal, action: Action, target: Target = Target()) -> None:
    """Raise 401 (not signed in) or 403 (signed in, not allowed) unless ``can`` says yes."""
    if can(principal, action, target):
        return
    if not principal.signed_in:
        raise HTTPException(status_code=401, detail="sign in to do this")
    raise HTTPException(status_code=403, detail="you are not allowed to do this")
