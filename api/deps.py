"""Dependencies of the route handlers, as ``Annotated`` aliases.

The application keeps its settings, database and job runner on ``app.state`` (built in
:func:`api.main.create_app`); tests replace any of these with ``app.dependency_overrides``.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.db import Database
from api.errors import ApiError
from api.jobs import JobRunner
from api.settings import Settings

logger = logging.getLogger(__name__)

LOCAL_ORGANISATION = "local"
"""The organisation of every request when no API keys are configured."""

_bearer = HTTPBearer(auto_error=False, description="An API key from the server's PLANNER_API_KEYS.")


def get_settings(request: Request) -> Settings:
    """The settings the application was built with."""
    return request.app.state.settings


def get_database(request: Request) -> Database:
    """The application's database."""
    return request.app.state.database


def get_runner(request: Request) -> JobRunner:
    """The application's job runner."""
    return request.app.state.runner


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
RunnerDep = Annotated[JobRunner, Depends(get_runner)]


def get_session(database: DatabaseDep) -> Iterator[Session]:
    """A database session for one request; handlers commit what they change."""
    with database.new_session() as session:
        yield session
        session.commit()


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_organisation(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> str:
    """The organisation of the request's API key (``local`` when the server has no keys).

    Raises
    ------
    ApiError
        401 when keys are configured and the request has none, or an unknown one.
    """
    if settings.open_access:
        return LOCAL_ORGANISATION
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError(401, "unauthenticated", "send an API key as 'Authorization: Bearer <key>'")
    for key, organisation in settings.api_keys.items():
        if hmac.compare_digest(key.encode(), credentials.credentials.encode()):
            return organisation
    raise ApiError(401, "unauthenticated", "unknown API key")


OrganisationDep = Annotated[str, Depends(get_organisation)]

ProgramId = Annotated[
    str, Path(description="A stored program's id.", examples=["3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b"])
]
JobId = Annotated[
    str, Path(description="A job's id (also its result's).", examples=["9d0e1f2a3b3f2a9c0e5b7d4e1f8a6b2c"])
]
ScenarioId = Annotated[
    str, Path(description="A stored scenario's id.", examples=["5b7d4e1f8a6b2c9d3f2a9c0e0e1f2a3b"])
]
MAX_INT32 = 2**31 - 1
"""The largest version number, offset or count a request may give (the database's integers)."""

VersionNumber = Annotated[
    int, Path(ge=1, le=MAX_INT32, description="A version number, from 1.", examples=[1])
]

LimitQuery = Annotated[int, Query(ge=1, le=1000, description="Most items to return.")]
OffsetQuery = Annotated[int, Query(ge=0, le=MAX_INT32, description="Items to skip, for paging.")]
