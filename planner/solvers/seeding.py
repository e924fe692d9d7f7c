"""Scenarios solved together share what they found: each schedule seeds the warm start of the
others (:func:`planner.solvers.search.warm_start`), so a scenario never ends worse, by the tiers,
than another scenario's schedule that its own program allows (a tighter scenario's schedule is
one of the looser scenario's schedules).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from planner.models import Program, Schedule
from planner.solvers import search
from planner.solvers.objectives import ranked
from planner.solvers.solve import compile_program

logger = logging.getLogger(__name__)


def improves(program: Program, schedule: Schedule, seeds: Sequence[Schedule], seed: int = 0) -> bool:
    """Whether one of ``seeds`` is a schedule of ``program`` (confirmed by CP-SAT, each in at most
    :data:`planner.solvers.search.SEED_SECONDS`) better by the tiers than ``schedule``, or any
    schedule of it when ``schedule`` has no plan."""
    seeds = [s for s in seeds if s.has_plan]
    if not seeds:
        return False
    model, inst, var, tiers = compile_program(program)
    own = {t.name: t.value for t in schedule.record.tiers} if schedule.has_plan and schedule.record else None
    if own is not None and any(t.name not in own for t in tiers):
        return False  # solved with other tiers (a replan): not comparable here
    for other in seeds:
        values = search.seed_values(inst, var, other)
        confirmed = (
            None if values is None else search._confirm(model, var, tiers, values, search.SEED_SECONDS, seed)
        )
        if confirmed is None:
            continue
        if own is None or ranked(confirmed[0], tiers) < ranked(own, tiers):
            logger.info("%s: the schedule of %s is better than the one found", program.name, other.program)
            return True
    return False


def solve_together(
    programs: Sequence[Program], solve_one: Callable[[int, Sequence[Schedule]], Schedule], seed: int = 0
) -> list[Schedule]:
    """Solve ``programs`` in order, each seeded with the schedules found before it; then solve
    again, seeded with its own schedule and the later ones, each that a later schedule
    :func:`improves` on (only then: a solve takes its whole time limit).

    ``solve_one(i, seeds)`` solves ``programs[i]`` with ``seeds`` (for :func:`planner.solvers.solve`).
    """
    schedules: list[Schedule] = []
    for i in range(len(programs)):
        schedules.append(solve_one(i, [s for s in schedules if s.has_plan]))
    for i, program in enumerate(programs):
        later = [s for s in schedules[i + 1 :] if s.has_plan]
        if later and improves(program, schedules[i], later, seed):
            own = [schedules[i]] if schedules[i].has_plan else []
            schedules[i] = solve_one(i, [*own, *later])
    return schedules


__all__ = ["improves", "solve_together"]
