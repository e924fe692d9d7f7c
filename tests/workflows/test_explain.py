"""``explain --milestone`` dates a milestone as ``solve`` does: on the working day it is reached.

A schedule given to ``explain`` is explained with its own dates.

The program starts Monday 2027-01-04 (working day 0), Monday to Friday. Dana does a (3 days)
and b (2 days), one after the other; the milestone m follows both, and the long task c (10
days) sets the program's finish, so m has five days of slack before the finish. b goes first
(it starts work sooner: 2 x (0 + 2) = 4 against 2 x (0 + 3) = 6 in the early tier), a runs days
2-4 and m is reached on day 5, Monday 11 January, in the solve and in the explanation alike.
"""

from __future__ import annotations

import datetime as dt

from planner.check import verify
from planner.models import Schedule, ScheduledTask, SolveStatus
from planner.workflows.explain import ExplainOptions, explain
from tests.conftest import make_program, solve_checked

SLACK = {
    "people": [{"id": "dana", "name": "Dana Okafor"}],
    "projects": [
        {
            "id": "p",
            "tasks": [
                {"id": "a", "duration": 3, "requires": [{"person": "dana"}]},
                {"id": "b", "duration": 2, "requires": [{"person": "dana"}]},
                {"id": "m", "name": "Live", "milestone": True, "after": ["a", "b"]},
                {"id": "c", "duration": 10},
            ],
        }
    ],
}


def test_explain_dates_a_milestone_as_solve_does():
    """solve and explain --milestone p.m both give Monday 11 January (day 5), though m could sit anywhere
    up to day 10 without moving the finish; the chain ends with m following a."""
    program = make_program(**SLACK)
    solved = solve_checked(program).by_key()["p.m"].start
    explained = explain(program, ExplainOptions(time_limit=10, workers=2, milestone="p.m", one_more=0)).finish
    assert explained is not None
    assert solved == explained.finish == dt.date(2027, 1, 11)
    assert explained.working_days == 5
    assert [(s.task, s.reason) for s in explained.chain][-1] == ("p.m", "dependency")


def test_explain_a_given_schedule_keeps_its_dates():
    """Dana does a (3 days) and b (4 days); m follows a. A schedule with b first (days 0-3), a on days 4-6 and
    m reached on day 7 (Wed 13 January) is explained with those dates: the milestone is dated 13 January,
    not day 3 (7 January), where pulling the plan early (a first) would put it."""
    program = make_program(
        people=[{"id": "dana"}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3, "requires": [{"person": "dana"}]},
                    {"id": "b", "duration": 4, "requires": [{"person": "dana"}]},
                    {"id": "m", "milestone": True, "after": ["a"]},
                ],
            }
        ],
    )
    rows = [
        ScheduledTask(
            project="p", task="b", start=dt.date(2027, 1, 4), finish=dt.date(2027, 1, 7), people=("dana",)
        ),
        ScheduledTask(
            project="p", task="a", start=dt.date(2027, 1, 8), finish=dt.date(2027, 1, 12), people=("dana",)
        ),
        ScheduledTask(project="p", task="m", start=dt.date(2027, 1, 13), finish=dt.date(2027, 1, 13)),
    ]
    given = Schedule(program=program.name, status=SolveStatus.FEASIBLE, tasks=tuple(rows))
    verify(program, given)
    explained = explain(
        program, ExplainOptions(time_limit=5, workers=1, milestone="p.m", one_more=0), schedule=given
    )
    assert explained.finish is not None
    assert (explained.finish.finish, explained.finish.working_days) == (dt.date(2027, 1, 13), 7)
    assert explain(
        program, ExplainOptions(time_limit=5, workers=1, milestone="p.m", one_more=0)
    ).finish.finish == dt.date(2027, 1, 7)
