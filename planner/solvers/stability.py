"""The stability tiers: replan against a baseline schedule, moving as few tasks as little as possible.

After the business tiers (lateness, finish, the secondary aim) have been optimised and are held,
two more tiers are optimised lexicographically:

1. ``moved``: the number of tasks whose start or finish date differs from the baseline's (as
   :mod:`planner.analysis.comparison.disruption` counts them: a task that keeps its start but takes longer
   has moved);
2. ``shift``: the total shift of those starts, in working days (absolute values summed);
3. ``restaffed``: the number of baseline assignments (a task and a person who does it) given to
   someone else, so that who does what stays put too.

Only tasks both in the program and in the baseline count: baseline tasks that no longer exist are
ignored and new tasks are free. The baseline is given to CP-SAT as the solution hint.

Two options constrain every tier, not only the last: a disruption budget (at most K tasks move)
and pins (tasks, or every task of a project, kept at their baseline start). Because they are hard,
the business tiers are the best the budget and pins allow; when no schedule keeps to them the
solve reports ``infeasible``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.errors import PlannerError
from planner.models import Schedule, ScheduledTask
from planner.models.validation import closest
from planner.solvers.instance import Instance
from planner.solvers.objectives import Tier
from planner.solvers.variables import Variables

logger = logging.getLogger(__name__)


class StabilityInvalid(PlannerError):
    """A pin names a task or project the program does not have, or one the baseline does not place."""


@dataclass(frozen=True)
class Stability:
    """How closely a replan must keep to its baseline.

    Parameters
    ----------
    budget
        At most this many tasks may start on another day than in the baseline (``None``: any).
    pin
        Task keys (``project.task``) or project ids whose tasks keep their baseline start.
    """

    budget: int | None = None
    pin: tuple[str, ...] = ()


def baseline_starts(inst: Instance, baseline: Schedule) -> dict[str, int]:
    """Working-day start in the baseline of every task of the program the baseline places."""
    wd = inst.program.working_days
    if not baseline.has_plan:
        return {}
    return {row.key: wd.index_on_or_after(row.start) for row in baseline.tasks if row.key in inst.tasks}


def pinned_tasks(inst: Instance, pins: tuple[str, ...], planned: dict[str, int]) -> list[str]:
    """The task keys ``pins`` name (a project id names all its tasks).

    Raises
    ------
    StabilityInvalid
        A pin names no task or project of the program, or a task the baseline does not place.
    """
    projects = {t.project for t in inst.tasks.values()}
    keys: list[str] = []
    for ref in pins:
        if ref in inst.tasks:
            named = [ref]
        elif ref in projects:
            named = [k for k, t in inst.tasks.items() if t.project == ref]
        else:
            hint = closest(ref, [*inst.tasks, *projects])
            raise StabilityInvalid(f"pin: unknown task or project '{ref}'{hint}")
        missing = [k for k in named if k not in planned]
        if ref in inst.tasks and missing:
            raise StabilityInvalid(f"pin: {ref} is not in the baseline schedule, so it has no place to keep")
        keys.extend(k for k in named if k in planned)
    return list(dict.fromkeys(keys))


def add_stability(
    model: cp_model.CpModel,
    inst: Instance,
    var: Variables,
    baseline: Schedule,
    stability: Stability | None = None,
) -> list[Tier]:
    """Add the stability variables, budget and pins to ``model``, hint the baseline, return the tiers.

    Parameters
    ----------
    model, inst, var
        The compiled program.
    baseline
        The schedule to stay close to.
    stability
        Budget and pins.

    Returns
    -------
    list[Tier]
        ``moved``, ``shift`` and (when the baseline names people) ``restaffed``, to optimise
        after the business tiers (empty when the baseline shares no task with the program).
    """
    stability = stability or Stability()
    planned = baseline_starts(inst, baseline)
    pins = pinned_tasks(inst, stability.pin, planned)
    if not planned:
        logger.warning("the baseline places no task of %s; nothing to keep stable", inst.program.name)
        return []
    people = {row.key: set(row.people) for row in baseline.tasks}
    rows = {row.key: row for row in baseline.tasks}
    moved: list[cp_model.IntVar | int] = []
    shifts = []
    for key, day in planned.items():
        start = var.start[key]
        shift = model.new_int_var(0, max(inst.horizon, day) + 1, f"shift[{key}]")
        model.add_abs_equality(shift, start - day)
        model.add_hint(start, day)
        shifts.append(shift)
        if _moved_anyway(inst, key, day, rows[key]):
            moved.append(1)
            continue
        is_moved = model.new_bool_var(f"moved[{key}]")
        model.add(start == day).only_enforce_if(~is_moved)
        model.add(shift >= 1).only_enforce_if(is_moved)
        moved.append(is_moved)
    for key in pins:
        model.add(var.start[key] == planned[key]).with_name(f"pin[{key}]")
    if stability.budget is not None:
        model.add(sum(moved) <= stability.budget).with_name("disruption budget")
    kept = []  # (task, person) pairs of the baseline that the replan may keep
    for a in var.assignments:
        if a.task in people and a.task in planned:
            model.add_hint(a.literal, a.person in people[a.task])
            if a.person in people[a.task]:
                kept.append(a.literal)
    logger.info(
        "stability: %d baseline tasks, %d pinned, budget %s", len(planned), len(pins), stability.budget
    )
    tiers = [Tier("moved", sum(moved)), Tier("shift", sum(shifts))]
    if kept:
        tiers.append(Tier("restaffed", len(kept) - sum(kept)))
    return tiers


def _moved_anyway(inst: Instance, key: str, day: int, row: ScheduledTask) -> bool:
    """Whether a task's dates differ from the baseline's even at its baseline start (a new duration, say)."""
    wd = inst.program.working_days
    return wd.date(day) != row.start or wd.date(inst.finish_index(key, day)) != row.finish


def stability_values(
    inst: Instance,
    baseline: Schedule,
    start: Mapping[str, int],
    people: Mapping[tuple[str, int], Sequence[str]],
) -> dict[str, int]:
    """The value of each tier :func:`add_stability` returns for the schedule with these starts and
    people per (task, requirement index), computed without a model (see
    :func:`planner.solvers.objectives.tier_values`)."""
    planned = baseline_starts(inst, baseline)
    if not planned:
        return {}
    rows = {row.key: row for row in baseline.tasks}
    out = {
        "moved": sum(
            1 for key, day in planned.items() if _moved_anyway(inst, key, day, rows[key]) or start[key] != day
        ),
        "shift": sum(abs(start[key] - day) for key, day in planned.items()),
    }
    kept = chosen = 0
    for key in planned:
        before = set(rows[key].people)
        for r, (_, eligible) in enumerate(inst.tasks[key].people_reqs):
            for person in eligible:
                if person in before:
                    kept += 1
                    chosen += person in people.get((key, r), ())
    if kept:
        out["restaffed"] = kept - chosen
    return out


__all__ = [
    "Stability",
    "StabilityInvalid",
    "add_stability",
    "baseline_starts",
    "pinned_tasks",
    "stability_values",
]
