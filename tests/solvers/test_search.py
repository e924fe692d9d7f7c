"""The warm start in a solve: every program and path starts from the obvious plan and keeps it.

Programs start Monday 2027-01-04 (working day 0), Monday to Friday; every schedule is verified by
the independent checker. No assertion depends on timing: the limits are tiny so that CP-SAT has
no time to improve, and the expected values are those of the obvious plan.
"""

from __future__ import annotations

import numpy as np

from planner.analysis.facts.summary import quality
from planner.check import verify
from planner.models import Program, Schedule, ScheduledTask, SolveStatus
from planner.models.scenario import Scenario
from planner.scenarios import apply_changes
from planner.solvers import SolveOptions, solve
from planner.solvers.instance import build_instance
from planner.solvers.search import funded_sets
from tests.conftest import make_program

TINY = SolveOptions(time_limit=0.001, workers=1)


def starts(schedule: Schedule) -> dict[str, int]:
    """Start of each task as a working-day number."""
    return {
        t.key: int(np.busday_count(np.datetime64("2027-01-04"), np.datetime64(t.start)))
        for t in schedule.tasks
    }


def developers(capacity: int, *tasks: dict) -> Program:
    """One project of ``tasks``, each needing one developer, ``capacity`` developers, no secondary aim."""
    return make_program(
        objective={"secondary": "none"},
        roles=[{"id": "dev", "capacity": capacity}],
        projects=[{"id": "p", "tasks": [{**t, "requires": [{"role": "dev"}]} for t in tasks]}],
    )


def test_almost_no_time_still_returns_the_list_schedule():
    """Six 2-day tasks on 2 developers, 1 ms to solve: CP-SAT has no time, but the list schedule
    (three rounds of two tasks: finish on day 6) comes back instead of 'unknown'."""
    program = developers(2, *({"id": f"t{i}", "duration": 2} for i in range(6)))
    schedule = solve(program, TINY)
    verify(program, schedule)
    assert schedule.has_plan and schedule.status is not SolveStatus.UNKNOWN
    assert {t.name: t.value for t in schedule.record.tiers}["finish"] == 6
    assert schedule.record.parameters["start_from"] == "list schedule"
    assert schedule.record.parameters["start_tiers"].startswith("finish=6,")  # the start it kept


def test_a_replan_with_no_time_returns_the_repaired_baseline():
    """One developer; the baseline ran z (0-1), y (2-3), x (4-5), and x now takes 4 days. The
    repaired baseline keeps z and y and starts x on day 4 as before: finish 8, one task moved (x,
    whose finish moved with its new duration), no shift. (The longest-tail list schedule starts x
    first and moves all three.)"""
    program = developers(1, *({"id": t, "duration": 2} for t in "xyz"))
    wd = program.working_days
    baseline = Schedule(
        program=program.name,
        status=SolveStatus.FEASIBLE,
        tasks=tuple(
            ScheduledTask(project="p", task=t, start=wd.date(s), finish=wd.date(s + 1))
            for t, s in (("z", 0), ("y", 2), ("x", 4))
        ),
    )
    scenario = Scenario.model_validate(
        {"name": "s", "base": "x.yaml", "changes": [{"kind": "duration", "task": "p.x", "duration": 4}]}
    )
    changed = apply_changes(program, scenario.changes, baseline)
    schedule = solve(changed, TINY, baseline=baseline)
    verify(changed, schedule)
    assert starts(schedule) == {"p.z": 0, "p.y": 2, "p.x": 4}
    tiers = {t.name: t.value for t in schedule.record.tiers}
    assert (tiers["finish"], tiers["moved"], tiers["shift"]) == (8, 1, 0)
    assert schedule.record.parameters["start_from"] == "repaired baseline"


def test_a_spending_cap_falls_back_to_the_mandatory_projects():
    """Core (mandatory, cost 500) and extra (candidate, cost 800) under a total budget of 1,000:
    funding both breaks the cap, so the warm start funds core alone, and with no time to search
    that is the schedule: extra left out, finish on day 4 (core's 5 days)."""
    program = make_program(
        objective={"secondary": "none"},
        finance={"budget": {"total": 1000}},
        projects=[
            {"id": "core", "tasks": [{"id": "t", "duration": 5, "cost": 500}]},
            {"id": "extra", "funding": "candidate", "tasks": [{"id": "t", "duration": 5, "cost": 800}]},
        ],
    )
    assert funded_sets(build_instance(program)) == [frozenset({"extra"}), frozenset()]
    schedule = solve(program, TINY)
    verify(program, schedule)
    assert schedule.unfunded == ("extra",)
    assert schedule.record.parameters["start_from"] == "list schedule"
    assert {t.name: t.value for t in schedule.record.tiers}["finish"] == 5


def test_the_quality_line_says_the_optimiser_found_nothing_better():
    """A feasible schedule that is the warm start unimproved says so, with the time limit."""
    program = developers(2, *({"id": f"t{i}", "duration": 2} for i in range(6)))
    schedule = solve(program, TINY)
    record = schedule.record.model_copy(
        update={"parameters": {**schedule.record.parameters, "improved_on_start": "no"}}
    )
    text = quality(schedule.model_copy(update={"status": SolveStatus.FEASIBLE, "record": record}))
    assert text.endswith("; the list schedule; the optimiser found nothing better in 0.001 s")


def test_adding_a_person_never_makes_the_replan_worse():
    """Ann (SQL and data) ran a (3 days, 0-2), then b after it (2 days, 3-4); Bob (SQL only) joins.
    The list scheduler would give both tasks to Bob (keeping the more versatile Ann free) and
    restaff them; with no time to search, the replan is the repaired baseline: the baseline itself,
    same days and people, finish on day 5, nothing moved or restaffed."""
    program = make_program(
        objective={"secondary": "none"},
        people=[{"id": "ann", "skills": ["sql", "data"]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3, "requires": [{"skill": "sql"}]},
                    {"id": "b", "duration": 2, "after": ["a"], "requires": [{"skill": "sql"}]},
                ],
            }
        ],
    )
    wd = program.working_days
    baseline = Schedule(
        program=program.name,
        status=SolveStatus.FEASIBLE,
        tasks=(
            ScheduledTask(project="p", task="a", start=wd.date(0), finish=wd.date(2), people=("ann",)),
            ScheduledTask(project="p", task="b", start=wd.date(3), finish=wd.date(4), people=("ann",)),
        ),
    )
    scenario = Scenario.model_validate(
        {
            "name": "s",
            "base": "x.yaml",
            "changes": [{"kind": "add_person", "person": {"id": "bob", "skills": ["sql"]}}],
        }
    )
    changed = apply_changes(program, scenario.changes, baseline)
    schedule = solve(changed, TINY, baseline=baseline)
    verify(changed, schedule)
    assert starts(schedule) == {"p.a": 0, "p.b": 3}
    assert {t.key: t.people for t in schedule.tasks} == {"p.a": ("ann",), "p.b": ("ann",)}
    tiers = {t.name: t.value for t in schedule.record.tiers}
    assert (tiers["finish"], tiers["moved"], tiers["restaffed"]) == (5, 0, 0)
    assert schedule.record.parameters["start_from"] == "repaired baseline"
