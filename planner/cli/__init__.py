"""The ``planner`` command line: each command parses its input, calls one library function, renders."""

from planner.cli.app import app, main
from planner.cli import program as _program  # noqa: F401  (registers commands)
from planner.cli import scenario as _scenario  # noqa: F401  (registers `planner whatif`, `planner solve-scenario`)
from planner.cli import serve as _serve  # noqa: F401  (registers `planner serve`)
from planner.cli import explain as _explain  # noqa: F401  (registers `planner lint`, `planner explain`)
from planner.cli import batch as _batch, compare as _compare  # noqa: F401  (registers `planner compare`, `planner batch`)
from planner.cli import funding as _funding  # noqa: F401  (registers `planner fund`)

__all__ = ["app", "main"]
