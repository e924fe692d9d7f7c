"""Time without a solver: the dates a change is measured from, and a day no schedule reaches."""

from __future__ import annotations

import datetime as dt
import graphlib

from planner.models import Link, Program


def earliest_starts(program: Program) -> dict[str, int]:
    """Each task's earliest start (working day) from releases, fixed starts and dependencies.

    A forward pass over the dependencies that ignores roles and people: the date a slip is
    measured from when there is no baseline schedule. A task with a fixed start stays on it
    (its links do not push it); any other starts on the latest of its project's and its own
    release and what each link allows (see :func:`planner.analysis.network.bound_on_start`, the
    same rule).
    """
    wd = program.working_days
    early: dict[str, int] = {}
    for key, (project, task) in program.tasks.items():
        days = [wd.index_on_or_after(d) for d in (project.release, task.release) if d is not None]
        early[key] = wd.index_on_or_after(task.fixed_start) if task.fixed_start else max(days, default=0)
    preds: dict[str, list[Link]] = {key: [] for key in program.tasks}
    for link in program.links:
        preds[link.succ].append(link)
    order = graphlib.TopologicalSorter({k: {l.pred for l in v} for k, v in preds.items()}).static_order()
    for key in order:
        if program.tasks[key][1].fixed_start is not None:
            continue
        dur = program.tasks[key][1].duration
        for link in preds[key]:
            start, pdur = early[link.pred], program.tasks[link.pred][1].duration
            anchor = start + (pdur if link.type.value[0] == "F" else 0) + link.lag
            early[key] = max(early[key], anchor - (dur if link.type.value[1] == "F" else 0))
    return early


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
