"""Replanning against a baseline: the stability tiers, the disruption budget and pins.

Programs start Monday 2027-01-04 (working day 0) with a Monday-Friday week. Every schedule is
verified by the independent checker, and the solver's ``moved`` / ``shift`` tiers are compared
with the disruption measured from the dates alone.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from planner.analysis.comparison.disruption import disruption
from planner.check import verify
from planner.models import Program, Schedule, ScheduledTask, SolveStatus
from planner.models.scenario import Scenario
from planner.scenarios import apply_changes
from planner.solvers import SolveOptions, solve
from planner.solvers.instance import build_instance
from planner.solvers.stability import Stability, StabilityInvalid, baseline_starts, stability_values
from planner.workflows.replan import replan_program as replan
from tests.conftest import make_program

OPTIONS = SolveOptions(time_limit=10, workers=2)
D = dt.date


def changed(program: Program, *items: dict, baseline: Schedule | None = None) -> Program:
    scenario = Scenario.model_validate({"name": "s", "base": "x.yaml", "changes": list(items)})
    return apply_changes(program, scenario.changes, baseline)


def replanned(program: Program, baseline: Schedule, stability: Stability | None = None) -> Schedule:
    """Solve against the baseline, verify, and check the record against the dates."""
    schedule = solve(program, OPTIONS, baseline=baseline, stability=stability)
    verify(program, schedule)
    if schedule.has_plan:
        tiers = {t.name: t.value for t in schedule.record.tiers}
        found = disruption(baseline, schedule, program)
        assert (tiers["moved"], tiers["shift"]) == (found.moved, found.total_shift)
        inst = build_instance(program)  # the same tiers computed without a model agree
        kept = stability_values(inst, baseline, baseline_starts(inst, schedule), {})
        assert (kept["moved"], kept["shift"]) == (tiers["moved"], tiers["shift"])
    return schedule


def starts(schedule: Schedule) -> dict[str, int]:
    """Start of each task as a working-day number (Monday to Friday from 4 January 2027)."""
    return {t.key: int(np.busday_count(D(2027, 1, 4), t.start)) for t in schedule.tasks}


def plan(
    program: Program, days: dict[str, int], people: dict[str, tuple[str, ...]] | None = None
) -> Schedule:
    """A hand-made baseline: each task starting on the given working day."""
    wd = program.working_days
    rows = [
        ScheduledTask(
            project=k.split(".")[0],
            task=k.split(".")[1],
            start=wd.date(s),
            finish=wd.date(s + max(program.tasks[k][1].duration - 1, 0) if k in program.tasks else s),
            people=(people or {}).get(k, ()),
        )
        for k, s in days.items()
    ]
    return Schedule(program=program.name, status=SolveStatus.FEASIBLE, tasks=tuple(rows))


def chains() -> Program:
    """p: a(5) -> b(5) -> m; q: c(5) -> d(5). No resources, no secondary aim: q has slack to move."""
    return make_program(
        objective={"secondary": "none"},
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 5},
                    {"id": "b", "duration": 5, "after": ["a"]},
                    {"id": "m", "milestone": True, "after": ["b"]},
                ],
            },
            {"id": "q", "tasks": [{"id": "c", "duration": 5}, {"id": "d", "duration": 5, "after": ["c"]}]},
        ],
    )


def one_developer() -> Program:
    """x, y, z of 2 days each, one developer: they run one after the other, finish 6."""
    return make_program(
        roles=[{"id": "dev", "capacity": 1}],
        projects=[
            {
                "id": "p",
                "tasks": [{"id": t, "duration": 2, "requires": [{"role": "dev"}]} for t in ("x", "y", "z")],
            }
        ],
    )


BASE_XYZ = {"p.x": 0, "p.y": 2, "p.z": 4}


def test_a_slip_moves_exactly_its_successors():
    """a slips a week: a, b and the milestone move 5 days each (3 moved, shift 15); q stays though it could move."""
    program = chains()
    baseline = solve(program, OPTIONS)
    verify(program, baseline)
    assert starts(baseline)["p.a"] == 0
    slipped = changed(program, {"kind": "slip", "task": "p.a", "by": "1w"}, baseline=baseline)
    schedule = replanned(slipped, baseline)
    # early: 2 x (a 5 + b 10 + c 0 + d 5); the milestone, dated when reached, does not count
    assert {t.name: t.value for t in schedule.record.tiers} == {
        "finish": 15,
        "moved": 3,
        "shift": 15,
        "early": 40,
    }
    assert [m.key for m in disruption(baseline, schedule, slipped).moves] == ["p.a", "p.b", "p.m"]
    assert {k: starts(schedule)[k] for k in ("q.c", "q.d")} == {
        k: starts(baseline)[k] for k in ("q.c", "q.d")
    }


def test_fewest_moves_by_construction():
    """x grows to 4 days: finish 8 needs the tasks back to back; keeping x at 0 and z at 4 moves only y (2 -> 6).

    Keeping y at 2 would leave x no 4-day gap before 8, so 1 move (shift 4) is the least.
    """
    program = changed(one_developer(), {"kind": "duration", "task": "p.x", "duration": 4})
    schedule = replanned(program, plan(program, BASE_XYZ))
    # early: 2 x (0 + 6 + 4)
    assert {t.name: t.value for t in schedule.record.tiers} == {
        "finish": 8,
        "moved": 1,
        "shift": 4,
        "early": 20,
    }
    assert starts(schedule) == {"p.x": 0, "p.y": 6, "p.z": 4}


def test_pins_are_kept():
    """Pinning y at day 2 forces x (4 days) to 4..7 and z to 0..1: two moves, shift 4 + 4."""
    program = changed(one_developer(), {"kind": "duration", "task": "p.x", "duration": 4})
    schedule = replanned(program, plan(program, BASE_XYZ), Stability(pin=("p.y",)))
    assert starts(schedule) == {"p.x": 4, "p.y": 2, "p.z": 0}
    # early: 2 x (4 + 2 + 0)
    assert {t.name: t.value for t in schedule.record.tiers} == {
        "finish": 8,
        "moved": 2,
        "shift": 8,
        "early": 12,
    }


def test_pinning_a_project_pins_all_its_tasks():
    """Pinning project q keeps c and d where they are even when q has slack."""
    program = chains()
    baseline = plan(program, {"p.a": 0, "p.b": 5, "p.m": 10, "q.c": 3, "q.d": 8})
    schedule = replanned(
        changed(program, {"kind": "duration", "task": "p.a", "duration": 6}), baseline, Stability(pin=("q",))
    )
    assert (starts(schedule)["q.c"], starts(schedule)["q.d"]) == (3, 8)


def test_budget_is_respected_and_too_small_a_budget_says_so():
    """The slip needs a, b and m moved: a budget of 3 holds; a budget of 2 has no schedule, and says why."""
    program = chains()
    baseline = plan(program, {"p.a": 0, "p.b": 5, "p.m": 10, "q.c": 0, "q.d": 5})
    slipped = changed(program, {"kind": "slip", "task": "p.a", "by": "1w"}, baseline=baseline)
    names = [t.name for t in replanned(slipped, baseline, Stability(budget=3)).record.tiers]
    assert names == ["finish", "moved", "shift", "early"]
    result = replan(slipped, baseline, OPTIONS, Stability(budget=2))
    assert result.schedule.status is SolveStatus.INFEASIBLE and result.disruption is None
    assert result.reason == (
        "no schedule moves at most 2 tasks; without the budget the replan moves 3 tasks "
        "by 15 working days in total"
    )


def test_budget_constrains_the_business_tiers_too():
    """y (baseline 0) may not start before day 2; baseline z at 2, x at 4, one developer.

    Without a budget the finish stays 6 with two moves, the least shift being z 2 -> 0 and
    y 0 -> 2 (x stays). With a budget of one move only y may move, and the first 2 free days
    from day 2 are 6..7: finish 8, shift 6.
    """
    program = one_developer()
    baseline = plan(program, {"p.y": 0, "p.z": 2, "p.x": 4})
    slipped = changed(program, {"kind": "slip", "task": "p.y", "by": 2}, baseline=baseline)
    free = replanned(slipped, baseline)
    # early: 2 x (4 + 2 + 0), then 2 x (4 + 6 + 2)
    assert {t.name: t.value for t in free.record.tiers} == {"finish": 6, "moved": 2, "shift": 4, "early": 12}
    assert starts(free) == {"p.x": 4, "p.y": 2, "p.z": 0}
    bounded = replanned(slipped, baseline, Stability(budget=1))
    assert {t.name: t.value for t in bounded.record.tiers} == {
        "finish": 8,
        "moved": 1,
        "shift": 6,
        "early": 24,
    }
    assert starts(bounded) == {"p.x": 4, "p.y": 6, "p.z": 2}


def test_removed_tasks_are_ignored_and_new_tasks_are_free():
    """A baseline task that no longer exists does not count; a new task goes where it fits, unmoved count 0."""
    program = one_developer()
    baseline = plan(program, {**BASE_XYZ, "p.gone": 9})
    grown = changed(
        program,
        {
            "kind": "add_task",
            "project": "p",
            "task": {"id": "new", "duration": 1, "requires": [{"role": "dev"}]},
        },
    )
    schedule = replanned(grown, baseline)
    found = disruption(baseline, schedule, grown)
    assert (found.moved, found.added, found.removed) == (0, ("p.new",), ("p.gone",))
    assert starts(schedule)["p.new"] == 6


def test_people_stay_on_their_tasks():
    """Ann and Bob can both do t; the baseline gives it to Bob, and the replan keeps him (restaffed 0)."""
    program = make_program(
        people=[{"id": "ann", "skills": ["sql"]}, {"id": "bob", "skills": ["sql"]}],
        projects=[{"id": "p", "tasks": [{"id": "t", "duration": 3, "requires": [{"skill": "sql"}]}]}],
    )
    schedule = replanned(program, plan(program, {"p.t": 0}, {"p.t": ("bob",)}))
    assert schedule.by_key()["p.t"].people == ("bob",)
    assert {t.name: t.value for t in schedule.record.tiers}["restaffed"] == 0


def test_unknown_pin_names_the_closest():
    """A misspelt pin is refused before solving, with the closest task or project."""
    program = one_developer()
    with pytest.raises(StabilityInvalid, match=r"unknown task or project 'p.yy'; did you mean 'p.y'\?"):
        solve(program, OPTIONS, baseline=plan(program, BASE_XYZ), stability=Stability(pin=("p.yy",)))


def test_solve_without_baseline_is_unchanged():
    """Without a baseline there are no stability tiers: the record has the business tiers, then early."""
    schedule = solve(one_developer(), OPTIONS)
    verify(one_developer(), schedule)
    assert [t.name for t in schedule.record.tiers] == ["finish", "early"]


def test_without_time_for_the_model_a_replan_answers_with_the_repaired_baseline(monkeypatch):
    """When the model would not load in time, the better of the repaired baseline and the list
    schedule is the answer, its tiers computed without a model: x grows to 4 days, and the repaired
    baseline pushes y and z back in their baseline order (x 0, y 4, z 6: 2 moved, shift 4); list
    scheduling restarts may find x 0, z 4, y 6 (1 moved, shift 4), which is then kept. With a
    budget of 0 moves no schedule keeps to it (x now overlaps y), and the answer is ``unknown``,
    saying why, not a schedule over the budget."""
    from planner.solvers import search

    monkeypatch.setattr(search, "model_seconds", lambda inst: 1e6)
    quick = SolveOptions(time_limit=1, workers=2)
    program = changed(one_developer(), {"kind": "duration", "task": "p.x", "duration": 4})
    baseline = plan(program, BASE_XYZ)
    schedule = solve(program, quick, baseline=baseline)
    verify(program, schedule)
    answer = (
        schedule.record.parameters["start_from"],
        starts(schedule),
        {t.name: t.value for t in schedule.record.tiers},
    )
    # early: 2 x (0 + 4 + 6) either way
    assert answer in [
        (
            "repaired baseline",
            {"p.x": 0, "p.y": 4, "p.z": 6},
            {"finish": 8, "moved": 2, "shift": 4, "early": 20},
        ),
        ("list schedule", {"p.x": 0, "p.y": 6, "p.z": 4}, {"finish": 8, "moved": 1, "shift": 4, "early": 20}),
    ]
    over = solve(program, quick, baseline=baseline, stability=Stability(budget=0))
    assert over.status is SolveStatus.UNKNOWN and not over.tasks
    assert (
        "the repaired baseline moves 2 tasks, more than the disruption budget of 0"
        in (over.record.parameters["time_notes"])
    )
