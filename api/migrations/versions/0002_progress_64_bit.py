"""Progress values 64-bit.

``jobs.progress_value`` and ``progress_bound`` were INTEGER (32 bits on PostgreSQL) in databases
made before the hardening of issue 14, and CP-SAT's objective values of large programs pass 2^31.
SQLite's INTEGER holds 64 bits already: nothing to do there.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ("progress_value", "progress_bound")


def upgrade() -> None:
    """Widen the progress columns to BIGINT where they are narrower."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        return
    types = {column["name"]: column["type"] for column in sa.inspect(bind).get_columns("jobs")}
    for name in COLUMNS:
        if not isinstance(types[name], sa.BigInteger):
            op.alter_column(
                "jobs", name, type_=sa.BigInteger, existing_type=types[name], existing_nullable=True
            )


def downgrade() -> None:
    """Nothing: narrowing would fail on values past 2^31, and 64-bit columns hold what 32-bit ones did."""
