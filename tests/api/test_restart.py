"""Restart: jobs a dead server held are requeued once their lease has expired (and run), a job whose
servers died too often fails, queued jobs run when the server starts, and a clean stop requeues
running jobs instead of failing them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from api.db import Database
from api.examples import QUICKSTART
from api.jobs import GAVE_UP, MAX_ATTEMPTS
from api.main import create_app
from api.tables import JobRow, JobState
from tests.api.conftest import make_settings, slow_program, wait_for

ORPHAN, EXPIRED, LIVE, GIVEN_UP, QUEUED = ("a" * 32, "b" * 32, "c" * 32, "d" * 32, "e" * 32)


def test_restart_requeues_expired_leases_and_runs_queued(tmp_path: Path):
    """A running row with no lease or an expired one is requeued and solved; one another live server
    holds is left alone; one started MAX_ATTEMPTS times fails; a queued row is solved."""
    settings = make_settings(tmp_path)
    with TestClient(create_app(settings)) as client:
        program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    now = dt.datetime.now(dt.UTC)
    rows = {  # what dead servers (and one live one elsewhere) leave behind: state, owner, expiry, starts
        ORPHAN: (JobState.RUNNING, None, None, 1),  # a server from before leases
        EXPIRED: (JobState.RUNNING, "gone:1:x", now - dt.timedelta(seconds=1), 1),
        LIVE: (JobState.RUNNING, "elsewhere:2:y", now + dt.timedelta(hours=1), 1),
        GIVEN_UP: (JobState.RUNNING, "gone:1:x", now - dt.timedelta(seconds=1), MAX_ATTEMPTS),
        QUEUED: (JobState.QUEUED, None, None, 0),
    }
    database = Database(settings.database_url)
    with database.session() as session:
        for job_id, (state, owner, expiry, attempts) in rows.items():
            session.add(
                JobRow(
                    id=job_id,
                    organisation="local",
                    program_id=program_id,
                    program_version=1,
                    state=state,
                    time_limit=5,
                    lease_owner=owner,
                    lease_expires_at=expiry,
                    attempts=attempts,
                )
            )
    database.dispose()
    with TestClient(create_app(settings)) as client:
        for job_id, attempts in ((ORPHAN, 2), (EXPIRED, 2), (QUEUED, 1)):
            job = wait_for(client, job_id)
            assert (job["state"], job["attempts"], job["error"]) == ("done", attempts, None), job
        given_up = client.get(f"/jobs/{GIVEN_UP}").json()
        assert (given_up["state"], given_up["error"]) == ("failed", GAVE_UP.format(attempts=MAX_ATTEMPTS))
        live = client.get(f"/jobs/{LIVE}").json()
        assert (live["state"], live["attempts"]) == ("running", 1)


def test_shutdown_requeues_running_jobs_and_keeps_queued(tmp_path: Path):
    """A clean stop kills its solves and puts their jobs back in the queue; the next start runs them."""
    settings = make_settings(tmp_path, max_concurrent_jobs=1)
    with TestClient(create_app(settings)) as client:
        program_id = client.post("/programs", json=slow_program()).json()["id"]
        running = client.post("/jobs", json={"program_id": program_id, "time_limit": 3}).json()["id"]
        queued = client.post("/jobs", json={"program_id": program_id, "time_limit": 3}).json()["id"]
        wait_for(client, running, until=("running",))
    database = Database(settings.database_url)
    with database.session() as session:
        rows = {job.id: job for job in session.query(JobRow)}
        states = {i: (j.state, j.error, j.attempts, j.lease_owner, j.started_at) for i, j in rows.items()}
    database.dispose()
    assert states[running] == (JobState.QUEUED, None, 1, None, None)
    assert states[queued] == (JobState.QUEUED, None, 0, None, None)
    with TestClient(create_app(settings)) as client:
        assert [wait_for(client, job_id)["attempts"] for job_id in (running, queued)] == [2, 1]
