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
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from planner.analysis.facts.summary import summarize
from planner.analysis.facts.working_days import working_days_between
from planner.check import ScheduleInvalid
from planner.cli import render
from planner.cli.app import app, err, guard, out
from planner.cli.explain import render_no_schedule
from planner.cli.options import Seed, Workers, writable
from planner.errors import InputError
from planner.io.program_file import SUFFIXES, write_program
from planner.io.schedule_file import FORMATS, read_schedule, write_schedule
from planner.models import Scenario, Schedule
from planner.workflows.options import Progress, SolveOptions
from planner.workflows.replan import Replan, Replanned, replan, whatif_file
from planner.workflows.replan_report import MilestoneChange, ReplanReport

_MOVES_SHOWN = 10

TimeLimit = Annotated[
    float, typer.Option("--time-limit", "-t", min=0.1, help="Seconds for each solve (baseline, replan).")
]
Output = Annotated[
    list[Path] | None,
    typer.Option("--output", "-o", help="Write the replanned schedule to .json, .csv or .xlsx (repeatable)."),
]
SaveBaseline = Annotated[
    Path | None,
    typer.Option("--save-baseline", help="Also write the baseline schedule (.json, .csv or .xlsx)."),
]
SaveProgram = Annotated[
    Path | None,
    typer.Option(
        "--save-program",
        help="Also write the changed program (.yaml, .yml or .json), so that "
        "`planner check PROGRAM SCHEDULE` can verify the replan.",
    ),
]
Pin = Annotated[
    list[str] | None,
    typer.Option("--pin", help="Task (project.task) or project kept at its baseline start (repeatable)."),
]


@app.command("whatif")
def whatif_command(
    file: Annotated[
        Path, typer.Argument(help="Program file (or scenario file) to ask about.", show_default=False)
    ],
    slip: Annotated[
        list[str] | None,
        typer.Option(
            "--slip",
            help="NAME=N: a task (project.task), project, role or person starts N working days later "
            "(N like 10, 3d, 2w).",
        ),
    ] = None,
    stretch: Annotated[
        list[str] | None,
        typer.Option(
            "--stretch",
            help="NAME=N: the same work takes N working days longer; NAME=P% "
            "(e.g. migration.data_mapping=50%): each of its tasks takes P percent longer, rounded up.",
        ),
    ] = None,
    duration: Annotated[
        list[str] | None, typer.Option("--duration", help="project.task=N: a new duration estimate.")
    ] = None,
    capacity: Annotated[
        list[str] | None,
        typer.Option(
            "--capacity",
            help="ROLE=N@FROM..TO: the role has N people in the window "
            "(+N / -N: more or fewer; without ..TO: from then on).",
        ),
    ] = None,
    leave: Annotated[
        list[str] | None, typer.Option("--leave", help="PERSON@FROM..TO: the person is away in the window.")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            "-b",
            help="Schedule to stay close to (.json, .csv or .xlsx); without it the program is "
            "solved first and that is the baseline.",
        ),
    ] = None,
    budget: Annotated[
        int | None, typer.Option("--budget", min=0, help="At most K tasks may move from the baseline.")
    ] = None,
    pin: Pin = None,
    time_limit: TimeLimit = 30.0,
    workers: Workers = 0,
    seed: Seed = 0,
    output: Output = None,
    save_baseline: SaveBaseline = None,
    save_program: SaveProgram = None,
) -> None:
    """Ask a what-if of a program without writing a scenario file, and replan with minimal disruption.

    Changes apply in this order: --slip, --stretch, --duration, --capacity, --leave.

    Exit status 0 with a schedule, 1 when there is none (the reason is printed), 2 for bad input.
    """
    with guard(), _verified():
        outputs = output or []
        _check_outputs(outputs, save_baseline, save_program)
        given = read_schedule(baseline) if baseline is not None else None
        source = str(baseline) if baseline else f"{file.name} as it stands, solved first"
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
        with _progress(file) as show:
            result = whatif_file(
                file,
                slip or (),
                stretch or (),
                duration or (),
                capacity or (),
                leave or (),
                options,
                show,
                given,
                budget,
                pin or (),
                baseline_source=source,
                stage=show.stage,
            )
        _finish(result, outputs, save_baseline, save_program, source)


