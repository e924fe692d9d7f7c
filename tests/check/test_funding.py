"""The checker's funding rules (planner.check.funding) on hand-made schedules: every violation found
and worded with numbers.

The program starts Monday 2027-01-04; 'core' (mandatory) and 'app' (candidate) each cost 100 a day
for 5 days, with a cap of 600 in 2027-Q1 and app needing core.
"""

from __future__ import annotations

import datetime as dt

from planner.check import check
from planner.models import Schedule, ScheduledTask, SolveStatus
from tests.conftest import make_program

PROGRAM = make_program(
    roles=[{"id": "dev", "capacity": 2, "day_rate": 100}],
    projects=[
        {"id": "core", "tasks": [{"id": "t", "duration": 5, "requires": [{"role": "dev"}]}]},
        {
            "id": "app",
            "funding": "candidate",
            "needs": ["core"],
            "tasks": [{"id": "t", "duration": 5, "requires": [{"role": "dev"}]}],
        },
        {"id": "old", "funding": "excluded", "tasks": [{"id": "t", "duration": 1}]},
    ],
    finance={"budget": {"caps": {"2027-Q1": 600}, "total": 900}},
)


def row(project: str, start: dt.date, days: int = 5) -> ScheduledTask:
    """Task ``t`` of ``project`` over ``days`` calendar days from ``start``."""
    return ScheduledTask(project=project, task="t", start=start, finish=start + dt.timedelta(days=days - 1))


def schedule(*rows: ScheduledTask, unfunded: tuple[str, ...] = ()) -> Schedule:
    """A feasible schedule of the rows, with ``unfunded`` listed."""
    return Schedule(program="test", status=SolveStatus.FEASIBLE, tasks=rows, unfunded=unfunded)


def test_leaving_out_candidates_is_not_missing_work():
    """Only core placed: app and old are left out (implicitly), nothing is missing, 500 is within the cap."""
    assert check(PROGRAM, schedule(row("core", dt.date(2027, 1, 4)))) == []


def test_overspend_in_a_quarter_and_in_total():
    """core and app both in January spend 1,000: over the Q1 cap by 400 and the total cap by 100."""
    found = check(PROGRAM, schedule(row("core", dt.date(2027, 1, 4)), row("app", dt.date(2027, 1, 4))))
    messages = [v.message for v in found if v.kind == "budget"]
    assert "the total cost 1,000 is over the total cap 900 by 100" in messages
    assert "spend in 2027-Q1 is 1,000, over its cap 600 by 400" in messages


def test_funded_set_rules():
    """Listing core as unfunded, placing the excluded project and funding app without core: all reported."""
    found = check(
        PROGRAM,
        schedule(row("app", dt.date(2027, 4, 5)), row("old", dt.date(2027, 1, 4), 1), unfunded=("core",)),
    )
    messages = {v.message for v in found if v.kind == "funding"}
    assert "project core is mandatory but the schedule leaves it out" in messages
    assert "project old is excluded but 1 of its tasks are placed" in messages
    assert "project app is funded but needs project core, which is not" in messages
