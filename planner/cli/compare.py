"""``planner compare BASE SCENARIO...``: solve a base and scenarios, and set them side by side."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from planner.check import ScheduleInvalid
from planner.cli.app import app, err, guard, out
from planner.cli.compare_render import render_comparison
from planner.cli.explain import render_no_schedule
from planner.cli.options import Seed, Workers, writable
from planner.errors import InputError
from planner.io.comparison_file import FORMATS, comparison_format, write_comparison
from planner.io.schedule_file import read_schedule
from planner.reports.compare_tables import dates_table
from planner.workflows.compare import Step, compare
from planner.workflows.options import SolveOptions
from planner.workflows.replan import NoBaseline

FORMAT_NAMES = ("table", "json", "csv", "xlsx", "html")


def _resolve_format(fmt: str | None, outputs: list[Path]) -> str:
    """The format to print (``table``, ``json`` or ``csv``), or ``files`` when ``-o`` is given."""
    if fmt is not None and fmt not in FORMAT_NAMES:
        raise InputError(f"--format '{fmt}': use {', '.join(FORMAT_NAMES)}")
    if not outputs:
        fmt = fmt or "table"
        if fmt in ("xlsx", "html"):
            raise InputError(f"--format {fmt} writes a file: give -o OUT.{fmt}")
        return fmt
    if fmt == "table":
        raise InputError("--format table is for the terminal; give --format json, csv, xlsx or html with -o")
    for output in outputs:
        named = comparison_format(output)
        if fmt is not None and fmt != named:
            raise InputError(f"{output} is a .{output.suffix.lstrip('.')} file but --format is {fmt}")
    writable(outputs)
    return "files"


@app.command("compare")
def compare_command(
    base: Annotated[Path, typer.Argument(help="Program file of the base plan.", show_default=False)],
    scenarios: Annotated[
        list[Path],
        typer.Argument(
            help="Scenario files (or program files) to compare with the base.", show_default=False
        ),
    ],
    time_limit: Annotated[
        float, typer.Option("--time-limit", "-t", min=0.1, help="Seconds for each solve.")
    ] = 30.0,
    workers: Workers = 0,
    seed: Seed = 0,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv, xlsx or html (default: from -o's extension, else table).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            "-b",
            help="Schedule of BASE to compare against (.json, .csv or .xlsx; e.g. the approved "
            "plan) instead of solving BASE.",
        ),
    ] = None,
    output: Annotated[
        list[Path] | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (.json, .csv, .xlsx or .html; repeatable); csv also writes "
            "<stem>-<table>.csv beside it.",
        ),
    ] = None,
) -> None:
    """Solve a base program and scenarios, then compare dates, moved tasks, causes, load and cost.

    The base is solved once (or --baseline gives its schedule); each scenario is replanned against
    it with minimal disruption.
    Every schedule is verified by the independent checker. Exit status 0 with a comparison, 1 when
    the base has no schedule, 2 for bad input, 3 when a schedule breaks a rule (a planner bug).
    """
    with guard():
        output = output or []
        chosen = _resolve_format(fmt, output)
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
        try:
            with err.status("solving ...") as status:

                def show(step: Step) -> None:
                    where = f"[{step.index + 1}/{step.total}] {Path(step.file).name}"
                    s = step.solver
                    status.update(
                        f"solving {where}"
                        + (f": {s.tier} {s.value} (bound {s.bound}), {s.elapsed:.1f} s" if s else " ...")
                    )

                given = read_schedule(baseline) if baseline is not None else None
                result = compare(base, scenarios, options, show, given)
        except NoBaseline as error:
            err.print(f"[bold red]no baseline:[/] {error}", highlight=False)
            raise typer.Exit(1) from None
        except ScheduleInvalid as error:
            err.print(f"[bold red]checker found violations[/] (a planner bug):\n{error}", highlight=False)
            raise typer.Exit(3) from None
        for note in result.notes:
            err.print(f"[yellow]note:[/] {note}", highlight=False)
        for name, reason in (result.reasons or {}).items():
            err.print(f"[yellow]{name}:[/] no schedule: {reason}", highlight=False)
        comparison = result.comparison
        if chosen == "table":
            render_comparison(out, comparison)
            for scenario in comparison.scenarios:
                if scenario.no_schedule is not None and scenario.no_schedule.explanation is not None:
                    out.rule(f"[bold]{scenario.name}[/]: why there is no schedule")
                    render_no_schedule(out, scenario.no_schedule)
        elif chosen == "json":
            sys.stdout.write(json.dumps(comparison.model_dump(mode="json"), indent=2) + "\n")
        elif chosen == "csv":
            sys.stdout.write(dates_table(comparison).to_csv(index=False))
        else:
            for target in output:
                for path in write_comparison(target, comparison):
                    err.print(f"wrote {path}")


__all__ = ["FORMATS", "compare_command"]
