"""The ``capacity`` kind: a role's head-count over a window, its words and its command-line text."""

from __future__ import annotations

import datetime as dt

from planner.scenarios.changes import capacity as kind
from planner.scenarios.changes import change_words
from tests.scenarios.changes.helpers import D, apply, changes, error, program


def test_capacity_delta_over_a_window_keeps_later_steps():
    """One developer fewer in February and March: 3, 2 from 1 Feb, 3 from 1 Mar (4 - 1), 4 from 1 Apr."""
    changed = apply(
        program(),
        {"kind": "capacity", "role": "developer", "from": "2027-02-01", "to": "2027-03-31", "delta": -1},
    )
    role = changed.role_by_id["developer"]
    assert role.capacity == 3
    assert [(c.start, c.capacity) for c in role.changes] == [
        (D(2027, 2, 1), 2),
        (D(2027, 3, 1), 3),
        (D(2027, 4, 1), 4),
    ]


def test_capacity_absolute_from_a_date_lasts():
    """A freeze at 1 developer from 15 February on replaces the March hire."""
    changed = apply(program(), {"kind": "capacity", "role": "developer", "from": "2027-02-15", "capacity": 1})
    role = changed.role_by_id["developer"]
    assert [(c.start, c.capacity) for c in role.changes] == [(D(2027, 2, 15), 1)]


def test_capacity_below_zero_is_refused():
    """Taking 4 developers from a pool of 3 names the role and the day."""
    assert "role developer would have capacity -1 on 2027-01-04" in error(
        program(),
        {"kind": "capacity", "role": "developer", "from": "2027-01-01", "to": "2027-01-31", "delta": -4},
    )


def test_capacity_words():
    """A head-count in a window with its note, and one fewer from a date on."""
    count, fewer = changes(
        {
            "kind": "capacity",
            "role": "developer",
            "from": "2027-09-06",
            "to": "2027-10-31",
            "capacity": 6,
            "note": "contractors cleared",
        },
        {"kind": "capacity", "role": "developer", "from": "2027-03-01", "delta": -1},
    )
    assert change_words(count) == "role developer has 6 from 2027-09-06 to 2027-10-31 (contractors cleared)"
    assert change_words(fewer) == "role developer has 1 fewer from 2027-03-01 on"


def test_capacity_absolute_delta_and_open_window():
    """dev=1@A..B is a head-count in a window, dev=-1@A a lasting change of one fewer."""
    fixed = kind.parse_text("developer=1@2027-03-01..2027-03-31")
    assert (fixed.capacity, fixed.delta, fixed.start, fixed.end) == (
        1,
        None,
        dt.date(2027, 3, 1),
        dt.date(2027, 3, 31),
    )
    fewer = kind.parse_text("developer=-1@2027-03-01")
    assert (fewer.capacity, fewer.delta, fewer.end) == (None, -1, None)
