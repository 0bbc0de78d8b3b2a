"""Cross-site request forgery protection for every state-changing request.

A signed-in browser's session has a random CSRF token; forms send it back in the hidden field
``csrf_token`` (templates get it as ``csrf_token``), scripts in the ``X-CSRF-Token`` header.
Requests authenticated with an API token carry no cookie, so they need none.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from clusterbridge.web.auth import PrincipalDep

FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def check_csrf(request: Request, principal: PrincipalDep) -> None:
    """Refuse (403) an unsafe request from a browser session without the session's token."""
    if request.method in SAFE_METHODS or request.headers.get("authorization"):
        return
    expected = principal.csrf_token
    if expected is None:
        return  # not a cookie session: nothing to forge (anonymous forms check their own)
    sent = request.headers.get(HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(FIELD)
        sent = value if isinstance(value, str) else None
    if sent is None or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(status_code=403, detail="the form expired; reload the page and retry")


CsrfDep = Annotated[None, Depends(check_csrf)]
"""Add ``_: CsrfDep`` to every POST, PUT, PATCH and DELETE route."""
