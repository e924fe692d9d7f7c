"""Programs: create, read, list, replace, delete; every change is a new version, old ones stay readable."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.deps import (
    LimitQuery,
    OffsetQuery,
    OrganisationDep,
    ProgramId,
    SessionDep,
    SettingsDep,
    VersionNumber,
)
from api.documents import DocumentBodyDep, read_program
from api.errors import ApiError, responses
from api.examples import PROGRAM_BODY
from api.schemas.programs import ProgramDetail, ProgramOut, ValidationOut, VersionDetail, VersionOut
from api.storage import find_program, find_version
from api.tables import ProgramRow, ProgramVersionRow, utcnow
from planner.models import Program

router = APIRouter(prefix="/programs", tags=["programs"])

_BODY = {"requestBody": PROGRAM_BODY}


def _add_version(
    session: Session, row: ProgramRow, program: Program, document: dict[str, Any]
) -> ProgramVersionRow:
    version = ProgramVersionRow(
        program_id=row.id,
        version=row.version,
        name=program.name,
        document=document,
        projects=len(program.projects),
        tasks=len(program.tasks),
    )
    session.add(version)
    return version


def _out(row: ProgramRow, version: ProgramVersionRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "version": row.version,
        "projects": version.projects,
        "tasks": version.tasks,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


@router.post(
    "",
    status_code=201,
    openapi_extra=_BODY,
    responses=responses(400, 401, 413, 422),
    summary="Store a new program",
)
def create_program(
    body: DocumentBodyDep,
    response: Response,
    session: SessionDep,
    organisation: OrganisationDep,
    settings: SettingsDep,
) -> ProgramOut:
    """Validate a program document (JSON or YAML) and store it as version 1."""
    program, document = read_program(body, settings)
    row = ProgramRow(organisation=organisation, name=program.name, version=1)
    session.add(row)
    session.flush()
    version = _add_version(session, row, program, document)
    response.headers["Location"] = f"/programs/{row.id}"
    return ProgramOut.model_validate(_out(row, version))


@router.post(
    "/validate",
    openapi_extra=_BODY,
    responses=responses(400, 401, 413, 422),
    summary="Validate a program without storing it",
)
def validate_program(
    body: DocumentBodyDep, organisation: OrganisationDep, settings: SettingsDep
) -> ValidationOut:
    """Like `planner validate`: 200 with the counts, or 422 listing every problem."""
    program, _ = read_program(body, settings)
    return ValidationOut(
        name=program.name,
        projects=len(program.projects),
        tasks=len(program.tasks),
        roles=len(program.roles),
        people=len(program.people),
    )


@router.get("", responses=responses(401, 422), summary="List your organisation's programs")
def list_programs(
    session: SessionDep, organisation: OrganisationDep, limit: LimitQuery = 100, offset: OffsetQuery = 0
) -> list[ProgramOut]:
    """Stored programs, most recently changed first."""
    rows = session.execute(
        select(ProgramRow, ProgramVersionRow)
        .join(
            ProgramVersionRow,
            (ProgramVersionRow.program_id == ProgramRow.id)
            & (ProgramVersionRow.version == ProgramRow.version),
        )
        .where(ProgramRow.organisation == organisation, ProgramRow.deleted_at.is_(None))
        .order_by(ProgramRow.updated_at.desc(), ProgramRow.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return [ProgramOut.model_validate(_out(row, version)) for row, version in rows]


@router.get("/{program_id}", responses=responses(401, 404), summary="Read a program (current version)")
def read_program_route(
    program_id: ProgramId, session: SessionDep, organisation: OrganisationDep
) -> ProgramDetail:
    """The current version's document and counts."""
    row = find_program(session, organisation, program_id)
    version = find_version(session, row.id, row.version)
    return ProgramDetail.model_validate({**_out(row, version), "document": version.document})


@router.put(
    "/{program_id}",
    openapi_extra=_BODY,
    responses=responses(400, 401, 404, 409, 413, 422),
    summary="Replace a program (stored as a new version)",
)
def replace_program(
    program_id: ProgramId,
    body: DocumentBodyDep,
    session: SessionDep,
    organisation: OrganisationDep,
    settings: SettingsDep,
) -> ProgramOut:
    """Validate the new document and store it as the next version; earlier versions stay readable."""
    program, document = read_program(body, settings)  # before any database connection is taken
    row = find_program(session, organisation, program_id)
    row.version += 1
    row.name, row.updated_at = program.name, utcnow()
    version = _add_version(session, row, program, document)
    try:
        session.flush()
    except IntegrityError:
        raise ApiError(
            409,
            "conflict",
            f"program '{program_id}' was changed by another request at the "
            "same time; read it again and resend",
        ) from None
    return ProgramOut.model_validate(_out(row, version))


@router.delete("/{program_id}", status_code=204, responses=responses(401, 404), summary="Delete a program")
def delete_program(program_id: ProgramId, session: SessionDep, organisation: OrganisationDep) -> Response:
    """Hide the program from lists and reads; its versions, jobs and results are kept."""
    row = find_program(session, organisation, program_id)
    row.deleted_at = utcnow()
    return Response(status_code=204)


@router.get("/{program_id}/versions", responses=responses(401, 404), summary="List a program's versions")
def list_versions(
    program_id: ProgramId, session: SessionDep, organisation: OrganisationDep
) -> list[VersionOut]:
    """Every version, oldest first."""
    row = find_program(session, organisation, program_id)
    versions = session.scalars(
        select(ProgramVersionRow)
        .where(ProgramVersionRow.program_id == row.id)
        .order_by(ProgramVersionRow.version)
    ).all()
    return [VersionOut.model_validate(v) for v in versions]


@router.get(
    "/{program_id}/versions/{version}",
    responses=responses(401, 404, 422),
    summary="Read one version of a program",
)
def read_version(
    program_id: ProgramId, version: VersionNumber, session: SessionDep, organisation: OrganisationDep
) -> VersionDetail:
    """The document of that version, as it was sent."""
    row = find_program(session, organisation, program_id)
    return VersionDetail.model_validate(find_version(session, row.id, version))
