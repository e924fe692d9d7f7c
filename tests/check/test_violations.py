"""What the checker reports (planner.check.violations): violations, the error listing them, and the
checker's wording of amounts, days and people."""

from __future__ import annotations

from planner.check import ScheduleInvalid, Violation, money
from planner.check.violations import Violations, n_days, n_people, names
from planner.errors import PlannerError


def test_schedule_invalid_heads_and_lists_every_violation() -> None:
    """One violation gives a singular heading; each is listed with its kind, in order."""
    one = ScheduleInvalid([Violation("a.x", "missing", "a.x is not in the schedule")], "demo")
    assert isinstance(one, PlannerError)
    assert str(one) == "schedule of demo: 1 violation\n  [missing] a.x is not in the schedule"
    two = ScheduleInvalid([Violation(None, "budget", "b"), Violation("a.y", "leave", "l")])
    assert str(two).splitlines() == ["schedule of program: 2 violations", "  [budget] b", "  [leave] l"]


def test_violations_are_recorded_in_order() -> None:
    """Violations.add appends a Violation with the task, kind and message given."""
    out = Violations()
    out.add("a.x", "fixed", "moved")
    out.add(None, "objective", "wrong")
    assert out == [Violation("a.x", "fixed", "moved"), Violation(None, "objective", "wrong")]


def test_money_has_thousands_separators_and_the_currency_in_front() -> None:
    """1234567 is 1,234,567; with EUR it is EUR 1,234,567; a negative amount keeps its sign."""
    assert money(1234567) == "1,234,567"
    assert money(1234567, "EUR") == "EUR 1,234,567"
    assert money(-400, "GBP") == "GBP -400"


def test_counts_are_worded_in_the_singular_and_plural() -> None:
    """1 working day / 2 working days, 1 person / 3 people, names joined or nobody."""
    assert (n_days(1), n_days(2)) == ("1 working day", "2 working days")
    assert (n_people(1), n_people(3)) == ("1 person", "3 people")
    assert (names(["ann", "bo"]), names([])) == ("ann, bo", "nobody")
