"""The one place comparisons and batch runs ask for a schedule's cost.

The program model has no rates yet, so there is no cost model here. When the module
``planner.analysis.cost`` exists and defines ``total_cost(program, schedule) -> float | None``
(``None`` when the program gives no rates), :func:`schedule_cost` returns its value and the cost
columns of comparisons and batch tables fill in; until then they stay empty.
"""

from __future__ import annotations

import importlib
import logging

from planner.models import Program, Schedule

logger = logging.getLogger(__name__)

COST_MODULE = "planner.analysis.cost"
COST_FUNCTION = "total_cost"


def schedule_cost(program: Program, schedule: Schedule) -> float | None:
    """The cost of ``schedule``, or ``None`` when no cost model exists or the program has no rates.

    Parameters
    ----------
    program
        The program the schedule plans.
    schedule
        A schedule with a plan; a schedule without one has no cost.
    """
    if not schedule.has_plan:
        return None
    try:
        module = importlib.import_module(COST_MODULE)
    except ModuleNotFoundError as error:
        if error.name == COST_MODULE:
            return None
        raise
    function = getattr(module, COST_FUNCTION, None)
    if function is None:
        logger.warning("%s has no %s(program, schedule); costs are left empty", COST_MODULE, COST_FUNCTION)
        return None
    value = function(program, schedule)
    return None if value is None else float(value)


__all__ = ["COST_FUNCTION", "COST_MODULE", "schedule_cost"]
