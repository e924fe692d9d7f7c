"""``planner import``: plan files in, one program out, with the report of what was not mapped.

:func:`import_files` reads each file by its extension (Microsoft Project and P6 files through
MPXJ, task lists and links files as tables) and maps them all to one program;
:func:`write_import` writes the program, the report beside it (``NAME.import-report.csv``) and,
when the files carry baseline dates, the baseline schedule (``NAME.baseline.json``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.errors import InputError
from planner.interop.mapping import Imported, map_plans
from planner.interop.reading import MPXJ_SUFFIXES, read_plans
from planner.interop.source import CrossLink, SourcePlan
from planner.interop.spreadsheets import TABLE_SUFFIXES, read_tables
from planner.io.program_file import write_program
from planner.io.schedule_file import write_schedule

SUFFIXES = (*MPXJ_SUFFIXES, *TABLE_SUFFIXES)
"""Every extension ``planner import`` reads."""


@dataclass(frozen=True)
class Written:
    """The files an import wrote."""

    program: Path
    report: Path
    baseline: Path | None


def read_sources(
    paths: Sequence[Path], links: Sequence[Path] = ()
) -> tuple[list[SourcePlan], list[CrossLink]]:
    """The plans in ``paths`` and the cross-project links in them and in ``links``.

    Raises
    ------
    InputError
        A file is missing, of an unknown kind, or cannot be read (the message names it).
    """
    plans: list[SourcePlan] = []
    cross: list[CrossLink] = []
    for path in [Path(p) for p in paths]:
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise InputError(
                f"{path}: cannot import '{suffix or path.name}' files; use one of {', '.join(SUFFIXES)}"
            )
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if suffix in TABLE_SUFFIXES:
            found, found_links = read_tables(path)
            plans += found
            cross += found_links
        else:
            plans += read_plans(path)
    for path in [Path(p) for p in links]:
        if path.suffix.lower() not in TABLE_SUFFIXES:
            raise InputError(f"{path}: a links file is .csv or .xlsx (columns From, To, Type, Lag)")
        found, found_links = read_tables(path)
        if found:
            raise InputError(f"{path}: a links file has columns From and To, not a task list")
        cross += found_links
    if not plans:
        raise InputError("no plan to import: give at least one plan file (" + ", ".join(SUFFIXES) + ")")
    return plans, cross


def import_files(
    paths: Sequence[Path], links: Sequence[Path] = (), name: str | None = None, start: dt.date | None = None
) -> Imported:
    """Read plan files (one project each, or more in a P6 file) and map them to one program.

    Parameters
    ----------
    paths
        ``.mpp``, ``.mpt``, ``.mpx``, MSPDI or P6 ``.xml``, ``.xer``, ``.pmxml``, ``.xlsx`` or
        ``.csv`` files; a CSV with From and To columns is a links file.
    links
        Files of links between projects (``.csv`` or ``.xlsx``: From, To, Type, Lag).
    name
        The program's name.
    start
        The program's start (default: the earliest date in the files).

    Returns
    -------
    Imported
        The validated program, the report and the baseline.

    Raises
    ------
    InputError
        A file cannot be read, or holds nothing to plan.
    planner.errors.ProgramInvalid
        The files map to a program that breaks a rule (e.g. a dependency cycle).
    """
    plans, cross = read_sources(paths, links)
    return map_plans(plans, cross, name=name, start=start)


def write_import(imported: Imported, output: Path) -> Written:
    """Write the program to ``output``, the report and the baseline beside it.

    Raises
    ------
    InputError
        ``output`` is not a ``.yaml``, ``.yml`` or ``.json`` file.
    """
    output = Path(output)
    sources = imported.program.description
    program = write_program(
        output, imported.program, comment=f"{sources}.\nWhat was not mapped: {output.stem}.import-report.csv"
    )
    report = imported.report.write(output.with_name(f"{output.stem}.import-report.csv"))
    baseline = None
    if imported.baseline is not None:
        baseline = write_schedule(
            output.with_name(f"{output.stem}.baseline.json"), imported.program, imported.baseline
        )
    return Written(program=program, report=report, baseline=baseline)


__all__ = ["SUFFIXES", "Written", "import_files", "read_sources", "write_import"]
