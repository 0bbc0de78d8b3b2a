"""The app factory: one FastAPI application on one database engine."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import uuid4

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.responses import Response

from clusterbridge import __version__
from clusterbridge.core.db import session_factory
from clusterbridge.web.api_docs import install_api_docs
from clusterbridge.web.errors import install_error_handlers
from clusterbridge.web.policies import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY
from clusterbridge.web.routers import (
    account,
    admin,
    admin_records,
    admin_users,
    api_registry,
    assets,
    directory,
    edit,
    evaluation,
    events,
    events_admin,
    history,
    home,
    imports,
    mapping,
    matching,
    members,
    posts,
)
from clusterbridge.web.templating import STATIC_DIR

# Swagger UI (served from our own origin) starts itself with an inline script.
THIRD_PARTY_PAGES = ("/docs",)


def create_app(engine: Engine | None = None) -> FastAPI:
    """The platform on ``engine`` (default: the configured database)."""
    app = FastAPI(
        title="ClusterBridge",
        version=__version__,
        summary="Registry of cluster programmes, clusters and their member organisations.",
        docs_url=None,
        redoc_url=None,
    )
    install_api_docs(app)
    app.state.session_factory = session_factory(engine)
    app.middleware("http")(request_context)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(home.router)
    app.include_router(directory.router)
    app.include_router(api_registry.router)
    app.include_router(edit.router)
    app.include_router(members.router)
    app.include_router(imports.router)
    app.include_router(history.router)
    app.include_router(admin.router)
    app.include_router(admin_records.router)
    app.include_router(admin_users.router)
    app.include_router(account.router)
    app.include_router(assets.router)
    app.include_router(mapping.router)
    app.include_router(evaluation.router)
    # The organiser's /events/new must come before the participants' /events/{event_id}.
    app.include_router(events_admin.router)
    app.include_router(events.router)
    app.include_router(posts.router)
    app.include_router(matching.router)
    return app


async def request_context(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Give each request an id (logged with errors, sent back as X-Request-ID) and safe headers."""
    request.state.request_id = uuid4().hex[:16]
    response = await call_next(request)
    response.headers["X-Request-ID"] = request.state.request_id
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
    if request.url.scheme == "https":
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if not request.url.path.startswith(THIRD_PARTY_PAGES):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response
