"""``slip``: work starts later, or takes longer: a task, a project, or everything a role or person does.

Which tasks a slip acts on is decided once, by :func:`work_of`, for applying it, for what it
touches (the reports' "which change moved this task") and for ``--stretch NAME=P%``: a task
named, a project's tasks, the tasks that need a role, or the tasks a person is named on
(``requires: [{person: ...}]``), fixed to (``fixed_people``), or staffed on in the baseline
schedule when there is one.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import ValidationError

from planner.errors import InputError
from planner.models import Program, Schedule
from planner.models.scenario import SlipChange
from planner.models.validation import closest
from planner.scenarios.changes import text as parse
from planner.scenarios.changes.base import (
    ChangeKind,
    Edit,
    Item,
    NameCheck,
    Planned,
    later,
    planned_of,
    span,
)


def work_of(program: Program, target: parse.Target, name: str, planned: Planned | None = None) -> list[str]:
    """The tasks (in program order) a slip or stretch of ``name``, a ``target``, acts on.

    Parameters
    ----------
    program
        The program before the change.
    target
        What ``name`` is: a ``task`` (``project.task``), a ``project``, a ``role`` (every task
        that requires it) or a ``person`` (every task that requires them by name, is fixed to
        them, or is staffed with them in the baseline).
    name
        The task, project, role or person.
    planned
        The baseline's rows by task key; without it a person's work is what names them or is
        fixed to them.
    """
    tasks = program.tasks
    if target == "task":
        return [name] if name in tasks else []
    if target == "project":
        return [k for k, (p, _) in tasks.items() if p.id == name]
    if target == "role":
        return [k for k, (_, t) in tasks.items() if any(r.role == name for r in t.requires)]
    return [
        k
        for k, (_, t) in tasks.items()
        if any(r.person == name for r in t.requires)
        or name in t.fixed_people
        or (planned is not None and k in planned and name in planned[k].people)
    ]


def target(change: SlipChange) -> tuple[parse.Target, str]:
    """What the slip names, and its name: ``("project", "payments")``."""
    for fld in ("task", "project", "role"):
        ref = getattr(change, fld)
        if ref is not None:
            return fld, ref
    return "person", change.person or ""


def apply(edit: Edit, change: SlipChange) -> None:
    """Release each task ``by`` working days after its baseline start (earliest start without a
    baseline), tasks fixed in place excepted; or, ``as: duration``, lengthen each task but milestones."""
    program = edit.program
    kind, name = target(change)
    {"task": edit.task, "project": edit.project, "role": edit.role, "person": edit.person}[kind](name)
    keys = work_of(program, kind, name, edit.planned)
    if not keys and kind == "role":
        raise edit.fail("role", f"no task needs role '{name}'")
    if not keys and kind == "person":
        raise edit.fail("person", f"no task is named for, fixed to or staffed with '{name}'")
    if change.as_ == "duration":
        keys = [k for k in keys if program.tasks[k][1].duration > 0]
        if not keys:
            raise edit.fail(
                None,
                "only milestones are named, and a milestone has no duration; "
                "slip its start instead (as: start)",
            )
        for key in keys:
            edit.task_data(key)["duration"] += change.by
        return
    movable = [k for k in keys if program.tasks[k][1].fixed_start is None]
    if not movable:
        raise edit.fail(
            None,
            "the work named is fixed in place (fixed_start: done or under way); "
            "slip its duration instead (as: duration)",
        )
    wd = program.working_days
    for key in movable:
        task = edit.task_data(key)
        task["release"] = later(task.get("release"), wd.date(edit.start_index(key) + change.by))


def check(names: NameCheck, change: SlipChange) -> None:
    """The task, project, role or person slipped must exist."""
    names.project(change.project)
    names.role(change.role)
    names.person(change.person)
    if change.task is not None:
        names.task(change.task)


def words(change: SlipChange) -> str:
    """``payments slips 2 weeks``, ``work of dana takes 3 working days longer``."""
    who = (
        change.task
        or change.project
        or (f"work needing role {change.role}" if change.role else f"work of {change.person}")
    )
    return (
        f"{who} takes {span(change.by)} longer"
        if change.as_ == "duration"
        else f"{who} slips {span(change.by)}"
    )


def touches(change: SlipChange, program: Program, planned: Planned | None) -> list[Item]:
    """The task or project slipped; a role or person with every task of theirs (:func:`work_of`)."""
    kind, name = target(change)
    if kind in ("task", "project"):
        return [(kind, name)]
    return [(kind, name), *(("task", k) for k in work_of(program, kind, name, planned))]


def needs_baseline(change: SlipChange) -> bool:
    """A slip of starts is measured from the baseline; a person's work is what the baseline staffs."""
    return change.as_ == "start" or change.person is not None


