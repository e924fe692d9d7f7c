"""Pull every task as early as a schedule's objective values allow.

"Why does the program end then?" is answered on a schedule in which no task could start a day
earlier on its own: the objective tiers of a solved schedule are held at their values and the
``early`` tier (:func:`planner.solvers.objectives.early`) is minimised, hinted with the schedule
(docs/design.md, "Why late"). A schedule whose ``early`` tier is already proven optimal is that
schedule itself, so an explanation dates every task as the solve did.
"""

from __future__ import annotations

import logging

from ortools.sat.python import cp_model

from planner.models import Program, Schedule, TierResult
from planner.solvers.cpsat import found, new_solver, run, scheduled_tasks, solution_values, solved_tiers
from planner.solvers.objectives import EARLY
from planner.solvers.options import SolveOptions
from planner.solvers.solve import compile_program

logger = logging.getLogger(__name__)


def pull_early(
    program: Program, schedule: Schedule, options: SolveOptions | None = None
) -> tuple[Schedule, bool]:
    """A schedule with the same (or better) tier values as ``schedule`` and every task as early as possible.

    Parameters
    ----------
    program
        The program ``schedule`` plans.
    schedule
        A solved schedule (with a plan and a solve record).
    options
        Time limit and workers of this extra solve.

    Returns
    -------
    tuple[Schedule, bool]
        The pulled schedule (its record carries the tier values it reaches; ``schedule`` itself
        when nothing was found in time), and whether the ``early`` tier was proven optimal, so
        that no task has room to start earlier on its own (``schedule`` itself when its record
        already proves it).
    """
    options = options or SolveOptions(time_limit=5.0)
    if not schedule.has_plan or schedule.record is None:
        return schedule, False
    if any(t.name == EARLY and t.optimal for t in schedule.record.tiers):
        return schedule, True
    model, inst, var, tiers = compile_program(program)
    held = {t.name: t.value for t in schedule.record.tiers}
    for tier in tiers:
        if tier.name in held:
            model.add(tier.expr <= held[tier.name])
    for project, funded in var.funded.items():  # the funded set stays as the schedule has it
        model.add(funded == (project not in schedule.unfunded))
    wd = program.working_days
    rows = schedule.by_key()
    for key, start in var.start.items():
        if key in rows:
            model.add_hint(start, wd.index_on_or_after(rows[key].start))
    model.minimize(next(t.expr for t in tiers if t.name == EARLY))
    solver = new_solver(options, max(options.time_limit, 0.05))
    code = run(solver, model, "pull-early model")
    if not found(code):
        logger.warning(
            "could not pull the schedule early within %.1f s; explaining it as solved", options.time_limit
        )
        return schedule, False
    tasks = scheduled_tasks(inst, var, solution_values(solver, var))
    results = []
    values = solved_tiers(solver, tiers)
    for tier in tiers:
        old = next((t for t in schedule.record.tiers if t.name == tier.name), None)
        value = values[tier.name]
        bound = min(old.bound, value) if old else value
        results.append(
            TierResult(
                name=tier.name,
                value=value,
                bound=bound,
                optimal=bool(old and old.optimal and value == old.value),
            )
        )
    new_record = schedule.record.model_copy(update={"tiers": tuple(results)})
    pulled = Schedule(
        program=schedule.program,
        status=schedule.status,
        tasks=tuple(tasks),
        record=new_record,
        unfunded=schedule.unfunded,
    )
    return pulled, code == cp_model.OPTIMAL
