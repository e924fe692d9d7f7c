"""Ordinary bad input gets a 4xx naming the field, never a server error, and never a reset connection."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.examples import QUICKSTART
from api.main import create_app
from tests.api.conftest import make_settings

YAML = {"content-type": "application/yaml"}


def _program(**task: Any) -> str:
    return json.dumps(
        {"name": "x", "start": "2027-01-04", "projects": [{"id": "p", "tasks": [{"id": "t", **task}]}]}
    )


@pytest.fixture
def program_id(client: TestClient) -> str:
    """A stored copy of the quickstart example."""
    return str(client.post("/programs", json=QUICKSTART).json()["id"])


BAD_DOCUMENTS = [  # (body, content type, status, path of the problem or None, words in the message)
    ("name: a\x00\n", "application/yaml", 400, None, "control character U+0000"),
    ("name: a\x01\n", "application/yaml", 400, None, "control character U+0001"),
    ("name: a\x1c\n", "application/yaml", 400, None, "control character U+001C"),
    ('{"name": "a\x01"}', "application/json", 400, None, "control character U+0001"),
    ('{"name": "a\\u0000", "start": "2027-01-04"}', "application/json", 422, ["name"], "U+0000"),
    ('{"name": "a\\ud800"}', "application/json", 422, ["name"], "lone UTF-16 surrogate"),
    ('{"\\ud800": 1}', "application/json", 422, ["\\ud800"], "field name contains a lone UTF-16"),
    (
        _program(duration=10**20),
        "application/json",
        422,
        ["projects", 0, "tasks", 0, "duration"],
        "too large",
    ),
    (_program(duration=True), "application/json", 422, ["projects", 0, "tasks", 0, "duration"], "got true"),
    (
        _program(duration=1, deadline="9999-12-31"),
        "application/json",
        422,
        ["projects", 0, "tasks", 0, "deadline"],
        "100 years",
    ),
    (
        json.dumps(
            {"name": "n" * 501, "start": "2027-01-04", "projects": [{"id": "p", "tasks": [{"id": "t"}]}]}
        ),
        "application/json",
        422,
        ["projects", 0, "tasks", 0, "duration"],
        "missing",
    ),
    (
        _program(duration=1).replace('"x"', '"' + "n" * 501 + '"'),
        "application/json",
        422,
        ["name"],
        "at most 500",
    ),
]


@pytest.mark.parametrize("route", ["/programs", "/programs/validate"])
@pytest.mark.parametrize(("body", "content_type", "status", "path", "words"), BAD_DOCUMENTS)
def test_bad_program_documents_get_a_4xx_naming_the_field(
    client: TestClient,
    route: str,
    body: str,
    content_type: str,
    status: int,
    path: list[Any] | None,
    words: str,
):
    """Control characters, surrogates, huge numbers, booleans, far dates, long names: 4xx at the field."""
    answer = client.post(
        route, content=body.encode("utf-8", "surrogatepass"), headers={"content-type": content_type}
    )
    if "\\ud800" not in body and "\ud800" not in body:
        assert answer.status_code == status, answer.text
    else:
        assert answer.status_code in (400, 422), answer.text
    error = answer.json()
    assert words in error["message"] or any(words in p["message"] for p in error["problems"]), error
    if path is not None:
        assert path in [p["path"] for p in error["problems"]], error


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/programs?offset=9223372036854775808"),
        ("get", "/jobs?offset=99999999999999999999999"),
        ("get", "/programs/{pid}/versions/99999999999999999999"),
        ("get", "/programs/{pid}/versions/2147483648"),
    ],
)
def test_integers_past_the_database_range_in_queries_and_paths_are_422(
    client: TestClient, program_id: str, method: str, url: str
):
    """?offset=2**63 and /versions/10**20 answer 422 at the query or path field, not a server error."""
    answer = getattr(client, method)(url.format(pid=program_id))
    assert answer.status_code == 422, answer.text
    assert answer.json()["problems"][0]["path"][0] in ("query", "path")


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        ({"version": 99999999999999999999}, ["body", "version"]),
        (
            {"kind": "whatif", "changes": [{"kind": "slip", "project": "cards", "by": 2}], "budget": 10**20},
            ["body", "budget"],
        ),
        (
            {"kind": "whatif", "changes": [{"kind": "slip", "project": "cards", "by": 10**7}]},
            ["body", "changes", 0, "by"],
        ),
        (
            {"kind": "whatif", "changes": [{"kind": "slip", "project": "cards", "by": 10**30}]},
            ["body", "changes", 0, "by"],
        ),
        (
            {"kind": "whatif", "changes": [{"kind": "slip", "project": "cards\u0000", "by": 2}]},
            ["body", "changes", 0, "project"],
        ),
        (
            {
                "kind": "whatif",
                "changes": [{"kind": "slip", "project": "cards", "by": 2}],
                "pin": ["a\u0001"],
            },
            ["body", "pin", 0],
        ),
    ],
)
def test_bad_job_fields_are_422_at_the_field(
    client: TestClient, program_id: str, extra: dict[str, Any], path
):
    """Huge versions and budgets, a slip of 10^7 days, control characters in changes or pins: 422 there."""
    answer = client.post("/jobs", json={"program_id": program_id, **extra})
    assert answer.status_code == 422, answer.text
    assert path in [p["path"] for p in answer.json()["problems"]], answer.text


def test_scenario_documents_are_checked_like_programs(client: TestClient, program_id: str):
    """A stored scenario with a control character, a huge budget or a long name is refused at its field."""
    url = f"/programs/{program_id}/scenarios"
    assert client.post(url, content="name: a\x01\n", headers=YAML).status_code == 400
    huge = client.post(url, json={"name": "s", "changes": [], "disruption_budget": 10**20})
    assert huge.status_code == 422 and huge.json()["problems"][0]["path"] == ["disruption_budget"]
    long = client.post(url, json={"name": "s" * 501, "changes": []})
    assert long.status_code == 422 and long.json()["problems"][0]["path"] == ["name"]


def test_malformed_ids_are_404_and_the_answer_always_encodes(client: TestClient):
    """An id with NUL or a lone surrogate is never looked up (404), and the error body is valid JSON."""
    for ident in ("a\u0000b", "x" * 40, "\ud800"):
        answer = client.post("/jobs", content=json.dumps({"program_id": ident}))
        assert answer.status_code in (404, 422), answer.text
        json.loads(answer.content)
    assert client.get("/jobs", params={"program_id": "a\u0000"}).json() == []
    assert client.get("/programs/%00").status_code == 404


# ---------------------------------------------------------------------------------------------
# a live server: after an error the connection stays usable


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[FastAPI, int]]:
    """The service under uvicorn on a loopback port, with one extra route that always fails."""
    app = create_app(make_settings(tmp_path))

    @app.get("/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("a bug")

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield app, port
    finally:
        server.should_exit = True
        thread.join(20)


def _exchange(connection: socket.socket, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
    head = f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n"
    connection.sendall(head.encode() + b"content-type: application/yaml\r\n\r\n" + body)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    header, rest = data.split(b"\r\n\r\n", 1)
    length = next(
        int(line.split(b":")[1])
        for line in header.split(b"\r\n")
        if line.lower().startswith(b"content-length")
    )
    while len(rest) < length:
        chunk = connection.recv(65536)
        assert chunk, "the server closed the connection"
        rest += chunk
    return int(header.split(b" ")[1]), rest


def test_errors_keep_the_connection_open(live: tuple[FastAPI, int]):
    """A 500 from a bug, a 400 and a 422 are each followed by a good answer on the same connection."""
    _, port = live
    with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
        status, body = _exchange(connection, "GET", "/boom")
        assert status == 500 and json.loads(body)["code"] == "internal_error"
        assert _exchange(connection, "GET", "/health")[0] == 200
        assert _exchange(connection, "POST", "/programs/validate", b"name: a\x01\n")[0] == 400
        assert _exchange(connection, "GET", "/programs?offset=9223372036854775808")[0] == 422
        assert _exchange(connection, "GET", "/health")[0] == 200


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("0", False),
        ("", False),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.1", False),
        ("127.0.0.1", True),
        ("127.1", True),
        ("localhost", True),
        ("::1", True),
    ],
)
def test_bind_addresses_that_reach_every_interface_are_not_loopback(host: str, loopback: bool):
    """'0' and '' bind every interface (they passed as loopback); 127.1 and localhost are loopback."""
    from api.middleware import is_loopback

    assert is_loopback(host) is loopback


def test_settings_without_keys_refuse_a_host_that_is_not_loopback(tmp_path: Path):
    """Without API keys, check_host refuses 0.0.0.0, '0' and ''; with keys, or on 127.0.0.1, it accepts."""
    open_settings = make_settings(tmp_path)
    for host in ("0.0.0.0", "0", ""):
        with pytest.raises(ValueError, match="refusing to listen"):
            open_settings.check_host(host)
    open_settings.check_host("127.0.0.1")
    make_settings(tmp_path, api_keys={"k": "acme"}).check_host("0.0.0.0")


@pytest.mark.parametrize("host", ["0", "", "0.0.0.0"])
def test_planner_serve_refuses_every_interface_without_keys(tmp_path: Path, host: str):
    """`planner serve --host 0` (or '' or 0.0.0.0) without keys exits 2 saying why, and binds nothing."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}"}
    env.pop("PLANNER_API_KEYS", None)
    result = subprocess.run(
        [sys.executable, "-m", "planner", "serve", "--host", host, "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "refusing to listen on" in result.stderr and "Traceback" not in result.stderr
