"""The ``planner`` command line: each command parses its input, calls one library function, renders."""

# Importing a command module registers its commands on the app.
from planner.cli import batch, compare, explain, funding, interop, program, scenario, serve  # noqa: F401
from planner.cli.app import app, main

__all__ = ["app", "main"]
