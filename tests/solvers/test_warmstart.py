"""The list-scheduling warm start on small hand-worked programs (2027-01-04 is working day 0)."""

from __future__ import annotations

from planner.solvers.instance import build_instance
from planner.solvers.warmstart import ListScheduler
from tests.conftest import make_program


def scheduler(*tasks: dict, capacity: int = 1, **project: object) -> ListScheduler:
    program = make_program(roles=[{"id": "dev", "capacity": capacity}],
                           projects=[{"id": "p", "tasks": list(tasks), **project}])
    return ListScheduler(build_instance(program))


def test_due_starts_run_back_from_targets_through_links():
    """B(2) targeted Tuesday 12 January (day 6) must start by day 5; A(3) before it by day 2;
    C has no target after it."""
    ls = scheduler({"id": "a", "duration": 3}, {"id": "b", "duration": 2, "after": ["a"],
                   "target": {"date": "2027-01-12"}}, {"id": "c", "duration": 1})
    assert dict(zip(ls.keys, ls.due)) == {"p.a": 2, "p.b": 5, "p.c": None}


def test_lateness_counts_task_and_project_targets_by_weight():
    """A(3) at day 4 ends day 6, 2 past its day-4 target at weight 3 (6); the project, targeted day 5
    at weight 2, ends day 6 too (2): 8 in all."""
    ls = scheduler({"id": "a", "duration": 3, "target": {"date": "2027-01-08", "weight": 3}},
                   target={"date": "2027-01-11", "weight": 2})
    assert ls.lateness([4]) == 8
    assert ls.lateness([0]) == 0


def test_search_puts_the_targeted_task_first():
    """One developer, Long(10) with no target and Short(2) due by Tuesday 5 January: the critical-path
    rule alone would start Long first and make Short 10 days late; the search meets the target."""
    ls = scheduler({"id": "long", "duration": 10, "requires": [{"role": "dev"}]},
                   {"id": "short", "duration": 2, "requires": [{"role": "dev"}], "target": {"date": "2027-01-05"}})
    placement = ls.search(0.0)
    assert placement is not None
    assert placement.start == {"p.long": 2, "p.short": 0}
    assert ls.lateness([placement.start[k] for k in ls.keys]) == 0
