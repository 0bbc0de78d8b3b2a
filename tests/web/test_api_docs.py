"""The interactive API docs are served from the platform itself, with no CDN."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_docs_page_uses_local_assets(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/api-docs/swagger-ui-bundle.js" in page.text
    assert "cdn." not in page.text
    script = client.get("/api-docs/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.text
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")
