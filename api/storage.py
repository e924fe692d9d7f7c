"""Look-ups shared by the routes: an organisation's programs, versions, scenarios, jobs and results.

Every look-up is scoped to the organisation: another organisation's object is "not found",
exactly like one that does not exist.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.errors import ApiError, not_found
from api.tables import JobRow, JobState, ProgramRow, ProgramVersionRow, ResultRow, ScenarioRow
from planner.io.program_file import parse_program
from planner.models import Program

_ID = re.compile(r"[0-9a-f]{32}")


def well_formed(ident: str) -> bool:
    """Whether ``ident`` can be an id of this service (32 hex digits).

    Anything else is not looked up: it cannot exist, and text a database cannot compare (a NUL
    character on PostgreSQL) must not reach it.
    """
    return _ID.fullmatch(ident) is not None


def find_program(session: Session, organisation: str, program_id: str) -> ProgramRow:
    """The organisation's stored program ``program_id`` (404 if it has none such, or deleted it)."""
    row = session.get(ProgramRow, program_id) if well_formed(program_id) else None
    if row is None or row.organisation != organisation or row.deleted_at is not None:
        raise not_found("program", program_id)
    return row


def find_version(session: Session, program_id: str, version: int) -> ProgramVersionRow:
    """Version ``version`` of a stored program (404 if it has none such)."""
    row = session.scalars(
        select(ProgramVersionRow).where(
            ProgramVersionRow.program_id == program_id, ProgramVersionRow.version == version
        )
    ).first()
    if row is None:
        raise not_found("version", f"{program_id} v{version}")
    return row


def find_scenario(session: Session, organisation: str, scenario_id: str) -> ScenarioRow:
    """The organisation's stored scenario ``scenario_id`` (404 if it has none such, or deleted it)."""
    row = session.get(ScenarioRow, scenario_id) if well_formed(scenario_id) else None
    if row is None or row.organisation != organisation or row.deleted_at is not None:
        raise not_found("scenario", scenario_id)
    return row


def find_job(session: Session, organisation: str, job_id: str) -> JobRow:
    """The organisation's job ``job_id`` (404 if it has none such)."""
    job = session.get(JobRow, job_id) if well_formed(job_id) else None
    if job is None or job.organisation != organisation:
        raise not_found("job", job_id)
    return job


def find_result(session: Session, organisation: str, job_id: str) -> tuple[JobRow, ResultRow]:
    """A done job of the organisation and its result.

    Raises
    ------
    ApiError
        404 when there is no such job or it ended without a result; 409 while it is not finished.
    """
    job = find_job(session, organisation, job_id)
    result = session.get(ResultRow, job_id)
    if result is None:
        if job.state.finished:
            raise not_found("result", f"{job_id} (the job {job.state.value}: {job.error})")
        raise ApiError(
            409, "not_finished", f"job '{job_id}' is {job.state.value}; its result comes when it is done"
        )
    return job, result


def program_of(version: ProgramVersionRow) -> Program:
    """The validated program of a stored version (stored documents are valid by construction)."""
    return parse_program(version.document)


def program_of_result(session: Session, job: JobRow, result: ResultRow) -> Program:
    """The program a result's schedule plans: a what-if's changed program, else the job's version."""
    if result.details.get("program") is not None:
        return parse_program(result.details["program"])
    return program_of(find_version(session, job.program_id, job.program_version))


__all__ = [
    "JobState",
    "find_job",
    "find_program",
    "find_result",
    "find_scenario",
    "find_version",
    "program_of",
    "program_of_result",
    "well_formed",
]
