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

from planner.models import Program, Schedule, SolveStatus
from planner.solvers.cpsat import new_solver, run, scheduled_tasks, solution_values, unfunded
from planner.solvers.options import SolveOptions
from planner.solvers.solve import build_model

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
    model, inst, var, funding = build_model(program, extra_funding=True)
    extras = funding.extra if funding is not None else {}
    if extras:
        model.minimize(sum(extras.values()))
    solver = new_solver(options)
    code = run(solver, model, "funding-gap model")
    if code == cp_model.INFEASIBLE:
        return FundingGap("no_amount")
    if code == cp_model.UNKNOWN:
        return FundingGap("unknown")
    found = {label: int(solver.value(v)) for label, v in extras.items() if solver.value(v) > 0}
    logger.info("funding gap of %s: %s (%s)", program.name, found, solver.status_name(code))
    values = solution_values(solver, var)
    schedule = Schedule(
        program=program.name,
        status=SolveStatus.FEASIBLE,
        tasks=scheduled_tasks(inst, var, values),
        unfunded=unfunded(var, values),
    )
    return FundingGap("found", found, code == cp_model.OPTIMAL, schedule)
