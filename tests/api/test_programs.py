"""Programs: create (JSON, YAML), read, list, replace as new versions, delete, every problem listed."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.examples import INVALID, QUICKSTART, QUICKSTART_YAML
from api.main import create_app
from tests.api.conftest import make_settings

YAML = {"content-type": "application/yaml"}


def test_create_and_read_back(client: TestClient):
    """A JSON program is stored as version 1 and read back exactly as sent."""
    created = client.post("/programs", json=QUICKSTART)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["name"], body["version"], body["projects"], body["tasks"]) == (
        "Card platform refresh",
        1,
        2,
        6,
    )
    assert created.headers["location"] == f"/programs/{body['id']}"
    read = client.get(f"/programs/{body['id']}").json()
    assert read["document"] == QUICKSTART


def test_create_from_yaml(client: TestClient):
    """A YAML body with shorthands ("2w", milestone) is accepted; its dates are stored as ISO text."""
    created = client.post("/programs", content=QUICKSTART_YAML, headers=YAML)
    assert created.status_code == 201, created.text
    document = client.get(f"/programs/{created.json()['id']}").json()["document"]
    assert document["start"] == "2027-01-04"
    assert document["projects"][0]["tasks"][0]["duration"] == "2w"


def test_invalid_program_lists_every_problem(client: TestClient):
    """422 names both bad durations with their document path, task and an actionable message."""
    response = client.post("/programs", json=INVALID)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "program_invalid"
    paths = [p["path"] for p in body["problems"]]
    assert paths == [["projects", 0, "tasks", 0, "duration"], ["projects", 0, "tasks", 1, "duration"]]
    assert all(p["where"].startswith("p.") and p["message"] for p in body["problems"])


def test_semantic_problem_has_its_yaml_line(client: TestClient):
    """An unknown predecessor in YAML is reported at its line with the closest valid name."""
    text = QUICKSTART_YAML.replace("after: [build]", "after: [biuld]")
    body = client.post("/programs", content=text, headers=YAML).json()
    assert body["code"] == "program_invalid"
    (problem,) = body["problems"]
    assert problem["line"] == 9 and "build" in problem["message"]


def test_unreadable_bodies(client: TestClient):
    """Bad YAML is 400 with its line; an empty body is 400; a JSON list is 422 at the document root."""
    bad = client.post("/programs", content="name: [unclosed\n", headers=YAML)
    assert bad.status_code == 400 and "line" in bad.json()["message"]
    assert (
        client.post("/programs", content=b"", headers={"content-type": "application/json"}).status_code == 400
    )
    listed = client.post("/programs", json=[1, 2])
    assert listed.status_code == 422 and listed.json()["problems"][0]["path"] == []


def test_replace_keeps_old_versions(client: TestClient):
    """PUT stores version 2; version 1 stays readable as it was, and the list shows both."""
    program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    renamed = {**QUICKSTART, "name": "Card platform refresh, phase 2"}
    replaced = client.put(f"/programs/{program_id}", json=renamed)
    assert replaced.status_code == 200 and replaced.json()["version"] == 2
    assert client.get(f"/programs/{program_id}").json()["document"]["name"] == renamed["name"]
    assert client.get(f"/programs/{program_id}/versions/1").json()["document"] == QUICKSTART
    versions = client.get(f"/programs/{program_id}/versions").json()
    assert [(v["version"], v["name"]) for v in versions] == [(1, QUICKSTART["name"]), (2, renamed["name"])]


def test_invalid_replacement_changes_nothing(client: TestClient):
    """A rejected PUT leaves the program at its last good version."""
    program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    assert client.put(f"/programs/{program_id}", json=INVALID).status_code == 422
    assert client.get(f"/programs/{program_id}").json()["version"] == 1


def test_list_and_delete(client: TestClient):
    """A deleted program is gone from the list and from reads (404)."""
    first = client.post("/programs", json=QUICKSTART).json()["id"]
    second = client.post("/programs", content=QUICKSTART_YAML, headers=YAML).json()["id"]
    assert {p["id"] for p in client.get("/programs").json()} == {first, second}
    assert client.delete(f"/programs/{first}").status_code == 204
    assert [p["id"] for p in client.get("/programs").json()] == [second]
    missing = client.get(f"/programs/{first}")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_validate_stores_nothing(client: TestClient):
    """POST /programs/validate answers with the counts and stores no program."""
    response = client.post("/programs/validate", json=QUICKSTART)
    assert response.json() == {
        "valid": True,
        "name": QUICKSTART["name"],
        "projects": 2,
        "tasks": 6,
        "roles": 1,
        "people": 2,
    }
    assert client.get("/programs").json() == []


def test_limits_on_size_and_tasks(tmp_path: Path):
    """A body over the byte limit is 413; a program over the task limit is 422 at `projects`."""
    with TestClient(create_app(make_settings(tmp_path, max_request_bytes=2_000, max_tasks=5))) as client:
        big = client.post("/programs", json={**QUICKSTART, "description": "x" * 5_000})
        assert big.status_code == 413 and big.json()["code"] == "request_too_large"
        many = client.post("/programs", json=QUICKSTART)
        assert many.status_code == 422
        assert many.json()["problems"][0]["path"] == ["projects"] and "at most 5" in many.json()["message"]
