"""Which tasks a schedule places (planner.check.placement): missing, unknown and duplicate tasks.

Calendar used throughout: Monday to Friday, program start Monday 2027-03-01, holiday Wednesday
2027-03-10 ("Spring day"). Working-day numbers:

    Mar 01 02 03 04 05 | 08 09 (10) 11 12 | 15 16 17 18 19
         0  1  2  3  4 |  5  6   -   7  8 |  9 10 11 12 13
"""

from __future__ import annotations

import datetime as dt

from planner.check import check
from planner.check.placement import DayNumbers, placements
from tests.check.handmade import kinds, program, row, schedule


def test_missing_unknown_and_duplicate_tasks() -> None:
    """A task left out, an unknown task and a task placed twice are each reported."""
    p = program({"id": "x", "duration": 1}, {"id": "y", "duration": 1})
    found = check(p, schedule(row("a.x", "2027-03-01"), row("a.x", "2027-03-02"), row("a.z", "2027-03-01")))
    assert sorted(kinds(found)) == ["duplicate", "missing", "unknown-task"]
    assert {v.task for v in found} == {"a.x", "a.y", "a.z"}


def test_working_days_are_numbered_over_weekends_and_the_holiday() -> None:
    """Mar 1 is day 0, Fri Mar 5 day 4, Mon Mar 8 day 5, Thu Mar 11 day 7 (the holiday Mar 10 is skipped)."""
    days = DayNumbers(program({"id": "x", "duration": 1}).calendar, dt.date(2027, 3, 1))
    assert [days.after(dt.date(2027, 3, d)) for d in (1, 5, 6, 8, 10, 11)] == [0, 4, 5, 5, 7, 7]
    assert [days.before(dt.date(2027, 3, d)) for d in (1, 6, 7, 10)] == [0, 4, 4, 6]
    assert days.before(dt.date(2027, 2, 26)) == -1
    assert [days.date(i) for i in (0, 5, 7)] == [
        dt.date(2027, 3, 1),
        dt.date(2027, 3, 8),
        dt.date(2027, 3, 11),
    ]


def test_placements_take_the_first_copy_and_number_its_days() -> None:
    """x placed Mar 9-12 (twice) is s = 6, e = 9 from its first row; a milestone on Mar 12 has s = e = 8."""
    p = program({"id": "x", "duration": 3}, {"id": "m", "milestone": True})
    s = schedule(
        row("a.x", "2027-03-09", "2027-03-12"),
        row("a.x", "2027-03-01", "2027-03-03"),
        row("a.m", "2027-03-12"),
    )
    _, placed = placements(p, s)
    assert (placed["a.x"].s, placed["a.x"].e, placed["a.x"].f, placed["a.x"].finish) == (
        6,
        9,
        8,
        dt.date(2027, 3, 12),
    )
    assert (placed["a.m"].s, placed["a.m"].e, placed["a.m"].f) == (8, 8, 8)
