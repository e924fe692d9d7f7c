"""The service's docs page works offline: Swagger UI's assets come from the service, not a CDN."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import DOCS_ASSETS


def test_the_docs_page_loads_its_assets_from_the_service(client: TestClient):
    """/docs names only the service's own script and style sheet, and both are served."""
    page = client.get("/docs")
    assert page.status_code == 200
    assert f"{DOCS_ASSETS}/swagger-ui-bundle.js" in page.text and f"{DOCS_ASSETS}/swagger-ui.css" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    script = client.get(f"{DOCS_ASSETS}/swagger-ui-bundle.js")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.text
    assert client.get(f"{DOCS_ASSETS}/swagger-ui.css").status_code == 200
