"""Commands on scenarios: ``planner whatif`` (a one-off question), ``planner solve-scenario`` (a file),
and ``planner scenario-schema``.

The first two replan against a baseline with minimal disruption (the business objective first, then as
few tasks moved as possible, as little as possible), verify every schedule with the independent
checker, and print the usual summary followed by the disruption.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from planner.analysis.disruption import working_days_between
from planner.analysis.summary import summarize
from planner.check import ScheduleInvalid, check
from planner.cli import render
from planner.cli.app import app, err, guard, out
from planner.errors import InputError
from planner.io.schedule_file import FORMATS, read_schedule, write_schedule
from planner.models import Scenario, Schedule
from planner.scenarios import replan as replanning
from planner.scenarios import shorthand
from planner.solvers import Progress, SolveOptions
from planner.solvers.stability import Stability

_MOVES_SHOWN = 10

TimeLimit = typer.Option(30.0, "--time-limit", "-t", help="Seconds for each solve (baseline, replan).")
Workers = typer.Option(0, "--workers", "-w", help="Search workers; 0 uses every core.")
Seed = typer.Option(0, "--seed", help="Random seed of the search.")
Output = typer.Option([], "--output", "-o",
                      help="Write the replanned schedule to .json, .csv or .xlsx (repeatable).")
SaveBaseline = typer.Option(None, "--save-baseline",
                            help="Also write the baseline schedule (.json, .csv or .xlsx).")
Pin = typer.Option([], "--pin", help="Task (project.task) or project kept at its baseline start "
                   "(repeatable).")
WhatIfFile = typer.Argument(..., help="Program file (or scenario file) to ask about.", show_default=False)
ScenarioFile = typer.Argument(..., help="Scenario file (.yaml, .yml or .json).", show_default=False)
WhatIfBaseline = typer.Option(None, "--baseline", "-b", help="Schedule to stay close to (.json, .csv or "
                              ".xlsx); without it the program is solved first and that is the baseline.")
ScenarioBaseline = typer.Option(None, "--baseline", "-b", help="Schedule to stay close to, instead of the "
                                "scenario's; with neither, the base program is solved first.")
WhatIfBudget = typer.Option(None, "--budget", min=0, help="At most K tasks may move from the baseline.")
ScenarioBudget = typer.Option(None, "--budget", min=0,
                              help="At most K tasks may move (overrides the scenario's disruption_budget).")
Slip = typer.Option([], "--slip", help="NAME=N: a task (project.task), project, role or person starts N "
                    "working days later (N like 10, 3d, 2w).")
Stretch = typer.Option([], "--stretch", help="NAME=N: the same work takes N working days longer.")
Duration = typer.Option([], "--duration", help="project.task=N: a new duration estimate.")
Capacity = typer.Option([], "--capacity", help="ROLE=N@FROM..TO: the role has N people in the window "
                        "(+N / -N: more or fewer; without ..TO: from then on).")
Leave = typer.Option([], "--leave", help="PERSON@FROM..TO: the person is away in the window.")


@app.command("whatif")
def whatif_command(
    file: Path = WhatIfFile,
    slip: list[str] = Slip,
    stretch: list[str] = Stretch,
    duration: list[str] = Duration,
    capacity: list[str] = Capacity,
    leave: list[str] = Leave,
    baseline: Path | None = WhatIfBaseline,
    budget: int | None = WhatIfBudget,
    pin: list[str] = Pin,
    time_limit: float = TimeLimit,
    workers: int = Workers,
    seed: int = Seed,
    output: list[Path] = Output,
    save_baseline: Path | None = SaveBaseline,
) -> None:
    """Ask a what-if of a program without writing a scenario file, and replan with minimal disruption.

    Changes apply in this order: --slip, --stretch, --duration, --capacity, --leave.

    Exit status 0 with a schedule, 1 when there is none (the reason is printed), 2 for bad input.
    """
    with guard(), _verified():
        _check_outputs([*output, *([save_baseline] if save_baseline else [])])
        given = read_schedule(baseline) if baseline is not None else None
        program = replanning.load_start(file, given)
        replanning.check_pins(program, pin, "--pin", given)
        changes, labels = shorthand.changes(program, slip, stretch, duration, capacity, leave)
        if not changes:
            raise InputError("give at least one change: --slip, --stretch, --duration, --capacity or --leave")
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
        with _progress(file) as show:
            result = replanning.what_if(program, changes, labels, options, show, given,
                                        Stability(budget=budget, pin=tuple(pin)), source=str(file))
        _finish(result, output, save_baseline, baseline, f"{file.name} as it stands, solved first")


@app.command("solve-scenario")
def solve_scenario_command(
    file: Path = ScenarioFile,
    baseline: Path | None = ScenarioBaseline,
    budget: int | None = ScenarioBudget,
    pin: list[str] = Pin,
    time_limit: float = TimeLimit,
    workers: int = Workers,
    seed: int = Seed,
    output: list[Path] = Output,
    save_baseline: Path | None = SaveBaseline,
) -> None:
    """Solve a scenario file against its baseline with minimal disruption; print summary and moves.

    Exit status 0 with a schedule, 1 when there is none (the reason is printed), 2 for bad input.
    """
    with guard(), _verified():
        _check_outputs([*output, *([save_baseline] if save_baseline else [])])
        given = read_schedule(baseline) if baseline is not None else None
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
        with _progress(file) as show:
            result = replanning.solve_scenario(file, options, show, given, budget, pin, pin_option="--pin")
        if result.scenario is not None:
            out.print(f"[bold]{result.scenario.scenario.name}[/]  "
                      f"({' <- '.join(p.name for p in reversed(result.scenario.chain))})", highlight=False)
        _finish(result, output, save_baseline, baseline, "the base program, solved first")


@app.command("scenario-schema")
def scenario_schema_command() -> None:
    """Print the JSON Schema of scenario files (for editors that validate and complete YAML)."""
    out.print_json(json.dumps(Scenario.model_json_schema(by_alias=True)))


def _check_outputs(paths: list[Path]) -> None:
    for path in paths:
        if path.suffix.lower() not in FORMATS:
            raise typer.BadParameter(f"{path}: use {', '.join(FORMATS)}", param_hint="--output")


@contextmanager
def _progress(file: Path) -> Iterator[Callable[[Progress], None]]:
    """A status line on stderr while solving, and the callback that updates it."""
    with err.status(f"solving {file.name} ...") as status:
        def show(p: Progress) -> None:
            status.update(f"solving {file.name}: {p.tier} {p.value} (bound {p.bound}), {p.elapsed:.1f} s")

        yield show


@contextmanager
def _verified() -> Iterator[None]:
    """A schedule the checker rejects is a planner bug: list the violations, exit status 3."""
    try:
        yield
    except ScheduleInvalid as error:
        err.print(f"[bold red]checker found {len(error.violations)} violations[/] (a planner bug):")
        for v in error.violations[:20]:
            err.print(f"  {v.message}", highlight=False)
        raise typer.Exit(3) from None


def _finish(result: replanning.Replan, output: list[Path], save_baseline: Path | None,
            baseline_file: Path | None, solved: str) -> None:
    """Print the summary and the disruption, write the files, and exit with the right status."""
    render.summary(out, result.summary())
    source = str(baseline_file) if baseline_file else result.baseline_source
    disruption_report(out, result, solved if source == "solved" else source)
    if save_baseline is not None:
        if result.baseline_source != "solved":  # a solved baseline is verified already
            problems = check(result.base_program, result.baseline)
            if problems:
                raise InputError(f"{source}: the baseline breaks {len(problems)} rules of the program "
                                 f"(first: {problems[0].message}); not writing it to {save_baseline}")
        write_schedule(save_baseline, result.base_program, result.baseline,
                       summarize(result.base_program, result.baseline))
        out.print(f"wrote baseline {save_baseline}")
    for path in output:
        write_schedule(path, result.program, result.schedule, result.summary())
        out.print(f"wrote {path}")
    if not result.schedule.has_plan:
        raise typer.Exit(1)


def disruption_report(console: Console, result: replanning.Replan, source: str) -> None:
    """Print how far the replan moved from its baseline: counts, the finish, the biggest moves."""
    limits = []
    if result.stability.budget is not None:
        limits.append(f"budget {result.stability.budget} tasks")
    if result.stability.pin:
        limits.append("pinned " + ", ".join(result.stability.pin))
    extra = f" ({'; '.join(limits)})" if limits else ""
    console.print(f"[bold]Disruption[/] against {source}{extra}", highlight=False)
    if result.disruption is None:
        console.print(f"  [bold red]no schedule:[/] {result.reason}", highlight=False)
        return
    d = result.disruption
    console.print(f"  {d.moved} task{'s' if d.moved != 1 else ''} moved, {d.total_shift} working days "
                  f"of shift in total; {len(d.restaffed)} restaffed", highlight=False)
    if d.added or d.removed:
        console.print(f"  {len(d.added)} new tasks (placed freely), {len(d.removed)} baseline tasks "
                      "no longer in the program", highlight=False)
    before, after = _finish_date(result.baseline), _finish_date(result.schedule)
    if before and after:
        delta = working_days_between(result.program.calendar, before, after)
        console.print(f"  program finish {before} -> {after} ({delta:+d} working days)", highlight=False)
    if d.moves:
        table = Table(title=f"Biggest moves ({min(len(d.moves), _MOVES_SHOWN)} of {d.moved})",
                      title_justify="left")
        for column in ("task", "baseline start", "start", "shift (wd)"):
            table.add_column(column)
        for move in d.moves[:_MOVES_SHOWN]:
            table.add_row(move.key, str(move.baseline_start), str(move.start), f"{move.shift:+d}")
        console.print(table)


def _finish_date(schedule: Schedule) -> dt.date | None:
    return max((t.finish for t in schedule.tasks), default=None) if schedule.has_plan else None


__all__ = ["disruption_report", "scenario_schema_command", "solve_scenario_command", "whatif_command"]
