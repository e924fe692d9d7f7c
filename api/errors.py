"""Errors as JSON a person can act on: one shape for every error the service returns.

Every error body is an :class:`ErrorBody`: a short ``code``, a ``message``, and ``problems``, each
with the ``path`` of the field it concerns (inside the program document for an invalid program,
``["body", "time_limit"]`` for a request field), the location in the user's words and, for
documents, the line.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from planner.errors import InputError, PlannerError, Problem, ProgramInvalid

logger = logging.getLogger(__name__)


class ProblemOut(BaseModel):
    """One thing wrong with a request."""

    path: list[str | int] = Field(
        description="Location of the field, from the request body or document root."
    )
    where: str = Field(default="", description="The same location in the user's words.")
    message: str = Field(description="What is wrong and how to fix it.")
    line: int | None = Field(default=None, description="Line in the sent document, when known.")


class ErrorBody(BaseModel):
    """The body of every error response."""

    code: str = Field(description="Short machine-readable kind, e.g. `program_invalid`, `not_found`.")
    message: str = Field(description="What went wrong, for a person.")
    problems: list[ProblemOut] = Field(default_factory=list, description="Every problem found, if several.")


class ApiError(Exception):
    """An error the service reports on purpose, with its HTTP status.

    Parameters
    ----------
    status
        HTTP status code.
    code
        Short machine-readable kind.
    message
        What went wrong, for a person.
    problems
        Located problems, if any.
    """

    def __init__(self, status: int, code: str, message: str, problems: Sequence[ProblemOut] = ()) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.problems = status, code, message, list(problems)

    def body(self) -> ErrorBody:
        """The JSON body of this error."""
        return ErrorBody(code=self.code, message=self.message, problems=self.problems)


def not_found(what: str, ident: object) -> ApiError:
    """404 for an object the caller's organisation does not have (or that does not exist)."""
    return ApiError(404, "not_found", f"no {what} '{ident}' in your organisation")


def invalid_field(path: Sequence[str | int], message: str, code: str = "invalid_request") -> ApiError:
    """422 for one request field that breaks a rule of this server."""
    problem = ProblemOut(path=list(path), where=".".join(str(p) for p in path), message=message)
    return ApiError(422, code, message, [problem])


def from_program_invalid(error: ProgramInvalid) -> ApiError:
    """422 listing every problem of a program, like ``planner validate``."""
    n = len(error.problems)
    return ApiError(
        422,
        "program_invalid",
        f"the program has {n} problem{'s' if n != 1 else ''}",
        [_problem(p) for p in error.problems],
    )


def _problem(problem: Problem) -> ProblemOut:
    return ProblemOut(
        path=list(problem.path), where=problem.where, message=problem.message, line=problem.line
    )


def responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI entries declaring that a route may answer ``statuses`` with an :class:`ErrorBody`."""
    text = {
        400: "Unreadable request body",
        401: "Missing or unknown API key",
        404: "Not found",
        409: "Conflict with the object's state",
        413: "Request too large",
        422: "Invalid request or program (every problem listed)",
        429: "Too many jobs",
    }
    return {s: {"model": ErrorBody, "description": text.get(s, "Error")} for s in statuses}


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into an :class:`ErrorBody`."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, error: ApiError) -> JSONResponse:
        return _json(error)

    @app.exception_handler(ProgramInvalid)
    async def _program_invalid(_: Request, error: ProgramInvalid) -> JSONResponse:
        return _json(from_program_invalid(error))

    @app.exception_handler(InputError)
    async def _input_error(_: Request, error: InputError) -> JSONResponse:
        return _json(ApiError(400, "unreadable", str(error)))

    @app.exception_handler(PlannerError)
    async def _planner_error(_: Request, error: PlannerError) -> JSONResponse:
        logger.exception("planner error")
        return _json(ApiError(500, "planner_error", f"{type(error).__name__}: {error}"))

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            ProblemOut(
                path=[p for p in e.get("loc", ()) if isinstance(p, (str, int))],
                where=".".join(str(p) for p in e.get("loc", ())),
                message=e.get("msg", "invalid"),
            )
            for e in error.errors()
        ]
        n = len(problems)
        return _json(
            ApiError(422, "invalid_request", f"the request has {n} problem{'s' if n != 1 else ''}", problems)
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {400: "unreadable", 404: "not_found", 405: "method_not_allowed"}.get(
            error.status_code, "http_error"
        )
        message = str(error.detail)
        if error.status_code == 400 and "parsing the body" in message:
            message = "the body is not valid JSON"
        return _json(
            ApiError(error.status_code, code, message), dict(error.headers) if error.headers else None
        )


class SafeJSONResponse(JSONResponse):
    """JSON that always encodes: text a client sent with a lone UTF-16 surrogate (which UTF-8
    cannot carry) is written as a ``\\ud800`` escape instead of failing the response."""

    def render(self, content: object) -> bytes:
        """The body: UTF-8 JSON, or ASCII JSON with escapes when UTF-8 cannot carry the text."""
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode()


def _json(error: ApiError, headers: dict[str, str] | None = None) -> JSONResponse:
    return SafeJSONResponse(error.body().model_dump(mode="json"), status_code=error.status, headers=headers)
