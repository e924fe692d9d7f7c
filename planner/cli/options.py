"""Options several commands share, as ``Annotated`` types (typer's documented style).

Every command that runs one solve at a time defaults ``--workers`` to 0 (CP-SAT uses every core);
``planner batch``, which runs several solves at once (``--jobs``), gives each one worker by default.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from planner.errors import InputError

WORKERS_HELP = "Search workers; 0 uses every core."

Workers = Annotated[int, typer.Option("--workers", "-w", min=0, help=WORKERS_HELP)]
"""CP-SAT search workers of each solve (default 0: every core)."""

Seed = Annotated[int, typer.Option("--seed", help="Random seed of the search.")]
"""The search's random seed."""

BaselineFile = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        "-b",
        help="For a scenario file whose slips or status date are measured from a baseline: "
        "that schedule (.json, .csv or .xlsx).",
    ),
]
"""A schedule that a scenario file's slips and status dates are measured from."""


def writable(paths: Iterable[Path], suffixes: Iterable[str] | None = None, option: str = "--output") -> None:
    """Refuse, before any work, an output path the command could not write at the end.

    Each path must end in one of ``suffixes`` (when given) and its folder must take a new file: the
    folder is made if missing, and a scratch file is created in it and removed (the only test that
    holds for every user, root included, and every file system).

    Raises
    ------
    InputError
        Naming the option, the path and what is wrong with it.
    """
    allowed = tuple(suffixes) if suffixes is not None else None
    for path in paths:
        if path.is_dir():
            raise InputError(f"{option} {path}: is a folder; give a file name")
        if allowed is not None and path.suffix.lower() not in allowed:
            raise InputError(f"{option} {path}: cannot write '{path.suffix}' files; use {', '.join(allowed)}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".planner-write-test-"):
                pass
        except OSError as error:
            reason = error.strerror or str(error)
            raise InputError(f"{option} {path}: cannot write there ({reason})") from None


__all__ = ["WORKERS_HELP", "BaselineFile", "Seed", "Workers", "writable"]
