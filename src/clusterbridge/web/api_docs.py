"""Interactive API documentation (Swagger UI) served from the platform itself.

FastAPI's default /docs page loads Swagger UI from a CDN, which fails on closed networks and
leaks visits to a third party; the `swagger-ui-py` package ships Swagger UI 5 (which reads
OpenAPI 3.1, as FastAPI writes it), served here under /api-docs/.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/api-docs"
router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """Swagger UI for /openapi.json."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="ClusterBridge API",
        swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
    )


def install_api_docs(app: FastAPI) -> None:
    assets = files("swagger_ui") / "static"
    app.mount(ASSETS, StaticFiles(directory=str(assets)), name="api-docs")
    app.include_router(router)
