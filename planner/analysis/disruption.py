"""How far a schedule moved from a baseline: tasks moved, total shift in working days, biggest moves.

Counted the way the solver's stability tiers count (:mod:`planner.solvers.stability`): a task
moved when it starts on another day than in the baseline, and its shift is the number of working
days between the two starts. Tasks only in one of the two schedules are listed, not counted.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from pydantic import BaseModel, ConfigDict

from planner.models import Calendar, Program, Schedule
from planner.models.calendar import WEEKDAYS

_FROZEN = ConfigDict(frozen=True)


class Move(BaseModel):
    """One task that starts on another day than in the baseline.

    ``shift`` is in working days: positive when the task now starts later.
    """

    model_config = _FROZEN

    key: str
    baseline_start: dt.date
    start: dt.date
    shift: int
    baseline_finish: dt.date
    finish: dt.date


class Disruption(BaseModel):
    """The difference between a replanned schedule and its baseline.

    Parameters
    ----------
    moved
        Tasks in both schedules that start on another day.
    total_shift
        Sum over moved tasks of the working days between the two starts.
    moves
        The moved tasks, the biggest shift first (then in schedule order).
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


def working_days_between(calendar: Calendar, first: dt.date, second: dt.date) -> int:
    """Working days from ``first`` to ``second``: the working days in ``[first, second)``, negative
    when ``second`` is earlier (0 when equal)."""
    mask = [int(day in calendar.workdays) for day in WEEKDAYS]
    holidays = np.array([h.date for h in calendar.holidays], dtype="datetime64[D]")
    return int(np.busday_count(first, second, weekmask=mask, holidays=holidays))


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
    calendar = program.calendar if program is not None else Calendar()
    before = baseline.by_key() if baseline.has_plan else {}
    after = schedule.by_key() if schedule.has_plan else {}
    moves, restaffed = [], []
    for key, row in after.items():
        old = before.get(key)
        if old is None:
            continue
        if old.start != row.start:
            moves.append(Move(key=key, baseline_start=old.start, start=row.start,
                              shift=working_days_between(calendar, old.start, row.start),
                              baseline_finish=old.finish, finish=row.finish))
        if set(old.people) != set(row.people):
            restaffed.append(key)
    order = {key: i for i, key in enumerate(after)}
    moves.sort(key=lambda m: (-abs(m.shift), order[m.key]))
    return Disruption(
        moved=len(moves), total_shift=sum(abs(m.shift) for m in moves), moves=tuple(moves),
        restaffed=tuple(restaffed), added=tuple(k for k in after if k not in before),
        removed=tuple(k for k in before if k not in after),
    )


__all__ = ["Disruption", "Move", "disruption", "working_days_between"]
