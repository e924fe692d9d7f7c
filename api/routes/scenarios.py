"""Scenarios stored against a program: named lists of changes to ask what-ifs with."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import select

from api.changes import checked_scenario
from api.deps import OrganisationDep, ProgramId, ScenarioId, SessionDep, SettingsDep
from api.documents import DocumentBodyDep, read_mapping, storable
from api.errors import responses
from api.schemas.scenarios import ScenarioDetail, ScenarioOut
from api.storage import find_program, find_scenario, find_version
from api.tables import ScenarioRow, utcnow

router = APIRouter(tags=["scenarios"])

_EXAMPLE = {
    "name": "Cards two weeks late",
    "changes": [{"kind": "slip", "project": "cards", "by": "2w"}],
    "disruption_budget": 10,
    "pin": ["data"],
}
_BODY = {
    "requestBody": {
        "required": True,
        "description": "A scenario document like a scenario file, without `base` and `baseline`: "
        "its base is the program, and a what-if job names its baseline. JSON, or YAML with "
        "`Content-Type: application/yaml`.",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "description": {"type": "string"},
                        "changes": {"type": "array", "items": {"type": "object"}},
                        "disruption_budget": {"type": "integer"},
                        "pin": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "examples": {"slip": {"summary": "A project slips two weeks", "value": _EXAMPLE}},
            },
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
}


def _out(row: ScenarioRow) -> dict[str, Any]:
    return {"id": row.id, "program_id": row.program_id, "name": row.name, "created_at": row.created_at}


@router.post(
    "/programs/{program_id}/scenarios",
    status_code=201,
    openapi_extra=_BODY,
    responses=responses(400, 401, 404, 413, 422),
    summary="Store a scenario of a program",
)
def create_scenario(
    program_id: ProgramId,
    body: DocumentBodyDep,
    response: Response,
    session: SessionDep,
    organisation: OrganisationDep,
    settings: SettingsDep,
) -> ScenarioOut:
    """Check the changes against the program's current version (unknown names: 422) and store."""
    document, lines = read_mapping(body, "scenario")
    program = find_program(session, organisation, program_id)
    version = find_version(session, program.id, program.version)
    session.commit()  # no database connection is held while the changes are checked
    scenario = checked_scenario(document, version, lines=lines, max_tasks=settings.max_tasks)
    row = ScenarioRow(
        organisation=organisation, program_id=program.id, name=scenario.name, document=storable(document)
    )
    session.add(row)
    session.flush()
    response.headers["Location"] = f"/scenarios/{row.id}"
    return ScenarioOut.model_validate(_out(row))


@router.get(
    "/programs/{program_id}/scenarios", responses=responses(401, 404), summary="List a program's scenarios"
)
def list_scenarios(
    program_id: ProgramId, session: SessionDep, organisation: OrganisationDep
) -> list[ScenarioOut]:
    """The program's scenarios, oldest first."""
    program = find_program(session, organisation, program_id)
    rows = session.scalars(
        select(ScenarioRow)
        .where(ScenarioRow.program_id == program.id, ScenarioRow.deleted_at.is_(None))
        .order_by(ScenarioRow.created_at, ScenarioRow.id)
    ).all()
    return [ScenarioOut.model_validate(_out(row)) for row in rows]


@router.get("/scenarios/{scenario_id}", responses=responses(401, 404), summary="Read a scenario")
def read_scenario(
    scenario_id: ScenarioId, session: SessionDep, organisation: OrganisationDep
) -> ScenarioDetail:
    """The scenario's document as it was sent."""
    row = find_scenario(session, organisation, scenario_id)
    return ScenarioDetail.model_validate({**_out(row), "document": row.document})


@router.delete(
    "/scenarios/{scenario_id}", status_code=204, responses=responses(401, 404), summary="Delete a scenario"
)
def delete_scenario(scenario_id: ScenarioId, session: SessionDep, organisation: OrganisationDep) -> Response:
    """Hide the scenario; jobs that used it and their results are kept."""
    find_scenario(session, organisation, scenario_id).deleted_at = utcnow()
    return Response(status_code=204)
