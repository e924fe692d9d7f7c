"""Cost and benefit reports: per task, project and period by hand, and the same figures as the
solver's money tier and the checker's recomputation.

Programs start Monday 2027-01-04 with a Monday-Friday week and no holidays.
"""

from __future__ import annotations

import datetime as dt

from planner.analysis.facts.cost import (
    benefits_by_month,
    cost_by_period,
    cost_by_project,
    cost_report,
    daily_costs,
    spend_against_caps,
    total_cost,
)
from tests.conftest import make_program, solve_checked

# Task 'a.build' is released on Thursday 25 March and takes 7 working days: 25, 26, 29, 30, 31
# March (2027-Q1) and 1, 2 April (Q2). Each day costs 2 developers x 500 + Ann at 50% of 800 =
# 1,400. Its fixed 1,000 is spread at 1000 // 7 = 142 a day plus the remainder 6 on the first day:
# 5 x 142 + 6 = 716 by the end of March, 284 in April.
# Q1: 5 x 1,400 + 716 = 7,716; Q2: 2 x 1,400 + 284 = 3,084; total 10,800.
STRADDLE = {
    "roles": [{"id": "dev", "capacity": 2, "day_rate": 500}],
    "people": [{"id": "ann", "skills": ["sql"], "day_rate": 800}],
    "projects": [
        {
            "id": "a",
            "tasks": [
                {
                    "id": "build",
                    "duration": 7,
                    "release": "2027-03-25",
                    "cost": 1000,
                    "requires": [{"role": "dev", "count": 2}, {"skill": "sql", "allocation": 50}],
                }
            ],
        }
    ],
}


def test_cost_per_day_quarter_and_month_by_hand():
    """7,716 in 2027-Q1 and 3,084 in Q2, the same by month; the first day costs 1,400 + 148."""
    program = make_program(**STRADDLE)
    schedule = solve_checked(program)
    days = daily_costs(program, schedule)
    assert days[0].day == dt.date(2027, 3, 25) and days[0].amount == 1400 + 148
    assert cost_by_period(program, schedule, "quarter") == {"2027-Q1": 7716, "2027-Q2": 3084}
    assert cost_by_period(program, schedule, "month") == {"2027-03": 7716, "2027-04": 3084}
    assert total_cost(program, schedule) == 10_800


def test_financial_year_quarters():
    """With the year starting in April, March is 2026-Q4 and April 2027-Q1."""
    program = make_program(**STRADDLE, finance={"budget": {"year_start": 4}})
    schedule = solve_checked(program)
    assert cost_by_period(program, schedule, "quarter") == {"2026-Q4": 7716, "2027-Q1": 3084}


def test_no_money_no_cost():
    """A program without rates or costs has no cost (None), so comparisons leave the column empty."""
    program = make_program(projects=[{"id": "p", "tasks": [{"id": "t", "duration": 3}]}])
    assert total_cost(program, solve_checked(program)) is None


def test_report_agrees_with_the_solver_tier_and_the_checker(tiers):
    """The report's net value is minus the solver's net_cost; the funded set and costs match.

    'extra' (11 x 300 of benefit for 2,000) is funded, 'dud' (no benefit) is not.
    """
    program = make_program(
        **STRADDLE
        | {
            "projects": [
                *STRADDLE["projects"],
                {
                    "id": "extra",
                    "funding": "candidate",
                    "benefit": {"per_month": 300},
                    "tasks": [{"id": "t", "duration": 2, "cost": 2000}],
                },
                {"id": "dud", "funding": "candidate", "tasks": [{"id": "t", "duration": 2, "cost": 10}]},
            ]
        },
        finance={"appraisal_end": "2027-12-31", "discount_rate": 0.05},
    )
    schedule = solve_checked(program)
    report = cost_report(program, schedule)
    assert schedule.unfunded == ("dud",)
    assert report.net_value == -tiers(schedule)["net_cost"]
    assert report.total_cost == 10_800 + 2000
    money = {p.project: p for p in report.projects}
    assert money["dud"].funded is False and money["dud"].cost == 0
    assert money["extra"].delivered == dt.date(2027, 1, 5)
    assert cost_by_project(program, schedule) == {"a": 10_800, "extra": 2000, "dud": 0}
    months = benefits_by_month(program, schedule)
    assert next(iter(months)) == "2027-02" and len(months) == 11
    assert report.benefit_by_month["2027-02"] == 300


def test_spend_against_caps_with_carry_over():
    """Caps 8,000 and 4,000 with carry-over: Q1 spends 7,716 (284 left), Q2 3,084 (1,200 left in all)."""
    program = make_program(
        **STRADDLE, finance={"budget": {"caps": {"2027-Q1": 8000, "2027-Q2": 4000}, "carry_over": True}}
    )
    rows = spend_against_caps(program, solve_checked(program))
    assert [(r.period, r.spend, r.running, r.running_cap, r.headroom) for r in rows] == [
        ("2027-Q1", 7716, 7716, 8000, 284),
        ("2027-Q2", 3084, 10_800, 12_000, 1200),
    ]
