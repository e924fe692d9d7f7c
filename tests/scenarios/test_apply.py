"""Applying a list of changes: in order, every problem listed, the base left alone.

What each kind does is tested with its module, in ``tests/scenarios/changes/``.
"""

from __future__ import annotations

from tests.scenarios.changes.helpers import apply, error, program


def test_change_that_breaks_the_program_says_so():
    """A new task after a task that does not exist: the program's own rule, under the change's name."""
    message = error(
        program(), {"kind": "add_task", "project": "q", "task": {"id": "d", "duration": 1, "after": ["cc"]}}
    )
    assert "changes[1] (add_task): after this change the program is invalid" in message
    assert "did you mean 'c'?" in message


def test_base_program_is_left_unchanged():
    """Applying changes returns a new program; the base keeps its durations."""
    base = program()
    apply(base, {"kind": "duration", "task": "q.c", "duration": 9})
    assert base.tasks["q.c"][1].duration == 5


def test_changes_that_cannot_apply_are_all_reported():
    """Two changes that cannot apply (capacity below 0, a status date without baseline) are both listed."""
    message = error(
        program(),
        {"kind": "capacity", "role": "developer", "from": "2027-01-04", "delta": -4},
        {"kind": "status_date", "date": "2027-01-08"},
    )
    assert "2 problems" in message
    assert "changes[1] (capacity): delta: role developer would have capacity -1 on 2027-01-04" in message
    assert "changes[2] (status_date): date: a status date needs a baseline schedule" in message


def test_changes_apply_in_order():
    """A task added by the first change is re-estimated by the second: p.pen 5 -> 8 working days."""
    changed = apply(
        program(),
        {"kind": "add_task", "project": "p", "task": {"id": "pen", "duration": 5}},
        {"kind": "duration", "task": "p.pen", "duration": 8},
    )
    assert changed.tasks["p.pen"][1].duration == 8


def test_the_names_callers_import_still_work():
    """planner.scenarios.apply, planner.analysis.comparison.program_changes and planner.scenarios.shorthand
    keep their public names."""
    from planner.analysis.comparison import program_changes as analysis_changes
    from planner.scenarios import apply as apply_module
    from planner.scenarios import changes as kinds
    from planner.scenarios import shorthand

    assert apply_module.Names is kinds.Names and apply_module.where_change is kinds.where_change
    assert all(
        callable(getattr(apply_module, n))
        for n in ("apply_changes", "bridge", "earliest_starts", "reference_problems", "scaled")
    )
    assert analysis_changes.ScenarioWords is kinds.ScenarioWords
    assert analysis_changes.change_words is kinds.change_words
    assert all(callable(getattr(shorthand, n)) for n in shorthand.__all__)
