"""How far a schedule moved from a baseline: the one definition of "moved" and "shift".

Every report of a replan (``planner whatif`` and ``solve-scenario``, ``planner compare``,
``planner batch``, the HTTP API and the HTML report) counts moves here:

- a task **moved** when it is in both schedules and its start date or its finish date differs
  from the baseline (a task that starts on the same day but now takes longer has moved);
- its **shift** is the number of working days between its baseline start and its new start,
  counted on the calendar of the replanned program (positive: later;
  :func:`planner.analysis.facts.working_days.working_days_between`); its **finish shift** the
  same for the two finish dates;
- the **total shift** of a replan sums the absolute start shifts of the moved tasks.

Tasks only in one of the two schedules are listed (added, removed), not counted.

The solver's stability tiers (:mod:`planner.solvers.stability`) minimise the same total shift,
and as ``moved`` the tasks whose start differs; the two counts differ only by tasks that keep
their start while their finish changes (a changed duration or calendar), which the solver
cannot avoid moving anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from pydantic import BaseModel, ConfigDict

from planner.analysis.facts.working_days import working_days_between
from planner.models import Calendar, Program, Schedule, ScheduledTask

_FROZEN = ConfigDict(frozen=True)


class Move(BaseModel):
    """One task whose start or finish differs from the baseline.

    ``shift`` and ``finish_shift`` are in working days of the replanned program's calendar,
    positive when the task now starts (finishes) later; ``calendar_days`` is the start shift in
    calendar days.
    """

    model_config = _FROZEN

    key: str
    baseline_start: dt.date
    start: dt.date
    shift: int
    baseline_finish: dt.date
    finish: dt.date
    finish_shift: int = 0
    calendar_days: int = 0


class Disruption(BaseModel):
    """The difference between a replanned schedule and its baseline.

    Parameters
    ----------
    moved
        Tasks in both schedules whose start or finish date differs.
    total_shift
        Sum over moved tasks of the working days between the two starts (absolute values).
    moves
        The moved tasks, the biggest start shift first (then the biggest finish shift, then in
        schedule order).
    restaffed
        Tasks in both schedules done by other people (whether or not they moved).
    added
        Tasks the schedule has and the baseline does not (new work: free to go anywhere).
    removed
        Tasks the baseline has and the schedule does not (descoped work: ignored).
    """

    model_config = _FROZEN

    moved: int
    total_shift: int
    moves: tuple[Move, ...] = ()
    restaffed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def has_moved(baseline: ScheduledTask, row: ScheduledTask) -> bool:
    """Whether a task moved: its start date or its finish date differs from the baseline."""
    return (baseline.start, baseline.finish) != (row.start, row.finish)


def task_move(calendar: Calendar, baseline: ScheduledTask, row: ScheduledTask) -> Move:
    """The start and finish shifts of one task between ``baseline`` and ``row`` (moved or not)."""
    return Move(
        key=row.key,
        baseline_start=baseline.start,
        start=row.start,
        shift=working_days_between(calendar, baseline.start, row.start),
        baseline_finish=baseline.finish,
        finish=row.finish,
        finish_shift=working_days_between(calendar, baseline.finish, row.finish),
        calendar_days=(row.start - baseline.start).days,
    )


def task_shifts(baseline: Schedule, schedule: Schedule, program: Program | None = None) -> dict[str, Move]:
    """Every task in both schedules with its shifts (zero for tasks that did not move), in schedule order."""
    calendar = program.calendar if program is not None else Calendar()
    before = baseline.by_key() if baseline.has_plan else {}
    return {
        row.key: task_move(calendar, before[row.key], row)
        for row in (schedule.tasks if schedule.has_plan else ())
        if row.key in before
    }


def disruption(baseline: Schedule, schedule: Schedule, program: Program | None = None) -> Disruption:
    """How far ``schedule`` moved from ``baseline``.

    Parameters
    ----------
    baseline
        The schedule to compare against.
    schedule
        The replanned schedule.
    program
        The program of ``schedule``, whose calendar counts the working days (without it, Monday to
        Friday with no holidays).

    Returns
    -------
    Disruption
        Tasks moved, total shift, every move (biggest first), restaffed, added and removed tasks.
    """
    before = baseline.by_key() if baseline.has_plan else {}
    after = schedule.by_key() if schedule.has_plan else {}
    shifts = task_shifts(baseline, schedule, program)
    moves = [shifts[key] for key in shifts if has_moved(before[key], after[key])]
    restaffed = [key for key in shifts if set(before[key].people) != set(after[key].people)]
    order = {key: i for i, key in enumerate(after)}
    moves.sort(key=lambda m: (-abs(m.shift), -abs(m.finish_shift), order[m.key]))
    return Disruption(
        moved=len(moves),
        total_shift=sum(abs(m.shift) for m in moves),
        moves=tuple(moves),
        restaffed=tuple(restaffed),
        added=tuple(k for k in after if k not in before),
        removed=tuple(k for k in before if k not in after),
    )


def schedule_fingerprint(schedule: Schedule) -> str:
    """A hash of a schedule's task dates, to tell which baseline a replan was measured against.

    The SHA-256 (hex) of one line ``project.task,start,finish`` per task (ISO dates), sorted by
    task key, each line ending in a newline; people and the run record do not count. Anyone can
    recompute it from a schedule file.
    """
    lines = sorted(f"{t.key},{t.start.isoformat()},{t.finish.isoformat()}\n" for t in schedule.tasks)
    return hashlib.sha256("".join(lines).encode()).hexdigest()


__all__ = [
    "Disruption",
    "Move",
    "disruption",
    "has_moved",
    "schedule_fingerprint",
    "task_move",
    "task_shifts",
]
