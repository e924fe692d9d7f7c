"""``planner export``: a program's schedule written for the tool it came from, by the output's extension."""

from __future__ import annotations

from pathlib import Path

from planner.errors import InputError
from planner.interop.workbook import write_workbook
from planner.interop.writing import FORMATS, write_plan
from planner.models import Program, Schedule

EXPORT_SUFFIXES = (*FORMATS, ".xlsx")
"""Extensions ``planner export`` writes: MSPDI ``.xml``, ``.xer``, P6 XML ``.pmxml``, ``.mpx``, ``.xlsx``."""


def export_plan(
    path: str | Path, program: Program, schedule: Schedule, baseline: Schedule | None = None
) -> Path:
    """Write ``schedule`` as MSPDI, XER, P6 XML, MPX or an Excel plan, by the extension of ``path``.

    Parameters
    ----------
    path
        The file to write.
    program
        The program the schedule is of.
    schedule
        A schedule with a plan.
    baseline
        Earlier dates to write as each task's baseline.

    Raises
    ------
    InputError
        An unknown extension, a schedule without a plan, or a writer's failure.
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return write_workbook(path, program, schedule, baseline)
    if path.suffix.lower() not in FORMATS:
        raise InputError(f"{path}: cannot export '{path.suffix}'; use one of {', '.join(EXPORT_SUFFIXES)}")
    return write_plan(path, program, schedule, baseline)


__all__ = ["EXPORT_SUFFIXES", "export_plan"]
