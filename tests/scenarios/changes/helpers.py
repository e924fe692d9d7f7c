"""A small program, a baseline of it, and helpers to apply changes to it, shared by the kinds' tests.

Programs start Monday 2027-01-04 (working day 0) with a Monday-Friday week: working day 5 is
Monday 11 January, day 10 Monday 18 January, day 13 Thursday 21 January.
"""

from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import ProgramInvalid
from planner.models import Program, Schedule, ScheduledTask, SolveStatus
from planner.models.scenario import Scenario
from planner.scenarios import apply_changes
from tests.conftest import make_program

D = dt.date


def program(**extra: object) -> Program:
    """p: a(3) -> b(2) -> m (milestone); q: c(5). A developer pool of 3 (4 from March), Ann and Bob."""
    fields: dict = {
        "roles": [{"id": "developer", "capacity": 3, "changes": [{"from": "2027-03-01", "capacity": 4}]}],
        "people": [{"id": "ann", "skills": ["sql"]}, {"id": "bob", "skills": ["sql", "py"]}],
        "projects": [
            {
                "id": "p",
                "tasks": [
                    {"id": "a", "duration": 3, "requires": [{"role": "developer"}]},
                    {"id": "b", "duration": 2, "after": ["a"], "requires": [{"person": "ann"}]},
                    {"id": "m", "milestone": True, "after": ["b"]},
                ],
            },
            {"id": "q", "tasks": [{"id": "c", "duration": 5, "requires": [{"skill": "sql"}]}]},
        ],
    }
    fields.update(extra)
    return make_program(**fields)


def changes(*items: dict) -> tuple:
    """Changes validated as a scenario's."""
    return Scenario.model_validate({"name": "s", "base": "x.yaml", "changes": list(items)}).changes


def apply(base: Program, *items: dict, baseline: Schedule | None = None) -> Program:
    """``items`` validated as a scenario's changes and applied to ``base`` (file ``s.yaml``)."""
    return apply_changes(base, changes(*items), baseline, source="s.yaml")


def error(base: Program, *items: dict, baseline: Schedule | None = None) -> str:
    """The message of the ProgramInvalid that applying ``items`` raises."""
    with pytest.raises(ProgramInvalid) as info:
        apply(base, *items, baseline=baseline)
    return str(info.value)


def plan(*rows: tuple[str, dt.date, dt.date, tuple[str, ...]]) -> Schedule:
    """An optimal schedule of the rows ``(key, start, finish, people)``."""
    tasks = [
        ScheduledTask(project=k.split(".")[0], task=k.split(".")[1], start=s, finish=f, people=pp)
        for k, s, f, pp in rows
    ]
    return Schedule(program="test", status=SolveStatus.OPTIMAL, tasks=tuple(tasks))


BASELINE = plan(
    ("p.a", D(2027, 1, 4), D(2027, 1, 6), ()),
    ("p.b", D(2027, 1, 11), D(2027, 1, 12), ("ann",)),
    ("p.m", D(2027, 1, 13), D(2027, 1, 13), ()),
    ("q.c", D(2027, 1, 4), D(2027, 1, 8), ("bob",)),
)
"""a on days 0-2, b on 5-6 with Ann, m on day 7, c on days 0-4 staffed with Bob (c asks for a skill, not for Bob)."""
