"""Who is signed in, for the header of every page: their name, and the CSRF token of the
sign-out button. Pages render it whether or not their route asked who is signed in."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from jinja2 import pass_context
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from clusterbridge.accounts.models import User
from clusterbridge.web.page_principal import principal_in

logger = logging.getLogger("clusterbridge.web")


@dataclass(frozen=True)
class Viewer:
    user_id: int
    name: str
    csrf_token: str | None
    """None when the request came with an API token: there is no session to sign out of."""


@pass_context
def viewer(context: Any) -> Viewer | None:
    """The signed-in user of the page being rendered, or None (anonymous: no query)."""
    principal = principal_in(context)
    request = context.get("request")
    if principal.user_id is None or not isinstance(request, Request):
        return None
    cached = getattr(request.state, "viewer", None)
    if isinstance(cached, Viewer):
        return cached
    factory: sessionmaker[Session] = request.app.state.session_factory
    try:
        with factory() as session:
            name = session.scalar(select(User.name).where(User.id == principal.user_id))
    except SQLAlchemyError:
        logger.exception("could not load the signed-in user's name (request %s)", request.url)
        name = None
    found = Viewer(principal.user_id, name or "My account", principal.csrf_token)
    request.state.viewer = found
    return found
