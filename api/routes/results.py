"""Results: the checked schedule, run record and summary of every done job."""

from __future__ import annotations

from fastapi import APIRouter, Query
from sqlalchemy import select

from api.deps import OrganisationDep, SessionDep
from api.errors import ApiError, not_found, responses
from api.routes.jobs import find_job
from api.schemas.results import ResultBrief, ResultOut
from api.tables import JobRow, ResultRow

router = APIRouter(prefix="/results", tags=["results"])


@router.get("", responses=responses(401, 422), summary="List your organisation's results")
def list_results(session: SessionDep, organisation: OrganisationDep,
                 program_id: str | None = Query(None, description="Only results of this program."),
                 limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> list[ResultBrief]:
    """Results, newest first, with status, finish date and quality."""
    query = (select(ResultRow, JobRow).join(JobRow, JobRow.id == ResultRow.job_id)
             .where(ResultRow.organisation == organisation))
    if program_id is not None:
        query = query.where(JobRow.program_id == program_id)
    rows = session.execute(query.order_by(ResultRow.created_at.desc(), ResultRow.job_id)
                           .limit(limit).offset(offset)).all()
    return [ResultBrief.model_validate({
        "job_id": job.id, "program_id": job.program_id, "program_version": job.program_version,
        "status": result.status, "finish": result.summary.get("finish"), "quality": result.summary.get("quality", ""),
        "created_at": result.created_at}) for result, job in rows]


@router.get("/{job_id}", responses=responses(401, 404, 409), summary="Read a job's result")
def read_result(job_id: str, session: SessionDep, organisation: OrganisationDep) -> ResultOut:
    """The schedule (start, finish and people of every task) with its run record and summary."""
    job = find_job(session, organisation, job_id)
    result = session.get(ResultRow, job_id)
    if result is None:
        if job.state.finished:
            raise not_found("result", f"{job_id} (the job {job.state.value}: {job.error})")
        raise ApiError(409, "not_finished", f"job '{job_id}' is {job.state.value}; its result comes when it is done")
    return ResultOut.model_validate({
        "job_id": job.id, "program_id": job.program_id, "program_version": job.program_version,
        "status": result.status, "schedule": result.schedule, "summary": result.summary,
        "created_at": result.created_at})
