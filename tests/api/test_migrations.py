"""Schema migrations (Alembic), on SQLite and PostgreSQL: a database made by the ``create_all``
schema, with data in it, upgrades to the newest revision keeping every row, and the service then
runs the jobs it holds; an older database gets 64-bit progress columns and its quotas table; the
revisions make exactly the tables the models describe; servers starting together migrate once."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient

from api import migrations
from api.db import Database
from api.examples import QUICKSTART
from api.main import create_app
from api.tables import Base, JobState
from api.worker import run_job
from tests.api.conftest import make_settings, wait_for

PROGRAM, SCENARIO = "1" * 32, "2" * 32
DONE, QUEUED, ORPHAN, FAILED = "a" * 32, "b" * 32, "c" * 32, "d" * 32
BIG = 2**40


def legacy_metadata(
    progress: type[sa.types.TypeEngine[Any]] = sa.BigInteger, quotas: bool = True
) -> sa.MetaData:
    """The tables as ``create_all`` made them before migrations (api/tables.py of December 2026, frozen
    here): with 32-bit progress columns and no quotas table, as the service made them before that."""
    metadata = sa.MetaData()
    time = sa.DateTime(timezone=True)
    sa.Table(
        "programs",
        metadata,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("organisation", sa.String(200), index=True, nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", time, nullable=False),
        sa.Column("updated_at", time, nullable=False),
        sa.Column("deleted_at", time),
    )
    sa.Table(
        "program_versions",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("program_id", sa.ForeignKey("programs.id"), index=True, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("projects", sa.Integer, nullable=False),
        sa.Column("tasks", sa.Integer, nullable=False),
        sa.Column("created_at", time, nullable=False),
        sa.UniqueConstraint("program_id", "version"),
    )
    sa.Table(
        "scenarios",
        metadata,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("organisation", sa.String(200), index=True, nullable=False),
        sa.Column("program_id", sa.ForeignKey("programs.id"), index=True, nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("created_at", time, nullable=False),
        sa.Column("deleted_at", time),
    )
    sa.Table(
        "jobs",
        metadata,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("organisation", sa.String(200), index=True, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("program_id", sa.ForeignKey("programs.id"), index=True, nullable=False),
        sa.Column("program_version", sa.Integer, nullable=False),
        sa.Column("state", sa.Enum(JobState, native_enum=False, length=20), index=True, nullable=False),
        sa.Column("time_limit", sa.Float, nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("scenario_id", sa.ForeignKey("scenarios.id")),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("created_at", time, nullable=False),
        sa.Column("started_at", time),
        sa.Column("finished_at", time),
        sa.Column("progress_tier", sa.String(50)),
        sa.Column("progress_value", progress),
        sa.Column("progress_bound", progress),
        sa.Column("progress_elapsed", sa.Float),
        sa.Column("error", sa.Text),
    )
    if quotas:
        sa.Table(
            "quotas",
            metadata,
            sa.Column("organisation", sa.String(200), primary_key=True),
            sa.Column("jobs_submitted", sa.BigInteger, nullable=False),
        )
    sa.Table(
        "results",
        metadata,
        sa.Column("job_id", sa.ForeignKey("jobs.id"), primary_key=True),
        sa.Column("organisation", sa.String(200), index=True, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("schedule", sa.JSON),
        sa.Column("summary", sa.JSON),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("created_at", time, nullable=False),
    )
    return metadata


def fill(engine: sa.Engine, metadata: sa.MetaData, progress: int) -> None:
    """What a server leaves in its database: a program with two versions, a scenario, a done job and
    its result (a real solve), a queued job, a job left running by a server killed mid-solve, a failed
    job, and a quota row."""
    kind, solved = run_job({"program": QUICKSTART, "time_limit": 10, "workers": 1, "seed": 0}, lambda _: None)
    assert kind == "done"
    now = dt.datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
    tables = metadata.tables
    common = {"organisation": "local", "created_at": now}
    job = {
        **common,
        "kind": "solve",
        "program_id": PROGRAM,
        "program_version": 1,
        "time_limit": 5.0,
        "seed": 0,
        "options": {},
    }
    with engine.begin() as connection:
        connection.execute(
            tables["programs"].insert(),
            [{**common, "id": PROGRAM, "name": "Card platform refresh", "version": 2, "updated_at": now}],
        )
        connection.execute(
            tables["program_versions"].insert(),
            [
                {
                    "program_id": PROGRAM,
                    "version": n,
                    "name": QUICKSTART["name"],
                    "document": QUICKSTART,
                    "projects": 2,
                    "tasks": 6,
                    "created_at": now + dt.timedelta(seconds=n),
                }
                for n in (1, 2)
            ],
        )
        connection.execute(
            tables["scenarios"].insert(),
            [{**common, "id": SCENARIO, "program_id": PROGRAM, "name": "late", "document": {"changes": []}}],
        )
        for row in (
            {
                **job,
                "id": DONE,
                "state": JobState.DONE,
                "started_at": now,
                "finished_at": now,
                "progress_tier": "lateness",
                "progress_value": progress,
                "progress_bound": progress,
                "progress_elapsed": 0.4,
            },
            {**job, "id": QUEUED, "state": JobState.QUEUED, "scenario_id": None},
            {**job, "id": ORPHAN, "state": JobState.RUNNING, "started_at": now},
            {**job, "id": FAILED, "state": JobState.FAILED, "finished_at": now, "error": "server restarted"},
        ):
            connection.execute(tables["jobs"].insert(), [row])
        connection.execute(
            tables["results"].insert(),
            [
                {
                    **common,
                    "job_id": DONE,
                    "status": solved["status"],
                    "schedule": solved["schedule"],
                    "summary": solved["summary"],
                    "details": {},
                }
            ],
        )
        if "quotas" in tables:
            connection.execute(tables["quotas"].insert(), [{"organisation": "local", "jobs_submitted": 4}])


def dump(engine: sa.Engine, metadata: sa.MetaData) -> dict[str, list[dict[str, Any]]]:
    """Every row of ``metadata``'s tables (its columns only), in primary-key order."""
    with engine.connect() as connection:
        return {
            name: [
                dict(row._mapping)
                for row in connection.execute(sa.select(table).order_by(*table.primary_key))
            ]
            for name, table in metadata.tables.items()
        }


