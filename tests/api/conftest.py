"""Fixtures of the API tests: an application on a temporary database, clients, job polling.

Tests that use the ``settings`` (or ``client``) fixture run twice: on a temporary SQLite file and
on a fresh database of the PostgreSQL server named by ``PLANNER_TEST_POSTGRES_URL`` (a SQLAlchemy
URL of a user allowed to create databases). ``make test`` starts a throwaway cluster and sets it;
without it the PostgreSQL runs are skipped, saying so.

The service's packages (fastapi, sqlalchemy, pydantic-settings) are imported lazily here, and
each test module skips itself when they are missing.
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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


POSTGRES_ENV = "PLANNER_TEST_POSTGRES_URL"
"""The environment variable naming the PostgreSQL server the tests may create databases on."""


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test (dropped after it); skips without a server."""
    from sqlalchemy.engine import make_url

    admin = os.environ.get(POSTGRES_ENV)
    if not admin:
        pytest.skip(f"{POSTGRES_ENV} is not set (make test starts a PostgreSQL cluster and sets it)")
    import psycopg

    url = make_url(admin)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"planner_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: an SQLite file, or a new PostgreSQL database (see :data:`POSTGRES_ENV`)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'api.db'}"
        return
    with postgres_database() as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Open-access settings on a fresh database (SQLite and PostgreSQL)."""
    return make_settings(tmp_path, database_url=database_url)


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
