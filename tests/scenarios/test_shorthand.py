"""Command-line changes (`--slip payments=2w`, `--capacity dev=-1@FROM..TO`) parsed into scenario changes."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.errors import InputError
from planner.scenarios import shorthand
from tests.conftest import make_program

PROGRAM = make_program(
    roles=[{"id": "developer", "capacity": 2}], people=[{"id": "dana", "skills": ["sql"]}],
    projects=[{"id": "payments", "tasks": [{"id": "design", "duration": 5, "requires": [{"role": "developer"}]}]}],
)


def test_slip_tells_task_project_role_and_person_apart():
    """payments.design is a task, payments a project, developer a role, dana a person; 2w is 10 days."""
    assert shorthand.slip(PROGRAM, "payments.design=3d").task == "payments.design"
    slip = shorthand.slip(PROGRAM, "payments=2w")
    assert (slip.project, slip.by, slip.as_) == ("payments", 10, "start")
    assert shorthand.slip(PROGRAM, "developer=1w", "duration").role == "developer"
    assert shorthand.slip(PROGRAM, "dana=1").person == "dana"


def test_slip_unknown_name_suggests_the_closest():
    """A misspelt project is refused with the closest project, role or person."""
    with pytest.raises(InputError, match=r"--slip 'paymnts=2w': no project, role or person 'paymnts'; "
                                         r"did you mean 'payments'\?"):
        shorthand.slip(PROGRAM, "paymnts=2w")


def test_capacity_absolute_delta_and_open_window():
    """dev=1@A..B is a head-count in a window, dev=-1@A a lasting change of one fewer."""
    fixed = shorthand.capacity("developer=1@2027-03-01..2027-03-31")
    assert (fixed.capacity, fixed.delta, fixed.start, fixed.end) == (1, None, dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    fewer = shorthand.capacity("developer=-1@2027-03-01")
    assert (fewer.capacity, fewer.delta, fewer.end) == (None, -1, None)


def test_leave_and_duration():
    """dana@A..B is leave in the window; payments.design=4w a new estimate of 20 days."""
    away = shorthand.leave("dana@2027-02-01..2027-02-05")
    assert (away.person, away.percent, away.end) == ("dana", 0, dt.date(2027, 2, 5))
    assert shorthand.duration("payments.design=4w").duration == 20


@pytest.mark.parametrize("call, text", [
    (shorthand.capacity, "developer=2"), (shorthand.capacity, "developer=two@2027-03-01"),
    (shorthand.leave, "dana"), (shorthand.duration, "payments.design"), (shorthand.duration, "payments.design=2x"),
    (shorthand.leave, "dana@2027-02-30"),
])
def test_malformed_texts_say_what_to_write(call, text):
    """Each malformed text is an InputError quoting it, never a traceback."""
    with pytest.raises(InputError, match=repr(text).replace(".", r"\.")):
        call(text)


def test_changes_keep_flag_order_and_labels():
    """The changes come in the order slip, stretch, duration, capacity, leave, each with its flag."""
    changes, labels = shorthand.changes(PROGRAM, slip=["payments=1w"], duration=["payments.design=3"],
                                        leave=["dana@2027-02-01..2027-02-05"])
    assert [c.kind for c in changes] == ["slip", "duration", "availability"]
    assert labels == ["--slip payments=1w", "--duration payments.design=3", "--leave dana@2027-02-01..2027-02-05"]


STRETCH = make_program(
    roles=[{"id": "developer", "capacity": 2}], people=[{"id": "dana", "skills": ["sql"]}],
    projects=[{"id": "payments", "tasks": [
        {"id": "design", "duration": 5, "requires": [{"person": "dana"}]},
        {"id": "build", "duration": 12, "after": ["design"], "requires": [{"role": "developer"}]},
        {"id": "live", "milestone": True, "after": ["build"]}]}],
)


def test_stretch_in_percent_gives_one_change_per_task():
    """50% of design (5 -> 2.5, rounded up to 3) and of build (12 -> 6); the milestone has no duration;
    a role or person stretches only the tasks that need them; every change keeps the text as written."""
    changes, labels = shorthand.changes(STRETCH, stretch=["payments=50%"])
    assert [(c.task, c.by, c.as_) for c in changes] == [("payments.design", 3, "duration"),
                                                        ("payments.build", 6, "duration")]
    assert labels == ["--stretch payments=50%"] * 2
    assert [c.task for c in shorthand.stretch_percent(STRETCH, "developer=10%")] == ["payments.build"]
    assert [(c.task, c.by) for c in shorthand.stretch_percent(STRETCH, "dana=10%")] == [("payments.design", 1)]


def test_stretch_in_percent_refuses_what_it_cannot_read():
    """A percentage that is not positive, a misspelt task and a milestone alone are refused in words."""
    with pytest.raises(InputError, match=r"'-5%' is not a positive percentage"):
        shorthand.stretch_percent(STRETCH, "payments=-5%")
    with pytest.raises(InputError, match=r"unknown task 'payments.desing'; did you mean 'payments.design'"):
        shorthand.stretch_percent(STRETCH, "payments.desing=50%")
    with pytest.raises(InputError, match=r"no task of 'payments.live' has a duration"):
        shorthand.stretch_percent(STRETCH, "payments.live=50%")
