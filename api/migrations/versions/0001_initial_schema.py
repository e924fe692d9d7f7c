"""The schema as create_all made it before migrations.

Programs and their versions, scenarios, jobs, quotas and results. A table that exists already (a
database made by an earlier server) is left as it is, with its rows; only missing tables are created.

Revision ID: 0001
Revises:
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def _tables() -> list[tuple[str, list[Any], list[tuple[str, list[str]]]]]:
    """Each table: its name, columns and constraints, and its indexes (name, columns)."""
    return [
        (
            "programs",
            [
                sa.Column("id", sa.String(32), primary_key=True),
                sa.Column("organisation", sa.String(200), nullable=False),
                sa.Column("name", sa.String(500), nullable=False),
                sa.Column("version", sa.Integer, nullable=False),
                sa.Column("created_at", TIME, nullable=False),
                sa.Column("updated_at", TIME, nullable=False),
                sa.Column("deleted_at", TIME, nullable=True),
            ],
            [("ix_programs_organisation", ["organisation"])],
        ),
        (
            "program_versions",
            [
                sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
                sa.Column("program_id", sa.String(32), sa.ForeignKey("programs.id"), nullable=False),
                sa.Column("version", sa.Integer, nullable=False),
                sa.Column("name", sa.String(500), nullable=False),
                sa.Column("document", sa.JSON, nullable=False),
                sa.Column("projects", sa.Integer, nullable=False),
                sa.Column("tasks", sa.Integer, nullable=False),
                sa.Column("created_at", TIME, nullable=False),
                sa.UniqueConstraint("program_id", "version"),
            ],
            [("ix_program_versions_program_id", ["program_id"])],
        ),
        (
            "scenarios",
            [
                sa.Column("id", sa.String(32), primary_key=True),
                sa.Column("organisation", sa.String(200), nullable=False),
                sa.Column("program_id", sa.String(32), sa.ForeignKey("programs.id"), nullable=False),
                sa.Column("name", sa.String(500), nullable=False),
                sa.Column("document", sa.JSON, nullable=False),
                sa.Column("created_at", TIME, nullable=False),
                sa.Column("deleted_at", TIME, nullable=True),
            ],
            [("ix_scenarios_organisation", ["organisation"]), ("ix_scenarios_program_id", ["program_id"])],
        ),
        (
            "jobs",
            [
                sa.Column("id", sa.String(32), primary_key=True),
                sa.Column("organisation", sa.String(200), nullable=False),
                sa.Column("kind", sa.String(20), nullable=False),
                sa.Column("program_id", sa.String(32), sa.ForeignKey("programs.id"), nullable=False),
                sa.Column("program_version", sa.Integer, nullable=False),
                sa.Column("state", sa.String(20), nullable=False),
                sa.Column("time_limit", sa.Float, nullable=False),
                sa.Column("seed", sa.Integer, nullable=False),
                sa.Column("scenario_id", sa.String(32), sa.ForeignKey("scenarios.id"), nullable=True),
                sa.Column("options", sa.JSON, nullable=False),
                sa.Column("created_at", TIME, nullable=False),
                sa.Column("started_at", TIME, nullable=True),
                sa.Column("finished_at", TIME, nullable=True),
                sa.Column("progress_tier", sa.String(50), nullable=True),
                sa.Column("progress_value", sa.BigInteger, nullable=True),
                sa.Column("progress_bound", sa.BigInteger, nullable=True),
                sa.Column("progress_elapsed", sa.Float, nullable=True),
                sa.Column("error", sa.Text, nullable=True),
            ],
            [
                ("ix_jobs_organisation", ["organisation"]),
                ("ix_jobs_program_id", ["program_id"]),
                ("ix_jobs_state", ["state"]),
            ],
        ),
        (
            "quotas",
            [
                sa.Column("organisation", sa.String(200), primary_key=True),
                sa.Column("jobs_submitted", sa.BigInteger, nullable=False),
            ],
            [],
        ),
        (
            "results",
            [
                sa.Column("job_id", sa.String(32), sa.ForeignKey("jobs.id"), primary_key=True),
                sa.Column("organisation", sa.String(200), nullable=False),
                sa.Column("status", sa.String(20), nullable=False),
                sa.Column("schedule", sa.JSON, nullable=True),
                sa.Column("summary", sa.JSON, nullable=True),
                sa.Column("details", sa.JSON, nullable=False),
                sa.Column("created_at", TIME, nullable=False),
            ],
            [("ix_results_organisation", ["organisation"])],
        ),
    ]


def upgrade() -> None:
    """Create every table (and its indexes) that the database does not have yet."""
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, items, indexes in _tables():
        if name in existing:
            continue
        op.create_table(name, *items)
        for index, columns in indexes:
            op.create_index(index, name, columns)


def downgrade() -> None:
    """Drop every table of the service (and its data)."""
    for name, _, _ in reversed(_tables()):
        op.drop_table(name)
