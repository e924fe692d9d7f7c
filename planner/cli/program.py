"""Commands on a single program file: schema, validate, solve, check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from planner.check import check as check_schedule
from planner.cli import render
from planner.cli.app import app, err, guard, out
from planner.cli.explain import render_no_schedule, show_lint
from planner.cli.options import Seed, Workers, writable
from planner.errors import InputError
from planner.io.program_file import SUFFIXES, load_program, write_program
from planner.io.schedule_file import FORMATS, read_schedule, write_schedule
from planner.models import Program, Schedule
from planner.scenarios.load import load_applied
from planner.workflows.options import Progress, SolveOptions
from planner.workflows.replan import NoBaseline, solve_baseline
from planner.workflows.solve import solve_program

ProgramFile = Annotated[Path, typer.Argument(help="Program file (.yaml, .yml or .json).", show_default=False)]
_NEED_BASELINE = (
    "give --baseline (the schedule the replan started from, e.g. written by --save-baseline), or "
    "check against the program `planner apply` or `--save-program` wrote"
)


@app.command()
def schema() -> None:
    """Print the JSON Schema of program files (for editors that validate and complete YAML)."""
    out.print_json(json.dumps(Program.model_json_schema(by_alias=True)))


@app.command()
def validate(file: ProgramFile) -> None:
    """List every problem in a program file at once; exit status 2 if there is any."""
    with guard():
        program = load_program(file)
        counts = {
            "project": len(program.projects),
            "task": len(program.tasks),
            "role": len(program.roles),
            "person": len(program.people),
        }
        out.print(f"[green]ok[/] {file}: " + ", ".join(render.count(n, noun) for noun, n in counts.items()))


@app.command("solve")
def solve_command(
    file: ProgramFile,
    time_limit: Annotated[
        float, typer.Option("--time-limit", "-t", min=0.1, help="Seconds for the whole solve.")
    ] = 30.0,
    workers: Workers = 0,
    seed: Seed = 0,
    output: Annotated[
        list[Path] | None,
        typer.Option("--output", "-o", help="Write the schedule to .json, .csv or .xlsx (repeatable)."),
    ] = None,
) -> None:
    """Solve a program into an integrated schedule and print its summary.

    Exit status 0 with a schedule, 1 when the program is infeasible or no schedule was found in
    time, 2 for bad input.
    """
    with guard():
        program = load_program(file)
        show_lint(program)
        outputs = output or []
        writable(outputs, FORMATS)
        with err.status(f"solving {file.name} ...") as status:

            def show(p: Progress) -> None:
                status.update(f"solving {file.name}: {p.tier} {p.value} (bound {p.bound}), {p.elapsed:.1f} s")

            solved = solve_program(
                program,
                SolveOptions(time_limit=time_limit, workers=workers, seed=seed),
                show,
                explain_time=time_limit,
                stage=status.update,
            )
        render.summary(out, solved.summary)
        if solved.violations:
            err.print(f"[bold red]checker found {len(solved.violations)} violations[/] (a planner bug):")
            for v in solved.violations[:20]:
                err.print(f"  {v.message}", highlight=False)
            raise typer.Exit(3)
        for path in outputs:
            write_schedule(path, program, solved.schedule, solved.summary)
            out.print(f"wrote {path}")
        if solved.no_schedule is not None:
            render_no_schedule(out, solved.no_schedule)
        if not solved.has_plan:
            raise typer.Exit(1)


@app.command("check")
def check_command(
    program_file: Annotated[
        Path,
        typer.Argument(
            help="Program file, or scenario file (its changes applied to its base).", show_default=False
        ),
    ],
    schedule_file: Annotated[
        Path, typer.Argument(help="Schedule (.json, .csv or .xlsx), perhaps edited by hand.")
    ],
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            "-b",
            help="For a scenario whose slips or status date are measured from a baseline: the "
            "schedule the replan started from.",
        ),
    ] = None,
) -> None:
    """Verify a schedule against its program (or a scenario's applied program) and list every violation.

    Exit status 1 if any, 2 for bad input.
    """
    with guard():
        program = load_applied(
            program_file,
            read_schedule(baseline) if baseline is not None else None,
            require_baseline=_NEED_BASELINE,
        ).program
        schedule = read_schedule(schedule_file, program.name)
        if not schedule.has_plan:
            out.print(
                f"[red]no plan[/] in {schedule_file}: its status is {schedule.status.value}, "
                "so there is nothing to check"
            )
            raise typer.Exit(1)
        violations = check_schedule(program, schedule)
        if not violations:
            out.print(f"[green]ok[/] {schedule_file}: {len(schedule.tasks)} tasks, no violation")
            return
        out.print(f"[red]{len(violations)} violations[/] in {schedule_file}:")
        for v in violations:
            out.print(f"  [{v.kind}] {v.message}", highlight=False)
        raise typer.Exit(1)


@app.command("apply")
def apply_command(
    scenario: Annotated[
        Path, typer.Argument(help="Scenario file (.yaml, .yml or .json).", show_default=False)
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The program file to write (.yaml, .yml or .json).")
    ],
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            "-b",
            help="Schedule of the base program that slips and status dates are measured from "
            "(default: the scenario's, else the base program solved first).",
        ),
    ] = None,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit", "-t", min=0.1, help="Seconds for the base program's solve, when one is needed."
        ),
    ] = 30.0,
    workers: Workers = 0,
    seed: Seed = 0,
) -> None:
    """Apply a scenario's changes (its whole chain) to its base and write the program, for `planner check`.

    The base program is solved only when a slip or status date needs a baseline and neither
    --baseline nor the scenario gives one. Exit status 0 when written, 1 when the base program
    has no schedule to measure from, 2 for bad input.
    """
    with guard():
        writable([output], SUFFIXES)
        given = read_schedule(baseline) if baseline is not None else None
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)

        def solve_base(root: Program) -> Schedule:
            with err.status(f"solving the base program {root.name} to measure the changes from ..."):
                return solve_baseline(root, options)

        try:
            applied = load_applied(scenario, given, solve_base)
        except NoBaseline as error:
            err.print(f"[bold red]no baseline:[/] {error}", highlight=False)
            raise typer.Exit(1) from None
        if applied.scenario is None:
            raise InputError(f"{scenario}: a program file, not a scenario; there is nothing to apply")
        resolved = applied.scenario
        measured = (
            "the base program solved first"
            if applied.baseline_solved
            else str(baseline)
            if baseline is not None
            else str(resolved.baseline_file)
            if resolved.baseline_file is not None
            else None
        )
        note = [
            f"{resolved.scenario.name}: {' <- '.join(str(p) for p in reversed(resolved.chain))}",
            f"written by `planner apply`: {render.count(len(resolved.changes), 'change')} applied"
            + (f", measured from {measured}" if measured else ""),
        ]
        write_program(output, applied.program, "\n".join(note))
        out.print(
            f"wrote {output}: {resolved.scenario.name}, {render.count(len(resolved.changes), 'change')} applied"
            + (f" (measured from {measured})" if measured else ""),
            highlight=False,
        )
