"""Turn every error into a clean page (or JSON under /api) with a request id, never a traceback.

Domain errors carry a message a user can act on; anything else is a bug, logged with its
traceback and the request id the page shows, so a report can be matched to the log.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode
from uuid import uuid4

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from clusterbridge.accounts.errors import NotAllowed, RateLimited
from clusterbridge.core.errors import ClusterBridgeError, NotFound
from clusterbridge.web.templating import render

logger = logging.getLogger("clusterbridge.web")
MAX_ID = 2_147_483_647
"""The largest id the database's integer columns hold."""

TITLES = {
    400: "Bad request",
    401: "Sign-in needed",
    403: "Not allowed",
    404: "Page not found",
    405: "Method not allowed",
    410: "Link no longer valid",
    429: "Too many attempts",
    500: "Something went wrong",
}


def request_id(request: Request) -> str:
    """The id of this request (set by the app's middleware; made here if it did not run)."""
    rid = getattr(request.state, "request_id", None)
    if not isinstance(rid, str):
        rid = uuid4().hex[:16]
        request.state.request_id = rid
    return rid


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str) -> Response:
    """The error as JSON for API clients, as the site's error page for people."""
    rid = request_id(request)
    headers = {"X-Request-ID": rid}
    if is_api(request):
        body = {"detail": message, "request_id": rid}
        return JSONResponse(body, status_code=status, headers=headers)
    context = {"status": status, "title": TITLES.get(status, "Error"), "message": message}
    response = render(request, "error.html", {**context, "request_id": rid}, status_code=status)
    response.headers.update(headers)
    return response


async def on_not_found(request: Request, exc: Exception) -> Response:
    return error_response(request, 404, str(exc))


async def on_domain_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, str(exc))


async def on_not_allowed(request: Request, exc: Exception) -> Response:
    return error_response(request, 403, str(exc))


async def on_rate_limited(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RateLimited)
    response = error_response(request, 429, str(exc))
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


def sign_in_first(request: Request) -> Response:
    """People who must sign in go to the sign-in page, which brings them back here after."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    target = "/login" if request.method != "GET" else f"/login?{urlencode({'next': here})}"
    return RedirectResponse(target, status_code=303)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 401 and not is_api(request):
        return sign_in_first(request)
    if exc.status_code == 404:
        message = "There is no page at this address. It may have moved, or the link is wrong."
    else:
        message = str(exc.detail)
    response = error_response(request, exc.status_code, message)
    response.headers.update(exc.headers or {})  # e.g. Retry-After of a 429
    if exc.status_code == 401:
        response.headers.setdefault("WWW-Authenticate", "Bearer")
    return response


async def on_invalid_request(request: Request, exc: Exception) -> Response:
    """API clients get FastAPI's detailed 422; people get a 404 (bad path) or a 400 page."""
    assert isinstance(exc, RequestValidationError)
    if is_api(request):
        return await request_validation_exception_handler(request, exc)
    errors = exc.errors()
    if any(error["loc"][0] == "path" for error in errors):
        return await on_http_error(request, HTTPException(404))
    fields = ", ".join(sorted({str(error["loc"][-1]) for error in errors}))
    return error_response(request, 400, f"The address has a value that is not valid: {fields}.")


async def on_unstorable_value(request: Request, exc: Exception) -> Response:
    """A value the database cannot take (an id beyond its integers: OverflowError on SQLite,
    DataError on PostgreSQL; text with NUL characters). Such an id names no record, so a path
    is simply not found; any other value (a filter, a form field) is a bad request."""
    if any(str(value).isdigit() and int(value) > MAX_ID for value in request.path_params.values()):
        return await on_http_error(request, HTTPException(404))
    return error_response(request, 400, "A value in the request is out of range or not valid.")


async def on_unexpected_error(request: Request, exc: Exception) -> Response:
    rid = request_id(request)
    logger.error(
        "unhandled error on %s %s (request %s)",
        request.method,
        request.url.path,
        rid,
        exc_info=exc,
    )
    message = f"The error has been logged. If you report it, please quote request id {rid}."
    return error_response(request, 500, message)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NotFound, on_not_found)
    app.add_exception_handler(NotAllowed, on_not_allowed)
    app.add_exception_handler(RateLimited, on_rate_limited)
    app.add_exception_handler(ClusterBridgeError, on_domain_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_invalid_request)
    app.add_exception_handler(OverflowError, on_unstorable_value)
    app.add_exception_handler(DataError, on_unstorable_value)
    app.add_exception_handler(Exception, on_unexpected_error)
