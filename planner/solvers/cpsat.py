"""The CP-SAT plumbing every solve shares: a solver set up from the options, the one status check,
and reading a solution into values and dated rows.

Every solve of the planner (the tiers of :func:`planner.solvers.solve.solve`, confirming a warm
start, conflict checks, pricing, the funding gap, pulling a schedule early) makes its solver with
:func:`new_solver` and runs it with :func:`run`, so that workers, seed, time limit and logging are
set in one place and a model CP-SAT rejects is always a :class:`~planner.errors.SolverBug`.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ortools.sat.python import cp_model

from planner.errors import SolverBug
from planner.models import ScheduledTask
from planner.solvers.instance import Instance
from planner.solvers.objectives import Tier
from planner.solvers.options import SolveOptions
from planner.solvers.variables import Variables

logger = logging.getLogger("planner.solvers")

FOUND = (cp_model.OPTIMAL, cp_model.FEASIBLE)
"""The status codes of a solve that has a solution."""


def new_solver(
    options: SolveOptions, time_limit: float | None = None, *, probing: bool = True
) -> cp_model.CpSolver:
    """A CP-SAT solver with the workers, seed and logging of ``options``.

    Parameters
    ----------
    options
        Workers (0: every core), seed, and whether CP-SAT logs its search (to the
        ``planner.solvers`` logger at DEBUG level).
    time_limit
        Seconds for each call of the solver (``options.time_limit`` when not given); a caller
        solving several times may change ``solver.parameters.max_time_in_seconds`` between calls.
    probing
        Whether presolve probes; off for short feasibility checks, where probing alone can cost
        seconds on large models and rarely decides anything.
    """
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = options.workers
    solver.parameters.random_seed = options.seed
    solver.parameters.max_time_in_seconds = options.time_limit if time_limit is None else time_limit
    if not probing:
        solver.parameters.cp_model_probing_level = 0
    if options.log:
        solver.parameters.log_search_progress = True
        solver.parameters.log_to_stdout = False
        solver.log_callback = lambda line: logger.debug("cp-sat: %s", line)
    return solver


def run(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    what: str,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> Any:
    """Solve ``model`` and return CP-SAT's status code.

    Raises
    ------
    SolverBug
        When CP-SAT rejects the model (``what`` names it in the message): a defect of the planner,
        never of the input.
    """
    code = solver.solve(model, callback)
    if code == cp_model.MODEL_INVALID:
        raise SolverBug(f"CP-SAT rejected the {what}: {model.validate()}")
    return code


def found(code: Any) -> bool:
    """Whether a status code of :func:`run` comes with a solution (optimal or feasible)."""
    return code in FOUND


def solution_values(solver: cp_model.CpSolver, var: Variables) -> dict[str, int]:
    """The solver's current solution: start per task key, 0/1 per assignment and funding literal name."""
    values = {k: int(solver.value(v)) for k, v in var.start.items()}
    values.update({a.literal.name: int(solver.value(a.literal)) for a in var.assignments})
    values.update({lit.name: int(solver.value(lit)) for lit in var.funded.values()})
    return values


def solved_tiers(solver: cp_model.CpSolver, tiers: Sequence[Tier]) -> dict[str, int]:
    """The value of each objective tier in the solver's current solution, by tier name."""
    return {t.name: round(solver.value(t.expr)) for t in tiers}


def unfunded(var: Variables, values: Mapping[str, int]) -> tuple[str, ...]:
    """Projects whose funding literal is false in ``values``."""
    return tuple(p for p, lit in var.funded.items() if not values.get(lit.name, 1))


def scheduled_tasks(
    inst: Instance, var: Variables, values: Mapping[str, int], *, funded_only: bool = True
) -> tuple[ScheduledTask, ...]:
    """The dated tasks of a solution's ``values`` (:func:`solution_values`), with their people.

    Tasks of projects left unfunded are left out, unless ``funded_only`` is false (a model whose
    funding literals mean nothing, such as a conflict board).
    """
    people: dict[str, list[str]] = {}
    for a in var.assignments:
        if values[a.literal.name]:
            people.setdefault(a.task, []).append(a.person)
    if not funded_only:
        return dated_tasks(inst, values, people)
    unfunded = {p for p, lit in var.funded.items() if not values[lit.name]}
    return dated_tasks(inst, values, people, {k for k, t in inst.tasks.items() if t.project not in unfunded})


def dated_tasks(
    inst: Instance,
    start: Mapping[str, int],
    people: Mapping[str, Sequence[str]],
    placed: Collection[str] | None = None,
) -> tuple[ScheduledTask, ...]:
    """The tasks in ``placed`` (default every task) dated from their ``start`` (working-day number),
    with their people."""
    wd = inst.program.working_days
    out = []
    for key, task in inst.tasks.items():
        if placed is not None and key not in placed:
            continue
        s = start[key]
        out.append(
            ScheduledTask(
                project=task.project,
                task=key.split(".", 1)[1],
                start=wd.date(s),
                finish=wd.date(inst.finish_index(key, s)),
                people=tuple(people.get(key, ())),
            )
        )
    return tuple(out)
