"""Quotas hold under a race, on SQLite and PostgreSQL: the queued-jobs limit, tasks after changes,
and seconds per job counted over every solve of a batch."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.examples import QUICKSTART
from api.main import create_app
from tests.api.conftest import make_settings, slow_program

SUBMITS = 40
LIMIT = 3


@pytest.fixture
def live_url(tmp_path: Path, database_url: str) -> Iterator[str]:
    """The service under uvicorn on a loopback port: queued-jobs limit 3, one slow solve at a time."""
    settings = make_settings(
        tmp_path, database_url=database_url, max_queued_jobs=LIMIT, max_concurrent_jobs=1, max_job_seconds=30
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="critical")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def test_simultaneous_submits_never_pass_the_queued_jobs_limit(live_url: str):
    """40 submits at once against a limit of 3: exactly 3 accepted (202), 37 refused (429), 3 active."""
    with httpx.Client(base_url=live_url, timeout=60) as client:
        program_id = client.post("/programs", json=slow_program(tasks=60)).json()["id"]
    barrier = threading.Barrier(SUBMITS)

    def submit(_: int) -> int:
        with httpx.Client(base_url=live_url, timeout=60) as own:
            barrier.wait()
            return own.post("/jobs", json={"program_id": program_id, "time_limit": 20}).status_code

    with ThreadPoolExecutor(SUBMITS) as pool:
        statuses = list(pool.map(submit, range(SUBMITS)))
    assert sorted(set(statuses)) == [202, 429], statuses
    assert statuses.count(202) == LIMIT
    with httpx.Client(base_url=live_url, timeout=60) as client:
        jobs = client.get("/jobs").json()
        assert len([j for j in jobs if j["state"] in ("queued", "running")]) == LIMIT
        for job in jobs:
            client.post(f"/jobs/{job['id']}/cancel")


def test_task_limit_counts_the_tasks_changes_add(tmp_path: Path):
    """An add_project change that takes the program past PLANNER_MAX_TASKS is refused at its changes."""
    with TestClient(create_app(make_settings(tmp_path, max_tasks=7))) as client:
        program_id = client.post("/programs", json=QUICKSTART).json()["id"]
        extra = {
            "kind": "add_project",
            "project": {"id": "extra", "tasks": [{"id": f"t{i}", "duration": 1} for i in range(5)]},
        }
        answer = client.post(f"/programs/{program_id}/scenarios", json={"name": "more", "changes": [extra]})
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == "too_many_tasks"
        assert answer.json()["problems"][0]["path"] == ["changes"]
        whatif = client.post("/jobs", json={"program_id": program_id, "kind": "whatif", "changes": [extra]})
        assert whatif.status_code == 422 and whatif.json()["problems"][0]["path"] == ["body", "changes"]


def test_seconds_per_job_count_every_solve_of_a_batch(tmp_path: Path):
    """A batch of 2 scenarios solves 3 times: with 30 s a job, 11 s each is refused and 10 s accepted."""
    with TestClient(create_app(make_settings(tmp_path, max_job_seconds=30))) as client:
        program_id = client.post("/programs", json=QUICKSTART).json()["id"]
        for by in (2, 3):
            scenario = {"name": f"slip {by}", "changes": [{"kind": "slip", "project": "cards", "by": by}]}
            assert client.post(f"/programs/{program_id}/scenarios", json=scenario).status_code == 201
        refused = client.post("/jobs", json={"program_id": program_id, "kind": "batch", "time_limit": 11})
        assert refused.status_code == 422 and "solves 3 times" in refused.json()["message"]
        accepted = client.post("/jobs", json={"program_id": program_id, "kind": "batch", "time_limit": 10})
        assert accepted.status_code == 202, accepted.text
        default = client.post("/jobs", json={"program_id": program_id, "kind": "batch"}).json()
        assert default["time_limit"] <= 10