@app.command("solve-scenario")
def solve_scenario_command(
    file: Annotated[Path, typer.Argument(help="Scenario file (.yaml, .yml or .json).", show_default=False)],
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            "-b",
            help="Schedule to stay close to, instead of the scenario's; with neither, the base "
            "program is solved first.",
        ),
    ] = None,
    budget: Annotated[
        int | None,
        typer.Option(
            "--budget", min=0, help="At most K tasks may move (overrides the scenario's disruption_budget)."
        ),
    ] = None,
    pin: Pin = None,
    time_limit: TimeLimit = 30.0,
    workers: Workers = 0,
    seed: Seed = 0,
    output: Output = None,
    save_baseline: SaveBaseline = None,
    save_program: SaveProgram = None,
) -> None:
    """Solve a scenario file against its baseline with minimal disruption; print summary and moves.

    Exit status 0 with a schedule, 1 when there is none (the reason is printed), 2 for bad input.
    """
    with guard(), _verified():
        outputs = output or []
        _check_outputs(outputs, save_baseline, save_program)
        given = read_schedule(baseline) if baseline is not None else None
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
        with _progress(file) as show:
            result = replan(
                file,
                options,
                show,
                given,
                budget,
                pin or (),
                pin_option="--pin",
                baseline_source=str(baseline) if baseline else None,
                stage=show.stage,
            )
        resolved = result.result.scenario
        assert resolved is not None
        out.print(
            f"[bold]{resolved.scenario.name}[/]  ({' <- '.join(p.name for p in reversed(resolved.chain))})",
            highlight=False,
        )
        _finish(result, outputs, save_baseline, save_program, result.report.baseline.source)


@app.command("scenario-schema")
def scenario_schema_command() -> None:
    """Print the JSON Schema of scenario files (for editors that validate and complete YAML)."""
    out.print_json(json.dumps(Scenario.model_json_schema(by_alias=True)))


def _check_outputs(paths: list[Path], baseline: Path | None, program: Path | None) -> None:
    writable(paths, FORMATS)
    writable([baseline] if baseline is not None else [], FORMATS, "--save-baseline")
    writable([program] if program is not None else [], SUFFIXES, "--save-program")


class _Show:
    """Updates a status line: with the solver's progress, or with a step's description (``stage``)."""

    def __init__(self, file: Path, update: Callable[[str], None]) -> None:
        self.file, self.stage = file, update

    def __call__(self, p: Progress) -> None:
        self.stage(f"solving {self.file.name}: {p.tier} {p.value} (bound {p.bound}), {p.elapsed:.1f} s")


@contextmanager
def _progress(file: Path) -> Iterator[_Show]:
    """A status line on stderr while solving, and the callback that updates it."""
    with err.status(f"solving {file.name} ...") as status:
        yield _Show(file, status.update)


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


def _finish(
    replanned: Replanned,
    output: list[Path],
    save_baseline: Path | None,
    save_program: Path | None,
    source: str,
) -> None:
    """Print the summary, the disruption, the milestones and why there is no schedule; write the
    files (JSON with the report under ``replan``); exit with the right status."""
    result, report = replanned.result, replanned.report
    render.summary(out, result.summary())
    disruption_report(out, result, source)
    milestone_report(out, report)
    out.print(
        f"  baseline {report.baseline.fingerprint[:12]} ({report.baseline.tasks} tasks; sha256 of its "
        "task dates)" + (", replan verified by the checker" if report.verified else ""),
        highlight=False,
    )
    if report.no_schedule is not None:
        render_no_schedule(out, report.no_schedule)
    if save_baseline is not None:
        problems = replanned.baseline_violations()  # none for a solved baseline: verified already
        if problems:
            raise InputError(
                f"{source}: the baseline breaks {len(problems)} rules of the program "
                f"(first: {problems[0].message}); not writing it to {save_baseline}"
            )
        write_schedule(
            save_baseline,
            result.base_program,
            result.baseline,
            summarize(result.base_program, result.baseline),
        )
        out.print(f"wrote baseline {save_baseline}")
    if save_program is not None:
        write_program(save_program, result.program, f"{report.scenario}: the changed program of a replan")
        out.print(f"wrote program {save_program}")
    for path in output:
        write_schedule(
            path,
            result.program,
            result.schedule,
            result.summary(),
            extra={"replan": report.model_dump(mode="json")},
        )
        out.print(f"wrote {path}")
    if not result.schedule.has_plan:
        raise typer.Exit(1)


