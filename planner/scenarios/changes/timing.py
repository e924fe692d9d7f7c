"""Time without a solver: the dates a change is measured from, and a day no schedule reaches.

The earliest starts a slip is measured from, when there is no baseline schedule, are the forward
pass of the dependency network (:func:`planner.models.network.earliest_starts`): releases, pinned
starts (a pinned task stays on its pin) and what each link allows, ignoring roles and people.
"""

from __future__ import annotations

import datetime as dt

from planner.models import Program
from planner.models.network import earliest_starts


def horizon_bound(program: Program) -> int:
    """A working day no schedule of ``program`` reaches: every dated event, then all work in a row."""
    wd = program.working_days
    dates: list[dt.date] = [program.start]
    for project in program.projects:
        dates += [d for d in (project.release, project.deadline) if d]
        dates += [project.target.date] if project.target else []
        for task in project.tasks:
            dates += [d for d in (task.release, task.deadline, task.fixed_start) if d]
            dates += [task.target.date] if task.target else []
    for role in program.roles:
        dates += [c.start for c in role.changes]
    for person in program.people:
        dates += [w.end for w in (*person.part_time, *person.leave)]
    work = sum(t.duration for _, t in program.tasks.values()) + sum(max(l.lag, 0) for l in program.links)
    return wd.index_on_or_after(max(dates)) + work + 1


__all__ = ["earliest_starts", "horizon_bound"]
