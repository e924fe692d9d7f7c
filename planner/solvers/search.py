"""How CP-SAT is steered: the branching order and the warm start, chosen by program size.

Measured on the public benchmark sets (see ``docs/benchmarks.md``); each choice here is a lever
recorded there with its effect.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.solvers.instance import Instance
from planner.solvers.objectives import Tier
from planner.solvers.variables import Variables
from planner.solvers.warmstart import ListScheduler, Placement

logger = logging.getLogger(__name__)

WARM_START_TASKS = 300
"""Programs with at least this many tasks get a list-scheduling warm start before CP-SAT."""

HINT_WARM_START = False
"""Whether CP-SAT starts from the warm start (a complete hint) or only has to beat its value.
Measured: a hint made CP-SAT stay near the list schedule; the bound alone did better."""

LIST_SHARE = 0.3
"""Share of the time limit given to list scheduling before CP-SAT (programs with a warm start)."""
LIST_MAX_SECONDS = 10.0
"""Most seconds list scheduling gets, whatever the time limit."""
BRANCH_MAX_TASKS = 1000
"""Programs with fewer tasks branch on starts (:func:`branch_on_starts`)."""

ORDER_BY_TAIL = True
"""Break ties in :func:`branch_on_starts` by the longest chain of work behind a task."""


@dataclass
class WarmStart:
    """A complete, feasible solution of the model from list scheduling, and its tier values."""

    values: dict[str, int]  # start per task key, 0/1 per assignment literal name
    tier_values: dict[str, int]
    seconds: float
    solution: list[int]  # every variable of the model, in proto order: a complete hint

    def hint(self, model: cp_model.CpModel) -> None:
        """Make this solution the model's (complete) hint."""
        model.clear_hints()
        hint = model.proto.solution_hint
        hint.vars.extend(range(len(self.solution)))
        hint.values.extend(self.solution)


def branch_on_starts(model: cp_model.CpModel, inst: Instance, var: Variables) -> None:
    """Branch on the earliest possible start first, at its smallest value; ties go to the task with
    the longest chain of work behind it (small programs only).

    This is list scheduling inside the search: the first dive builds an active schedule and later
    dives stay close to it.
    """
    if len(var.start) >= BRANCH_MAX_TASKS:
        return
    order = var.start
    if ORDER_BY_TAIL:
        tails = ListScheduler(inst).tails()
        order = sorted(var.start, key=lambda k: -tails[k])  # type: ignore[assignment]
    model.add_decision_strategy([var.start[k] for k in order], cp_model.CHOOSE_LOWEST_MIN,
                                cp_model.SELECT_MIN_VALUE)


def warm_start(model: cp_model.CpModel, inst: Instance, var: Variables, tiers: list[Tier],
               seconds: float, seed: int = 0, improved: Callable[[str, int], None] | None = None
               ) -> WarmStart | None:
    """List-schedule the program and confirm the result with CP-SAT, all decisions fixed.

    List scheduling gets a share of ``seconds`` (the solve's time limit, :data:`LIST_SHARE`, at
    most :data:`LIST_MAX_SECONDS`); the confirmation may use the rest. Returns ``None`` when the
    program is small (CP-SAT finds a first schedule at once), when list scheduling cannot meet
    every deadline and pin, or when the confirmation fails. ``improved`` is called with the
    first tier's name and value for every better list schedule (before it is confirmed).
    """
    if len(inst.tasks) < WARM_START_TASKS or getattr(var, "funded", None):
        return None  # small: CP-SAT is quicker; optional projects: list scheduling places every task
    started = time.perf_counter()
    first = tiers[0].name  # lateness, or finish when there are no targets

    def report(lateness: int, end: int) -> None:
        if improved is not None:
            improved(first, lateness if first == "lateness" else end)

    placement = ListScheduler(inst).search(min(seconds * LIST_SHARE, LIST_MAX_SECONDS), seed, report)
    if placement is None or placement.late:
        logger.info("warm start: list scheduling leaves %s tasks late or pinned elsewhere; not used",
                    placement.late if placement else "all")
        return None
    values = _values(var, placement)
    fixed = model.clone()
    for key, v in var.start.items():
        _fix(fixed, v.index, values[key])
    for a in var.assignments:
        _fix(fixed, a.literal.index, values[a.literal.name])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(seconds - (time.perf_counter() - started), 0.5)
    code = solver.solve(fixed)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        logger.warning("warm start: the list schedule was not confirmed (%s); not used", solver.status_name(code))
        return None
    tier_values = {t.name: round(solver.value(t.expr)) for t in tiers}
    took = time.perf_counter() - started
    logger.info("warm start: %s in %.2f s", tier_values, took)
    return WarmStart(values, tier_values, took, list(solver.response_proto.solution))


def _values(var: Variables, placement: Placement) -> dict[str, int]:
    values = dict(placement.start)
    for a in var.assignments:
        values[a.literal.name] = int(a.person in placement.people.get((a.task, a.req), ()))
    return values


def _fix(model: cp_model.CpModel, index: int, value: int) -> None:
    domain = model.proto.variables[index].domain
    domain.clear()
    domain.extend([value, value])
