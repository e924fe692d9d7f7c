"""Working days between dates (:mod:`planner.analysis.facts.working_days`), worked by hand.

March 2027: Monday 1, Friday 5, Saturday 6, Monday 8. Good Friday, 2 April 2027, is a holiday
where a calendar says so. Programs of ``make_program`` start Monday 4 January 2027, Monday-Friday.
"""

from __future__ import annotations

import datetime as dt

from planner.analysis.facts.summary import summarize
from planner.analysis.facts.working_days import makespan, working_days_between, working_days_late
from planner.models import Calendar
from tests.conftest import make_program, solve_checked

D = dt.date
WEEK = Calendar()


def test_between_counts_the_working_days_from_the_first_date_up_to_the_second():
    """Monday 1 to Monday 8 March is 5 working days, back is -5; Friday to Saturday counts Friday (1),
    Saturday back to Friday -1."""
    assert working_days_between(WEEK, D(2027, 3, 1), D(2027, 3, 8)) == 5
    assert working_days_between(WEEK, D(2027, 3, 8), D(2027, 3, 1)) == -5
    assert working_days_between(WEEK, D(2027, 3, 5), D(2027, 3, 6)) == 1
    assert working_days_between(WEEK, D(2027, 3, 6), D(2027, 3, 5)) == -1  # the same days, backwards
    assert working_days_between(WEEK, D(2027, 3, 1), D(2027, 3, 1)) == 0


def test_between_skips_the_holidays_of_the_calendar():
    """Thursday 1 to Tuesday 6 April with Good Friday off: Thursday and Monday, 2 working days."""
    easter = Calendar(holidays=[D(2027, 4, 2)])
    assert working_days_between(easter, D(2027, 4, 1), D(2027, 4, 6)) == 2
    assert working_days_between(WEEK, D(2027, 4, 1), D(2027, 4, 6)) == 3


def test_late_counts_past_a_commitment_on_a_non_working_day_from_the_working_day_before():
    """A deadline on Saturday 6 March: Friday 5 is on time (0, margin 0), Monday 8 is 1 day late."""
    assert working_days_late(WEEK, D(2027, 3, 5), D(2027, 3, 6)) == 0
    assert working_days_late(WEEK, D(2027, 3, 8), D(2027, 3, 6)) == 1
    assert working_days_late(WEEK, D(2027, 3, 1), D(2027, 3, 8)) == -5  # a margin of 5
    # on working days both measures agree
    assert working_days_late(WEEK, D(2027, 3, 8), D(2027, 3, 1)) == working_days_between(
        WEEK, D(2027, 3, 1), D(2027, 3, 8)
    )


def test_summary_margins_and_the_span_use_the_same_count():
    """a (3 days) runs Monday 4 to Wednesday 6 January, milestone m on Thursday 7: deadline Saturday 9
    leaves a margin of 1 (Friday); target Tuesday 5 is 2 days late (Wednesday, Thursday); the span is 3
    working days (Monday to Wednesday: a milestone takes no day)."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3},
                    {
                        "id": "m",
                        "milestone": True,
                        "after": ["a"],
                        "deadline": "2027-01-09",
                        "target": "2027-01-05",
                    },
                ],
            }
        ]
    )
    schedule = solve_checked(program, workers=1)
    (m,) = [s for s in summarize(program, schedule).milestones if s.key == "p.m"]
    assert (m.date, m.margin, m.late) == (D(2027, 1, 7), 1, 2)
    assert makespan(program, schedule) == summarize(program, schedule).working_days == 3
