"""The ``remove_person`` kind: a departure for good or from a date."""

from __future__ import annotations

from planner.scenarios.changes import change_words
from tests.scenarios.changes.helpers import D, apply, changes, error, program


def test_remove_person_named_by_a_task_needs_a_date():
    """Ann is named by p.b: removing her for good is refused; from a date she is away from then on."""
    assert "ann is named by p.b" in error(program(), {"kind": "remove_person", "person": "ann"})
    changed = apply(
        program(end="2027-06-30"), {"kind": "remove_person", "person": "ann", "from": "2027-03-01"}
    )
    assert [(w.start, w.end) for w in changed.person_by_id["ann"].leave] == [(D(2027, 3, 1), D(2027, 6, 30))]
    assert [p.id for p in apply(program(), {"kind": "remove_person", "person": "bob"}).people] == ["ann"]


def test_remove_person_words():
    """For good, and from a date."""
    gone, later = changes(
        {"kind": "remove_person", "person": "bob"},
        {"kind": "remove_person", "person": "ann", "from": "2027-03-01"},
    )
    assert (change_words(gone), change_words(later)) == (
        "bob leaves the program",
        "ann leaves the program on 2027-03-01",
    )
