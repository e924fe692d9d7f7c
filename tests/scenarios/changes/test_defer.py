"""The ``defer`` kind: a task or project may not start before a date."""

from __future__ import annotations

from planner.scenarios.changes import change_words
from tests.scenarios.changes.helpers import D, apply, changes, program


def test_defer_sets_the_release():
    """Deferring q to March sets its release; a later defer of p.a keeps the later of the two dates."""
    deferred = apply(program(), {"kind": "defer", "project": "q", "until": "2027-03-01"})
    assert deferred.projects[1].release == D(2027, 3, 1)
    twice = apply(
        program(),
        {"kind": "defer", "task": "p.a", "until": "2027-03-01"},
        {"kind": "defer", "task": "p.a", "until": "2027-02-01"},
    )
    assert twice.tasks["p.a"][1].release == D(2027, 3, 1)


def test_defer_words():
    """Said as may not start before the date."""
    (change,) = changes({"kind": "defer", "project": "q", "until": "2027-03-01"})
    assert change_words(change) == "q deferred: may not start before 2027-03-01"
