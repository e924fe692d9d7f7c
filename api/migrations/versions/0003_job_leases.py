"""Job leases.

A running job is held by one server (``lease_owner``) until ``lease_expires_at``, renewed by that
server's heartbeat; ``attempts`` counts the times a server started the job.

A job left running by a server from before leases (no owner) is requeued by the first server
that looks, as one whose lease has expired.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _columns() -> list[sa.Column[object]]:
    return [
        sa.Column("lease_owner", sa.String(200), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    ]


def upgrade() -> None:
    """Add the lease columns that are missing (all of them, unless a run was cut short)."""
    existing = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("jobs")}
    for column in _columns():
        if column.name not in existing:
            op.add_column("jobs", column)


def downgrade() -> None:
    """Drop the lease columns."""
    with op.batch_alter_table("jobs") as batch:
        for column in reversed(_columns()):
            batch.drop_column(column.name)
