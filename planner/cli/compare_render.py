"""Rich rendering of a comparison for the terminal: scenarios, dates, causes, load."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from planner.analysis.comparison.compare import Comparison, ScenarioResult

_STATUS = {"optimal": "green", "feasible": "yellow", "infeasible": "red", "unknown": "red"}


def _signed(value: int | None, unit: str = "") -> str:
    if value is None:
        return ""
    if value == 0:
        return "0"
    colour = "red" if value > 0 else "green"
    return f"[{colour}]{value:+d}{unit}[/]"


def _status(s: ScenarioResult) -> str:
    return f"[{_STATUS.get(s.status.value, 'white')}]{s.status.value}[/]"


def render_comparison(console: Console, comparison: Comparison, causes_shown: int = 12) -> None:
    """Print the comparison: one table of schedules, one of dates, the causes, and the load changes.

    Parameters
    ----------
    console
        Where to print.
    comparison
        The comparison.
    causes_shown
        At most this many milestone causes per scenario (all are in the JSON, CSV, Excel and HTML).
    """
    base = comparison.base
    n = len(comparison.scenarios)
    console.print(f"[bold]{comparison.program}[/]: base against {n} scenario{'s' if n != 1 else ''}")
    table = Table(title="Scenarios", title_justify="left")
    for column in ("scenario", "status", "finish", "Δ wd", "moved", "shift (wd)", "cost", "changes"):
        table.add_column(column, no_wrap=column in ("finish", "status"))
    rows = [base, *comparison.scenarios]
    for s in rows:
        delta = (
            None
            if s.working_days is None or base.working_days is None
            else s.working_days - base.working_days
        )
        cost = "" if s.cost is None else f"{s.cost:,.0f}"
        changes = "\n".join(s.changes[:6]) + (
            f"\n... {len(s.changes) - 6} more" if len(s.changes) > 6 else ""
        )
        table.add_row(
            s.name,
            _status(s),
            str(s.finish or ""),
            _signed(delta) if s is not base else "",
            str(s.moved_count) if s is not base else "",
            str(s.total_shift) if s is not base else "",
            cost,
            changes,
        )
    console.print(table)

    dates = Table(title="Dates (Δ in working days; calendar days in brackets)", title_justify="left")
    dates.add_column("")
    dates.add_column("base", no_wrap=True)
    for name in comparison.names:
        dates.add_column(name)
    for r in comparison.dates:
        if r.kind == "milestone" and not any(d.working_days for d in r.scenarios) and r.deadline is None:
            continue  # unmoved milestones without a deadline stay in the files, not on screen
        cells = []
        for d in r.scenarios:
            if d.date is None:
                cells.append("[red]none[/]" if r.base is not None else "")
            elif d.working_days:
                cells.append(f"{d.date} {_signed(d.working_days)} ({d.calendar_days:+d})")
            else:
                cells.append(str(d.date))
        label = {"program": "[bold]program[/]", "project": f"project {r.key}"}.get(r.kind, r.key)
        dates.add_row(label, str(r.base or ""), *cells)
    console.print(dates)

    for s in comparison.scenarios:
        if not s.causes:
            continue
        causes = Table(title=f"Why milestones moved: {s.name}", title_justify="left")
        for column in ("milestone", "Δ wd", "starts from", "chain"):
            causes.add_column(column)
        for c in s.causes[:causes_shown]:
            tasks = [step.task for step in reversed(c.steps)]
            chain = (
                " -> ".join(tasks) if len(tasks) <= 4 else f"{tasks[0]} -> {tasks[1]} -> ... -> {tasks[-1]}"
            )
            chain = f"{chain} ({len(tasks) - 1} link{'s' if len(tasks) != 2 else ''})"
            causes.add_row(
                c.milestone, _signed(c.shift), c.origin or "[dim]no changed item on the chain[/]", chain
            )
        if len(s.causes) > causes_shown:
            causes.caption = f"{len(s.causes) - causes_shown} more in --format json, csv, xlsx or html"
        console.print(causes)

    load = Table(title="Load changes (peak use; people in % of a day)", title_justify="left")
    for column in ("scenario", "resource", "base peak", "peak", "overload days", "created", "avoided"):
        load.add_column(column)
    for s in comparison.scenarios:
        for x in s.load:
            if not (x.peak_change or x.created or x.avoided or x.overloaded_days or x.base_overloaded_days):
                continue
            load.add_row(
                s.name,
                x.name,
                str(x.base_peak if x.base_peak is not None else "-"),
                f"{x.peak if x.peak is not None else '-'} {_signed(x.peak_change)}",
                f"{x.base_overloaded_days} -> {x.overloaded_days}",
                str(sum(r.days for r in x.created)),
                str(sum(r.days for r in x.avoided)),
            )
    if load.row_count:
        console.print(load)
    else:
        console.print("Load: no peak or overload changes.")


__all__ = ["render_comparison"]
