"""Plan imports: a Microsoft Project, Primavera P6 or Excel/CSV file in, a stored program out.

The body is the file itself (``application/octet-stream``), the query names it (``filename``, whose
extension gives the format). The service writes the bytes to a temporary directory under that name,
imports them with :func:`planner.interop.import_files` in a worker thread (at most
:data:`MAX_CONCURRENT_IMPORTS` at once; MPXJ's JVM starts once per server process, on the first
import) and then stores the program exactly as ``POST /programs`` stores a JSON document: the same
validation, the same task limit, version 1 of a new program of the caller's organisation. No
database connection is held while the file is read. What the import could not map, or only
converted, comes back as the report.
"""

from __future__ import annotations

import json
import logging
import tempfile
import unicodedata
from pathlib import Path
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from api.deps import DatabaseDep, OrganisationDep, SettingsDep
from api.documents import MAX_NAME_LENGTH, DocumentBody, DocumentBodyDep, check_name
from api.errors import ApiError, ProblemOut, invalid_field, responses
from api.routes.programs import create_program
from api.schemas.programs import ProgramOut
from planner.errors import InputError, ProgramInvalid
from planner.interop import SUFFIXES, ImportReport, JavaUnavailable, import_files
from planner.io.program_file import program_document
from planner.models import Program

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/programs", tags=["programs"])

MAX_CONCURRENT_IMPORTS = 2
"""Imports read at once per server process; more wait their turn (each holds a worker thread)."""

MAX_FILENAME_BYTES = 255
"""The longest file name accepted (in UTF-8 bytes): a file system's limit."""


def _limiter(request: Request) -> anyio.CapacityLimiter:
    """The application's limiter of import threads (made on first use, in its event loop)."""
    limiter = getattr(request.app.state, "import_limiter", None)
    if limiter is None:
        limiter = request.app.state.import_limiter = anyio.CapacityLimiter(MAX_CONCURRENT_IMPORTS)
    return limiter


class ImportNoteOut(BaseModel):
    """One thing of the file the program does not hold as the file had it."""

    file: str = Field(description="The file it came from.")
    kind: str = Field(description="`project`, `task`, `link`, `resource`, `assignment` or `calendar`.")
    item: str = Field(description="The item in the file's own terms, e.g. `task 12 'Build'`.")
    field: str = Field(description="The field, e.g. `percent complete`.")
    value: str = Field(description="The value in the file, as written.")
    action: str = Field(description="`not mapped` (left out) or `converted` (carried over approximately).")
    reason: str = Field(description="Why, and what the program holds instead.")


class ImportOut(ProgramOut):
    """The stored program (version 1) and what the import could not map or only converted."""

    report: list[ImportNoteOut] = Field(
        description="Every task, link, resource, assignment or calendar value not mapped or converted."
    )


FilenameQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=MAX_FILENAME_BYTES,
        description="The file's name; its extension gives the format: " + ", ".join(SUFFIXES) + ".",
        examples=["plan.mpp"],
    ),
]
NameQuery = Annotated[
    str | None,
    Query(
        max_length=MAX_NAME_LENGTH,
        description="The program's name (default: the project's, or `Imported program`).",
    ),
]

IMPORT_BODY: dict[str, Any] = {
    "required": True,
    "description": "The plan file's bytes, as they are on disk.",
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
}


def safe_filename(filename: str) -> str:
    """The name the file is written under: ``filename`` when it is a plain name of a known format.

    Raises
    ------
    ApiError
        422 when the name has a directory, a control character, is too long or has an extension
        the import does not read.
    """

    def refuse(reason: str) -> ApiError:
        return invalid_field(["query", "filename"], f"{filename!r}: {reason}", code="unsupported_file")

    if "/" in filename or "\\" in filename or filename in (".", ".."):
        raise refuse("give the file's name without a directory")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in filename):
        raise refuse("the name has a control character")
    if len(filename.encode("utf-8", "replace")) > MAX_FILENAME_BYTES:
        raise refuse(f"the name is longer than {MAX_FILENAME_BYTES} bytes")
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise refuse(f"cannot import '{suffix or filename}' files; use one of {', '.join(SUFFIXES)}")
    return filename


def _import(raw: bytes, filename: str, name: str | None) -> tuple[Program, ImportReport]:
    """Write ``raw`` to a temporary file named ``filename`` and import it (runs in a worker thread).

    Raises
    ------
    ApiError
        400 when the file cannot be read, 422 when it maps to an invalid program, 503 without Java.
    """
    with tempfile.TemporaryDirectory(prefix="planner-import-") as directory:
        path = Path(directory) / filename
        prefix = f"{directory}/"
        try:
            path.write_bytes(raw)
            imported = import_files([path], name=name)
        except JavaUnavailable as error:
            raise ApiError(
                503, "unavailable", f"{filename}: cannot be read on this server: {error}"
            ) from None
        except InputError as error:
            raise ApiError(400, "unreadable", str(error).replace(prefix, "")) from None
        except ProgramInvalid as error:
            n = len(error.problems)
            problems = [
                ProblemOut(path=list(p.path), where=p.where, message=p.message.replace(prefix, ""))
                for p in error.problems
            ]
            raise ApiError(
                422,
                "program_invalid",
                f"{filename}: the imported plan has {n} problem{'s' if n != 1 else ''}",
                problems,
            ) from None
        except Exception as error:  # a file no reader expected: the sender's error, not a 5xx
            logger.warning("import of %r failed unexpectedly", filename, exc_info=True)
            reason = str(error).replace(prefix, "") or type(error).__name__
            raise ApiError(400, "unreadable", f"{filename}: cannot read it ({reason})") from None
    return imported.program, imported.report


@router.post(
    "/import",
    status_code=201,
    openapi_extra={"requestBody": IMPORT_BODY},
    responses=responses(400, 401, 413, 422, 503),
    summary="Import a Microsoft Project, P6 or Excel/CSV plan as a new program",
)
async def import_program(
    request: Request,
    body: DocumentBodyDep,
    filename: FilenameQuery,
    response: Response,
    database: DatabaseDep,
    organisation: OrganisationDep,
    settings: SettingsDep,
    name: NameQuery = None,
) -> ImportOut:
    """Read the plan file in the body (its format from `filename`'s extension) and store it as version 1,
    like `planner import`; the answer lists what was not mapped or only converted."""
    filename = safe_filename(filename)
    if name is not None:
        check_name(name, "program")
    if not body.raw:
        raise ApiError(400, "unreadable", f"{filename}: the body is empty; send the file's bytes")
    program, report = await anyio.to_thread.run_sync(
        _import, body.raw, filename, name, limiter=_limiter(request)
    )
    document = json.dumps(program_document(program)).encode()

    def store() -> ProgramOut:
        with database.new_session() as session:
            stored = create_program(
                DocumentBody(document, "application/json"), response, session, organisation, settings
            )
            session.commit()
        return stored

    stored = await anyio.to_thread.run_sync(store)
    notes = [ImportNoteOut.model_validate(note, from_attributes=True) for note in report.notes]
    return ImportOut(**stored.model_dump(), report=notes)
