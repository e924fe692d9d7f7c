"""``explain --milestone`` dates a milestone as ``solve`` does: on the working day it is reached.

The program starts Monday 2027-01-04 (working day 0), Monday to Friday. Dana does a (3 days)
and b (2 days), one after the other; the milestone m follows both, and the long task c (10
days) sets the program's finish, so m has five days of slack before the finish. b goes first
(it starts work sooner: 2 x (0 + 2) = 4 against 2 x (0 + 3) = 6 in the early tier), a runs days
2-4 and m is reached on day 5, Monday 11 January, in the solve and in the explanation alike.
"""

from __future__ import annotations

import datetime as dt

from planner.analysis.explain import ExplainOptions, explain
from tests.conftest import make_program, solve_checked

SLACK = {"people": [{"id": "dana", "name": "Dana Okafor"}],
         "projects": [{"id": "p", "tasks": [
             {"id": "a", "duration": 3, "requires": [{"person": "dana"}]},
             {"id": "b", "duration": 2, "requires": [{"person": "dana"}]},
             {"id": "m", "name": "Live", "milestone": True, "after": ["a", "b"]},
             {"id": "c", "duration": 10}]}]}


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
