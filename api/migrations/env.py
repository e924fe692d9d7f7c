"""Alembic's environment: runs the revisions on the connection the service hands over
(:func:`api.migrations.upgrade`), or, from Alembic's command line, on ``DATABASE_URL``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from api.tables import Base

config = context.config
connection = config.attributes.get("connection")


def _run(bind: Connection) -> None:
    context.configure(connection=bind, target_metadata=Base.metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # the alembic command line, for developers: the service's own settings say which database
    from api.settings import load_settings

    engine = create_engine(load_settings().database_url)
    with engine.connect() as own:
        _run(own)
        own.commit()
    engine.dispose()