@pytest.mark.parametrize("bits", [64, 32])
def test_upgrade_keeps_the_data_of_a_create_all_database(tmp_path: Path, database_url: str, bits: int):
    """A database made by create_all (64-bit progress, or 32-bit and no quotas table as before the
    hardening) with data upgrades to the head keeping every row; 32-bit progress columns become
    64-bit; the service then serves the old result and runs the queued and orphaned jobs."""
    metadata = legacy_metadata(sa.BigInteger if bits == 64 else sa.Integer, quotas=bits == 64)
    engine = sa.create_engine(database_url)
    metadata.create_all(engine)
    fill(engine, metadata, BIG if bits == 64 else 7)
    before = dump(engine, metadata)
    engine.dispose()

    database = Database(database_url)
    try:
        assert migrations.current(database.engine) is None
        assert database.upgrade_schema() == migrations.head() == migrations.current(database.engine)
        assert dump(database.engine, metadata) == before
        with database.engine.begin() as connection:
            assert set(
                connection.execute(sa.text("SELECT attempts, lease_owner, lease_expires_at FROM jobs"))
            ) == {(0, None, None)}
            connection.execute(
                sa.text("UPDATE jobs SET progress_value = :big WHERE id = :id"), {"big": BIG, "id": DONE}
            )
            assert connection.execute(sa.text("SELECT COUNT(*) FROM quotas")).scalar() == (
                1 if bits == 64 else 0
            )
        if database.engine.dialect.name == "postgresql":
            types = {c["name"]: c["type"] for c in sa.inspect(database.engine).get_columns("jobs")}
            assert isinstance(types["progress_value"], sa.BigInteger)
            assert isinstance(types["progress_bound"], sa.BigInteger)
        assert database.upgrade_schema() == migrations.head()  # again: nothing to do
    finally:
        database.dispose()

    with TestClient(create_app(make_settings(tmp_path, database_url=database_url))) as client:
        stored = before["results"][0]
        result = client.get(f"/results/{DONE}").json()
        assert (result["status"], result["schedule"]["tasks"]) == (
            stored["status"],
            stored["schedule"]["tasks"],
        )
        assert client.get(f"/jobs/{DONE}").json()["progress"]["value"] == BIG
        assert [v["version"] for v in client.get(f"/programs/{PROGRAM}/versions").json()] == [1, 2]
        assert client.get(f"/scenarios/{SCENARIO}").json()["name"] == "late"
        for job_id in (QUEUED, ORPHAN):  # the orphan had no lease: requeued as an expired one
            job = wait_for(client, job_id)
            assert (job["state"], job["attempts"]) == ("done", 1), job
        assert client.get(f"/jobs/{FAILED}").json()["error"] == "server restarted"


def test_revisions_make_the_tables_the_models_describe(database_url: str):
    """An empty database upgraded to the head has exactly the tables, columns, types and indexes of
    api/tables.py (Alembic's autogenerate finds nothing to change)."""
    database = Database(database_url)
    try:
        database.upgrade_schema()
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.dispose()


def test_servers_starting_together_migrate_once(database_url: str):
    """Four servers upgrading one empty database at the same moment all end at the head, without error."""
    outcomes: list[object] = []

    def start() -> None:
        database = Database(database_url)
        try:
            outcomes.append(database.upgrade_schema())
        except Exception as error:  # noqa: BLE001 - reported below, with the others
            outcomes.append(error)
        finally:
            database.dispose()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert outcomes == [migrations.head()] * 4
