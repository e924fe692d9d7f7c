"""The typer application, its consoles, and the one place where errors become exit codes."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler

from planner.errors import PlannerError

app = typer.Typer(
    name="planner",
    help="Integrated schedules for programs of projects: validate, solve, check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Written to a file or a pipe, tables keep a readable width instead of rich's 80 columns.
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

EXIT_INPUT = 2


@contextmanager
def guard() -> Iterator[None]:
    """Turn planner errors into a readable message and exit status 2; never a traceback.

    Set ``PLANNER_DEBUG=1`` to see the traceback of an unexpected error.
    """
    try:
        yield
    except PlannerError as error:
        err.print(f"[bold red]error:[/] {error}", highlight=False, markup=True, soft_wrap=True)
        raise typer.Exit(EXIT_INPUT) from None
    except (KeyboardInterrupt, typer.Exit):
        raise
    except Exception as error:  # a defect of ours: say so plainly
        if os.environ.get("PLANNER_DEBUG"):
            raise
        err.print(
            f"[bold red]internal error:[/] {type(error).__name__}: {error}\n"
            "This is a bug in the planner; run again with PLANNER_DEBUG=1 for details."
        )
        raise typer.Exit(3) from None


@app.callback()
def _configure(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what the planner does.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False, show_time=False)],
    )


def main() -> None:
    """Entry point of the ``planner`` script."""
    app()
