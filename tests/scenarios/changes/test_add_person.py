"""The ``add_person`` kind: a hire from a date."""

from __future__ import annotations

from planner.scenarios.changes import change_words, touched
from tests.scenarios.changes.helpers import D, apply, changes, program


def test_add_person_joining_later_is_away_before():
    """A hire from 1 February is on leave from the start to 31 January."""
    changed = apply(
        program(), {"kind": "add_person", "person": {"id": "cy", "skills": ["sql"]}, "from": "2027-02-01"}
    )
    assert [(w.start, w.end) for w in changed.person_by_id["cy"].leave] == [(D(2027, 1, 4), D(2027, 1, 31))]


def test_add_person_words_and_touches():
    """Said as joining on the date; touches the new person."""
    (change,) = changes({"kind": "add_person", "person": {"id": "cy"}, "from": "2027-02-01"})
    assert change_words(change) == "cy joins on 2027-02-01"
    assert touched(change, program()) == [("person", "cy")]
