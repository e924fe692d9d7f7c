"""Cheap requests cannot cost minutes: a body that does not arrive is cut off (408), a request past its
time budget is answered 503 at once, and its leftover work takes no database connection and stores
nothing. Against real servers on loopback, through raw sockets."""

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

from api.main import create_app
from api.middleware import RequestBudget
from api.settings import Settings
from tests.api.live_server import LiveServer, poll
from tests.api.test_server import free_port


def _read_response(connection: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 response from ``connection``: status, headers (lower-case names) and body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        assert chunk, f"the server closed the connection without an answer (got {data!r})"
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    headers = {
        name.strip().lower(): value.strip() for name, value in (line.split(":", 1) for line in lines[1:])
    }
    while len(rest) < int(headers.get("content-length", "0")):
        chunk = connection.recv(65536)
        assert chunk, "the server closed the connection mid-body"
        rest += chunk
    return int(lines[0].split(" ")[1]), headers, rest


def _closed(connection: socket.socket) -> bool:
    """Whether the server has closed ``connection`` (reading gives end of file, or a reset)."""
    try:
        return connection.recv(1) == b""
    except ConnectionResetError:
        return True


def _request(method: str, path: str, body: bytes = b"", length: int | None = None) -> bytes:
    """The bytes of a request; ``length`` announces a Content-Length other than the body's."""
    announced = len(body) if length is None else length
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
        f"Content-Length: {announced}\r\n\r\n"
    )
    return head.encode() + body


# ---------------------------------------------------------------------------------------------
# a body that does not arrive: `planner serve` as a user runs it, PLANNER_BODY_TIMEOUT_SECONDS=1


@pytest.fixture
def served(tmp_path: Path, database_url: str) -> Iterator[LiveServer]:
    """`planner serve` on a fresh database (SQLite and PostgreSQL) with a 1 s body timeout."""
    with LiveServer(database_url, tmp_path / "serve.log", {"PLANNER_BODY_TIMEOUT_SECONDS": "1"}) as server:
        yield server


def test_a_content_length_that_lies_gets_408_and_the_connection_closes(served: LiveServer):
    """1,000 bytes announced and 10 sent: 408 naming the setting, then the server closes the connection."""
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as connection:
        connection.sendall(_request("POST", "/programs/validate", b'{"name": 1', length=1000))
        status, headers, body = _read_response(connection)
        assert status == 408 and headers.get("connection") == "close"
        answer = json.loads(body)
        assert answer["code"] == "request_timeout"
        assert "PLANNER_BODY_TIMEOUT_SECONDS" in answer["message"] and "10 bytes came" in answer["message"]
        assert _closed(connection)
    assert "answered 408 and closed the connection" in served.log_text()
    assert served.client.get("/health").status_code == 200


def test_a_body_trickled_byte_by_byte_is_cut_off(served: LiveServer):
    """A body sent one byte every 0.2 s never completes a 1 s timeout: 408 and closed, not held."""
    body = json.dumps({"name": "x" * 200}).encode()
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as connection:
        connection.sendall(_request("POST", "/programs/validate", length=len(body)))
        connection.setblocking(False)
        answered, cut_off = b"", False
        for byte in body:  # 0.2 s a byte: 40 s for the body, far past the timeout
            try:
                connection.sendall(bytes([byte]))
            except OSError:  # the server answered and closed; writing more fails
                cut_off = True
                break
            try:
                answered += connection.recv(65536)
            except BlockingIOError:
                pass
            if answered:
                break
            time.sleep(0.2)
        connection.settimeout(30)
        if not answered:
            try:
                answered = connection.recv(65536)
            except OSError:  # reset: the answer was lost with the connection, which was cut off anyway
                pass
        assert answered or cut_off, "the server still held the trickled request after the whole body was sent"
        if answered:
            assert answered.startswith(b"HTTP/1.1 408 ")
    assert "answered 408 and closed the connection" in served.log_text()


