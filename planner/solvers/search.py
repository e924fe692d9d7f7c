"""How CP-SAT is steered: parameters by model size, the branching order, and the warm start.

Measured on the public benchmark sets (see ``docs/benchmarks.md``); each choice here is a lever
recorded there with its effect.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.solvers.instance import Instance
from planner.solvers.objectives import Tier
from planner.solvers.variables import Variables
from planner.solvers.warmstart import ListScheduler, Placement

logger = logging.getLogger(__name__)

WARM_START_TASKS = 1000
"""Programs with at least this many tasks get a list-scheduling warm start before CP-SAT."""


@dataclass
class WarmStart:
    """A complete, feasible solution of the model from list scheduling, and its tier values."""

    values: dict[str, int]  # start per task key, 0/1 per assignment literal name
    tier_values: dict[str, int]
    seconds: float


def branch_on_starts(model: cp_model.CpModel, var: Variables) -> None:
    """Branch on the earliest possible start first, at its smallest value.

    This is list scheduling inside the search: the first dive builds an active schedule and later
    dives stay close to it.
    """
    model.add_decision_strategy(list(var.start.values()), cp_model.CHOOSE_LOWEST_MIN,
                                cp_model.SELECT_MIN_VALUE)


def tune(solver: cp_model.CpSolver, inst: Instance) -> dict[str, str]:
    """Parameters by model size; returns the ones set, for the solve record."""
    chosen: dict[str, object] = {}
    for name, value in chosen.items():
        setattr(solver.parameters, name, value)
    return {name: str(value) for name, value in chosen.items()}


def warm_start(model: cp_model.CpModel, inst: Instance, var: Variables, tiers: list[Tier],
               seconds: float, seed: int = 0) -> WarmStart | None:
    """List-schedule the program and confirm the result with CP-SAT, all decisions fixed.

    Returns ``None`` when the program is small (CP-SAT finds a first schedule at once), when list
    scheduling cannot meet every deadline and pin, or when the confirmation fails.
    """
    if len(inst.tasks) < WARM_START_TASKS or getattr(var, "funded", None):
        return None  # small: CP-SAT is quicker; optional projects: list scheduling places every task
    started = time.perf_counter()
    placement = ListScheduler(inst).search(seconds * 0.3, seed)
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
    return WarmStart(values, tier_values, took)


def _values(var: Variables, placement: Placement) -> dict[str, int]:
    values = dict(placement.start)
    for a in var.assignments:
        values[a.literal.name] = int(a.person in placement.people.get((a.task, a.req), ()))
    return values


def _fix(model: cp_model.CpModel, index: int, value: int) -> None:
    domain = model.proto.variables[index].domain
    domain.clear()
    domain.extend([value, value])
