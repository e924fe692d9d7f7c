"""Shared helpers: build programs from dicts and solve them with every schedule checked."""

from __future__ import annotations

from typing import Any

import pytest

from planner.check import verify
from planner.models import Program, Schedule
from planner.solvers import SolveOptions, solve


def make_program(**fields: Any) -> Program:
    """A program starting Monday 2027-01-04, Monday-Friday, with the given fields."""
    return Program.model_validate({"name": "test", "start": "2027-01-04", **fields})


def solve_checked(program: Program, time_limit: float = 10.0, workers: int = 2) -> Schedule:
    """Solve ``program`` and verify the schedule with the independent checker."""
    schedule = solve(program, SolveOptions(time_limit=time_limit, workers=workers))
    verify(program, schedule)
    return schedule


@pytest.fixture
def tiers():
    """Map a schedule to its per-tier objective values."""
    return lambda schedule: {t.name: t.value for t in schedule.record.tiers}
