"""Restart: jobs left running are marked failed (resubmit); queued jobs run when the server starts."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.db import Database
from api.examples import QUICKSTART
from api.jobs import RESTARTED, SHUT_DOWN
from api.main import create_app
from api.tables import JobRow, JobState
from tests.api.conftest import make_settings, slow_program, wait_for


def test_restart_fails_running_and_runs_queued(tmp_path: Path):
    """Rows a dead server left 'running' become failed with the reason; 'queued' rows are solved."""
    settings = make_settings(tmp_path)
    with TestClient(create_app(settings)) as client:
        program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    database = Database(settings.database_url)
    with database.session() as session:  # what a server killed mid-solve leaves behind
        for job_id, state in (("a" * 32, JobState.RUNNING), ("b" * 32, JobState.QUEUED)):
            session.add(
                JobRow(
                    id=job_id,
                    organisation="local",
                    program_id=program_id,
                    program_version=1,
                    state=state,
                    time_limit=5,
                )
            )
    database.dispose()
    with TestClient(create_app(settings)) as client:
        orphan = client.get(f"/jobs/{'a' * 32}").json()
        assert (orphan["state"], orphan["error"]) == ("failed", RESTARTED)
        assert wait_for(client, "b" * 32)["state"] == "done"


def test_shutdown_fails_running_jobs_and_keeps_queued(tmp_path: Path):
    """A clean stop fails running solves (resubmit) and leaves queued jobs for the next start."""
    settings = make_settings(tmp_path, max_concurrent_jobs=1)
    with TestClient(create_app(settings)) as client:
        program_id = client.post("/programs", json=slow_program()).json()["id"]
        running = client.post("/jobs", json={"program_id": program_id, "time_limit": 25}).json()["id"]
        queued = client.post("/jobs", json={"program_id": program_id, "time_limit": 25}).json()["id"]
        wait_for(client, running, until=("running",))
    database = Database(settings.database_url)
    with database.session() as session:
        states = {job.id: (job.state, job.error) for job in session.query(JobRow)}
    database.dispose()
    assert states[running] == (JobState.FAILED, SHUT_DOWN)
    assert states[queued] == (JobState.QUEUED, None)
