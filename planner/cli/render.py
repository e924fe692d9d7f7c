"""Rich renderings of summaries and violations for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from planner.analysis.facts.summary import Summary
from planner.models import SolveStatus

_STATUS_STYLE = {
    SolveStatus.OPTIMAL: "bold green",
    SolveStatus.FEASIBLE: "bold yellow",
    SolveStatus.INFEASIBLE: "bold red",
    SolveStatus.UNKNOWN: "bold red",
}


def count(n: int, noun: str) -> str:
    """``1 task``, ``2 tasks``, ``3 people``."""
    plural = {"person": "people"}.get(noun, noun + "s")
    return f"{n} {noun if n == 1 else plural}"


def summary(console: Console, s: Summary) -> None:
    """Print the schedule headline, per-project finishes, milestones and busiest specialists."""
    console.print(f"[bold]{s.program}[/]  status [{_STATUS_STYLE[s.status]}]{s.status.value}[/]")
    console.print(f"  {s.quality}", highlight=False)
    if s.finish is None:
        return
    console.print(f"  program: {s.start} -> [bold]{s.finish}[/] ({s.working_days} working days)")
    if s.objectives:
        console.print("  objectives: " + ", ".join(f"{k} {v}" for k, v in s.objectives.items()))
    if s.unfunded:
        console.print(f"  left out (not funded): {', '.join(s.unfunded)}")
    if s.cost is not None:
        cur = f"{s.currency} " if s.currency else ""
        console.print(
            f"  money: cost {cur}{s.cost:,}, benefit NPV {cur}{s.benefit_npv or 0:,}, "
            f"net value {cur}{s.net_value or 0:,}",
            highlight=False,
        )
    projects = Table(title="Project finish", title_justify="left")
    projects.add_column("project")
    projects.add_column("finish")
    for project, day in s.project_finish.items():
        projects.add_row(project, str(day))
    console.print(projects)
    if s.milestones:
        table = Table(title="Milestones and commitments", title_justify="left")
        for column in ("task", "date", "deadline", "margin (wd)", "target", "late (wd)"):
            table.add_column(column)
        for m in s.milestones:
            margin = "" if m.margin is None else (f"[red]{m.margin}[/]" if m.margin < 0 else str(m.margin))
            late = "" if m.late is None else (f"[red]{m.late}[/]" if m.late > 0 else "0")
            table.add_row(m.key, str(m.date), str(m.deadline or ""), margin, str(m.target or ""), late)
        console.print(table)
    if s.busiest:
        table = Table(title="Busiest specialists and roles", title_justify="left")
        for column in ("resource", "kind", "mean use of what is available", "peak", "overloaded days"):
            table.add_column(column)
        for u in s.busiest:
            peak = f"{u.peak_used}% of a day" if u.kind == "person" else count(u.peak_used, "person")
            table.add_row(u.name, u.kind, f"{u.mean_percent:.0f}%", peak, str(u.overloaded_days))
        console.print(table)
