"""The early tier: work with slack as early as the business tiers allow, or as late when marked.

Every program starts Monday 2027-01-04 (working day 0), Monday to Friday. The early tier is
2 x the start of each ordinary task minus the start of each task marked ``as_late_as_possible``
(milestones dated when reached do not count). Every schedule is verified by the checker, which
recomputes that value from the dates.
"""

from __future__ import annotations

import datetime as dt

from planner.solvers.objectives import EARLY, Tier, before_early
from tests.conftest import make_program, solve_checked

D = dt.date


def starts(schedule) -> dict[str, dt.date]:
    return {t.key: t.start for t in schedule.tasks}


def test_work_with_slack_starts_at_once():
    """a(10) sets the finish; b(2) and c(3) after b could sit anywhere before day 10, and start days 0 and 2:
    early = 2 x (0 + 0 + 2) = 4, the finish (10) unchanged."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 10},
                    {"id": "b", "duration": 2},
                    {"id": "c", "duration": 3, "after": ["b"]},
                ],
            }
        ]
    )
    schedule = solve_checked(program)
    assert [(t.name, t.value) for t in schedule.record.tiers] == [("finish", 10), (EARLY, 4)]
    assert starts(schedule) == {"p.a": D(2027, 1, 4), "p.b": D(2027, 1, 4), "p.c": D(2027, 1, 6)}


def test_as_late_as_possible_uses_its_slack_before_the_finish():
    """Marked, b(2) runs in the last two days before the finish a(10) sets: day 8 (Thu 14 Jan);
    early = 2 x 0 - 8 = -8."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 10},
                    {"id": "b", "duration": 2, "as_late_as_possible": True},
                ],
            }
        ]
    )
    schedule = solve_checked(program)
    assert {t.name: t.value for t in schedule.record.tiers} == {"finish": 10, EARLY: -8}
    assert starts(schedule)["p.b"] == D(2027, 1, 14)


def test_as_late_as_possible_just_in_time_for_its_successor():
    """order(2), marked, feeds install(2) which follows build(4): install starts day 4, so order runs
    days 2-3 (Wed 6 Jan), just in time, and install is not moved later; early = 2 x (0 + 4) - 2 = 6."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "build", "duration": 4},
                    {"id": "order", "duration": 2, "as_late_as_possible": True},
                    {"id": "install", "duration": 2, "after": ["build", "order"]},
                ],
            }
        ]
    )
    schedule = solve_checked(program)
    assert {t.name: t.value for t in schedule.record.tiers} == {"finish": 6, EARLY: 6}
    assert starts(schedule) == {
        "p.build": D(2027, 1, 4),
        "p.order": D(2027, 1, 6),
        "p.install": D(2027, 1, 8),
    }


def test_as_late_as_possible_does_not_push_a_successor_with_slack():
    """order(2), marked, feeds fit(2), which has slack before the finish a(10) sets: moving order later
    would move fit later too (2 per day against 1), so both stay at days 0 and 2: early = 2 x 2 - 0 = 4."""
    program = make_program(
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 10},
                    {"id": "order", "duration": 2, "as_late_as_possible": True},
                    {"id": "fit", "duration": 2, "after": ["order"]},
                ],
            }
        ]
    )
    schedule = solve_checked(program)
    assert {t.name: t.value for t in schedule.record.tiers} == {"finish": 10, EARLY: 4}


def test_the_early_tier_never_costs_a_business_tier():
    """One developer, a(3) and b(2) both targeted Wed 6 Jan (day 2), a at weight 5, b at 1.

    a first: a on time, b finishes day 4, 2 late x 1 = lateness 2; early 2 x (0 + 3) = 6.
    b first would start work sooner (early 2 x (0 + 2) = 4) but make a 2 late x 5 = 10: the held
    lateness keeps a first.
    """
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {
                        "id": "a",
                        "duration": 3,
                        "requires": [{"role": "dev"}],
                        "target": {"date": "2027-01-06", "weight": 5},
                    },
                    {
                        "id": "b",
                        "duration": 2,
                        "requires": [{"role": "dev"}],
                        "target": {"date": "2027-01-06", "weight": 1},
                    },
                ],
            }
        ],
    )
    schedule = solve_checked(program)
    assert {t.name: t.value for t in schedule.record.tiers} == {"lateness": 2, "finish": 5, EARLY: 6}


def test_stability_tiers_go_before_early():
    """A replan's tiers come after the business tiers and before the early tier."""
    business, stability = [Tier("finish", 0), Tier(EARLY, 0)], [Tier("moved", 0), Tier("shift", 0)]
    assert [t.name for t in before_early(business, stability)] == ["finish", "moved", "shift", EARLY]
    assert [t.name for t in before_early([Tier("finish", 0)], stability)] == ["finish", "moved", "shift"]
