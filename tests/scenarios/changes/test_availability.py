"""The ``availability`` kind: leave and part time, their words and ``--leave``."""

from __future__ import annotations

import datetime as dt

from planner.scenarios.changes import availability as kind
from planner.scenarios.changes import change_words
from tests.scenarios.changes.helpers import D, apply, changes, program


def test_availability_leave_and_part_time():
    """Ann away for a week becomes leave; Bob at 50% from March becomes a part-time window to the end."""
    changed = apply(
        program(end="2027-12-31"),
        {"kind": "availability", "person": "ann", "from": "2027-02-01", "to": "2027-02-05"},
        {"kind": "availability", "person": "bob", "from": "2027-03-01", "percent": 50},
    )
    ann, bob = changed.person_by_id["ann"], changed.person_by_id["bob"]
    assert [(w.start, w.end) for w in ann.leave] == [(D(2027, 2, 1), D(2027, 2, 5))]
    assert [(w.start, w.end, w.percent) for w in bob.part_time] == [(D(2027, 3, 1), D(2027, 12, 31), 50)]


def test_availability_words():
    """Leave in a window, and part time from a date on with its reason."""
    away, part = changes(
        {"kind": "availability", "person": "ann", "from": "2027-03-01", "to": "2027-03-05"},
        {
            "kind": "availability",
            "person": "bob",
            "from": "2027-03-01",
            "percent": 50,
            "reason": "second project",
        },
    )
    assert change_words(away) == "ann away from 2027-03-01 to 2027-03-05"
    assert change_words(part) == "bob at 50% from 2027-03-01 on (second project)"


def test_leave_text():
    """dana@A..B is leave in the window."""
    away = kind.parse_leave("dana@2027-02-01..2027-02-05")
    assert (away.person, away.percent, away.end) == ("dana", 0, dt.date(2027, 2, 5))
