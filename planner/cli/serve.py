"""``planner serve``: start the planning service (the HTTP API in ``api/``) with uvicorn."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from planner.cli.app import app, err, guard

logger = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Address to listen on; without API keys only a loopback address is accepted."
        ),
    ] = LOOPBACK,
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8000,
) -> None:
    """Start the planning service: programs, solve jobs and results over HTTP, docs at /docs.

    Settings come from the environment: DATABASE_URL (default: planner.db in the working
    directory), PLANNER_API_KEYS (JSON: key -> organisation), PLANNER_MAX_* limits.
    """
    with guard():
        try:
            import uvicorn

            from api.main import create_app
            from api.settings import load_settings
        except ImportError as error:
            err.print(
                f"[bold red]error:[/] the service needs its extra packages ({error.name} is missing); "
                "install fastapi, uvicorn, sqlalchemy and pydantic-settings"
            )
            raise typer.Exit(2) from None
        try:
            settings = load_settings()
        except ValueError as error:  # pydantic's ValidationError and pydantic-settings' SettingsError
            err.print(f"[bold red]error:[/] the service settings are invalid:\n{error}", highlight=False)
            raise typer.Exit(2) from None
        try:
            settings.check_host(host)
        except ValueError as error:
            err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        if settings.open_access:
            err.print(
                f"no API keys configured (PLANNER_API_KEYS): open access, listening on {host} (loopback) only"
            )
        err.print(f"planner service on http://{host}:{port} (docs at /docs)")
        logging.getLogger("api").setLevel(logging.INFO)
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
