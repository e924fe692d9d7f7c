"""Commands ``planner lint`` and ``planner explain``, and the renderings ``planner solve`` reuses."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from planner.analysis.explanations.explanation import (
    Explanation,
    FinishExplanation,
    FundingShortfall,
    Infeasibility,
)
from planner.analysis.explanations.no_schedule import NoSchedule
from planner.analysis.explanations.wording import plural
from planner.analysis.lint import LintWarning, lint
from planner.check import money
from planner.cli import render
from planner.cli.app import app, err, guard, out
from planner.cli.options import BaselineFile, Workers
from planner.io.schedule_file import read_schedule
from planner.models import Program
from planner.scenarios.load import Applied, load_applied
from planner.workflows.explain import ExplainOptions, explain_file

ProgramFile = Annotated[
    Path,
    typer.Argument(
        help="Program file, or scenario file (its changes applied to its base).", show_default=False
    ),
]


class Format(str, Enum):
    """Output formats."""

    text = "text"
    json = "json"


def render_lint(console: Console, warnings: list[LintWarning] | tuple[LintWarning, ...]) -> None:
    """Print lint findings, one per line, warnings in yellow."""
    for w in warnings:
        style = "yellow" if w.severity == "warning" else "dim"
        console.print(
            f"[{style}]{w.severity}[/] {escape(f'[{w.rule}] {w.where}: {w.message}')}", highlight=False
        )


def show_lint(program: Program, console: Console = err) -> list[LintWarning]:
    """Lint ``program`` and print its findings (what ``planner solve`` runs before solving)."""
    warnings = lint(program)
    if warnings:
        n = sum(w.severity == "warning" for w in warnings)
        console.print(f"lint: {plural(n, 'warning')}, {plural(len(warnings) - n, 'note')}", highlight=False)
        render_lint(console, warnings)
    return warnings


def render_infeasibility(console: Console, inf: Infeasibility) -> None:
    """Print each conflict: its commitments, the dependencies linking them, and checked repairs."""
    console.print(
        f"[bold red]The commitments cannot all hold.[/] {len(inf.conflicts)} independent "
        f"conflict{'s' if len(inf.conflicts) != 1 else ''} found"
        + ("" if inf.complete else " (there may be more: the search stopped at its limit or in time)")
        + ".",
        highlight=False,
    )
    for c in inf.conflicts:
        proof = (
            "proven minimal: dropping any one of them makes the rest feasible"
            if c.proven_minimal
            else f"not proven minimal: checks timed out for {', '.join(c.not_proven)}"
        )
        console.print(f"\n[bold]Conflict {c.number}[/] ({proof}):", highlight=False)
        for m in c.commitments:
            console.print(f"  - {escape(m.text)}", highlight=False)
        if c.evidence:
            console.print(f"  why: {escape(c.evidence)}", highlight=False)
        if len(c.dependencies) > 4:
            console.print(
                f"  linked by {len(c.dependencies)} dependencies"
                + ("" if c.dependencies_proven_minimal else " (not proven minimal)")
                + ", along:"
            )
            for chain in c.chains:
                console.print(f"    {escape(chain)}", highlight=False)
        elif c.dependencies:
            console.print("  linked by:" + ("" if c.dependencies_proven_minimal else " (not proven minimal)"))
            for d in c.dependencies:
                console.print(f"    {escape(d.text)}", highlight=False)
        if c.dependencies:
            console.print(
                "  [dim](named specialists can do one thing at a time: a fact, not a commitment)[/]"
            )
        console.print("  ways out (each applied, re-solved and checked):")
        for r in c.repairs:
            mark = "[green]ok[/]" if r.verified else "[red]--[/]"
            console.print(f"    {mark} {escape(r.text)}", highlight=False)
            if r.check:
                console.print(f"       [dim]{escape(r.check)}[/]", highlight=False)
    if inf.combined is not None:
        state = "[green]feasible[/]" if inf.combined.verified else "[red]not verified[/]"
        console.print(
            f"\nAll suggested repairs together ({', '.join(inf.combined.repairs)}): {state}; "
            f"{inf.combined.check}",
            highlight=False,
        )


def render_funding(console: Console, f: FundingShortfall) -> None:
    """Print the funding caps, the mandatory projects and, when money is short, how much is missing."""
    caps = ", ".join(f"{label} {money(amount, f.currency)}" for label, amount in f.caps.items())
    console.print(
        f"[bold]Funding[/]: caps {escape(caps)} ({'with' if f.carry_over else 'no'} carry-over); "
        f"mandatory projects: {escape(', '.join(f.mandatory) or 'none')}",
        highlight=False,
    )
    if f.status == "short":
        mark = "[green]ok[/]" if f.verified else "[red]--[/]"
        missing = ", ".join(
            f"{money(amount, f.currency)} {'in total' if label == 'total' else 'in ' + label}"
            for label, amount in f.extra.items()
        )
        console.print(
            f"  {mark} [bold red]missing[/]: {escape(missing)}"
            + ("" if f.least else " (not proven least)")
            + (f"; a schedule with it finishes on {f.finish} (checked)" if f.verified else ""),
            highlight=False,
        )


def render_no_schedule(console: Console, why: NoSchedule) -> None:
    """Print why a program has no schedule: the funding missing, the conflicts and the ways out."""
    console.print(
        "[bold]Why there is no schedule[/]:"
        if why.explanation is not None
        else f"[bold]Why there is no schedule[/]: {escape(why.message)}",
        highlight=False,
    )
    if why.explanation is not None:
        render_explanation(console, why.explanation)


def render_finish(console: Console, f: FinishExplanation) -> None:
    """Print why the program or milestone ends when it does: headline, chain, contention."""
    for line in f.headline:
        console.print(escape(line), highlight=False)
    console.print("\n[bold]Critical chain[/] (from the start):")
    for step in f.chain:
        wait = f" [yellow](waited {step.waited} wd)[/]" if step.waited else ""
        over = f" [dim]over {escape(', '.join(step.holidays))}[/]" if step.holidays else ""
        span = f"{step.start}" if step.duration == 0 else f"{step.start} .. {step.finish}"
        console.print(
            f"  {span}  [bold]{escape(step.name)}[/]: {escape(step.because)}{wait}{over}", highlight=False
        )
    if f.contention:
        console.print("\n[bold]Contention[/]:")
    for c in f.contention:
        chain = " (on the critical chain)" if c.on_chain else ""
        console.print(
            f"  {escape(c.name)} ({c.kind}){chain}: mean use {c.mean_percent:.0f}%, "
            f"{len(c.waited)} task{'s' if len(c.waited) != 1 else ''} waited {c.waited_days} working days in all",
            highlight=False,
        )
        for w in c.waited[:5]:
            because = w.because or (f"behind {', '.join(w.behind)}" if w.behind else "")
            console.print(escape(f"    {w.task} waited {w.days} wd {because}".rstrip()), highlight=False)
        if c.utilisation:
            months = ", ".join(f"{m.month} {m.percent:.0f}%" for m in c.utilisation[:12])
            console.print(f"    use by month: {months}", highlight=False)
        if c.one_more is not None:
            console.print(f"    {escape(c.one_more.text)}", highlight=False)


def render_explanation(console: Console, e: Explanation) -> None:
    """Print a whole explanation as text."""
    if e.lint:
        console.print(f"[bold]Lint[/] ({len(e.lint)}):")
        render_lint(console, e.lint)
        console.print()
    if e.finish is not None:
        render_finish(console, e.finish)
        console.print(f"\n[dim]explained in {e.seconds:.1f} s[/]")
        return
    if e.funding is not None:
        render_funding(console, e.funding)
    if e.infeasibility is not None:
        render_infeasibility(console, e.infeasibility)
    else:
        console.print(f"[bold red]{e.status.value}[/]: {escape(e.message)}", highlight=False)
    console.print(f"\n[dim]explained in {e.seconds:.1f} s[/]")


@app.command("lint")
def lint_command(
    file: ProgramFile,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit status 1 when there is any warning.")
    ] = False,
    baseline: BaselineFile = None,
) -> None:
    """Warn about deadlines the dependencies cannot meet, overloaded windows, double bookings and more.

    A scenario file is linted as its changes leave its base program; slips and status dates that
    need a baseline are measured from the earliest starts when none is given (nothing is solved).
    """
    with guard():
        applied = load_applied(file, read_schedule(baseline) if baseline is not None else None)
        _say_applied(applied)
        program = applied.program
        warnings = lint(program)
        if fmt is Format.json:
            out.print_json(data=[w.model_dump(mode="json") for w in warnings])
        elif warnings:
            render_lint(out, warnings)
        else:
            out.print(f"[green]ok[/] {file}: no warnings")
        if strict and any(w.severity == "warning" for w in warnings):
            raise typer.Exit(1)


@app.command("explain")
def explain_command(
    file: ProgramFile,
    milestone: Annotated[
        str | None, typer.Option("--milestone", "-m", help="Explain this task's date (project.task).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.text,
    time_limit: Annotated[
        float, typer.Option("--time-limit", "-t", min=0.1, help="Rough seconds for the whole explanation.")
    ] = 30.0,
    workers: Workers = 0,
    conflicts: Annotated[
        int, typer.Option("--conflicts", min=1, help="Most independent conflicts to report.")
    ] = 3,
    baseline: BaselineFile = None,
    schedule: Annotated[
        Path | None,
        typer.Option(
            "--schedule",
            "-s",
            help="Explain this schedule (the one `planner solve -o` wrote: .json, .csv or "
            ".xlsx) instead of solving again, so every date is the one it gives.",
        ),
    ] = None,
) -> None:
    """Why the program (or a milestone) ends when it does, or why it cannot work and what each fix costs.

    A scenario file is explained as its changes leave its base program; when its slips or status
    date need a baseline and none is given, the base program is solved first (as solve-scenario
    does), with a quarter of the time limit.

    Exit status 0 with an explanation, 1 when neither a plan nor a conflict was found in time,
    2 for bad input.
    """
    with guard():
        options = ExplainOptions(
            time_limit=time_limit, workers=workers, milestone=milestone, conflicts=conflicts
        )
        given = read_schedule(baseline) if baseline is not None else None
        with err.status(f"explaining {file.name} ...") as status:
            explained = explain_file(file, options, given, schedule, stage=status.update)
        _say_applied(explained.applied)
        result = explained.explanation
        if fmt is Format.json:
            out.print_json(result.model_dump_json())
        else:
            render_explanation(out, result)
        if (
            result.finish is None
            and result.infeasibility is None
            and (result.funding is None or result.funding.status != "short")
        ):
            raise typer.Exit(1)


def _say_applied(applied: Applied) -> None:
    """On stderr: which scenario chain was applied, and what its changes were measured from."""
    resolved = applied.scenario
    if resolved is None:
        return
    source: str | None
    chain = " <- ".join(p.name for p in reversed(resolved.chain))
    if applied.baseline_solved:
        source = "the base program solved first"
    elif resolved.baseline_file is not None:
        source = str(resolved.baseline_file)
    elif resolved.baseline is not None:
        source = "the given baseline"
    else:
        source = "the earliest starts (no baseline)" if resolved.needs_baseline else None
    err.print(
        f"scenario {resolved.scenario.name} ({chain}), {render.count(len(resolved.changes), 'change')} applied"
        + (f", measured from {source}" if source else ""),
        highlight=False,
    )
