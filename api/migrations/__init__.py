"""The service's schema migrations (Alembic): the database is brought to the newest revision when
the service starts.

Revisions live in ``versions/``. The first is the schema that ``create_all`` made before
migrations existed, created table by table only where a table is missing, so a database made by
an earlier server (with its data) and an empty one both upgrade from it; every later revision
checks what is already there too, so a migration cut short by a crash can run again. Two servers
starting at once on one database migrate one after the other: PostgreSQL through a transaction
advisory lock, an SQLite file through an exclusive lock on ``<file>.migrate-lock`` beside it.

A developer adds a revision with ``alembic -c api/migrations/alembic.ini revision -m "..."``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ADVISORY_LOCK = 7_146_011_432
"""The PostgreSQL advisory lock key held while one server migrates (any constant of the service)."""


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for this package's revisions, on ``connection`` when given.

    Parameters
    ----------
    connection
        The connection the revisions run on (the service's); without it, Alembic's command line
        reads ``DATABASE_URL``.

    Returns
    -------
    Config
        The configuration ``alembic.command`` functions take.
    """
    configuration = Config(str(HERE / "alembic.ini"))
    configuration.set_main_option("script_location", str(HERE))
    if connection is not None:
        configuration.attributes["connection"] = connection
    return configuration


def head() -> str:
    """The newest revision."""
    revision = ScriptDirectory.from_config(config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at (``None``: never migrated, empty or made by ``create_all``)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest revision, keeping its data.

    Parameters
    ----------
    engine
        The service's engine (SQLite or PostgreSQL).

    Returns
    -------
    tuple
        The revision before (``None`` for an empty database or one made by ``create_all``) and after.
    """
    with _exclusive(engine) as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        command.upgrade(config(connection), "head")
        after = MigrationContext.configure(connection).get_current_revision()
        connection.commit()
    if before != after:
        logger.info("database schema upgraded from %s to %s", before or "no revision", after)
    assert after is not None
    return before, after


@contextmanager
def _exclusive(engine: Engine) -> Iterator[Connection]:
    """A connection on which this server alone migrates the database until the block ends."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":  # released when the migration's transaction ends
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
            yield connection
            return
        database = engine.url.database
        if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
            yield connection
            return
        import fcntl  # an SQLite file is shared only by servers on one machine

        descriptor = os.open(f"{database}.migrate-lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield connection
        finally:
            os.close(descriptor)  # releases the lock
