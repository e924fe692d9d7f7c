"""A schedule as tables: tasks, assignments and daily load against capacity."""

from __future__ import annotations

import pandas as pd

from planner.analysis.facts.load import daily_load
from planner.models import Program, Schedule


def tasks_table(program: Program, schedule: Schedule) -> pd.DataFrame:
    """One row per task: project, task, name, duration, start, finish, people (``;``-separated)."""
    rows = []
    for item in schedule.tasks:
        _, task = program.tasks[item.key]
        rows.append(
            {
                "project": item.project,
                "task": item.task,
                "name": task.label,
                "duration": task.duration,
                "start": item.start,
                "finish": item.finish,
                "people": ";".join(item.people),
                "deadline": task.deadline,
                "target": task.target.date if task.target else None,
            }
        )
    return pd.DataFrame(
        rows,
        columns=["project", "task", "name", "duration", "start", "finish", "people", "deadline", "target"],
    )


def assignments_table(program: Program, schedule: Schedule) -> pd.DataFrame:
    """One row per person on a task, and per role requirement (with its head count)."""
    rows = []
    for item in schedule.tasks:
        _, task = program.tasks[item.key]
        for req in task.requires:
            if req.role is not None:
                rows.append(
                    {
                        "project": item.project,
                        "task": item.task,
                        "kind": "role",
                        "resource": req.role,
                        "count": req.count,
                        "start": item.start,
                        "finish": item.finish,
                    }
                )
        for person in item.people:
            rows.append(
                {
                    "project": item.project,
                    "task": item.task,
                    "kind": "person",
                    "resource": person,
                    "count": 1,
                    "start": item.start,
                    "finish": item.finish,
                }
            )
    return pd.DataFrame(rows, columns=["project", "task", "kind", "resource", "count", "start", "finish"])


def load_table(program: Program, schedule: Schedule) -> pd.DataFrame:
    """One row per resource and working day: used against available (people in percent)."""
    return pd.DataFrame(
        [
            {"kind": x.kind, "resource": x.resource, "day": x.day, "used": x.used, "available": x.available}
            for x in daily_load(program, schedule)
        ],
        columns=["kind", "resource", "day", "used", "available"],
    )
