"""Lint: what in a stored program deserves a second look (tight deadlines, single holders of a skill ...)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import OrganisationDep, ProgramId, SessionDep
from api.errors import responses
from api.storage import find_program, find_version, program_of
from planner.analysis.lint import LintWarning, lint

router = APIRouter(tags=["lint"])


@router.get("/programs/{program_id}/lint", responses=responses(401, 404, 422), summary="Lint a program")
def lint_program(
    program_id: ProgramId,
    session: SessionDep,
    organisation: OrganisationDep,
    version: Annotated[
        int | None, Query(ge=1, description="Version to lint; the current one by default.")
    ] = None,
) -> list[LintWarning]:
    """Every finding, warnings first, each with its rule, where, a message and the figures behind it."""
    program = find_program(session, organisation, program_id)
    return lint(program_of(find_version(session, program.id, version or program.version)))
