"""Command-line changes (`--slip payments=2w`, `--capacity dev=-1@FROM..TO`) parsed into scenario changes.

Each kind's own text is tested with its module in ``tests/scenarios/changes/``; here, the flags together.
"""

from __future__ import annotations

import pytest

from planner.errors import InputError
from planner.scenarios import shorthand
from tests.conftest import make_program

PROGRAM = make_program(
    roles=[{"id": "developer", "capacity": 2}],
    people=[{"id": "dana", "skills": ["sql"]}],
    projects=[
        {"id": "payments", "tasks": [{"id": "design", "duration": 5, "requires": [{"role": "developer"}]}]}
    ],
)


@pytest.mark.parametrize(
    "call, text",
    [
        (shorthand.capacity, "developer=2"),
        (shorthand.capacity, "developer=two@2027-03-01"),
        (shorthand.leave, "dana"),
        (shorthand.duration, "payments.design"),
        (shorthand.duration, "payments.design=2x"),
        (shorthand.leave, "dana@2027-02-30"),
    ],
)
def test_malformed_texts_say_what_to_write(call, text):
    """Each malformed text is an InputError quoting it, never a traceback."""
    with pytest.raises(InputError, match=repr(text).replace(".", r"\.")):
        call(text)


def test_each_flag_reads_its_kind():
    """--slip, --duration, --capacity and --leave give a slip, a duration, a capacity and an availability change."""
    assert shorthand.slip(PROGRAM, "payments=2w").by == 10
    assert shorthand.duration("payments.design=4w").duration == 20
    assert shorthand.capacity("developer=-1@2027-03-01").delta == -1
    assert shorthand.leave("dana@2027-02-01").person == "dana"


def test_changes_keep_flag_order_and_labels():
    """The changes come in the order slip, stretch, duration, capacity, leave, each with its flag."""
    changes, labels = shorthand.changes(
        PROGRAM, slip=["payments=1w"], duration=["payments.design=3"], leave=["dana@2027-02-01..2027-02-05"]
    )
    assert [c.kind for c in changes] == ["slip", "duration", "availability"]
    assert labels == [
        "--slip payments=1w",
        "--duration payments.design=3",
        "--leave dana@2027-02-01..2027-02-05",
    ]


STRETCH = make_program(
    roles=[{"id": "developer", "capacity": 2}],
    people=[{"id": "dana", "skills": ["sql"]}],
    projects=[
        {
            "id": "payments",
            "tasks": [
                {"id": "design", "duration": 5, "requires": [{"person": "dana"}]},
                {"id": "build", "duration": 12, "after": ["design"], "requires": [{"role": "developer"}]},
                {"id": "live", "milestone": True, "after": ["build"]},
            ],
        }
    ],
)


def test_stretch_in_percent_gives_one_change_per_task():
    """50% of design (5 -> 2.5, rounded up to 3) and of build (12 -> 6); the milestone has no duration;
    a role or person stretches only the tasks that need them; every change keeps the text as written."""
    changes, labels = shorthand.changes(STRETCH, stretch=["payments=50%"])
    assert [(c.task, c.by, c.as_) for c in changes] == [
        ("payments.design", 3, "duration"),
        ("payments.build", 6, "duration"),
    ]
    assert labels == ["--stretch payments=50%"] * 2
    assert [c.task for c in shorthand.stretch_percent(STRETCH, "developer=10%")] == ["payments.build"]
    assert [(c.task, c.by) for c in shorthand.stretch_percent(STRETCH, "dana=10%")] == [
        ("payments.design", 1)
    ]
