"""The whole check (planner.check.checker): a valid schedule passes, verify lists every violation,
a schedule without a plan places nothing.

Calendar used throughout: Monday to Friday, program start Monday 2027-03-01, holiday Wednesday
2027-03-10 ("Spring day"). Working-day numbers:

    Mar 01 02 03 04 05 | 08 09 (10) 11 12 | 15 16 17 18 19
         0  1  2  3  4 |  5  6   -   7  8 |  9 10 11 12 13
"""

from __future__ import annotations

import pytest

from planner.check import ScheduleInvalid, check, verify
from planner.errors import PlannerError
from tests.check.handmade import core, core_schedule, kinds, program, row, schedule


def test_valid_schedule_has_no_violations() -> None:
    """A schedule that keeps every rule yields an empty list and verify() passes."""
    assert check(core(), core_schedule()) == []
    verify(core(), core_schedule())


def test_verify_raises_listing_every_violation() -> None:
    """verify() raises a PlannerError whose message lists every violation with task and dates."""
    bad = schedule(row("pay.design", "2027-03-01", "2027-03-03", ("bob",)))
    with pytest.raises(ScheduleInvalid) as info:
        verify(core(), bad)
    assert isinstance(info.value, PlannerError)
    assert kinds(info.value.violations) == ["missing", "missing", "missing"]
    assert "3 violations" in str(info.value) and "pay.build is not in the schedule" in str(info.value)


def test_schedule_without_plan_must_place_nothing() -> None:
    """An infeasible schedule with no tasks is fine; one that still places tasks is a status error."""
    p = program({"id": "x", "duration": 1})
    assert check(p, schedule(status="infeasible")) == []
    assert kinds(check(p, schedule(row("a.x", "2027-03-01"), status="unknown"))) == ["status"]
