"""Jobs: submit a solve, what-if or explanation (answered at once with the job id), follow, list, cancel."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.changes import checked_scenario
from api.deps import JobId, LimitQuery, OffsetQuery, OrganisationDep, RunnerDep, SessionDep, SettingsDep
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
from api.tables import JobRow, JobState, ProgramVersionRow, ScenarioRow
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
            "result": f"/results/{job.id}" if job.state is JobState.DONE else None,
        }
    )


def _check_limits(body: JobIn, session: Session, organisation: str, settings: Settings) -> None:
    if body.time_limit is not None and body.time_limit > settings.max_job_seconds:
        raise invalid_field(
            ["body", "time_limit"],
            f"at most {settings.max_job_seconds:g} seconds on this server (setting PLANNER_MAX_JOB_SECONDS)",
            code="time_limit_too_long",
        )
    active = (
        session.scalar(
            select(func.count())
            .select_from(JobRow)
            .where(JobRow.organisation == organisation, JobRow.state.in_([JobState.QUEUED, JobState.RUNNING]))
        )
        or 0
    )
    if active >= settings.max_queued_jobs:
        raise ApiError(
            429,
            "too_many_jobs",
            f"your organisation has {active} jobs queued or running, the most "
            "this server takes (PLANNER_MAX_QUEUED_JOBS); wait for some to "
            "finish or cancel some",
        )


def _job_options(
    body: JobIn, session: Session, organisation: str, version: ProgramVersionRow
) -> dict[str, object]:
    """What the job needs besides the program; every reference and change checked now."""
    for name, kinds in _USED_BY.items():
        if getattr(body, name) not in (None, []) and body.kind not in kinds:
            raise invalid_field(
                ["body", name], f"'{name}' is for {' and '.join(kinds)} jobs, not {body.kind}"
            )
    options: dict[str, object] = {}
    if body.kind == "explain" and body.milestone is not None:
        if body.milestone not in program_of(version).tasks:
            raise invalid_field(
                ["body", "milestone"], f"no task '{body.milestone}' in the program (write project.task)"
            )
        options["milestone"] = body.milestone
    if body.kind == "whatif":
        options.update(_whatif_options(body, session, organisation, version))
    if body.kind == "batch":
        options["scenario_ids"] = _batch_scenarios(body, session, organisation, version)
    if body.baseline_job is not None:
        baseline, result = find_result(session, organisation, body.baseline_job)
        if baseline.program_id != version.program_id or not (result.schedule or {}).get("tasks"):
            raise invalid_field(
                ["body", "baseline_job"],
                f"job '{baseline.id}' has no schedule of program "
                f"'{version.program_id}' to use as the baseline",
            )
        options["baseline_job"] = baseline.id
    return options


def _whatif_options(
    body: JobIn, session: Session, organisation: str, version: ProgramVersionRow
) -> dict[str, object]:
    if (body.scenario_id is None) == (body.changes is None):
        raise invalid_field(
            ["body", "changes"],
            "a what-if needs either 'scenario_id' (a stored scenario) or 'changes', not both",
        )
    options: dict[str, object] = {"pin": body.pin}
    if body.budget is not None:
        options["budget"] = body.budget
    if body.changes is not None:
        if not body.changes:
            raise invalid_field(["body", "changes"], "give at least one change")
        checked_scenario({"name": "what-if", "changes": body.changes}, version, prefix=("body",))
        options["changes"] = body.changes
    else:
        scenario = find_scenario(session, organisation, body.scenario_id or "")
        if scenario.program_id != version.program_id:
            raise invalid_field(
                ["body", "scenario_id"], f"scenario '{scenario.id}' belongs to another program"
            )
        checked_scenario(scenario.document, version)
    return options


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
    session: SessionDep,
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
    program = find_program(session, organisation, body.program_id)
    version = find_version(session, program.id, body.version or program.version)
    _check_limits(body, session, organisation, settings)
    options = _job_options(body, session, organisation, version)
    job = JobRow(
        organisation=organisation,
        kind=body.kind,
        program_id=program.id,
        program_version=version.version,
        time_limit=settings.job_seconds(body.time_limit),
        seed=body.seed,
        scenario_id=body.scenario_id,
        options=options,
    )
    session.add(job)
    session.commit()
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