def milestone_report(console: Console, report: ReplanReport) -> None:
    """Print every milestone with a deadline or target: before, after, the change, and the chain
    that carried the slip (as ``planner compare`` finds it)."""
    if not report.milestones:
        return
    table = Table(title="Milestones and projects with a deadline or target", title_justify="left")
    for column in ("milestone", "deadline", "target", "baseline", "now", "Δ wd", "why"):
        table.add_column(column, overflow="fold")
    for m in report.milestones:
        delta = (
            ""
            if m.working_days is None
            else "0"
            if m.working_days == 0
            else (f"[{'red' if m.working_days > 0 else 'green'}]{m.working_days:+d}[/]")
        )
        table.add_row(
            m.key if m.kind == "milestone" else f"project {m.key}",
            str(m.deadline or ""),
            str(m.target or ""),
            str(m.baseline or ""),
            str(m.date or ("none" if report.status.value in ("infeasible", "unknown") else "")),
            delta,
            escape(_why(m)),
        )
    console.print(table)


def disruption_report(console: Console, result: Replan, source: str) -> None:
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
    console.print(
        f"  {d.moved} task{'s' if d.moved != 1 else ''} moved, {d.total_shift} working days "
        f"of shift in total; {len(d.restaffed)} restaffed",
        highlight=False,
    )
    if d.added or d.removed:
        console.print(
            f"  {len(d.added)} new tasks (placed freely), {len(d.removed)} baseline tasks "
            "no longer in the program",
            highlight=False,
        )
    before, after = _finish_date(result.baseline), _finish_date(result.schedule)
    if before and after:
        delta = working_days_between(result.program.calendar, before, after)
        console.print(f"  program finish {before} -> {after} ({delta:+d} working days)", highlight=False)
    if d.moves:
        table = Table(
            title=f"Biggest moves ({min(len(d.moves), _MOVES_SHOWN)} of {d.moved})", title_justify="left"
        )
        for column in ("task", "baseline", "now", "start shift (wd)", "finish shift (wd)"):
            table.add_column(column)
        for move in d.moves[:_MOVES_SHOWN]:
            table.add_row(
                move.key,
                _span(move.baseline_start, move.baseline_finish),
                _span(move.start, move.finish),
                f"{move.shift:+d}",
                f"{move.finish_shift:+d}",
            )
        console.print(table)


def _why(m: MilestoneChange) -> str:
    """The origin of a milestone's slip and its chain, shortened as ``planner compare`` shows it."""
    if not m.tasks:
        return m.origin or ""
    tasks = list(m.tasks)
    chain = " -> ".join(tasks) if len(tasks) <= 4 else f"{tasks[0]} -> {tasks[1]} -> ... -> {tasks[-1]}"
    links = len(tasks) - 1
    return f"{m.origin or 'no changed item on the chain'}: {chain} ({links} link{'s' if links != 1 else ''})"


def _span(start: dt.date, finish: dt.date) -> str:
    return str(start) if start == finish else f"{start} .. {finish}"


def _finish_date(schedule: Schedule) -> dt.date | None:
    return max((t.finish for t in schedule.tasks), default=None) if schedule.has_plan else None


__all__ = [
    "disruption_report",
    "milestone_report",
    "scenario_schema_command",
    "solve_scenario_command",
    "whatif_command",
]
