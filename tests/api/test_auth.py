"""API keys: each key sees and changes only its organisation's programs, jobs and results."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.deps import get_organisation
from api.examples import QUICKSTART
from api.main import create_app
from api.middleware import is_loopback
from tests.api.conftest import make_settings

ACME = {"Authorization": "Bearer key-acme"}
GLOBEX = {"Authorization": "Bearer key-globex"}


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[TestClient]:
    """A client of a server with two keys for two organisations."""
    settings = make_settings(tmp_path, api_keys={"key-acme": "acme", "key-globex": "globex"})
    with TestClient(create_app(settings)) as client:
        yield client


def test_missing_or_unknown_key_is_401(keyed: TestClient):
    """Without a key, or with one the server does not know, every resource answers 401."""
    assert keyed.get("/programs").status_code == 401
    unknown = keyed.get("/programs", headers={"Authorization": "Bearer nope"})
    assert unknown.status_code == 401 and unknown.json()["message"] == "unknown API key"
    assert keyed.get("/health").status_code == 200


def test_organisations_are_isolated(keyed: TestClient):
    """Another organisation's program is 404 to read, replace, delete or solve, and absent from lists."""
    program_id = keyed.post("/programs", json=QUICKSTART, headers=ACME).json()["id"]
    assert keyed.get(f"/programs/{program_id}", headers=GLOBEX).status_code == 404
    assert keyed.put(f"/programs/{program_id}", json=QUICKSTART, headers=GLOBEX).status_code == 404
    assert keyed.delete(f"/programs/{program_id}", headers=GLOBEX).status_code == 404
    assert keyed.post("/jobs", json={"program_id": program_id}, headers=GLOBEX).status_code == 404
    assert keyed.get("/programs", headers=GLOBEX).json() == []
    assert [p["id"] for p in keyed.get("/programs", headers=ACME).json()] == [program_id]


def test_dependency_override_sets_the_organisation(settings):
    """Overriding the organisation dependency is how tests (and embedders) act as one organisation."""
    app = create_app(settings)
    app.dependency_overrides[get_organisation] = lambda: "initech"
    with TestClient(app) as client:
        program_id = client.post("/programs", json=QUICKSTART).json()["id"]
        app.dependency_overrides[get_organisation] = lambda: "other"
        assert client.get(f"/programs/{program_id}").status_code == 404


def test_open_access_serves_loopback_only(client: TestClient):
    """Without keys, a client from another address is refused with 403; loopback addresses pass."""
    with TestClient(client.app, client=("192.0.2.7", 5000)) as remote:
        refused = remote.get("/programs")
    assert refused.status_code == 403 and refused.json()["code"] == "loopback_only"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("10.0.0.1")
