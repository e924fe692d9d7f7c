"""Jobs and deploys with real servers (`planner serve` processes) on SQLite and PostgreSQL: a server
killed outright (SIGKILL) takes its solves with it and its job is requeued and completed once by
the next server; a clean stop (SIGTERM) requeues; two servers on one database run each job once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from api.db import Database
from api.examples import QUICKSTART
from api.tables import JobRow, JobState
from planner.check import verify
from planner.io.program_file import parse_program
from planner.models import Schedule
from tests.api.conftest import slow_program
from tests.api.live_server import LiveServer, gone, poll


def job(client: httpx.Client, job_id: str) -> dict[str, Any]:
    """The job as the service shows it."""
    return client.get(f"/jobs/{job_id}").json()  # type: ignore[no-any-return]


def submit(client: httpx.Client, document: dict[str, Any], time_limit: float) -> str:
    """Store ``document`` and submit a solve of it; return the job id."""
    created = client.post("/programs", json=document)
    assert created.status_code == 201, created.text
    submitted = client.post("/jobs", json={"program_id": created.json()["id"], "time_limit": time_limit})
    assert submitted.status_code == 202, submitted.text
    return submitted.json()["id"]  # type: ignore[no-any-return]


def finished(client: httpx.Client, job_id: str, timeout: float = 180) -> dict[str, Any]:
    """Poll a job until it is done, failed or cancelled."""
    return poll(  # type: ignore[no-any-return]
        lambda: (j := job(client, job_id))["state"] in ("done", "failed", "cancelled") and j,
        timeout,
        f"job {job_id} finished",
    )


def test_killed_server_job_is_requeued_and_completed_once(tmp_path: Path, database_url: str):
    """SIGKILL mid-solve: the solve processes die with the server; the next server requeues the job
    when its lease expires and completes it once (2 starts, 1 result); earlier results are kept."""
    env = {"PLANNER_JOB_LEASE_SECONDS": "5"}
    first = LiveServer(database_url, tmp_path / "first.log", env)
    try:
        earlier = submit(first.client, QUICKSTART, 5)
        assert finished(first.client, earlier)["state"] == "done"
        kept = first.client.get(f"/results/{earlier}").json()
        job_id = submit(first.client, slow_program(), 15)
        poll(lambda: job(first.client, job_id)["state"] == "running", 60, "the slow job running")
        solves = poll(first.solve_processes, 30, "a solve process of the first server")
    finally:
        first.kill()
    poll(lambda: all(gone(pid) for pid in solves), 30, f"solve processes {solves} ended with their server")
    with LiveServer(database_url, tmp_path / "second.log", env) as second:
        done = finished(second.client, job_id)
        assert (done["state"], done["attempts"], done["error"]) == ("done", 2, None), done
        assert (first.runs(job_id), second.runs(job_id)) == (1, 1)
        assert f"job {job_id}: the lease of" in second.log_text()
        result = second.client.get(f"/results/{job_id}").json()
        verify(parse_program(slow_program()), Schedule.model_validate(result["schedule"]))
        assert second.client.get(f"/results/{earlier}").json() == kept
        assert sorted(r["job_id"] for r in second.client.get("/results").json()) == sorted([earlier, job_id])


def test_sigterm_requeues_running_jobs(tmp_path: Path, database_url: str):
    """A clean stop kills its solves and puts their jobs back in the queue (not failed), with no lease;
    the next server runs them to done."""
    first = LiveServer(database_url, tmp_path / "first.log")
    try:
        job_id = submit(first.client, slow_program(), 15)
        poll(lambda: job(first.client, job_id)["state"] == "running", 60, "the slow job running")
        solves = poll(first.solve_processes, 30, "a solve process")
    finally:
        assert first.stop() in (0, -15)  # uvicorn shuts down, then re-raises the signal it caught
    assert "Application shutdown complete" in first.log_text()
    poll(lambda: all(gone(pid) for pid in solves), 30, f"solve processes {solves} ended")
    database = Database(database_url)
    try:
        with database.session() as session:
            row = session.get(JobRow, job_id)
            assert row is not None
            assert (row.state, row.error, row.attempts, row.lease_owner) == (JobState.QUEUED, None, 1, None)
    finally:
        database.dispose()
    assert f"job {job_id}: requeued" in first.log_text()
    with LiveServer(database_url, tmp_path / "second.log") as second:
        done = finished(second.client, job_id)
        assert (done["state"], done["attempts"]) == ("done", 2), done


def test_two_servers_on_one_database_run_each_job_once(tmp_path: Path, database_url: str):
    """A second server started while the first runs a job leaves that job alone; both claim from one
    queue and each of 8 jobs runs exactly once; a cancel through one server stops the other's solve."""
    env = {"PLANNER_JOB_LEASE_SECONDS": "15"}
    with LiveServer(database_url, tmp_path / "a.log", env) as a:
        jobs = [submit(a.client, slow_program(60, seed), 2) for seed in range(6)]
        poll(lambda: job(a.client, jobs[0])["state"] == "running", 60, "the first job running")
        with LiveServer(database_url, tmp_path / "b.log", env) as b:
            jobs += [submit(b.client, slow_program(60, seed), 2) for seed in (6, 7)]
            states = {job_id: finished(a.client, job_id, 300) for job_id in jobs}
            assert {(j["state"], j["attempts"]) for j in states.values()} == {("done", 1)}, states
            runs = {job_id: (a.runs(job_id), b.runs(job_id)) for job_id in jobs}
            assert all(sum(count) == 1 for count in runs.values()), runs
            assert all(any(count[i] for count in runs.values()) for i in (0, 1)), (
                f"one server ran all: {runs}"
            )
            assert "expired; requeued" not in a.log_text() + b.log_text()

            target = submit(a.client, slow_program(), 25)
            poll(lambda: job(a.client, target)["state"] == "running", 60, "the job to cancel running")
            holder, other = (a, b) if a.runs(target) else (b, a)
            cancelled = other.client.post(f"/jobs/{target}/cancel").json()
            assert (cancelled["state"], cancelled["error"]) == ("cancelled", "cancelled by request")
            poll(
                lambda: f"job {target}: no longer held by this server" in holder.log_text(),
                30,
                "the holder stopping the cancelled solve",
            )
            assert job(holder.client, target)["state"] == "cancelled"
            assert holder.client.get(f"/results/{target}").status_code == 404
