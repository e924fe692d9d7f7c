"""The ``target`` kind: a soft target moved or dropped."""

from __future__ import annotations

from planner.scenarios.changes import change_words
from tests.scenarios.changes.helpers import D, apply, changes, program


def test_target_moves_with_its_weight_kept():
    """A target on q without a weight gets weight 1 (q had none); a later move keeps a weight of 5."""
    changed = apply(program(), {"kind": "target", "project": "q", "date": "2027-01-29"})
    assert (changed.projects[1].target.date, changed.projects[1].target.weight) == (D(2027, 1, 29), 1)
    weighted = apply(
        program(),
        {"kind": "target", "project": "q", "date": "2027-01-29", "weight": 5},
        {"kind": "target", "project": "q", "date": "2027-02-05"},
    )
    assert (weighted.projects[1].target.date, weighted.projects[1].target.weight) == (D(2027, 2, 5), 5)
    assert apply(changed, {"kind": "target", "project": "q", "date": None}).projects[1].target is None


def test_target_words():
    """Said as aims to finish by, or dropped."""
    moved, dropped = changes(
        {"kind": "target", "project": "q", "date": "2027-01-29"},
        {"kind": "target", "task": "p.m", "date": None},
    )
    assert (change_words(moved), change_words(dropped)) == (
        "q aims to finish by 2027-01-29",
        "p.m: target dropped",
    )
