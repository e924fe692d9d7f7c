"""Calendar tests: working days are numbered from the start, skipping weekends and holidays."""

from __future__ import annotations

import datetime as dt

from planner.models import Calendar, WorkingDays

D = dt.date


def test_numbering_skips_weekends_and_holidays():
    """From Monday 4 January 2027 with Wednesday 6 off: day 2 is Thursday 7, day 4 is Monday 11."""
    wd = WorkingDays(Calendar(holidays=("2027-01-06",)), D(2027, 1, 4))
    assert [wd.date(i) for i in range(5)] == [
        D(2027, 1, 4),
        D(2027, 1, 5),
        D(2027, 1, 7),
        D(2027, 1, 8),
        D(2027, 1, 11),
    ]


def test_dates_map_back_to_the_nearest_working_day():
    """Saturday 9 January maps forward to day 4 (Monday 11) and back to day 3 (Friday 8)."""
    wd = WorkingDays(Calendar(holidays=("2027-01-06",)), D(2027, 1, 4))
    assert wd.index_on_or_after(D(2027, 1, 9)) == 4
    assert wd.index_on_or_before(D(2027, 1, 9)) == 3
    assert wd.index(D(2027, 1, 6)) is None and wd.index(D(2027, 1, 7)) == 2


def test_start_on_a_weekend_begins_on_monday():
    """A program starting Saturday 2 January has Monday 4 January as day 0."""
    wd = WorkingDays(Calendar(), D(2027, 1, 2))
    assert wd.date(0) == D(2027, 1, 4)


def test_custom_week_and_far_dates():
    """A Monday-Thursday week has 4 working days a week: day 400 is 100 weeks after the start."""
    wd = WorkingDays(Calendar(workdays=("mon", "tue", "wed", "thu")), D(2027, 1, 4))
    assert wd.date(400) == D(2027, 1, 4) + dt.timedelta(weeks=100)
    assert wd.index_on_or_after(wd.date(400)) == 400
