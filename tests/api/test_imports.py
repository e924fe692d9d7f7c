"""Plan imports over HTTP: a plan file in, a stored program and its report out; bad files are 4xx."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from planner.check import verify
from planner.io.program_file import parse_program
from planner.models import Schedule
from tests.api.conftest import make_settings, wait_for

SHARED = Path(__file__).parents[2] / ".." / "shared" / "interop"
MSPDI = SHARED / "mspdi" / "task-links-project2019-mspdi.xml"
MPP = SHARED / "mpp" / "task-links-project2019-mpp14.mpp"
BINARY = {"content-type": "application/octet-stream"}

pytestmark = pytest.mark.skipif(not MSPDI.is_file(), reason=f"{SHARED} is not there")


def post_file(
    client: TestClient, path: Path, filename: str | None = None, **kwargs: object
) -> httpx.Response:
    """POST the bytes of ``path`` to the import route under ``filename`` (default: its own name)."""
    params = {"filename": filename or path.name, **kwargs}
    return client.post("/programs/import", params=params, content=path.read_bytes(), headers=BINARY)


def test_import_store_solve_and_verify(client: TestClient):
    """An MSPDI file is stored as version 1 with its report; its program solves to a verified schedule."""
    response = post_file(client, MSPDI, name="Links")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["version"] == 1 and body["name"] == "Links" and body["tasks"] > 0
    assert response.headers["location"] == f"/programs/{body['id']}"
    assert isinstance(body["report"], list)
    assert all(note["file"] == MSPDI.name and note["reason"] for note in body["report"])
    stored = client.get(f"/programs/{body['id']}")
    assert stored.status_code == 200 and stored.json()["tasks"] == body["tasks"]
    program = parse_program(stored.json()["document"])
    submitted = client.post("/jobs", json={"program_id": body["id"], "time_limit": 10})
    assert submitted.status_code == 202, submitted.text
    job = wait_for(client, submitted.json()["id"])
    assert job["state"] == "done", job
    schedule = Schedule.model_validate(client.get(job["result"]).json()["schedule"])
    verify(program, schedule)


def test_truncated_mpp_is_400_naming_the_file(client: TestClient, tmp_path: Path):
    """The first half of a .mpp file is refused with 400 naming the file, no temporary path, no trace."""
    truncated = tmp_path / "truncated.mpp"
    truncated.write_bytes(MPP.read_bytes()[: MPP.stat().st_size // 2])
    response = post_file(client, truncated, filename="plan.mpp")
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    assert message.startswith("plan.mpp: ") and "planner-import-" not in message and "\tat " not in message
    assert client.get("/programs").json() == []


@pytest.mark.parametrize(
    ("filename", "content", "status", "words"),
    [
        ("plan.docx", b"PK\x03\x04", 422, "cannot import '.docx'"),
        ("plan", b"x", 422, "cannot import"),
        ("../plan.xml", b"<x/>", 422, "without a directory"),
        ("plan.mpp", b"", 400, "empty"),
        ("plan.xer", os.urandom(2048), 400, "plan.xer"),
        ("plan.mpp", os.urandom(4096), 400, "plan.mpp"),
        ("plan.xlsx", b"PK\x03\x04garbage", 400, "plan.xlsx"),
        ("plan.csv", b"\xff\xfe\x00garbage", 400, "plan.csv"),
        ("plan.xml", b"<Project><Tasks><Task>", 400, "plan.xml"),
    ],
)
def test_bad_files_are_4xx_with_the_reason(
    client: TestClient, filename: str, content: bytes, status: int, words: str
):
    """Unknown extensions, directories, empty bodies and random or broken bytes get a 4xx saying why."""
    response = client.post("/programs/import", params={"filename": filename}, content=content, headers=BINARY)
    assert response.status_code == status, response.text
    assert words in response.json()["message"]


def test_missing_filename_is_422(client: TestClient):
    """Without `filename` the request is refused at that query parameter."""
    response = client.post("/programs/import", content=MSPDI.read_bytes(), headers=BINARY)
    assert response.status_code == 422
    assert response.json()["problems"][0]["path"] == ["query", "filename"]


def test_task_limit_applies(tmp_path: Path):
    """An imported plan with more tasks than the server accepts is refused like a JSON document (422)."""
    with TestClient(create_app(make_settings(tmp_path, max_tasks=1))) as small:
        response = post_file(small, MSPDI)
        assert response.status_code == 422 and response.json()["code"] == "too_many_tasks"


def test_body_size_limit_applies(tmp_path: Path):
    """A file larger than the request limit is refused with 413 before it is read."""
    with TestClient(create_app(make_settings(tmp_path, max_request_bytes=1000))) as small:
        assert post_file(small, MSPDI).status_code == 413


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[TestClient]:
    """A client of a server with two keys for two organisations."""
    settings = make_settings(tmp_path, api_keys={"key-acme": "acme", "key-globex": "globex"})
    with TestClient(create_app(settings)) as client:
        yield client


def test_imports_belong_to_the_organisation(keyed: TestClient):
    """An imported program is the importer's: another organisation's key gets 404 and an empty list."""
    acme, globex = {"Authorization": "Bearer key-acme"}, {"Authorization": "Bearer key-globex"}
    assert keyed.post("/programs/import", params={"filename": MSPDI.name}).status_code == 401
    response = keyed.post(
        "/programs/import", params={"filename": MSPDI.name}, content=MSPDI.read_bytes(), headers=BINARY | acme
    )
    assert response.status_code == 201, response.text
    program_id = response.json()["id"]
    assert keyed.get(f"/programs/{program_id}", headers=acme).status_code == 200
    assert keyed.get(f"/programs/{program_id}", headers=globex).status_code == 404
    assert keyed.get("/programs", headers=globex).json() == []
