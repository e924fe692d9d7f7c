"""A comparison as tables (pandas), for CSV and Excel files and for the HTML report.

Every table is one pandas DataFrame with plain columns: dates as ``datetime.date``, shifts as
integers, empty cells as ``None``.
"""

from __future__ import annotations

import pandas as pd

from planner.analysis.comparison.compare import Comparison, ScenarioResult

TABLES = ("scenarios", "dates", "moved", "causes", "load", "load_weekly", "tasks")
"""The tables of a comparison, in the order files hold them."""


def _runs(runs: tuple) -> str:
    return "; ".join(f"{r.first}" if r.days == 1 else f"{r.first} to {r.last} ({r.days} wd)" for r in runs)


def scenarios_table(comparison: Comparison) -> pd.DataFrame:
    """One row per schedule (the base first): status, finish and its change, moves, cost, changes."""
    rows = []
    base_days = comparison.base.working_days

    def row(s: ScenarioResult) -> dict[str, object]:
        delta = None if s.working_days is None or base_days is None else s.working_days - base_days
        return {
            "scenario": s.name,
            "status": s.status.value,
            "finish": s.finish,
            "working_days": s.working_days,
            "finish_change_wd": delta,
            "moved_tasks": s.moved_count,
            "total_shift_wd": s.total_shift,
            "added_tasks": len(s.added_tasks),
            "removed_tasks": len(s.removed_tasks),
            "milestones_moved": len(s.causes),
            "cost": s.cost,
            "cost_change": s.cost_change,
            "solve_time_s": s.solve_time,
            "changes": "; ".join(s.changes),
        }

    rows = [row(comparison.base), *(row(s) for s in comparison.scenarios)]
    return pd.DataFrame(rows)


def dates_table(comparison: Comparison) -> pd.DataFrame:
    """Program, projects and milestones: the base date, then per scenario its date and differences.

    Columns per scenario ``S``: ``S``, ``S wd`` (working days later than the base) and ``S days``
    (calendar days).
    """
    rows = []
    for r in comparison.dates:
        row: dict[str, object] = {
            "kind": r.kind,
            "key": r.key,
            "name": r.name,
            "deadline": r.deadline,
            "target": r.target,
            "base": r.base,
        }
        for d in r.scenarios:
            row[d.scenario] = d.date
            row[f"{d.scenario} wd"] = d.working_days
            row[f"{d.scenario} days"] = d.calendar_days
        rows.append(row)
    return pd.DataFrame(rows)


def moved_table(comparison: Comparison) -> pd.DataFrame:
    """One row per task that moved in a scenario, with its dates and shifts."""
    columns = [
        "scenario",
        "task",
        "base_start",
        "base_finish",
        "start",
        "finish",
        "start_shift_wd",
        "finish_shift_wd",
        "start_shift_days",
    ]
    rows = [
        [
            s.name,
            m.key,
            m.base_start,
            m.base_finish,
            m.start,
            m.finish,
            m.start_shift,
            m.finish_shift,
            m.calendar_days,
        ]
        for s in comparison.scenarios
        for m in s.moved
    ]
    return pd.DataFrame(rows, columns=columns)


def causes_table(comparison: Comparison) -> pd.DataFrame:
    """One row per milestone that moved: the shift, where the slip starts, and the chain in words."""
    columns = ["scenario", "milestone", "shift_wd", "read_from", "origin", "links", "chain"]
    rows = [
        [s.name, c.milestone, c.shift, c.read_from, c.origin, len(c.steps) - 1, c.text]
        for s in comparison.scenarios
        for c in s.causes
    ]
    return pd.DataFrame(rows, columns=columns)


def load_table(comparison: Comparison) -> pd.DataFrame:
    """One row per scenario and resource used: peaks and days over capacity, avoided and created."""
    columns = [
        "scenario",
        "kind",
        "resource",
        "name",
        "base_peak",
        "peak",
        "peak_change",
        "base_overloaded_days",
        "overloaded_days",
        "overloads_avoided",
        "overloads_created",
    ]
    rows = [
        [
            s.name,
            x.kind,
            x.resource,
            x.name,
            x.base_peak,
            x.peak,
            x.peak_change,
            x.base_overloaded_days,
            x.overloaded_days,
            _runs(x.avoided),
            _runs(x.created),
        ]
        for s in comparison.scenarios
        for x in s.load
    ]
    return pd.DataFrame(rows, columns=columns)


def load_weekly_table(comparison: Comparison) -> pd.DataFrame:
    """Weekly peak use against the smallest capacity of the week, per schedule and resource."""
    columns = ["scenario", "kind", "resource", "name", "week", "peak", "capacity", "overloaded_days"]
    rows = [
        [s.scenario, s.kind, s.resource, s.name, w.week, w.peak, w.capacity, w.overloaded_days]
        for s in comparison.load_series
        for w in s.weeks
    ]
    return pd.DataFrame(rows, columns=columns)


def tasks_table(comparison: Comparison) -> pd.DataFrame:
    """Every task of every schedule (the bars of the Gantt chart)."""
    columns = ["scenario", "task", "project", "name", "start", "finish", "milestone"]
    rows = [[b.scenario, b.key, b.project, b.name, b.start, b.finish, b.milestone] for b in comparison.bars]
    return pd.DataFrame(rows, columns=columns)


def comparison_tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    """All tables of :data:`TABLES`, by name."""
    return {
        "scenarios": scenarios_table(comparison),
        "dates": dates_table(comparison),
        "moved": moved_table(comparison),
        "causes": causes_table(comparison),
        "load": load_table(comparison),
        "load_weekly": load_weekly_table(comparison),
        "tasks": tasks_table(comparison),
    }


__all__ = [
    "TABLES",
    "causes_table",
    "comparison_tables",
    "dates_table",
    "load_table",
    "load_weekly_table",
    "moved_table",
    "scenarios_table",
    "tasks_table",
]
