"""Solve jobs: queued -> running -> done with a checked schedule; limits, cancel, crash, time limit."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import jobs as jobs_module
from api.examples import QUICKSTART
from api.main import create_app
from planner.check import verify
from planner.io.program_file import parse_program
from planner.models import Schedule
from tests.api.conftest import make_settings, slow_program, wait_for


def store(client: TestClient, document: dict = QUICKSTART) -> str:
    """Store ``document`` and return the program id."""
    response = client.post("/programs", json=document)
    assert response.status_code == 201, response.text
    return response.json()["id"]  # type: ignore[no-any-return]


def test_solve_job_gives_a_checked_schedule(client: TestClient):
    """A job is accepted at once (202, queued), ends done, and its schedule passes the checker."""
    program_id = store(client)
    submitted = client.post("/jobs", json={"program_id": program_id, "time_limit": 10})
    assert submitted.status_code == 202 and submitted.json()["state"] == "queued"
    job = wait_for(client, submitted.json()["id"])
    assert job["state"] == "done", job
    assert job["result"] == f"/results/{job['id']}" and job["progress"]["tier"]
    result = client.get(job["result"]).json()
    schedule = Schedule.model_validate(result["schedule"])
    verify(parse_program(QUICKSTART), schedule)
    assert result["status"] == "optimal" and result["summary"]["finish"] == str(
        max(t.finish for t in schedule.tasks)
    )
    assert [r["job_id"] for r in client.get("/results").json()] == [job["id"]]


def test_job_solves_the_version_it_names(client: TestClient):
    """A job for version 1 solves version 1 even after the program was replaced."""
    program_id = store(client)
    client.put(f"/programs/{program_id}", json={**QUICKSTART, "name": "renamed"})
    job = wait_for(client, client.post("/jobs", json={"program_id": program_id, "version": 1}).json()["id"])
    assert job["program_version"] == 1
    assert client.get(job["result"]).json()["schedule"]["program"] == QUICKSTART["name"]


def test_submit_errors(client: TestClient):
    """Unknown program or version: 404; time limit over the maximum: 422 at body.time_limit; bad seed: 422."""
    assert client.post("/jobs", json={"program_id": "nope"}).status_code == 404
    program_id = store(client)
    assert client.post("/jobs", json={"program_id": program_id, "version": 7}).status_code == 404
    too_long = client.post("/jobs", json={"program_id": program_id, "time_limit": 31})
    assert too_long.status_code == 422
    assert (
        too_long.json()["problems"][0]["path"] == ["body", "time_limit"]
        and "30" in too_long.json()["message"]
    )
    bad_seed = client.post("/jobs", json={"program_id": program_id, "seed": -1})
    assert bad_seed.status_code == 422 and bad_seed.json()["problems"][0]["path"] == ["body", "seed"]


def test_result_of_unfinished_or_failed_job(tmp_path: Path):
    """A queued job's result is 409; a cancelled job has none (404) and cancelling it again is 409."""
    with TestClient(create_app(make_settings(tmp_path, max_concurrent_jobs=1))) as client:
        slow = client.post(
            "/jobs", json={"program_id": store(client, slow_program()), "time_limit": 20}
        ).json()
        queued = client.post("/jobs", json={"program_id": store(client), "time_limit": 5}).json()
        assert client.get(f"/results/{queued['id']}").status_code == 409
        cancelled = client.post(f"/jobs/{queued['id']}/cancel").json()
        assert (cancelled["state"], cancelled["error"]) == ("cancelled", "cancelled by request")
        assert client.get(f"/results/{queued['id']}").status_code == 404
        assert client.post(f"/jobs/{queued['id']}/cancel").status_code == 409
        client.post(f"/jobs/{slow['id']}/cancel")


def test_cancel_running_job(client: TestClient):
    """A running job shows its best value and bound; cancel kills the solve: cancelled, no result."""
    job_id = client.post(
        "/jobs", json={"program_id": store(client, slow_program()), "time_limit": 25}
    ).json()["id"]
    deadline = time.monotonic() + 20
    while (job := client.get(f"/jobs/{job_id}").json())["progress"] is None:
        assert job["state"] in ("queued", "running") and time.monotonic() < deadline, job
        time.sleep(0.1)
    assert job["state"] == "running" and job["progress"]["value"] >= job["progress"]["bound"]
    cancelled = client.post(f"/jobs/{job_id}/cancel").json()
    assert cancelled["state"] == "cancelled" and cancelled["error"] == "cancelled by request"
    assert client.get(f"/results/{job_id}").status_code == 404


def test_crashed_worker_fails_the_job_and_the_next_job_runs(client: TestClient):
    """A solve process killed from outside leaves its job failed with the reason; later jobs still run."""
    job_id = client.post(
        "/jobs", json={"program_id": store(client, slow_program()), "time_limit": 25}
    ).json()["id"]
    wait_for(client, job_id, until=("running",))
    runner = client.app.state.runner
    deadline = time.monotonic() + 10
    while job_id not in runner.worker_pids() and time.monotonic() < deadline:  # claimed, not yet handed over
        time.sleep(0.02)
    os.kill(runner.worker_pids()[job_id], signal.SIGKILL)
    failed = wait_for(client, job_id)
    assert failed["state"] == "failed" and "solve process died" in failed["error"], failed
    after = wait_for(client, client.post("/jobs", json={"program_id": store(client)}).json()["id"])
    assert after["state"] == "done"


def test_time_limit_is_enforced(client: TestClient, monkeypatch: pytest.MonkeyPatch):
    """A job running past its allowance (made shorter than the limit here) is stopped and fails saying so."""
    monkeypatch.setattr(
        jobs_module, "GRACE_SECONDS", -1.5
    )  # allowance 2 x 1 s - 1.5 s: less than a worker's start
    job_id = client.post("/jobs", json={"program_id": store(client, slow_program()), "time_limit": 1}).json()[
        "id"
    ]
    job = wait_for(client, job_id)
    assert job["state"] == "failed" and "time limit of 1 s" in job["error"], job["error"]


def test_too_many_jobs_is_429(tmp_path: Path):
    """An organisation over its queued-or-running allowance gets 429 with what to do."""
    with TestClient(create_app(make_settings(tmp_path, max_queued_jobs=1, max_concurrent_jobs=1))) as client:
        program_id = store(client, slow_program())
        first = client.post("/jobs", json={"program_id": program_id, "time_limit": 20}).json()
        refused = client.post("/jobs", json={"program_id": program_id})
        assert refused.status_code == 429 and "cancel" in refused.json()["message"]
        client.post(f"/jobs/{first['id']}/cancel")


def test_list_jobs_filters(client: TestClient):
    """Jobs can be listed by program and by state."""
    program_id = store(client)
    job_id = client.post("/jobs", json={"program_id": program_id}).json()["id"]
    wait_for(client, job_id)
    assert [j["id"] for j in client.get("/jobs", params={"program_id": program_id}).json()] == [job_id]
    assert client.get("/jobs", params={"state": "queued"}).json() == []
    assert client.get("/jobs", params={"state": "nonsense"}).status_code == 422
