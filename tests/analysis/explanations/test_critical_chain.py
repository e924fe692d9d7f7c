"""Critical chain and 'why it ends then', checked by hand on small programs.

Every program starts Monday 2027-01-04 (working day 0), Monday to Friday.
"""

from __future__ import annotations

import datetime as dt

from planner.analysis.explanations.critical_chain import critical_chain, waits
from planner.analysis.explanations.finish import explain_finish
from planner.check import verify
from planner.models import Schedule, ScheduledTask, SolveStatus
from planner.solvers import SolveOptions
from planner.solvers.early import pull_early
from tests.conftest import make_program, solve_checked

# Dana does a (3 days) and b (2 days); the milestone m follows a and b. She cannot do both at
# once, so the milestone is reached on day 5 instead of day 3 (what dependencies alone allow).
# Pulled as early as possible (smallest sum of starts), b runs first (days 0-1: sum 0 + 2 + 5 = 7
# beats a first: 0 + 3 + 5 = 8), a waits two days for Dana (days 2-4), and m follows a on day 5.
DANA = {
    "people": [{"id": "dana", "name": "Dana Okafor"}],
    "projects": [
        {
            "id": "p",
            "tasks": [
                {"id": "a", "name": "Design", "duration": 3, "requires": [{"person": "dana"}]},
                {"id": "b", "duration": 2, "requires": [{"person": "dana"}]},
                {"id": "m", "name": "Live", "milestone": True, "after": ["a", "b"]},
            ],
        }
    ],
}


def _pulled(program):
    schedule = solve_checked(program)
    pulled, fully = pull_early(program, schedule, SolveOptions(time_limit=10, workers=2))
    verify(program, pulled)
    assert fully
    return pulled


def test_chain_through_a_specialist():
    """b (program start) -> a waited 2 days for Dana while she worked on b -> Live follows a."""
    program = make_program(**DANA)
    chain = critical_chain(program, _pulled(program))
    assert [(s.task, s.reason, s.cause, s.waited) for s in chain] == [
        ("p.b", "start", None, 0),
        ("p.a", "person", "p.b", 2),
        ("p.m", "dependency", "p.a", 0),
    ]
    assert chain[1].because == "waited for Dana Okafor while they worked on p.b"
    assert (chain[-1].start, chain[1].start, chain[1].finish) == (
        dt.date(2027, 1, 11),
        dt.date(2027, 1, 6),
        dt.date(2027, 1, 8),
    )


def test_waits_per_specialist():
    """Only a waited, 2 working days, behind b, for Dana."""
    program = make_program(**DANA)
    found = waits(program, _pulled(program))
    assert {k: [(w.task, w.days, w.behind) for w in v] for k, v in found.items()} == {
        ("person", "dana"): [("p.a", 2, ("p.b",))]
    }


def test_days_from_dependencies_and_from_specialists():
    """Live: 3 working days from dependencies alone, 2 more from Dana; a second Dana gains those 2."""
    program = make_program(**DANA)
    schedule = solve_checked(program)
    e = explain_finish(program, schedule, milestone="p.m", time_limit=20, workers=2, one_more=1)
    assert (e.finish, e.working_days, e.dependency_days, e.resource_days) == (dt.date(2027, 1, 11), 5, 3, 2)
    assert e.dependency_finish == dt.date(2027, 1, 7)
    (dana,) = e.contention
    assert (dana.kind, dana.resource, dana.on_chain, dana.waited_days) == ("person", "dana", True, 2)
    assert dana.one_more is not None and dana.one_more.checked
    assert (dana.one_more.finish_gain, dana.one_more.milestone_gain) == (2, 2)