# ---------------------------------------------------------------------------------------------
# the command line: --slip NAME=N, --stretch NAME=N, --stretch NAME=P%


def parse_text(program: Program, written: str, as_: Literal["start", "duration"] = "start") -> SlipChange:
    """``NAME=N`` (``N`` like ``2w`` or ``3d``): slip a task (``project.task``), project, role or person.

    Raises
    ------
    InputError
        The text is not ``NAME=N``, or the name is none of the program's.
    """
    flag = "--slip" if as_ == "start" else "--stretch"
    name, amount = parse.split(flag, written, "NAME=N, e.g. payments=2w or payments.design=3d")
    kind = parse.target_of(program, flag, written, name)
    try:
        return SlipChange.model_validate({"kind": "slip", kind: name, "by": amount, "as": as_})
    except ValidationError as error:
        raise parse.invalid(flag, written, error) from None


def stretch_percent(program: Program, written: str, baseline: Schedule | None = None) -> list[SlipChange]:
    """``NAME=P%``: each task of the named work takes ``P`` percent longer, rounded up to whole working days.

    ``NAME`` is a task (``project.task``), a project, a role (the tasks that need it) or a person
    (the tasks that name them, are fixed to them, or, given ``baseline``, are staffed with them in
    it: the work a slip of the person acts on, :func:`work_of`). One change per task that gets
    longer, each ``{kind: slip, task: KEY, by: N, as: duration}``; milestones have no duration and
    are left out.

    Raises
    ------
    InputError
        ``P`` is not a positive number, the name is unknown, or no task of it has a duration.
    """
    name, amount = parse.split("--stretch", written, "NAME=P%, e.g. migration.data_mapping=50%")
    try:
        percent = float(amount.rstrip().removesuffix("%"))
    except ValueError:
        percent = -1.0
    if not percent > 0:
        raise InputError(f"--stretch {written!r}: '{amount}' is not a positive percentage; write e.g. 50%")
    kind = parse.target_of(program, "--stretch", written, name)
    if kind == "task" and name not in program.tasks:
        raise InputError(f"--stretch {written!r}: unknown task '{name}'{closest(name, program.tasks)}")
    keys = [k for k in work_of(program, kind, name, planned_of(baseline)) if program.tasks[k][1].duration > 0]
    changes = [
        SlipChange.model_validate(
            {
                "kind": "slip",
                "task": k,
                "by": math.ceil(program.tasks[k][1].duration * percent / 100 - 1e-9),
                "as": "duration",
                "note": f"{amount.strip()} of its duration",
            }
        )
        for k in keys
    ]
    changes = [c for c in changes if c.by > 0]
    if not changes:
        raise InputError(f"--stretch {written!r}: no task of '{name}' has a duration to stretch")
    return changes


KIND = ChangeKind(
    "slip", SlipChange, apply=apply, check=check, words=words, touches=touches, needs_baseline=needs_baseline
)
"""The ``slip`` kind."""

__all__ = [
    "KIND",
    "apply",
    "check",
    "needs_baseline",
    "parse_text",
    "stretch_percent",
    "target",
    "touches",
    "words",
    "work_of",
]
