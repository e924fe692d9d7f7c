"""Fixtures of the API tests: an application on a temporary SQLite file, clients, job polling.

The service's packages (fastapi, sqlalchemy, pydantic-settings) are imported lazily here, and
each test module skips itself when they are missing.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from api.settings import Settings

FINISHED = ("done", "failed", "cancelled")


def make_settings(path: Path, **overrides: Any) -> Settings:
    """Settings for a test: an SQLite file under ``path``, short jobs, two solve processes."""
    from api.settings import Settings

    values: dict[str, Any] = {
        "database_url": f"sqlite:///{path / 'api.db'}",
        "default_job_seconds": 5,
        "max_job_seconds": 30,
        "max_concurrent_jobs": 2,
        "solver_workers": 1,
    }
    return Settings(**{**values, **overrides})


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Open-access settings on a fresh database."""
    return make_settings(tmp_path)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A client of an application whose database and job runner live for the test."""
    from fastapi.testclient import TestClient

    from api.main import create_app

    with TestClient(create_app(settings)) as test_client:
        yield test_client


def wait_for(
    client: TestClient,
    job_id: str,
    timeout: float = 60.0,
    headers: dict[str, str] | None = None,
    until: tuple[str, ...] = FINISHED,
) -> dict[str, Any]:
    """Poll a job until its state is one of ``until``; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/jobs/{job_id}", headers=headers).json()
        if job["state"] in until:
            return job  # type: ignore[no-any-return]
        if time.monotonic() > deadline:
            pytest.fail(f"job {job_id} still {job['state']} after {timeout} s")
        time.sleep(0.1)


def slow_program(tasks: int = 120, seed: int = 3) -> dict[str, Any]:
    """A program that CP-SAT cannot prove optimal in seconds with one worker: it runs to its limit.

    Random tasks on two tight roles with soft targets; measured at 120 tasks: still 'feasible'
    (gaps in both tiers) after 10 s.
    """
    rng = random.Random(seed)
    items = []
    for i in range(tasks):
        task: dict[str, Any] = {
            "id": f"t{i}",
            "duration": rng.randint(1, 15),
            "requires": [{"role": rng.choice("ab"), "count": rng.randint(1, 4)}],
        }
        if i > 5 and rng.random() < 0.3:
            task["after"] = [f"t{rng.randrange(i)}"]
        if rng.random() < 0.3:
            task["target"] = {"date": "2027-03-01", "weight": rng.randint(1, 5)}
        items.append(task)
    return {
        "name": "slow",
        "start": "2027-01-04",
        "roles": [{"id": "a", "capacity": 5}, {"id": "b", "capacity": 6}],
        "projects": [{"id": "p", "tasks": items}],
    }
