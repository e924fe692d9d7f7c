"""Jobs: submit a solve, what-if or explanation (answered at once with the job id), follow, list, cancel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.changes import checked_scenario
from api.db import Database
from api.deps import (
    DatabaseDep,
    JobId,
    LimitQuery,
    OffsetQuery,
    OrganisationDep,
    RunnerDep,
    SessionDep,
    SettingsDep,
)
from api.errors import ApiError, invalid_field, responses
from api.schemas.jobs import JobIn, JobOut, ProgressOut
from api.settings import Settings
from api.storage import (
    find_job,
    find_program,
    find_result,
    find_scenario,
    find_version,
    program_of,
    well_formed,
)
from api.tables import JobRow, JobState, ProgramVersionRow, QuotaRow, ScenarioRow
from planner.io.documents import find_bad_value

router = APIRouter(prefix="/jobs", tags=["jobs"])

_USED_BY = {
    "scenario_id": ("whatif",),
    "changes": ("whatif",),
    "budget": ("whatif",),
    "pin": ("whatif",),
    "baseline_job": ("whatif", "batch"),
    "scenario_ids": ("batch",),
    "milestone": ("explain",),
}


def job_out(job: JobRow) -> JobOut:
    """The public view of a job row."""
    progress = None
    if job.progress_tier is not None and job.progress_value is not None and job.progress_bound is not None:
        progress = ProgressOut(
            tier=job.progress_tier,
            value=job.progress_value,
            bound=job.progress_bound,
            elapsed=job.progress_elapsed,
        )
    return JobOut.model_validate(
        {
            "id": job.id,
            "kind": job.kind,
            "program_id": job.program_id,
            "program_version": job.program_version,
            "scenario_id": job.scenario_id,
            "state": job.state,
            "time_limit": job.time_limit,
            "seed": job.seed,
            "created_at": job.created_at,
            "started_at": job.started_at,
            "finished_at": job.finished_at,
            "progress": progress,
            "error": job.error,
            "attempts": job.attempts or 0,
            "result": f"/results/{job.id}" if job.state is JobState.DONE else None,
        }
    )


@dataclass
class _Found:
    """What the database said about a job request, read before any CPU work is done."""

    version: ProgramVersionRow
    document: dict[str, Any] | None = None  # a what-if's stored scenario
    scenario_ids: list[str] = field(default_factory=list)  # a batch's scenarios
    baseline_job: str | None = None


def _read(body: JobIn, session: Session, organisation: str) -> _Found:
    """Every look-up a job request needs (404 and 422 for what does not fit), in one short read."""
    for name, kinds in _USED_BY.items():
        if getattr(body, name) not in (None, []) and body.kind not in kinds:
            raise invalid_field(
                ["body", name], f"'{name}' is for {' and '.join(kinds)} jobs, not {body.kind}"
            )
    program = find_program(session, organisation, body.program_id)
    found = _Found(find_version(session, program.id, body.version or program.version))
    if body.kind == "whatif":
        if (body.scenario_id is None) == (body.changes is None):
            raise invalid_field(
                ["body", "changes"],
                "a what-if needs either 'scenario_id' (a stored scenario) or 'changes', not both",
            )
        if body.scenario_id is not None:
            scenario = find_scenario(session, organisation, body.scenario_id)
            if scenario.program_id != program.id:
                raise invalid_field(
                    ["body", "scenario_id"], f"scenario '{scenario.id}' belongs to another program"
                )
            found.document = scenario.document
    if body.kind == "batch":
        found.scenario_ids = _batch_scenarios(body, session, organisation, found.version)
    if body.baseline_job is not None:
        baseline, result = find_result(session, organisation, body.baseline_job)
        if baseline.program_id != program.id or not (result.schedule or {}).get("tasks"):
            raise invalid_field(
                ["body", "baseline_job"],
                f"job '{baseline.id}' has no schedule of program '{program.id}' to use as the baseline",
            )
        found.baseline_job = baseline.id
    return found


def _job_options(body: JobIn, found: _Found, settings: Settings) -> dict[str, object]:
    """What the job needs besides the program; every change checked against it (CPU work, done
    while no database connection is held)."""
    options: dict[str, object] = {}
    if body.kind == "explain" and body.milestone is not None:
        if body.milestone not in program_of(found.version).tasks:
            raise invalid_field(
                ["body", "milestone"], f"no task '{body.milestone}' in the program (write project.task)"
            )
        options["milestone"] = body.milestone
    if body.kind == "whatif":
        options["pin"] = body.pin
        if body.budget is not None:
            options["budget"] = body.budget
        if body.changes is not None:
            if not body.changes:
                raise invalid_field(["body", "changes"], "give at least one change")
            checked_scenario(
                {"name": "what-if", "changes": body.changes},
                found.version,
                prefix=("body",),
                max_tasks=settings.max_tasks,
            )
            options["changes"] = body.changes
        else:
            checked_scenario(found.document or {}, found.version, max_tasks=settings.max_tasks)
    if body.kind == "batch":
        options["scenario_ids"] = found.scenario_ids
    if found.baseline_job is not None:
        options["baseline_job"] = found.baseline_job
    return options


def solves(kind: str, scenarios: int, baseline_given: bool) -> int:
    """How many solves a job makes, each with its time limit: a batch one per scenario and its
    baseline, a what-if without a baseline job solves the program first, the rest one."""
    if kind == "batch":
        return 1 + scenarios
    return 2 if kind == "whatif" and not baseline_given else 1


def _time_limit(body: JobIn, found: _Found, settings: Settings) -> float:
    """Seconds per solve, so that all the job's solves together stay within the server's maximum."""
    count = solves(body.kind, len(found.scenario_ids), found.baseline_job is not None)
    most = settings.max_job_seconds / count
    if body.time_limit is None:
        return min(settings.default_job_seconds, most)
    if body.time_limit > most:
        each = ""
        if count > 1:
            each = f"; a {body.kind} job here solves {count} times, so at most {most:g} s each"
        raise invalid_field(
            ["body", "time_limit"],
            f"at most {settings.max_job_seconds:g} seconds a job on this server "
            f"(setting PLANNER_MAX_JOB_SECONDS){each}",
            code="time_limit_too_long",
        )
    return body.time_limit


def insert_within_quota(database: Database, job: JobRow, limit: int) -> None:
    """Store ``job`` unless its organisation already has ``limit`` jobs queued or running.

    Atomic on SQLite and PostgreSQL: the transaction first updates the organisation's row of
    ``quotas``, which takes a lock (SQLite's write lock, PostgreSQL's row lock) that every other
    submission of the organisation waits for; only then are its active jobs counted, so two
    submissions can never both see room for one more.

    Raises
    ------
    ApiError
        429 when the organisation is at its limit.
    """
    try:
        with database.session() as session:
            if session.get(QuotaRow, job.organisation) is None:
                session.add(QuotaRow(organisation=job.organisation))
    except IntegrityError:
        pass  # another request made the row at the same time
    with database.session() as session:
        session.execute(  # the first statement of the transaction: it takes the lock
            update(QuotaRow)
            .where(QuotaRow.organisation == job.organisation)
            .values(jobs_submitted=QuotaRow.jobs_submitted + 1)
        )
        active = (
            session.scalar(
                select(func.count())
                .select_from(JobRow)
                .where(
                    JobRow.organisation == job.organisation,
                    JobRow.state.in_([JobState.QUEUED, JobState.RUNNING]),
                )
            )
            or 0
        )
        if active >= limit:
            raise ApiError(
                429,
                "too_many_jobs",
                f"your organisation has {active} jobs queued or running, the most "
                "this server takes (PLANNER_MAX_QUEUED_JOBS); wait for some to "
                "finish or cancel some",
            )
        session.add(job)


def _batch_scenarios(
    body: JobIn, session: Session, organisation: str, version: ProgramVersionRow
) -> list[str]:
    if body.scenario_ids is not None:
        rows = [find_scenario(session, organisation, scenario_id) for scenario_id in body.scenario_ids]
    else:
        rows = list(
            session.scalars(
                select(ScenarioRow)
                .where(ScenarioRow.program_id == version.program_id, ScenarioRow.deleted_at.is_(None))
                .order_by(ScenarioRow.created_at, ScenarioRow.id)
            )
        )
    if not rows:
        raise invalid_field(
            ["body", "scenario_ids"],
            "the program has no stored scenarios to run; store some with POST /programs/{id}/scenarios",
        )
    for index, row in enumerate(rows):
        if row.program_id != version.program_id:
            raise invalid_field(
                ["body", "scenario_ids", index], f"scenario '{row.id}' belongs to another program"
            )
    return [row.id for row in rows]


@router.post(
    "", status_code=202, responses=responses(400, 401, 404, 409, 413, 422, 429), summary="Submit a job"
)
def submit_job(
    body: JobIn,
    response: Response,
    database: DatabaseDep,
    organisation: OrganisationDep,
    settings: SettingsDep,
    runner: RunnerDep,
) -> JobOut:
    """Queue a solve, what-if, explanation or batch of a stored program and answer at once.

    Poll `GET /jobs/{id}` for its state and progress; the result is at `GET /results/{id}` when done.
    """
    bad = find_bad_value(body.model_dump(exclude={"changes"}))
    if bad is not None:
        raise invalid_field(["body", *bad[0]], bad[1])
    with database.session() as session:  # reads only, the connection is given back at once
        found = _read(body, session, organisation)
    options = _job_options(body, found, settings)  # CPU: no connection held
    job = JobRow(
        organisation=organisation,
        kind=body.kind,
        program_id=found.version.program_id,
        program_version=found.version.version,
        time_limit=_time_limit(body, found, settings),
        seed=body.seed,
        scenario_id=body.scenario_id,
        options=options,
    )
    insert_within_quota(database, job, settings.max_queued_jobs)
    runner.notify()
    response.headers["Location"] = f"/jobs/{job.id}"
    return job_out(job)


@router.get("", responses=responses(401, 422), summary="List your organisation's jobs")
def list_jobs(
    session: SessionDep,
    organisation: OrganisationDep,
    program_id: Annotated[str | None, Query(description="Only jobs of this program.")] = None,
    state: Annotated[JobState | None, Query(description="Only jobs in this state.")] = None,
    limit: LimitQuery = 100,
    offset: OffsetQuery = 0,
) -> list[JobOut]:
    """Jobs, newest first."""
    if program_id is not None and not well_formed(program_id):
        return []
    query = select(JobRow).where(JobRow.organisation == organisation)
    if program_id is not None:
        query = query.where(JobRow.program_id == program_id)
    if state is not None:
        query = query.where(JobRow.state == state)
    jobs = session.scalars(
        query.order_by(JobRow.created_at.desc(), JobRow.id).limit(limit).offset(offset)
    ).all()
    return [job_out(job) for job in jobs]


@router.get("/{job_id}", responses=responses(401, 404), summary="Follow a job")
def read_job(job_id: JobId, session: SessionDep, organisation: OrganisationDep) -> JobOut:
    """State, progress (best value and bound so far), error, and where the result is once done."""
    return job_out(find_job(session, organisation, job_id))


@router.post("/{job_id}/cancel", responses=responses(401, 404, 409), summary="Cancel a job")
def cancel_job(
    job_id: JobId, session: SessionDep, organisation: OrganisationDep, runner: RunnerDep
) -> JobOut:
    """Cancel a queued or running job; its row ends `cancelled` and no result is stored."""
    job = find_job(session, organisation, job_id)
    if job.state.finished:
        raise ApiError(409, "job_finished", f"job '{job_id}' has already finished ({job.state.value})")
    session.commit()
    runner.cancel(job_id)
    session.expire_all()
    return job_out(find_job(session, organisation, job_id))
