"""The ``duration`` kind: a new estimate, its words and its command-line text."""

from __future__ import annotations

from planner.scenarios.changes import change_words, touched
from planner.scenarios.changes import duration as kind
from tests.scenarios.changes.helpers import apply, changes, program


def test_duration_change_sets_the_estimate():
    """A new estimate of 4w makes c 20 working days."""
    assert (
        apply(program(), {"kind": "duration", "task": "q.c", "duration": "4w"}).tasks["q.c"][1].duration == 20
    )


def test_duration_words_and_touches():
    """12 working days are said as such, 0 makes a milestone; the change touches its task."""
    longer, none = changes(
        {"kind": "duration", "task": "q.c", "duration": 12},
        {"kind": "duration", "task": "q.c", "duration": 0},
    )
    assert (change_words(longer), change_words(none)) == (
        "q.c re-estimated at 12 working days",
        "q.c becomes a milestone",
    )
    assert touched(longer, program()) == [("task", "q.c")]


def test_duration_text():
    """payments.design=4w is a new estimate of 20 days."""
    assert kind.parse_text("payments.design=4w").duration == 20
