"""Comparisons of stored results: dates, moved tasks, causes of milestone moves, load and cost."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import OrganisationDep, SessionDep
from api.errors import ApiError, invalid_field, responses
from api.schemas.comparisons import ComparisonIn
from api.storage import find_result, find_scenario, program_of_result
from planner.analysis.comparison.compare import Comparison, ComparisonError, compare
from planner.models import Schedule

router = APIRouter(prefix="/comparisons", tags=["comparisons"])


@router.post("", responses=responses(400, 401, 404, 409, 413, 422), summary="Compare stored results")
def create_comparison(body: ComparisonIn, session: SessionDep, organisation: OrganisationDep) -> Comparison:
    """Compare done jobs' schedules with a base result (computed on request, nothing is stored)."""
    job, result = find_result(session, organisation, body.base)
    if not (result.schedule or {}).get("tasks"):
        raise invalid_field(
            ["body", "base"], f"job '{job.id}' has no schedule to compare with (status {result.status})"
        )
    base = (program_of_result(session, job, result), Schedule.model_validate(result.schedule))
    entries = []
    for index, item in enumerate(body.scenarios):
        other, other_result = find_result(session, organisation, item.job_id)
        if other_result.schedule is None:
            raise invalid_field(
                ["body", "scenarios", index, "job_id"], f"job '{other.id}' is an explanation, not a schedule"
            )
        name = item.name or (
            find_scenario(session, organisation, other.scenario_id).name
            if other.scenario_id
            else f"job {other.id[:8]}"
        )
        entries.append(
            (
                name,
                program_of_result(session, other, other_result),
                Schedule.model_validate(other_result.schedule),
            )
        )
    try:
        return compare(base, entries)
    except ComparisonError as error:
        raise ApiError(422, "not_comparable", str(error)) from None
