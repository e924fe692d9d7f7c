"""The ``status_date`` kind: work under way stays, the rest starts on or after the date."""

from __future__ import annotations

from planner.scenarios.changes import ScenarioWords, needs_baseline
from tests.scenarios.changes.helpers import BASELINE, D, apply, changes, error, program


def test_status_date_fixes_work_under_way_and_releases_the_rest():
    """At Friday 8 January, a and c (started 4 January) stay put with their people; b and m start >= 8 Jan."""
    changed = apply(program(), {"kind": "status_date", "date": "2027-01-08"}, baseline=BASELINE)
    tasks = {k: t for k, (_, t) in changed.tasks.items()}
    assert (tasks["p.a"].fixed_start, tasks["q.c"].fixed_start, tasks["q.c"].fixed_people) == (
        D(2027, 1, 4),
        D(2027, 1, 4),
        ("bob",),
    )
    assert (tasks["p.b"].release, tasks["p.m"].release) == (D(2027, 1, 8), D(2027, 1, 8))
    assert "needs a baseline" in error(program(), {"kind": "status_date", "date": "2027-01-08"})


def test_status_date_with_actual_starts():
    """c actually started on 6 January; a was planned but has not started."""
    changed = apply(
        program(),
        {
            "kind": "status_date",
            "date": "2027-01-08",
            "not_started": ["p.a"],
            "started": [{"task": "q.c", "date": "2027-01-06"}],
        },
        baseline=BASELINE,
    )
    assert changed.tasks["q.c"][1].fixed_start == D(2027, 1, 6)
    assert (changed.tasks["p.a"][1].fixed_start, changed.tasks["p.a"][1].release) == (None, D(2027, 1, 8))


def test_status_date_is_every_tasks_change_last():
    """No task is touched by name, so each task's change is the status date, after any change of its own."""
    status, slip = changes(
        {"kind": "status_date", "date": "2027-01-08"}, {"kind": "slip", "task": "p.a", "by": 1}
    )
    words = ScenarioWords((status, slip), program(), BASELINE)
    assert words.for_task("q.c") == words.lines[0]
    assert words.for_task("p.a") == "p.a slips 1 working day"
    assert needs_baseline(status)
