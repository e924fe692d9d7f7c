"""Results: the checked schedule, run record and summary of every done job, with its details."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from api.deps import JobId, LimitQuery, OffsetQuery, OrganisationDep, SessionDep
from api.errors import responses
from api.schemas.results import ResultBrief, ResultOut
from api.storage import find_result
from api.tables import JobRow, ResultRow

router = APIRouter(prefix="/results", tags=["results"])


@router.get("", responses=responses(401, 422), summary="List your organisation's results")
def list_results(
    session: SessionDep,
    organisation: OrganisationDep,
    program_id: Annotated[str | None, Query(description="Only results of this program.")] = None,
    limit: LimitQuery = 100,
    offset: OffsetQuery = 0,
) -> list[ResultBrief]:
    """Results, newest first, with status, finish date and quality."""
    query = (
        select(ResultRow, JobRow)
        .join(JobRow, JobRow.id == ResultRow.job_id)
        .where(ResultRow.organisation == organisation)
    )
    if program_id is not None:
        query = query.where(JobRow.program_id == program_id)
    rows = session.execute(
        query.order_by(ResultRow.created_at.desc(), ResultRow.job_id).limit(limit).offset(offset)
    ).all()
    return [
        ResultBrief.model_validate(
            {
                "job_id": job.id,
                "kind": job.kind,
                "program_id": job.program_id,
                "program_version": job.program_version,
                "status": result.status,
                "finish": (result.summary or {}).get("finish"),
                "quality": (result.summary or {}).get("quality", ""),
                "created_at": result.created_at,
            }
        )
        for result, job in rows
    ]


@router.get("/{job_id}", responses=responses(401, 404, 409), summary="Read a job's result")
def read_result(job_id: JobId, session: SessionDep, organisation: OrganisationDep) -> ResultOut:
    """The schedule (start, finish and people of every task) with its run record and summary; a
    what-if's disruption; an explanation."""
    job, result = find_result(session, organisation, job_id)
    details = result.details or {}
    return ResultOut.model_validate(
        {
            "job_id": job.id,
            "kind": job.kind,
            "program_id": job.program_id,
            "program_version": job.program_version,
            "status": result.status,
            "schedule": result.schedule,
            "summary": result.summary,
            "disruption": details.get("disruption"),
            "reason": details.get("reason"),
            "replan": details.get("replan"),
            "baseline_job": (job.options or {}).get("baseline_job"),
            "explanation": details.get("explanation"),
            "rows": details.get("rows"),
            "created_at": result.created_at,
        }
    )
