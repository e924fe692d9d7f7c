"""One-line changes as typed on a command line: ``payments=2w``, ``developer=-1@2027-03-01..2027-03-31``.

Each kind's parser lives with the kind (:mod:`planner.scenarios.changes`); this module gathers
them under the names of their flags. Names are told apart with the program (``payments`` may be
a project, a role or a person; ``payments.design`` is a task), and a text that cannot be read
raises :class:`planner.errors.InputError` showing the expected form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from planner.models import Program, Schedule
from planner.models.scenario import AvailabilityChange, CapacityWindow, Change, DurationChange, SlipChange
from planner.scenarios.changes import availability
from planner.scenarios.changes import capacity as capacity_kind
from planner.scenarios.changes import duration as duration_kind
from planner.scenarios.changes import slip as slip_kind


def slip(program: Program, text: str, as_: Literal["start", "duration"] = "start") -> SlipChange:
    """``NAME=N`` (``N`` like ``2w`` or ``3d``): slip a task (``project.task``), project, role or person.

    See :func:`planner.scenarios.changes.slip.parse_text`.
    """
    return slip_kind.parse_text(program, text, as_)


def stretch_percent(program: Program, text: str, baseline: Schedule | None = None) -> list[SlipChange]:
    """``NAME=P%``: each task of the named work takes ``P`` percent longer, rounded up to whole working days.

    See :func:`planner.scenarios.changes.slip.stretch_percent` (``baseline``: a person's work
    includes the tasks it staffs with them).
    """
    return slip_kind.stretch_percent(program, text, baseline)


def duration(text: str) -> DurationChange:
    """``project.task=N``: a new duration estimate (``N`` like ``15``, ``3w``)."""
    return duration_kind.parse_text(text)


def capacity(text: str) -> CapacityWindow:
    """``role=N@FROM..TO``: the role has N people in the window (``+N`` / ``-N``: N more or fewer).

    ``TO`` may be left out (``role=N@FROM``): the change then lasts.
    """
    return capacity_kind.parse_text(text)


def leave(text: str) -> AvailabilityChange:
    """``person@FROM..TO``: the person is away in the window (for good without ``TO``)."""
    return availability.parse_leave(text)


def changes(
    program: Program,
    slip: Sequence[str] = (),
    stretch: Sequence[str] = (),
    duration: Sequence[str] = (),
    capacity: Sequence[str] = (),
    leave: Sequence[str] = (),
    baseline: Schedule | None = None,
) -> tuple[list[Change], list[str]]:
    """Every change given as command-line texts, in the order slip, stretch, duration, capacity, leave.

    A stretch in percent (``--stretch migration=20%``) gives one change per task it makes longer
    (:func:`stretch_percent`, given ``baseline``), each labelled with the text as written.

    Returns
    -------
    tuple
        The changes, and how each was written (``--slip payments=2w``) for messages.
    """
    parsers: tuple[tuple[str, Sequence[str], Callable[[str], Change]], ...] = (
        ("--slip", slip, lambda t: slip_kind.parse_text(program, t)),
        ("--stretch", stretch, lambda t: slip_kind.parse_text(program, t, "duration")),
        ("--duration", duration, duration_kind.parse_text),
        ("--capacity", capacity, capacity_kind.parse_text),
        ("--leave", leave, availability.parse_leave),
    )
    out: list[Change] = []
    labels: list[str] = []
    for flag, texts, parse in parsers:
        for text in texts:
            if flag == "--stretch" and text.rstrip().endswith("%"):
                per_task = slip_kind.stretch_percent(program, text, baseline)
                out.extend(per_task)
                labels.extend([f"{flag} {text}"] * len(per_task))
                continue
            out.append(parse(text))
            labels.append(f"{flag} {text}")
    return out, labels


__all__ = ["capacity", "changes", "duration", "leave", "slip", "stretch_percent"]
