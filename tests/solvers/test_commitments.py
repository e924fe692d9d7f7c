"""A program's commitments as plain data (planner.models.commitments), listed by the solver.

The program starts Monday 2027-01-04 (working day 0), Monday to Friday: Friday 8 January is day 4,
Monday 18 January day 10, Monday 1 February day 20, Friday 5 February day 24.
"""

from __future__ import annotations

import datetime as dt

from planner.models.commitments import CapacityCommitment, DatedCommitment, LeaveCommitment
from planner.solvers.commitments import list_commitments
from tests.conftest import make_program


def test_each_kind_of_commitment_with_its_days_and_dates():
    """A deadline (day 4), a release (day 20), one developer until 15 January then none for two
    tasks that need one each (two capacity runs below the demand of 2, the second open-ended) and
    Dana's leave (days 20-24): each of its own kind."""
    program = make_program(
        roles=[{"id": "dev", "capacity": 1, "changes": [{"from": "2027-01-18", "capacity": 0}]}],
        people=[{"id": "dana", "leave": [{"from": "2027-02-01", "to": "2027-02-05"}]}],
        projects=[
            {
                "id": "p",
                "tasks": [
                    {"id": "x", "duration": 5, "requires": [{"role": "dev"}], "deadline": "2027-01-08"},
                    {"id": "y", "duration": 5, "requires": [{"role": "dev"}]},
                    {"id": "w", "duration": 3, "requires": [{"person": "dana"}], "release": "2027-02-01"},
                ],
            }
        ],
    )
    found = {c.id: c for c in list_commitments(program)}
    assert found["deadline:p.x"] == DatedCommitment(
        "deadline:p.x", "deadline", "p.x", ("p.x",), 4, dt.date(2027, 1, 8)
    )
    assert found["release:p.w"] == DatedCommitment(
        "release:p.w", "release", "p.w", ("p.w",), 20, dt.date(2027, 2, 1)
    )
    first, then = found["capacity:dev:0"], found["capacity:dev:1"]
    assert isinstance(first, CapacityCommitment) and isinstance(then, CapacityCommitment)
    assert (first.first, first.end, first.level, first.until, first.open_ended) == (
        0,
        10,
        1,
        dt.date(2027, 1, 15),
        False,
    )
    assert (then.first, then.level, then.until, then.open_ended, then.kind) == (10, 0, None, True, "capacity")
    leave = found["leave:dana:0"]
    assert isinstance(leave, LeaveCommitment)
    assert (leave.first, leave.end, leave.tasks, leave.kind) == (20, 25, ("p.w",), "leave")
