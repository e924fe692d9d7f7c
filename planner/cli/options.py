"""Options several commands share, as ``Annotated`` types (typer's documented style).

Every command that runs one solve at a time defaults ``--workers`` to 0 (CP-SAT uses every core);
``planner batch``, which runs several solves at once (``--jobs``), gives each one worker by default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

WORKERS_HELP = "Search workers; 0 uses every core."

Workers = Annotated[int, typer.Option("--workers", "-w", min=0, help=WORKERS_HELP)]
"""CP-SAT search workers of each solve (default 0: every core)."""

Seed = Annotated[int, typer.Option("--seed", help="Random seed of the search.")]
"""The search's random seed."""

BaselineFile = Annotated[Path | None, typer.Option(
    "--baseline", "-b", help="For a scenario file whose slips or status date are measured from a baseline: "
    "that schedule (.json, .csv or .xlsx).")]
"""A schedule that a scenario file's slips and status dates are measured from."""

__all__ = ["WORKERS_HELP", "BaselineFile", "Seed", "Workers"]
