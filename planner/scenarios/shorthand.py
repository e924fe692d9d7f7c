"""One-line changes as typed on a command line: ``payments=2w``, ``developer=-1@2027-03-01..2027-03-31``.

Each parser turns one text into a scenario change; names are told apart with the program
(``payments`` may be a project, a role or a person; ``payments.design`` is a task), and a text
that cannot be read raises :class:`planner.errors.InputError` showing the expected form.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import ValidationError

from planner.errors import InputError
from planner.models import Program
from planner.models.scenario import AvailabilityChange, CapacityWindow, Change, DurationChange, SlipChange
from planner.models.validation import closest

_ASSIGN = re.compile(r"^\s*([^=\s]+)\s*=\s*([^=]+?)\s*$")
_WINDOW = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.\s*(\d{4}-\d{2}-\d{2})?)?\s*$")


def _split(flag: str, text: str, form: str) -> tuple[str, str]:
    match = _ASSIGN.match(text)
    if match is None:
        raise InputError(f"{flag} {text!r}: write {form}")
    return match.group(1), match.group(2)


def _window(flag: str, text: str, window: str, form: str) -> tuple[dt.date, dt.date | None]:
    match = _WINDOW.match(window)
    if match is None:
        raise InputError(f"{flag} {text!r}: write {form}")
    try:
        first = dt.date.fromisoformat(match.group(1))
        last = dt.date.fromisoformat(match.group(2)) if match.group(2) else None
    except ValueError as error:
        raise InputError(f"{flag} {text!r}: {error}") from None
    return first, last


def _invalid(flag: str, text: str, error: ValidationError) -> InputError:
    details = error.errors()[0]
    message = details["ctx"]["error"] if "error" in (details.get("ctx") or {}) else details["msg"]
    return InputError(f"{flag} {text!r}: {message}")


def _kind_of(program: Program, flag: str, text: str, name: str) -> str:
    """``task``, ``project``, ``role`` or ``person``: what ``name`` names in ``program``."""
    if "." in name:
        return "task"
    kinds = [kind for kind, ids in (("project", [p.id for p in program.projects]),
                                    ("role", program.role_by_id), ("person", program.person_by_id))
             if name in ids]
    if not kinds:
        names = [*(p.id for p in program.projects), *program.role_by_id, *program.person_by_id]
        raise InputError(f"{flag} {text!r}: no project, role or person '{name}'{closest(name, names)}"
                         " (a task is written project.task)")
    if len(kinds) > 1:
        raise InputError(f"{flag} {text!r}: '{name}' is both a {kinds[0]} and a {kinds[1]}; "
                         "use a scenario file to say which")
    return kinds[0]


def slip(program: Program, text: str, as_: Literal["start", "duration"] = "start") -> SlipChange:
    """``NAME=N`` (``N`` like ``2w`` or ``3d``): slip a task (``project.task``), project, role or person.

    Raises
    ------
    InputError
        The text is not ``NAME=N``, or the name is none of the program's.
    """
    flag = "--slip" if as_ == "start" else "--stretch"
    name, amount = _split(flag, text, "NAME=N, e.g. payments=2w or payments.design=3d")
    target = _kind_of(program, flag, text, name)
    try:
        return SlipChange.model_validate({"kind": "slip", target: name, "by": amount, "as": as_})
    except ValidationError as error:
        raise _invalid(flag, text, error) from None


def stretch_percent(program: Program, text: str) -> list[SlipChange]:
    """``NAME=P%``: each task of the named work takes ``P`` percent longer, rounded up to whole working days.

    ``NAME`` is a task (``project.task``), a project, a role (the tasks that need it) or a person
    (the tasks that name them or are fixed to them). One change per task that gets longer, each
    ``{kind: slip, task: KEY, by: N, as: duration}``; milestones have no duration and are left out.

    Raises
    ------
    InputError
        ``P`` is not a positive number, the name is unknown, or no task of it has a duration.
    """
    name, amount = _split("--stretch", text, "NAME=P%, e.g. migration.data_mapping=50%")
    try:
        percent = float(amount.rstrip().removesuffix("%"))
    except ValueError:
        percent = -1.0
    if not percent > 0:
        raise InputError(f"--stretch {text!r}: '{amount}' is not a positive percentage; write e.g. 50%")
    kind = _kind_of(program, "--stretch", text, name)
    if kind == "task" and name not in program.tasks:
        raise InputError(f"--stretch {text!r}: unknown task '{name}'{closest(name, program.tasks)}")
    keys = [k for k, (p, t) in program.tasks.items() if t.duration > 0 and (
        (kind == "task" and k == name) or (kind == "project" and p.id == name)
        or (kind == "role" and any(r.role == name for r in t.requires))
        or (kind == "person" and (any(r.person == name for r in t.requires) or name in t.fixed_people)))]
    changes = [SlipChange.model_validate({"kind": "slip", "task": k, "by": math.ceil(program.tasks[k][1].duration
                                                                                       * percent / 100 - 1e-9),
                                          "as": "duration", "note": f"{amount.strip()} of its duration"})
               for k in keys]
    changes = [c for c in changes if c.by > 0]
    if not changes:
        raise InputError(f"--stretch {text!r}: no task of '{name}' has a duration to stretch")
    return changes


def duration(text: str) -> DurationChange:
    """``project.task=N``: a new duration estimate (``N`` like ``15``, ``3w``)."""
    name, amount = _split("--duration", text, "project.task=N, e.g. core.build=12w")
    try:
        return DurationChange.model_validate({"kind": "duration", "task": name, "duration": amount})
    except ValidationError as error:
        raise _invalid("--duration", text, error) from None


def capacity(text: str) -> CapacityWindow:
    """``role=N@FROM..TO``: the role has N people in the window (``+N`` / ``-N``: N more or fewer).

    ``TO`` may be left out (``role=N@FROM``): the change then lasts.
    """
    form = "ROLE=N@FROM..TO, e.g. developer=2@2027-03-01..2027-04-30 or developer=-1@2027-03-01"
    name, rest = _split("--capacity", text, form)
    amount, at, window = rest.partition("@")
    if not at:
        raise InputError(f"--capacity {text!r}: write {form}")
    first, last = _window("--capacity", text, window, form)
    amount = amount.strip()
    if not re.fullmatch(r"[+-]?\d+", amount):
        raise InputError(f"--capacity {text!r}: '{amount}' is not a whole number; write {form}")
    key = "delta" if amount[0] in "+-" else "capacity"
    try:
        return CapacityWindow.model_validate({"kind": "capacity", "role": name, "from": first, "to": last,
                                              key: int(amount)})
    except ValidationError as error:
        raise _invalid("--capacity", text, error) from None


def leave(text: str) -> AvailabilityChange:
    """``person@FROM..TO``: the person is away in the window (for good without ``TO``)."""
    form = "PERSON@FROM..TO, e.g. dana@2027-03-01..2027-03-31"
    name, at, window = text.partition("@")
    if not at or not name.strip():
        raise InputError(f"--leave {text!r}: write {form}")
    first, last = _window("--leave", text, window, form)
    try:
        return AvailabilityChange.model_validate({"kind": "availability", "person": name.strip(),
                                                  "from": first, "to": last, "reason": "what-if"})
    except ValidationError as error:
        raise _invalid("--leave", text, error) from None


def changes(program: Program, slip: Sequence[str] = (), stretch: Sequence[str] = (),
            duration: Sequence[str] = (), capacity: Sequence[str] = (),
            leave: Sequence[str] = ()) -> tuple[list[Change], list[str]]:
    """Every change given as command-line texts, in the order slip, stretch, duration, capacity, leave.

    A stretch in percent (``--stretch migration=20%``) gives one change per task it makes longer
    (:func:`stretch_percent`), each labelled with the text as written.

    Returns
    -------
    tuple
        The changes, and how each was written (``--slip payments=2w``) for messages.
    """
    parsers: tuple[tuple[str, Sequence[str], Callable[[str], Change]], ...] = (
        ("--slip", slip, lambda t: _slip(program, t)),
        ("--stretch", stretch, lambda t: _slip(program, t, "duration")),
        ("--duration", duration, _duration),
        ("--capacity", capacity, _capacity),
        ("--leave", leave, _leave),
    )
    out: list[Change] = []
    labels: list[str] = []
    for flag, texts, parse in parsers:
        for text in texts:
            if flag == "--stretch" and text.rstrip().endswith("%"):
                per_task = stretch_percent(program, text)
                out.extend(per_task)
                labels.extend([f"{flag} {text}"] * len(per_task))
                continue
            out.append(parse(text))
            labels.append(f"{flag} {text}")
    return out, labels


_slip, _duration, _capacity, _leave = slip, duration, capacity, leave

__all__ = ["capacity", "changes", "duration", "leave", "slip", "stretch_percent"]
