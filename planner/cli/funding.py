"""``planner fund``: answer funding scenarios for a board.

Each file (a program, a full program variant, or a scenario file over a program) is solved with
the board's objective, verified, priced and explained: the funded projects with their dates and
money, spend per period against the caps, benefits and NPV, and the reason in numbers for every
project left out. With several files a side-by-side table follows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from planner.check import money
from planner.cli.app import app, err, guard, out
from planner.cli.explain import render_no_schedule
from planner.cli.options import Seed, Workers, writable
from planner.models import Program
from planner.workflows.fund import FundingAnswer, fund
from planner.workflows.options import Progress, SolveOptions

_STYLE = {"optimal": "bold green", "feasible": "bold yellow", "infeasible": "bold red", "unknown": "bold red"}


@app.command("fund")
def fund_command(
    program_file: Annotated[
        Path, typer.Argument(help="Program or scenario file (.yaml, .yml or .json).", show_default=False)
    ],
    scenarios: Annotated[
        list[Path] | None,
        typer.Argument(help="Funding scenarios: program variants or scenario files.", show_default=False),
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", "-t", min=0.1, help="Seconds for each scenario's solve.")
    ] = 30.0,
    workers: Workers = 0,
    seed: Seed = 0,
    explain: Annotated[
        bool, typer.Option("--explain/--no-explain", help="Explain every project left out.")
    ] = True,
    explain_time: Annotated[
        float,
        typer.Option("--explain-time-limit", min=0.1, help="Seconds for each re-solve of an explanation."),
    ] = 10.0,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write every answer to a .json file.")
    ] = None,
) -> None:
    """Solve funding scenarios: funded projects, spend against caps, NPV, and why projects are left out.

    The scenarios are solved together: each one's schedule seeds the others' warm starts, so a
    scenario never ends worse than another's schedule its program allows. A scenario without a
    schedule is explained in half the time limit: the caps, the mandatory projects and the
    funding missing, or the conflicting commitments and the priced ways out.

    Exit status 0 when every scenario has a schedule, 1 when one is infeasible or unsolved in
    time, 2 for bad input.
    """
    with guard():
        writable([output] if output is not None else [], (".json",))
        files = [program_file, *(scenarios or [])]
        options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed)
        again = SolveOptions(time_limit=explain_time, workers=workers, seed=seed)
        with err.status(f"solving {files[0].name} ...") as status:

            def show(i: int, p: Progress) -> None:
                status.update(
                    f"solving {files[i].name}: {p.tier} {p.value} (bound {p.bound}), {p.elapsed:.1f} s"
                )

            def stage(i: int, step: str) -> None:
                status.update(f"{step}: {files[i].name} ...")

            # solved together: each scenario's schedule seeds the others' warm starts
            answers = fund(files, options, explain=explain, explain_options=again, progress=show, stage=stage)
        for funded in answers:
            assert funded.path is not None
            render(out, funded.path, funded.program, funded.answer, funded.title)
            if funded.no_schedule is not None:
                render_no_schedule(out, funded.no_schedule)
        if len(answers) > 1:
            side_by_side(out, [(funded.path or Path(funded.title), funded.answer) for funded in answers])
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            document = [
                {
                    "file": str(funded.path),
                    **funded.answer.model_dump(mode="json"),
                    **(
                        {"no_schedule": funded.no_schedule.model_dump(mode="json")}
                        if funded.no_schedule is not None
                        else {}
                    ),
                }
                for funded in answers
            ]
            output.write_text(json.dumps(document, indent=2) + "\n")
            out.print(f"wrote {output}")
        if any(not funded.answer.schedule.has_plan for funded in answers):
            raise typer.Exit(1)


def render(
    console: Console, path: Path, program: Program, answer: FundingAnswer, title: str | None = None
) -> None:
    """Print one funding answer: headline, projects, money, budget, benefits and exclusions.

    ``title`` heads it (default: the program's name; a scenario's adds its own name).
    """
    console.rule(f"[bold]{path.name}[/]: {title or program.name}")
    console.print(
        f"status [{_STYLE[answer.status.value]}]{answer.status.value}[/]  {answer.quality}", highlight=False
    )
    report = answer.report
    if report is None:
        return
    cur = report.currency
    console.print(f"funded: [bold]{', '.join(answer.funded)}[/]; finish {answer.finish}")
    if answer.unfunded:
        console.print(f"left out: [bold yellow]{', '.join(answer.unfunded)}[/]")
    console.print(
        f"cost {money(report.total_cost, cur)}, benefit NPV {money(report.benefit_npv, cur)}, "
        f"[bold]net value {money(report.net_value, cur)}[/] (cash NPV with costs discounted "
        f"{money(report.cash_npv, cur)})",
        highlight=False,
    )
    table = Table(title="Projects", title_justify="left")
    for column in ("project", "funding", "funded", "delivered", "cost", "benefit NPV", "net value"):
        table.add_column(
            column, justify="right" if column in ("cost", "benefit NPV", "net value") else "left"
        )
    for p in report.projects:
        table.add_row(
            p.project,
            p.funding,
            "yes" if p.funded else "[yellow]no[/]",
            str(p.delivered or ""),
            money(p.cost),
            money(p.benefit_npv),
            money(p.net_value),
        )
    console.print(table)
    if report.budget:
        carry = any(row.running is not None for row in report.budget)
        table = Table(title=f"Spend against the caps ({cur or 'currency units'})", title_justify="left")
        columns = (
            ["period", "spend", "cap"] + (["spent so far", "caps so far"] if carry else []) + ["headroom"]
        )
        for column in columns:
            table.add_column(column, justify="left" if column == "period" else "right")
        for row in report.budget:
            cells = [row.period, money(row.spend), "" if row.cap is None else money(row.cap)]
            if carry:
                cells += [
                    "" if row.running is None else money(row.running),
                    "" if row.running_cap is None else money(row.running_cap),
                ]
            cells.append("" if row.headroom is None else money(row.headroom))
            table.add_row(*cells)
        if report.total_cap is not None:
            table.add_row(
                "total",
                money(report.total_cost),
                money(report.total_cap),
                *([""] * (2 if carry else 0)),
                money(report.total_cap - report.total_cost),
            )
        console.print(table)
    if report.benefit_by_month:
        by_year: dict[str, int] = defaultdict(int)
        for month, amount in report.benefit_by_month.items():
            by_year[month[:4]] += amount
        console.print(
            "benefits per year (undiscounted): "
            + ", ".join(f"{year} {money(v, cur)}" for year, v in by_year.items()),
            highlight=False,
        )
    for e in answer.exclusions:
        mark = "[green]checked[/]" if e.verified else "[yellow]not re-solved[/]"
        console.print(f"  [bold]{e.project}[/] left out ({e.kind}, {mark}): {e.message}", highlight=False)


def side_by_side(console: Console, answers: list[tuple[Path, FundingAnswer]]) -> None:
    """One row per funding scenario: status, funded set, money and finish."""
    table = Table(title="Funding scenarios side by side", title_justify="left")
    for column in ("scenario", "status", "funded", "left out", "cost", "benefit NPV", "net value", "finish"):
        table.add_column(
            column, justify="right" if column in ("cost", "benefit NPV", "net value") else "left"
        )
    for path, a in answers:
        r = a.report
        table.add_row(
            path.name,
            a.status.value,
            str(len(a.funded)),
            ", ".join(a.unfunded),
            "" if r is None else money(r.total_cost),
            "" if r is None else money(r.benefit_npv),
            "" if r is None else money(r.net_value),
            str(a.finish or ""),
        )
    console.print(table)
