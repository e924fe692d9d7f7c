"""Pull-early tests: the pulled schedule keeps the tier values and the funded set, and is checked."""

from __future__ import annotations

from planner.check import verify
from planner.solvers import SolveOptions
from planner.solvers.early import pull_early
from tests.conftest import make_program, solve_checked


def test_pull_early_keeps_an_unfunded_project_out():
    """'poor' (net 110 - 400 < 0) is left out; pulling early neither crashes on its missing task nor funds it.

    'good' nets 11 x 100 - 600 = 500 and its 5-day task starts on day 0 once pulled.
    """
    program = make_program(
        projects=[
            {
                "id": "good",
                "funding": "candidate",
                "benefit": {"per_month": 100},
                "tasks": [{"id": "t", "duration": 5, "cost": 600}],
            },
            {
                "id": "poor",
                "funding": "candidate",
                "benefit": {"per_month": 10},
                "tasks": [{"id": "t", "duration": 5, "cost": 400}],
            },
        ],
        finance={"appraisal_end": "2027-12-31"},
    )
    schedule = solve_checked(program)
    pulled, proven = pull_early(program, schedule, SolveOptions(time_limit=5, workers=1))
    verify(program, pulled)
    assert pulled.unfunded == ("poor",) and [t.key for t in pulled.tasks] == ["good.t"]
    assert proven and str(pulled.tasks[0].start) == "2027-01-04"
