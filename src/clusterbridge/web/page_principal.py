"""The principal of the request a template is rendering, for links shown only to those who may
follow them (Import and Admin in the header, History on profiles).

Any page extends base.html, including pages whose route never asked who is signed in; so a
template may need the principal its route did not resolve. Anonymous visitors cost no query.
"""

from __future__ import annotations

import logging

from fastapi import HTTPException, Request
from jinja2.runtime import Context
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from clusterbridge.accounts.permissions import ANONYMOUS, Principal
from clusterbridge.web.auth import SESSION_COOKIE, get_principal

logger = logging.getLogger("clusterbridge.web")


def principal_of(request: Request) -> Principal:
    """The request's principal, resolved once (and shared with the route's own dependency)."""
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    if not request.cookies.get(SESSION_COOKIE) and not request.headers.get("authorization"):
        return ANONYMOUS
    factory: sessionmaker[Session] = request.app.state.session_factory
    try:
        with factory() as session:
            return get_principal(request, session)
    except HTTPException:
        return ANONYMOUS  # a bad API token on a page: the page shows what anyone sees
    except SQLAlchemyError:
        logger.exception("could not resolve the principal of a page (request %s)", request.url)
        return ANONYMOUS  # an error page must render even when the database is unreachable


def principal_in(context: Context) -> Principal:
    """The principal of the request in a template's context (anonymous outside a request)."""
    request = context.get("request")
    return principal_of(request) if isinstance(request, Request) else ANONYMOUS
