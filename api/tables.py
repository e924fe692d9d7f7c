"""Database tables: programs and their versions, scenarios, jobs, results.

The schema is made and changed by the migrations in :mod:`api.migrations` (Alembic), never by
``create_all``: a change here comes with a new revision there.

Every change to a program is a new row in ``program_versions``; old versions stay readable. A
job's outcome is written in one transaction with its final state, so a row is never half-written.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def new_id() -> str:
    """A fresh identifier: 32 hex digits, not guessable from another."""
    return uuid.uuid4().hex


def utcnow() -> dt.datetime:
    """The current time in UTC, to the microsecond (rows made in one second keep their order)."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Base of every table."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: DateTime(timezone=True)}


class JobState(str, enum.Enum):
    """Where a job is: waiting, solving, or finished one of three ways."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        """Whether the job will not change any more."""
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


class ProgramRow(Base):
    """A stored program of one organisation; its content lives in its versions."""

    __tablename__ = "programs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    organisation: Mapped[str] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(String(500))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class ProgramVersionRow(Base):
    """One version of a program: the document as sent, validated, and a few counts."""

    __tablename__ = "program_versions"
    __table_args__ = (UniqueConstraint("program_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    projects: Mapped[int] = mapped_column(Integer)
    tasks: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ScenarioRow(Base):
    """A scenario stored against a program: a named list of changes (the document as sent)."""

    __tablename__ = "scenarios"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    organisation: Mapped[str] = mapped_column(String(200), index=True)
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"), index=True)
    name: Mapped[str] = mapped_column(String(500))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class JobRow(Base):
    """A job (solve, what-if or explain): what to do, its state, its progress, why it failed if it did."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    organisation: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="solve")
    program_id: Mapped[str] = mapped_column(ForeignKey("programs.id"), index=True)
    program_version: Mapped[int] = mapped_column(Integer)
    state: Mapped[JobState] = mapped_column(
        Enum(JobState, native_enum=False, length=20), index=True, default=JobState.QUEUED
    )
    time_limit: Mapped[float] = mapped_column(Float)
    seed: Mapped[int] = mapped_column(Integer, default=0)
    scenario_id: Mapped[str | None] = mapped_column(ForeignKey("scenarios.id"), default=None)
    options: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=dict
    )  # changes, baseline job, budget, pins ...
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    progress_tier: Mapped[str | None] = mapped_column(String(50), default=None)
    # objective values are 64-bit (CP-SAT's): weighted lateness passes 2**31 on large programs
    progress_value: Mapped[int | None] = mapped_column(BigInteger, default=None)
    progress_bound: Mapped[int | None] = mapped_column(BigInteger, default=None)
    progress_elapsed: Mapped[float | None] = mapped_column(Float, default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    # the server running the job and until when it holds it (renewed by its heartbeat), and how
    # many times a server started the job (more than once when a server died or stopped while running it)
    lease_owner: Mapped[str | None] = mapped_column(String(200), default=None)
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class QuotaRow(Base):
    """One row per organisation, updated first by every job submission: the lock that makes
    counting the organisation's active jobs and adding one atomic (see ``insert_within_quota``)."""

    __tablename__ = "quotas"

    organisation: Mapped[str] = mapped_column(String(200), primary_key=True)
    jobs_submitted: Mapped[int] = mapped_column(BigInteger, default=0)


class ResultRow(Base):
    """The outcome of a done job: the checked schedule with its run record and summary, and details
    by kind (a what-if's changed program, baseline and disruption; an explanation)."""

    __tablename__ = "results"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(20))
    schedule: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    details: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=dict
    )  # disruption, explanation, program ...
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
