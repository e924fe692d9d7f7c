"""Conversion of public benchmark instances into planner programs (small and fast; no timing)."""

from __future__ import annotations

import psplib  # noqa: F401  (the bench extra is part of the test environment)
import pytest

from benchmarks.instances import DEFAULT_DATA, START, load, makespan, references
from planner.check import verify
from planner.solvers import SolveOptions, solve

J301_1 = DEFAULT_DATA / "psplib" / "j30" / "j301_1.sm"
MP_J30 = DEFAULT_DATA / "mpsplib" / "rcmp" / "mp_j30_a2_nr2.rcmp"

pytestmark = pytest.mark.skipif(not J301_1.exists(), reason="benchmark data not found beside the checkout")


def test_j301_1_has_30_tasks_and_its_capacities():
    """j301_1: 32 jobs minus the dummy source and sink; R1..R4 have capacities 12, 13, 4, 12."""
    bench = load(J301_1)
    assert bench.num_tasks == 30
    assert [(r.id, r.capacity) for r in bench.program.roles] == [
        ("R1", 12),
        ("R2", 13),
        ("R3", 4),
        ("R4", 12),
    ]
    assert bench.program.calendar.workdays == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert bench.program.objective.secondary == "none"


def test_j301_1_task_data_and_dropped_source():
    """Job 2 of j301_1 lasts 8 and needs 4 of R1; it followed only the dummy source, so it has no predecessor."""
    _, task = load(J301_1).program.tasks["p1.a2"]
    assert task.duration == 8
    assert [(r.role, r.count) for r in task.requires] == [("R1", 4)]
    assert task.after == ()


def test_mpsplib_release_and_global_resource():
    """mp_j30_a2_nr2: project 2 is released at t = 5; R1 (capacity 21) is the shared resource."""
    bench = load(MP_J30)
    assert bench.num_tasks == 60
    p2 = bench.program.projects[1]
    assert (p2.release - START).days == 5
    assert bench.program.roles[0].capacity == 21
    assert bench.origin == 0


def test_j301_1_solves_to_its_known_optimum_and_checks():
    """The planner's own path reaches j301_1's proven optimum (43) and the checker accepts it."""
    bench = load(J301_1)
    schedule = solve(bench.program, SolveOptions(time_limit=10, workers=2))
    verify(bench.program, schedule)
    assert references()["j301_1"].value == 43
    assert {t.name: t.value for t in schedule.record.tiers}["finish"] == 43
    assert makespan(bench, schedule) == 43
