"""Plans in and out: ``planner import`` (Microsoft Project, P6, Excel -> program) and ``planner export``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from planner.cli import render
from planner.cli.app import app, guard, out
from planner.cli.options import writable
from planner.errors import InputError
from planner.interop import EXPORT_SUFFIXES, import_files, write_import
from planner.interop import export_plan as export_schedule
from planner.io.program_file import SUFFIXES, load_program
from planner.io.schedule_file import read_schedule

_SHOWN = 40


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--start {value}: not a date (write 2027-01-04)") from None


@app.command("import")
def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Plan files: .mpp, .mpt, .mpx, MSPDI or P6 .xml, .xer, .pmxml, .xlsx or .csv task lists "
            "(a CSV with From and To columns is a links file); one project each.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The program file to write (.yaml, .yml or .json).", show_default=False
        ),
    ],
    links: Annotated[
        list[Path] | None,
        typer.Option(
            "--links",
            help="A file of links between projects (.csv or .xlsx: From, To, Type, Lag; "
            "From and To written project.task). Repeatable.",
        ),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="The program's name.")] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="The program start (default: the earliest date in the files)."),
    ] = None,
) -> None:
    """Import plans into one program and report everything that could not be mapped.

    Writes the program, NAME.import-report.csv beside it (every item not mapped or converted,
    with the reason) and, when the files carry baseline dates, NAME.baseline.json. Exit status 2
    for a file that cannot be read.
    """
    with guard():
        writable([output], SUFFIXES)
        imported = import_files(files, links or [], name=name, start=_date(start))
        written = write_import(imported, output)
        program = imported.program
        counts = {
            "project": len(program.projects),
            "task": len(program.tasks),
            "link": len(program.links),
            "person": len(program.people),
            "role": len(program.roles),
        }
        out.print(
            f"[green]imported[/] {render.count(len(files), 'file')} into {written.program}: "
            + ", ".join(render.count(n, noun) for noun, n in counts.items())
        )
        notes = imported.report.notes
        tally = imported.report.counts()
        out.print(
            f"{tally['not mapped']} not mapped, {tally['converted']} converted "
            f"(every one in {written.report})"
        )
        for note in notes[:_SHOWN]:
            out.print(f"  {note.line()}", highlight=False, markup=False)
        if len(notes) > _SHOWN:
            out.print(f"  ... and {len(notes) - _SHOWN} more in {written.report}")
        if written.baseline is not None:
            out.print(f"baseline dates: {written.baseline} (use it with --baseline)")


@app.command("export")
def export_command(
    program_file: Annotated[Path, typer.Argument(help="The program file.", show_default=False)],
    schedule_file: Annotated[
        Path,
        typer.Argument(
            help="Its schedule (.json, .csv or .xlsx), e.g. from `planner solve -o`.", show_default=False
        ),
    ],
    output: Annotated[
        list[Path],
        typer.Option(
            "--output",
            "-o",
            help="Write .xml (MSPDI, for Microsoft Project), .xer or .pmxml (Primavera P6), .mpx or "
            ".xlsx (a sheet per project). Repeatable.",
            show_default=False,
        ),
    ],
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            "-b",
            help="A schedule whose dates are written as each task's baseline (e.g. the "
            ".baseline.json of `planner import`, or the schedule before a replan).",
        ),
    ] = None,
) -> None:
    """Write a solved schedule for Microsoft Project, Primavera P6 or Excel, keeping the tasks' original ids.

    Exit status 2 for bad input.
    """
    with guard():
        writable(output, EXPORT_SUFFIXES)
        program = load_program(program_file)
        schedule = read_schedule(schedule_file, program.name)
        before = read_schedule(baseline, program.name) if baseline is not None else None
        for path in output:
            export_schedule(path, program, schedule, before)
            out.print(f"wrote {path}")
