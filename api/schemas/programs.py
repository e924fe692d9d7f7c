"""Bodies of the programs resource: stored programs and their versions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import UtcDatetime


class ProgramOut(BaseModel):
    """A stored program: its current version and counts."""

    model_config = ConfigDict(from_attributes=True)

    id: str = Field(description="Identifier of the stored program.")
    name: str = Field(description="The program's name, from its current version.")
    version: int = Field(description="Current version; every change adds one.")
    projects: int = Field(description="Projects in the current version.")
    tasks: int = Field(description="Tasks in the current version.")
    created_at: UtcDatetime
    updated_at: UtcDatetime


class ProgramDetail(ProgramOut):
    """A stored program with the document of its current version."""

    document: dict[str, Any] = Field(description="The program document as it was sent (dates as ISO text).")


class VersionOut(BaseModel):
    """One version of a stored program."""

    model_config = ConfigDict(from_attributes=True)

    program_id: str
    version: int
    name: str
    projects: int
    tasks: int
    created_at: UtcDatetime


class VersionDetail(VersionOut):
    """One version of a stored program, with its document."""

    document: dict[str, Any]


class ValidationOut(BaseModel):
    """A program document that is valid, with its counts (nothing is stored)."""

    valid: bool = True
    name: str
    projects: int
    tasks: int
    roles: int
    people: int
