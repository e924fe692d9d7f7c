"""The least extra funding that lets a program be scheduled: every funding cap becomes soft and
the money above it is minimised, everything else (dependencies, capacities, deadlines, pins,
funding rules) held hard.

This prices the "budget" commitment the way conflict explanations price the others: the slack
of each cap is the repair. The schedule found with it is a schedule of the program with its caps
raised by that much, which the caller checks against that program.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

from planner.errors import SolverBug
from planner.models import Program, Schedule, ScheduledTask, SolveStatus
from planner.solvers import constraints
from planner.solvers.funding import add_funding
from planner.solvers.instance import Instance, build_instance
from planner.solvers.options import SolveOptions
from planner.solvers.variables import Variables, build_variables

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FundingGap:
    """What money would make a program schedulable.

    Parameters
    ----------
    status
        ``found``: ``extra`` is enough (``optimal`` says whether it is proven least);
        ``no_amount``: no extra funding helps (capacities, deadlines or dependencies block);
        ``unknown``: nothing was found in the time limit.
    extra
        Extra funding needed per period label, and under ``total`` for the total cap (only
        amounts above zero).
    schedule
        With ``found``: a schedule of the program with its caps raised by ``extra``.
    """

    status: Literal["found", "no_amount", "unknown"]
    extra: dict[str, int] = field(default_factory=dict)
    optimal: bool = False
    schedule: Schedule | None = None


def funding_gap(program: Program, options: SolveOptions | None = None) -> FundingGap:
    """The least extra funding, per capped period and in total, that lets ``program`` be scheduled.

    Parameters
    ----------
    program
        A validated program, usually a variant with a left-out project made mandatory.
    options
        Time limit, workers and seed of the one optimisation.
    """
    options = options or SolveOptions(time_limit=10.0)
    inst = build_instance(program)
    model = cp_model.CpModel()
    var = build_variables(model, inst)
    constraints.dependencies(model, inst, var)
    constraints.roles(model, inst, var)
    constraints.people(model, inst, var)
    funding = add_funding(model, inst, var, extra=True)
    extras = funding.extra if funding is not None else {}
    if extras:
        model.minimize(sum(extras.values()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = options.time_limit
    solver.parameters.num_workers = options.workers
    solver.parameters.random_seed = options.seed
    code = solver.solve(model)
    if code == cp_model.MODEL_INVALID:
        raise SolverBug(f"CP-SAT rejected the funding-gap model: {model.validate()}")
    if code == cp_model.INFEASIBLE:
        return FundingGap("no_amount")
    if code == cp_model.UNKNOWN:
        return FundingGap("unknown")
    found = {label: int(solver.value(v)) for label, v in extras.items() if solver.value(v) > 0}
    logger.info("funding gap of %s: %s (%s)", program.name, found, solver.status_name(code))
    return FundingGap("found", found, code == cp_model.OPTIMAL, _schedule(solver, inst, var))


def _schedule(solver: cp_model.CpSolver, inst: Instance, var: Variables) -> Schedule:
    """The solver's current solution as a schedule (funded tasks only, with their people)."""
    wd = inst.program.working_days
    people: dict[str, list[str]] = {}
    for a in var.assignments:
        if solver.value(a.literal):
            people.setdefault(a.task, []).append(a.person)
    left_out = tuple(p for p, lit in var.funded.items() if not solver.value(lit))
    rows = []
    for key, task in inst.tasks.items():
        if task.project in left_out:
            continue
        start = int(solver.value(var.start[key]))
        rows.append(ScheduledTask(project=task.project, task=key.split(".", 1)[1], start=wd.date(start),
                                  finish=wd.date(inst.finish_index(key, start)), people=tuple(people.get(key, ()))))
    return Schedule(program=inst.program.name, status=SolveStatus.FEASIBLE, tasks=tuple(rows), unfunded=left_out)
