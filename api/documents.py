"""Program documents in request bodies: JSON or YAML in, a validated program and storable JSON out."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from api.errors import ApiError, ProblemOut, invalid_field
from api.settings import Settings
from planner.errors import InputError
from planner.io.documents import DocumentFormat, UnusableValue, find_bad_value, loads_document
from planner.io.locations import DocPath, LineMap, dotted
from planner.io.program_file import parse_program
from planner.models import Program

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
"""Content types read as YAML; anything else is read as JSON (or as YAML when it is not JSON but a
YAML mapping)."""


@dataclass(frozen=True)
class DocumentBody:
    """A request body as received: its bytes and content type."""

    raw: bytes
    content_type: str


async def document_body(request: Request) -> DocumentBody:
    """The request's body, read without parsing (a dependency, so handlers can run in threads)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return DocumentBody(await request.body(), content_type)


DocumentBodyDep = Annotated[DocumentBody, Depends(document_body)]


def read_mapping(body: DocumentBody, what: str = "program") -> tuple[dict[str, Any], LineMap | None]:
    """The parsed document of a request body (JSON, or YAML by content type), and its line map.

    Raises
    ------
    ApiError
        400 when the body is empty or not UTF-8; 422 when the document is not a mapping.
    planner.errors.InputError
        When the body is not valid JSON or YAML (answered 400 with the line).
    """
    try:
        text = body.raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ApiError(
            400, "unreadable", f"the body is not UTF-8 text (bad byte at offset {error.start})"
        ) from None
    fmt: DocumentFormat = "yaml" if body.content_type in YAML_TYPES else "json"
    if not text.strip():
        raise ApiError(400, "unreadable", f"the body is empty; send a {what} document as {fmt.upper()}")
    try:
        data, lines = _load(text, fmt)
    except UnusableValue as error:
        raise unusable(error.path, error.reason, what, error.line) from None
    if not isinstance(data, dict):
        raise invalid_field(
            [], f"a {what} document is a mapping; got {type(data).__name__}", code=f"{what}_invalid"
        )
    return data, lines


def _load(text: str, fmt: DocumentFormat) -> tuple[object, LineMap | None]:
    """Parse the body; a body sent as JSON that is not JSON but a YAML mapping is read as YAML.

    Clients often post YAML without ``Content-Type: application/yaml``. Text that starts like
    JSON (``{`` or ``[``) keeps its JSON error, with a hint on how to send YAML instead.
    """
    try:
        return loads_document(text, fmt, source="request body")
    except InputError as error:
        if fmt != "json" or isinstance(error, UnusableValue):
            raise
        if not text.lstrip().startswith(("{", "[")):
            try:
                data, lines = loads_document(text, "yaml", source="request body")
            except InputError:
                data = None
            if isinstance(data, dict):
                return data, lines
        raise InputError(f"{error}; to send YAML, set the header Content-Type: application/yaml") from None


MAX_NAME_LENGTH = 500
"""The longest program or scenario name the service stores (its lists show the name)."""


def unusable(path: DocPath, reason: str, what: str, line: int | None = None) -> ApiError:
    """422 for a value no document may hold (a control character, a number past 64 bits)."""
    where = dotted(path) or what
    problem = ProblemOut(path=list(path), where=where, message=reason, line=line)
    return ApiError(422, f"{what}_invalid", f"{where}: {reason}", [problem])


def check_values(document: object, what: str, prefix: DocPath = ()) -> None:
    """Refuse (422) a value no document may hold in data that did not come through the reader
    (the inline changes of a job, say), at its path under ``prefix``."""
    bad = find_bad_value(document)
    if bad is not None:
        raise unusable((*prefix, *bad[0]), bad[1], what)


def check_name(name: str, what: str) -> None:
    """Refuse (422) a name longer than :data:`MAX_NAME_LENGTH`."""
    if len(name) > MAX_NAME_LENGTH:
        raise invalid_field(
            ["name"],
            f"the name has {len(name)} characters; at most {MAX_NAME_LENGTH}",
            code=f"{what}_invalid",
        )


def read_program(body: DocumentBody, settings: Settings) -> tuple[Program, dict[str, Any]]:
    """The validated program in a request body and its document, ready to store as JSON.

    Raises
    ------
    ApiError
        400 when the body is not UTF-8, JSON or YAML; 422 when it is not a mapping or has more
        tasks than the server accepts.
    planner.errors.ProgramInvalid
        When the document is not a valid program (every problem, with its line).
    """
    data, lines = read_mapping(body)
    program = parse_program(data, lines=lines)
    check_name(program.name, "program")
    if len(program.tasks) > settings.max_tasks:
        raise invalid_field(
            ["projects"],
            f"the program has {len(program.tasks)} tasks; this server accepts at "
            f"most {settings.max_tasks} (setting PLANNER_MAX_TASKS)",
            code="too_many_tasks",
        )
    return program, storable(data)


def storable(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with dates as ISO text, so that it can be stored as JSON and read back as sent."""
    try:
        return json.loads(json.dumps(document, default=_iso, allow_nan=False))
    except (TypeError, ValueError) as error:
        raise invalid_field(
            [], f"the document cannot be stored as JSON: {error}", code="program_invalid"
        ) from None


def _iso(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"cannot store {type(value).__name__}")
