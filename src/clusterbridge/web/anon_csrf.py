"""CSRF protection of the forms people fill in before signing in (sign-in, sign-up, password
reset, invitations): a double-submit cookie.

Those forms have no session to hold a token, so the page sets a random ``cb_csrf`` cookie and
repeats its value in the hidden field ``csrf_token``. Another site can make a browser post the
form and send the cookie, but cannot read the cookie to fill in the field, so the two differ.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request
from starlette.responses import Response

from clusterbridge.accounts.config import account_config

COOKIE = "cb_csrf"
FIELD = "csrf_token"
MAX_AGE = 60 * 60 * 12


def secure_request(request: Request) -> bool:
    """Whether cookies must be Secure: the request came over HTTPS, or a setting says the app
    sits behind a TLS proxy."""
    return request.url.scheme == "https" or account_config().secure_cookies


def form_token(request: Request) -> str:
    """The token for the page's hidden field: the browser's cookie, or a new one (then set by
    :func:`set_cookie` on the response)."""
    current = request.cookies.get(COOKIE)
    if current and 20 <= len(current) <= 100:
        return current
    token: str | None = getattr(request.state, "anon_csrf", None)
    if token is None:
        token = secrets.token_urlsafe(32)
        request.state.anon_csrf = token
    return token


def set_cookie(request: Request, response: Response) -> Response:
    """Give the browser the token of :func:`form_token`, if it is new."""
    token = getattr(request.state, "anon_csrf", None)
    if token is not None:
        response.set_cookie(
            COOKIE,
            token,
            max_age=MAX_AGE,
            path="/",
            httponly=True,
            samesite="strict",
            secure=secure_request(request),
        )
    return response


def _same(sent: str, expected: str) -> bool:
    """Constant-time comparison (bytes: compare_digest refuses non-ASCII text)."""
    return hmac.compare_digest(sent.encode(), expected.encode())


async def check(request: Request) -> None:
    """Refuse (403) a form whose hidden field does not repeat the cookie."""
    cookie = request.cookies.get(COOKIE, "")
    form = await request.form()
    sent = form.get(FIELD)
    if not cookie or not isinstance(sent, str) or not _same(sent, cookie):
        raise HTTPException(
            status_code=403,
            detail="The form expired or your browser blocked its cookie; reload it and retry.",
        )