def test_leave_then_release_and_holiday():
    """t waits for Dana's leave (back Monday 11th); u is released 20 January; Good Friday lies before v."""
    program = make_program(
        calendar={"holidays": [{"date": "2027-01-22", "name": "Founders' Day"}]},
        people=[{"id": "dana", "name": "Dana Okafor", "leave": [{"from": "2027-01-04", "to": "2027-01-08"}]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "t", "duration": 2, "requires": [{"person": "dana"}]},  # days 5-6
                    {"id": "u", "duration": 2, "release": "2027-01-20"},  # days 12-13
                    {"id": "v", "duration": 1, "after": ["u", "t"]},
                ],
            }
        ],
    )  # day 14 = Mon 25th
    pulled = _pulled(program)
    t_chain = critical_chain(program, pulled, "p.t")
    assert [(s.task, s.reason, s.waited) for s in t_chain] == [("p.t", "leave", 5)]
    v_chain = critical_chain(program, pulled, "p.v")
    assert [(s.task, s.reason) for s in v_chain] == [("p.u", "release"), ("p.v", "dependency")]
    assert v_chain[1].holidays == ("Founders' Day (2027-01-22)",)


def test_role_capacity_and_the_value_of_one_more():
    """Two 5-day tasks share one developer: the program ends after 10 days; one more developer saves 5."""
    program = make_program(
        roles=[{"id": "dev", "name": "Developer", "capacity": 1}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "x", "duration": 5, "requires": [{"role": "dev"}]},
                    {"id": "y", "duration": 5, "requires": [{"role": "dev"}]},
                ],
            }
        ],
    )
    e = explain_finish(program, solve_checked(program), time_limit=20, workers=2, one_more=1)
    assert (e.working_days, e.dependency_days, e.resource_days) == (10, 5, 5)
    assert [s.reason for s in e.chain] == ["start", "role"]
    (dev,) = e.contention
    assert dev.one_more is not None and dev.one_more.finish_gain == 5 and dev.one_more.proven


def test_one_more_of_a_plural_role_reads_as_a_sentence():
    """Role 'Developers', two 5-day tasks, one developer: 'With one more Developer (dev), the program would end 5 ...'."""
    program = make_program(
        roles=[{"id": "dev", "name": "Developers", "capacity": 1}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "x", "duration": 5, "requires": [{"role": "dev"}]},
                    {"id": "y", "duration": 5, "requires": [{"role": "dev"}]},
                ],
            }
        ],
    )
    e = explain_finish(program, solve_checked(program), time_limit=20, workers=2, one_more=1)
    assert e.headline[-1] == "With one more Developer (dev), the program would end 5 working days earlier."
    assert (
        e.contention[0].one_more.text
        == "one more Developer (dev): the program would end 5 working days earlier"
    )


def test_a_plan_not_fully_pulled_early_says_what_that_means(monkeypatch):
    """When pulling early runs out of time the quality says steps may show slack, not 'could not be pulled'."""
    from planner.analysis.explanations import finish

    program = make_program(**DANA)
    schedule = solve_checked(program)
    monkeypatch.setattr(finish, "pull_early", lambda program, schedule, options: (schedule, False))
    e = explain_finish(program, schedule, time_limit=5, workers=2, one_more=0)
    assert e.quality.endswith(
        "; not every task was moved to its earliest start within the time limit, so some "
        "steps below may show slack"
    )


def test_a_wait_for_a_capacity_step_names_it():
    """One tester (two from Monday 11th): y (days 5-7) waited 5 days for the role to grow, not behind a task."""
    program = make_program(
        roles=[
            {
                "id": "tester",
                "name": "Testers",
                "capacity": 1,
                "changes": [{"from": "2027-01-11", "capacity": 2}],
            }
        ],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "x", "duration": 10, "requires": [{"role": "tester"}]},
                    {"id": "y", "duration": 3, "requires": [{"role": "tester"}]},
                ],
            }
        ],
    )
    schedule = Schedule(
        program="test",
        status=SolveStatus.FEASIBLE,
        tasks=(
            ScheduledTask(project="p", task="x", start=dt.date(2027, 1, 4), finish=dt.date(2027, 1, 15)),
            ScheduledTask(project="p", task="y", start=dt.date(2027, 1, 11), finish=dt.date(2027, 1, 13)),
        ),
    )
    verify(program, schedule)
    (wait,) = waits(program, schedule)[("role", "tester")]
    assert (wait.task, wait.days, wait.behind) == ("p.y", 5, ())
    assert wait.because == "for role Testers to grow to 2 on 2027-01-11"