def test_a_whole_body_on_a_slow_start_is_served(served: LiveServer):
    """Headers, a pause shorter than the timeout, then the body: served as usual, connection kept."""
    body = json.dumps({"name": "x", "start": "2027-01-04", "projects": [{"id": "p", "tasks": [{"id": "t"}]}]})
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as connection:
        connection.sendall(_request("POST", "/programs/validate", length=len(body)))
        time.sleep(0.3)
        connection.sendall(body.encode())
        status, _, answer = _read_response(connection)
        assert status == 422 and json.loads(answer)["problems"]  # the missing duration, named
        connection.sendall(_request("GET", "/health"))
        assert _read_response(connection)[0] == 200


def test_the_timeouts_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    """PLANNER_BODY_TIMEOUT_SECONDS and PLANNER_REQUEST_SECONDS set the two timeouts; 30 s each by default."""
    monkeypatch.delenv("PLANNER_BODY_TIMEOUT_SECONDS", raising=False)
    monkeypatch.delenv("PLANNER_REQUEST_SECONDS", raising=False)
    assert (Settings().body_timeout_seconds, Settings().request_seconds) == (30.0, 30.0)
    monkeypatch.setenv("PLANNER_BODY_TIMEOUT_SECONDS", "2")
    monkeypatch.setenv("PLANNER_REQUEST_SECONDS", "1.5")
    assert (Settings().body_timeout_seconds, Settings().request_seconds) == (2.0, 1.5)


# ---------------------------------------------------------------------------------------------
# the request budget: uvicorn in this process, so the test can see the pool and the leftover work


def _big_program(tasks: int) -> dict[str, Any]:
    """A valid program of ``tasks`` chained tasks: measured 2.5 to 3.4 s to validate at 20,000."""
    items = [
        {"id": f"t{i}", "duration": 1 + i % 7, **({"after": [f"t{i - 1}"]} if i else {})}
        for i in range(tasks)
    ]
    return {"name": "big", "start": "2027-01-04", "projects": [{"id": "p", "tasks": items}]}


@pytest.fixture
def budgeted(settings: Settings) -> Iterator[tuple[FastAPI, int]]:
    """The service under uvicorn on a loopback port (SQLite and PostgreSQL), with a 1 s request budget."""
    tight = settings.model_copy(
        update={"request_seconds": 1.0, "max_tasks": 10**6, "max_request_bytes": 10**8}
    )
    app = create_app(tight)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    poll(lambda: server.started, 20, "server start")
    try:
        yield app, port
    finally:
        server.should_exit = True
        thread.join(30)


def test_a_request_past_its_budget_gets_503_and_stores_nothing(budgeted: tuple[FastAPI, int]):
    """Storing 40,000 tasks with a 1 s budget: 503 saying what to do, the connection free for the next
    request, no pooled connection held by the leftover work, and no program stored once it ends."""
    app, port = budgeted
    pool = app.state.database.engine.pool
    body = json.dumps(_big_program(40_000)).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(_request("POST", "/programs", body))
        status, _, answer = _read_response(connection)
        assert status == 503
        error = json.loads(answer)
        assert error["code"] == "request_too_slow"
        assert "PLANNER_REQUEST_SECONDS" in error["message"] and "POST /jobs" in error["message"]
        connection.sendall(_request("GET", "/health"))  # the same connection serves the next request
        assert _read_response(connection)[0] == 200
        if RequestBudget.abandoned:  # the validation still runs in its thread: it holds no connection
            assert pool.checkedout() == 0
    poll(lambda: not RequestBudget.abandoned, 60, "the abandoned request's thread to end")
    assert pool.checkedout() == 0
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:  # idle ones close in 5 s
        connection.sendall(_request("GET", "/programs"))
        status, _, listing = _read_response(connection)
        assert status == 200 and json.loads(listing) == []


def test_a_request_within_its_budget_is_answered_as_usual(budgeted: tuple[FastAPI, int]):
    """A small program is stored (201) with the same 1 s budget, and its answer is the handler's own."""
    _, port = budgeted
    body = json.dumps(_big_program(3)).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(_request("POST", "/programs", body))
        status, headers, answer = _read_response(connection)
        assert status == 201 and headers["location"].startswith("/programs/")
        assert json.loads(answer)["tasks"] == 3
