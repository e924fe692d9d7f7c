"""The objective values recomputed from the dates (planner.check.objectives): weighted lateness,
finish and the early tier, against the solve record.

Calendar used throughout: Monday to Friday, program start Monday 2027-03-01, holiday Wednesday
2027-03-10 ("Spring day"). Working-day numbers:

    Mar 01 02 03 04 05 | 08 09 (10) 11 12 | 15 16 17 18 19
         0  1  2  3  4 |  5  6   -   7  8 |  9 10 11 12 13
"""

from __future__ import annotations

from planner.check import check, program_finish, project_finishes, weighted_lateness
from tests.check.handmade import core, core_schedule, only, program, row, schedule


def test_objective_tiers_match_recomputed_values() -> None:
    """Record tiers equal to the recomputed lateness (0) and finish (8) pass; a wrong one is reported."""
    # live (milestone, target Mar 12) is on Mar 12: 0 late. build ends on day 7 (e = 8) and the
    # milestone's e = s = 8, so the program finish is 8 working days.
    assert program_finish(core(), core_schedule()) == 8
    assert check(core(), core_schedule(tiers={"lateness": 0, "finish": 8})) == []
    found = check(core(), core_schedule(tiers={"lateness": 2, "finish": 8}))
    assert "weighted lateness 2, but the schedule's dates give 0" in only(found, "objective").message


def test_early_tier_is_recomputed_from_the_dates() -> None:
    """early = 2 x (design 0 + build 3 + extract 0) = 6 (pay.live, dated when reached, does not count);
    a record saying 7 is an objective violation."""
    assert check(core(), core_schedule(tiers={"early": 6})) == []
    found = only(check(core(), core_schedule(tiers={"early": 7})), "objective")
    assert found.message.startswith(
        "the solve record gives an early tier of 7, but the schedule's dates give 6"
    )


def test_early_tier_counts_a_late_task_negatively() -> None:
    """x (day 0) and y marked as_late_as_possible (Mon Mar 8, day 5): early = 2 x 0 - 5 = -5."""
    p = program({"id": "x", "duration": 6}, {"id": "y", "duration": 1, "as_late_as_possible": True})
    s = schedule(row("a.x", "2027-03-01", "2027-03-08"), row("a.y", "2027-03-08"), tiers={"early": -5})
    assert check(p, s) == []


def test_weighted_lateness_across_weekend_and_holiday() -> None:
    """Lateness counts working days past the target, skipping weekends and the holiday."""
    # x (3 days, target Fri Mar 5 = day 4, weight 2) runs Mar 9, 11, 12 (days 6-8): 8 - 4 = 4 late,
    #   x 2 = 8.
    # m (milestone after w, target Sat Mar 6 -> day 4, weight 1) is reached the day after w
    #   finishes, Tue Mar 9 = day 6: 2 late, x 1 = 2.
    # w (target Mar 19, weight 5) finishes Mar 8: on time, 0.
    # project target Wed Mar 10 (holiday -> last working day Mar 9 = day 6), weight 3; the project
    #   finishes with x on day 8: 2 late, x 3 = 6.
    # total 8 + 2 + 0 + 6 = 16. Ends: x e = 9, m e = 6, w e = 6 -> program finish 9.
    p = program(
        {"id": "x", "duration": 3, "target": {"date": "2027-03-05", "weight": 2}},
        {"id": "m", "milestone": True, "target": "2027-03-06", "after": ["w"]},
        {"id": "w", "duration": 2, "target": {"date": "2027-03-19", "weight": 5}},
        project={"target": {"date": "2027-03-10", "weight": 3}},
    )
    s = schedule(
        row("a.x", "2027-03-09", "2027-03-12"),
        row("a.m", "2027-03-09"),
        row("a.w", "2027-03-05", "2027-03-08"),
        tiers={"lateness": 16, "finish": 9},
    )
    assert weighted_lateness(p, s) == 16
    assert program_finish(p, s) == 9
    assert project_finishes(p, s) == {"a": 9}
    assert check(p, s) == []


def test_finish_tier_mismatch_is_reported() -> None:
    """A record claiming a program finish other than the last task's end is an objective violation."""
    p = program({"id": "x", "duration": 2})
    # x on days 0-1: e = 2
    found = check(p, schedule(row("a.x", "2027-03-01", "2027-03-02"), tiers={"finish": 3}))
    assert only(found, "objective").message == (
        "the solve record gives a program finish of 3 working days, but the schedule's last task ends "
        "after 2 working days (on 2027-03-02)"
    )
