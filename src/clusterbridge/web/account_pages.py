"""Pieces shared by the account pages: rendering with the right CSRF token and no caching,
the session cookie, safe ``next`` addresses, the client address, form fields and errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask
from starlette.responses import Response

from clusterbridge.accounts.errors import RateLimited
from clusterbridge.accounts.mail import deliver_pending
from clusterbridge.accounts.permissions import Principal
from clusterbridge.accounts.sessions import SESSION_LIFETIME
from clusterbridge.core.errors import InvalidInput
from clusterbridge.web import anon_csrf
from clusterbridge.web.auth import SESSION_COOKIE
from clusterbridge.web.forms import field_errors, text_fields
from clusterbridge.web.templating import render

MAX_FIELD = 5000
"""Longer text in any account form field is cut (the operations then refuse it)."""


def page(
    request: Request,
    template: str,
    context: dict[str, Any],
    status_code: int = 200,
    principal: Principal | None = None,
) -> Response:
    """Render an account page: forms carry the session's CSRF token when signed in, else the
    double-submit token; nothing is cached (pages may show tokens and personal data)."""
    token = principal.csrf_token if principal and principal.csrf_token else None
    context = {"csrf_token": token or anon_csrf.form_token(request), **context}
    response = render(request, template, context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return anon_csrf.set_cookie(request, response) if token is None else response


def too_many(
    request: Request, template: str, context: dict[str, Any], error: RateLimited
) -> Response:
    """The form again with the limit's message, as HTTP 429 with ``Retry-After``."""
    response = page(request, template, {**context, "general": [str(error)]}, 429)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


@contextmanager
def committing(session: Session) -> Iterator[Session]:
    """Make the block one transaction on the request's session: committed if it succeeds,
    rolled back if not. Later reads of the page then see what was just written."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def send_mail_after(request: Request, response: Response) -> Response:
    """Send the e-mails the request queued once the response has gone (over SMTP when it is
    configured; otherwise the outbox was the delivery and this does nothing)."""
    response.background = BackgroundTask(deliver_pending, request.app.state.session_factory)
    return response


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def safe_next(value: str | None) -> str | None:
    """``value`` if it is a path on this site (never another site: no open redirect)."""
    if not value or len(value) > 2000 or not value.startswith("/"):
        return None
    if value.startswith("//") or "\\" in value or any(ord(char) < 32 for char in value):
        return None
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else None


def client_of(request: Request) -> str:
    """The client's address, the key of per-client rate limits."""
    return request.client.host if request.client else "unknown"


def set_session_cookie(request: Request, response: Response, cookie: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=anon_csrf.secure_request(request),
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=anon_csrf.secure_request(request),
    )


async def form_fields(request: Request, *names: str) -> dict[str, str]:
    """The named text fields of the posted form, trimmed and cut to a sane length. Passwords
    are not trimmed: spaces may be part of them."""
    form = await request.form()
    values = text_fields(form, names)
    for name in names:
        raw = form.get(name)
        if "password" in name and isinstance(raw, str):
            values[name] = raw
        values[name] = values[name][:MAX_FIELD]
    return values


def errors_of(error: InvalidInput) -> dict[str, Any]:
    """Template context for a refused form: messages by field and the general ones."""
    by_field, general = field_errors(error.problems)
    return {"errors": by_field, "general": general}
