"""Replanning a changed program: what the summary says when only the disruption budget or pins block.

The program starts Monday 2027-01-04 (working day 0), Monday-Friday: p.a (3 days) then p.b (2 days).
"""

from __future__ import annotations

import datetime as dt

from planner.models import Schedule, ScheduledTask, SolveStatus
from planner.models.scenario import Scenario
from planner.scenarios import apply_changes
from planner.scenarios.replan import replan
from planner.solvers import SolveOptions
from planner.solvers.stability import Stability
from tests.conftest import make_program

OPTIONS = SolveOptions(time_limit=10, workers=2)


def test_budget_alone_blocking_is_the_headline_not_infeasible():
    """a slips 1w, so a and b both move 5 days: a budget of 1 blocks, and the summary says so."""
    program = make_program(projects=[{"id": "p", "tasks": [{"id": "a", "duration": 3},
                                                            {"id": "b", "duration": 2, "after": ["a"]}]}])
    baseline = Schedule(program="test", status=SolveStatus.FEASIBLE, tasks=(
        ScheduledTask(project="p", task="a", start=dt.date(2027, 1, 4), finish=dt.date(2027, 1, 6)),
        ScheduledTask(project="p", task="b", start=dt.date(2027, 1, 7), finish=dt.date(2027, 1, 8))))
    change = Scenario.model_validate({"name": "s", "base": "x.yaml",
                                      "changes": [{"kind": "slip", "task": "p.a", "by": "1w"}]}).changes
    result = replan(apply_changes(program, change, baseline), baseline, OPTIONS, Stability(budget=1))
    assert result.schedule.status is SolveStatus.INFEASIBLE
    assert result.summary().quality == ("no schedule within the disruption budget of 1 moved task; without the "
                                        "budget the replan moves 2 tasks (10 working days of shift in total)")
