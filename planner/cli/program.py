"""Commands on a single program file: schema, validate, solve, check."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from planner.analysis.summary import summarize
from planner.check import check as check_schedule
from planner.cli import render
from planner.cli.app import app, err, guard, out
from planner.cli.explain import show_conflicts, show_lint
from planner.errors import InputError
from planner.io.program_file import load_program
from planner.io.schedule_file import FORMATS, read_schedule, write_schedule
from planner.models import Program, SolveStatus
from planner.solvers import Progress, SolveOptions, solve

ProgramFile = typer.Argument(..., help="Program file (.yaml, .yml or .json).", show_default=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema of program files (for editors that validate and complete YAML)."""
    out.print_json(json.dumps(Program.model_json_schema(by_alias=True)))


@app.command()
def validate(file: Path = ProgramFile) -> None:
    """List every problem in a program file at once; exit status 2 if there is any."""
    with guard():
        program = load_program(file)
        counts = {"project": len(program.projects), "task": len(program.tasks), "role": len(program.roles),
                  "person": len(program.people)}
        out.print(f"[green]ok[/] {file}: " + ", ".join(render.count(n, noun) for noun, n in counts.items()))


@app.command("solve")
def solve_command(
    file: Path = ProgramFile,
    time_limit: float = typer.Option(30.0, "--time-limit", "-t", min=0.1, help="Seconds for the whole solve."),
    workers: int = typer.Option(0, "--workers", "-w", min=0, help="Search workers; 0 uses every core."),
    seed: int = typer.Option(0, "--seed", help="Random seed of the search."),
    output: list[Path] = typer.Option([], "--output", "-o",
                                      help="Write the schedule to .json, .csv or .xlsx (repeatable)."),
) -> None:
    """Solve a program into an integrated schedule and print its summary.

    Exit status 0 with a schedule, 1 when the program is infeasible or no schedule was found in
    time, 2 for bad input.
    """
    with guard():
        program = load_program(file)
        show_lint(program)
        for path in output:
            if path.suffix.lower() not in FORMATS:
                raise InputError(f"--output {path}: cannot write '{path.suffix}'; use {', '.join(FORMATS)}")
        with err.status(f"solving {file.name} ...") as status:
            def show(p: Progress) -> None:
                status.update(f"solving {file.name}: {p.tier} {p.value} (bound {p.bound}), {p.elapsed:.1f} s")

            schedule = solve(program, SolveOptions(time_limit=time_limit, workers=workers, seed=seed), show)
        violations = check_schedule(program, schedule)
        summary = summarize(program, schedule)
        render.summary(out, summary)
        if violations:
            err.print(f"[bold red]checker found {len(violations)} violations[/] (a planner bug):")
            for v in violations[:20]:
                err.print(f"  {v.message}", highlight=False)
            raise typer.Exit(3)
        for path in output:
            write_schedule(path, program, schedule, summary)
            out.print(f"wrote {path}")
        if schedule.status is SolveStatus.INFEASIBLE:
            show_conflicts(program, time_limit=time_limit, workers=workers or 2)
        if not schedule.has_plan:
            raise typer.Exit(1)


@app.command("check")
def check_command(
    program_file: Path = ProgramFile,
    schedule_file: Path = typer.Argument(..., help="Schedule (.json, .csv or .xlsx), perhaps edited by hand."),
) -> None:
    """Verify a schedule against its program and list every violation; exit status 1 if any."""
    with guard():
        program = load_program(program_file)
        schedule = read_schedule(schedule_file, program.name)
        if not schedule.has_plan:
            out.print(f"[red]no plan[/] in {schedule_file}: its status is {schedule.status.value}, "
                      "so there is nothing to check")
            raise typer.Exit(1)
        violations = check_schedule(program, schedule)
        if not violations:
            out.print(f"[green]ok[/] {schedule_file}: {len(schedule.tasks)} tasks, no violation")
            return
        out.print(f"[red]{len(violations)} violations[/] in {schedule_file}:")
        for v in violations:
            out.print(f"  [{v.kind}] {v.message}", highlight=False)
        raise typer.Exit(1)
