"""The application: settings, database, job runner, middleware, error handlers and routers assembled.

Run it with ``planner serve``, or ``uvicorn --factory api.main:create_app``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

import planner
from api import errors
from api.db import Database
from api.jobs import JobRunner
from api.middleware import BodySizeLimit, LoopbackOnly, RequestBudget, ServerErrors
from api.routes import comparisons, health, imports, jobs, lint, programs, results, scenarios
from api.settings import Settings, load_settings
from planner.models import Program

logger = logging.getLogger(__name__)

DESCRIPTION = """\
Integrated schedules for programs of projects, over HTTP.

Store a program (the same JSON or YAML document as a program file), submit a solve job, follow
its progress, and read the checked schedule with its run record and summary. Every change to a
program is kept as a new version. Store scenarios against a program, ask what-ifs (replanned with
minimal disruption against a stored result), compare stored results, lint a program, and ask
why it ends when it does or why it cannot work (explain jobs), or run a batch of scenarios.

Send `Authorization: Bearer <API key>` when the server has keys configured; every key sees only
its organisation's programs, scenarios, jobs and results.
"""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    if settings.open_access:
        logger.warning("no API keys configured (PLANNER_API_KEYS): open access, loopback clients only")
    else:
        logger.info(
            "%d API keys for %d organisations", len(settings.api_keys), len(set(settings.api_keys.values()))
        )
    database = Database(settings.database_url)
    database.upgrade_schema()
    runner = JobRunner(database, settings)
    app.state.database, app.state.runner = database, runner
    await runner.start()
    try:
        yield
    finally:
        await runner.stop()
        database.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service.

    Parameters
    ----------
    settings
        The configuration; read from the environment when not given.

    Returns
    -------
    FastAPI
        The application; its database and job runner start with its lifespan.
    """
    settings = settings or load_settings()
    app = FastAPI(
        title="planner",
        version=planner.__version__,
        description=DESCRIPTION,
        lifespan=_lifespan,
        default_response_class=errors.SafeJSONResponse,
        docs_url=None,  # served below from the installed package: the docs page needs no network
        redoc_url=None,
    )
    _docs(app)
    app.state.settings = settings
    errors.install(app)
    for module in (health, programs, imports, scenarios, jobs, results, comparisons, lint):
        app.include_router(module.router)
    app.add_middleware(RequestBudget, seconds=settings.request_seconds)  # starts once the body is in
    app.add_middleware(BodySizeLimit, limit=settings.max_request_bytes, timeout=settings.body_timeout_seconds)
    if settings.open_access:
        app.add_middleware(LoopbackOnly)
    app.add_middleware(ServerErrors)  # outermost of ours: even a middleware's error gets an answer
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


DOCS_ASSETS = "/docs-assets"
"""Where the service serves Swagger UI's script and style sheet (from the ``swagger-ui-bundle`` package)."""


def _docs(app: FastAPI) -> None:
    """The interactive docs at ``/docs``, with Swagger UI's assets served by the service itself."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title}: API docs",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url="data:,",
        )


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with the program document's JSON Schema among the components."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        program = Program.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in program.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components["ProgramDocument"] = program
        for operation in (op for path in schema["paths"].values() for op in path.values()):
            for status, response in operation.get("responses", {}).items():
                if status == "422" and "HTTPValidationError" in str(
                    response
                ):  # our handler answers ErrorBody
                    response.update(errors.responses(422)[422] | {"description": response["description"]})
                    response["content"] = {
                        "application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}
                    }
                    response.pop("model", None)
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        app.openapi_schema = schema
    return app.openapi_schema
