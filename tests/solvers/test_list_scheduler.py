"""The list-scheduling warm start on small hand-worked programs (2027-01-04 is working day 0)."""

from __future__ import annotations

import time

import pytest

from planner.solvers.instance import build_instance
from planner.solvers.list_scheduler import ListScheduler, OutOfTime
from tests.conftest import make_program


def scheduler(*tasks: dict, capacity: int = 1, **project: object) -> ListScheduler:
    program = make_program(
        roles=[{"id": "dev", "capacity": capacity}], projects=[{"id": "p", "tasks": list(tasks), **project}]
    )
    return ListScheduler(build_instance(program))


def test_due_starts_run_back_from_targets_through_links():
    """B(2) targeted Tuesday 12 January (day 6) must start by day 5; A(3) before it by day 2;
    C has no target after it."""
    ls = scheduler(
        {"id": "a", "duration": 3},
        {"id": "b", "duration": 2, "after": ["a"], "target": {"date": "2027-01-12"}},
        {"id": "c", "duration": 1},
    )
    assert dict(zip(ls.keys, ls.due)) == {"p.a": 2, "p.b": 5, "p.c": None}


def test_lateness_counts_task_and_project_targets_by_weight():
    """A(3) at day 4 ends day 6, 2 past its day-4 target at weight 3 (6); the project, targeted day 5
    at weight 2, ends day 6 too (2): 8 in all."""
    ls = scheduler(
        {"id": "a", "duration": 3, "target": {"date": "2027-01-08", "weight": 3}},
        target={"date": "2027-01-11", "weight": 2},
    )
    assert ls.lateness([4]) == 8
    assert ls.lateness([0]) == 0


def test_search_puts_the_targeted_task_first():
    """One developer, Long(10) with no target and Short(2) due by Tuesday 5 January: the critical-path
    rule alone would start Long first and make Short 10 days late; the search meets the target."""
    ls = scheduler(
        {"id": "long", "duration": 10, "requires": [{"role": "dev"}]},
        {"id": "short", "duration": 2, "requires": [{"role": "dev"}], "target": {"date": "2027-01-05"}},
    )
    placement = ls.search(0.0)
    assert placement is not None
    assert placement.start == {"p.long": 2, "p.short": 0}
    assert ls.lateness([placement.start[k] for k in ls.keys]) == 0


def test_repair_keeps_the_baseline_order_and_pushes_only_what_must_move():
    """One developer; the baseline ran z (0-1), y (2-3), x (4-5). x now takes 4 days: repaired in the
    baseline's order, z and y keep their days and x still starts on day 4 (the longest-tail rule
    would have put x first)."""
    ls = scheduler(
        *({"id": t, "duration": 4 if t == "x" else 2, "requires": [{"role": "dev"}]} for t in "xyz")
    )
    placement = ls.repair({"p.z": 0, "p.y": 2, "p.x": 4}, {})
    assert placement is not None and placement.late == 0
    assert placement.start == {"p.x": 4, "p.y": 2, "p.z": 0}


def test_repair_starts_no_task_before_its_baseline_start_and_new_work_fills_in():
    """One developer, a (2) planned on day 1 and a new task n (1): a stays on day 1 although day 0
    is free; n, not in the baseline, is placed after a in turn, at the earliest day that fits: 0."""
    ls = scheduler(
        {"id": "a", "duration": 2, "requires": [{"role": "dev"}]},
        {"id": "n", "duration": 1, "requires": [{"role": "dev"}]},
    )
    placement = ls.repair({"p.a": 1}, {})
    assert placement is not None
    assert placement.start == {"p.a": 1, "p.n": 0}


def test_repair_keeps_the_baseline_people():
    """Ann and Bob both know SQL; the list scheduler would pick Ann (alphabetical among equally
    versatile people), but Bob did the task in the baseline, so the repair keeps him."""
    program = make_program(
        people=[{"id": "ann", "skills": ["sql"]}, {"id": "bob", "skills": ["sql"]}],
        projects=[{"id": "p", "tasks": [{"id": "t", "duration": 3, "requires": [{"skill": "sql"}]}]}],
    )
    ls = ListScheduler(build_instance(program))
    assert ls.search(0.0).people == {("p.t", 0): ("ann",)}
    assert ls.repair({"p.t": 0}, {"p.t": ("bob",)}).people == {("p.t", 0): ("bob",)}


def test_left_out_tasks_use_nothing_and_stay_at_their_earliest():
    """One developer shared by p (4 days) and q (4 days, left out): p starts on day 0 and q, which uses
    no developer time when left out, sits at its earliest day 0 too; only p's end counts (4)."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1}],
        projects=[
            {"id": "p", "tasks": [{"id": "t", "duration": 4, "requires": [{"role": "dev"}]}]},
            {
                "id": "q",
                "funding": "candidate",
                "tasks": [{"id": "t", "duration": 4, "requires": [{"role": "dev"}]}],
            },
        ],
    )
    placement = ListScheduler(build_instance(program), omit={"q.t"}).search(0.0)
    assert placement is not None
    assert placement.start == {"p.t": 0, "q.t": 0}
    assert placement.end == 4


def test_a_scheduler_past_its_deadline_stops_and_says_how_far_it_got():
    """With its deadline already passed, a schedule in progress is abandoned (OutOfTime), and a
    search with no time even for the first schedule returns None and says how many tasks it placed."""
    ls = scheduler(*({"id": f"t{i}", "duration": 1, "requires": [{"role": "dev"}]} for i in range(3)))
    ls.deadline = time.perf_counter() - 1.0
    with pytest.raises(OutOfTime):
        ls.serial([0.0, 1.0, 2.0])
    assert ls.search(0.0, first_seconds=0.0) is None
    assert ls.stopped is not None and ls.stopped.startswith("list scheduling placed 0 of 3 tasks")
