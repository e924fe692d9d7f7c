"""The database: engine, sessions, and the schema upgraded on start (SQLAlchemy 2, Alembic)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from api import migrations

logger = logging.getLogger(__name__)


class Database:
    """An engine and its session factory.

    Parameters
    ----------
    url
        SQLAlchemy URL. ``sqlite://`` (in memory) shares one connection between threads, for
        tests; an SQLite file gets write-ahead logging so that readers never wait for the job
        runner's writes.
    """

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.engine = _engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def upgrade_schema(self) -> str:
        """Bring the schema to the newest migration (creating it in an empty database), keeping the data.

        Returns
        -------
        str
            The revision the database is at now.
        """
        _, after = migrations.upgrade(self.engine)
        logger.info("database ready at revision %s: %s", after, self.url.render_as_string(hide_password=True))
        return after

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed when the block ends normally and rolled back when it raises."""
        with self._sessions() as session, session.begin():
            yield session

    def new_session(self) -> Session:
        """A session whose caller commits what it changes."""
        return self._sessions()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    args = {"check_same_thread": False, "timeout": 30}
    if parsed.database in (None, "", ":memory:"):
        return create_engine(url, connect_args=args, poolclass=StaticPool)
    engine = create_engine(url, connect_args=args)

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(
            "PRAGMA synchronous=FULL"
        )  # an acknowledged write survives a power cut too, not only a crash
        cursor.close()

    return engine
