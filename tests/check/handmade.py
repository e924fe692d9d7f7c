"""Small programs and schedules worked out by hand, shared by the checker's tests.

Calendar used throughout: Monday to Friday, program start Monday 2027-03-01, holiday Wednesday
2027-03-10 ("Spring day"). Working-day numbers:

    Mar 01 02 03 04 05 | 08 09 (10) 11 12 | 15 16 17 18 19
         0  1  2  3  4 |  5  6   -   7  8 |  9 10 11 12 13
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.check import Violation
from planner.models import Program, Schedule

HOLIDAY = {"date": "2027-03-10", "name": "Spring day"}


def program(*tasks: dict[str, Any], project: dict[str, Any] | None = None, **top: Any) -> Program:
    """A one-project program (project ``a``) on the test calendar."""
    data: dict[str, Any] = {
        "name": "test",
        "start": "2027-03-01",
        "calendar": {"holidays": [HOLIDAY]},
        "projects": [{"id": "a", "tasks": list(tasks), **(project or {})}],
    }
    return Program.model_validate({**data, **top})


def row(key: str, start: str, finish: str | None = None, people: tuple[str, ...] = ()) -> dict[str, Any]:
    """A scheduled task; ``finish`` defaults to ``start`` (milestones, one-day tasks)."""
    project, task = key.split(".")
    return {"project": project, "task": task, "start": start, "finish": finish or start, "people": people}


def schedule(
    *rows: dict[str, Any], status: str = "feasible", tiers: dict[str, int] | None = None
) -> Schedule:
    """A hand-written schedule, with a solve record holding ``tiers`` when given."""
    record = None
    if tiers is not None:
        record = {
            "planner_version": "0",
            "ortools_version": "0",
            "python_version": "3",
            "time_limit": 1.0,
            "workers": 1,
            "seed": 0,
            "wall_time": 0.1,
            "status": status,
            "tiers": [{"name": n, "value": v, "bound": v, "optimal": True} for n, v in tiers.items()],
            "solved_at": dt.datetime(2027, 1, 1),
        }
    return Schedule.model_validate({"program": "test", "status": status, "tasks": rows, "record": record})


def kinds(violations: list[Violation]) -> list[str]:
    """The kinds of the violations, in order."""
    return [v.kind for v in violations]


def only(violations: list[Violation], kind: str) -> Violation:
    """The single violation, asserting it has ``kind``."""
    assert kinds(violations) == [kind], violations
    return violations[0]


def core() -> Program:
    """Two projects sharing a role pool and two specialists."""
    return Program.model_validate(
        {
            "name": "test",
            "start": "2027-03-01",
            "calendar": {"holidays": [HOLIDAY]},
            "roles": [{"id": "dev", "capacity": 2}],
            "people": [{"id": "alice", "skills": ["data"]}, {"id": "bob", "skills": ["data", "design"]}],
            "projects": [
                {
                    "id": "pay",
                    "deadline": "2027-03-19",
                    "tasks": [
                        {"id": "design", "duration": 3, "requires": [{"person": "bob"}]},
                        {
                            "id": "build",
                            "duration": "1w",
                            "after": ["design"],
                            "requires": [{"role": "dev", "count": 2}],
                        },
                        {"id": "live", "milestone": True, "after": ["build"], "target": "2027-03-12"},
                    ],
                },
                {
                    "id": "mig",
                    "tasks": [
                        {"id": "extract", "duration": 4, "requires": [{"skill": "data"}]},
                    ],
                },
            ],
            "dependencies": [{"from": "mig.extract", "to": "pay.live"}],
        }
    )


def core_schedule(**kw: Any) -> Schedule:
    """design days 0-2; build days 3-7 (Mar 4, 5, 8, 9, 11: over a weekend and the holiday);
    live on day 8 = Mar 12; extract days 0-3 with alice (bob is busy on design)."""
    return schedule(
        row("pay.design", "2027-03-01", "2027-03-03", ("bob",)),
        row("pay.build", "2027-03-04", "2027-03-11"),
        row("pay.live", "2027-03-12"),
        row("mig.extract", "2027-03-01", "2027-03-04", ("alice",)),
        **kw,
    )
