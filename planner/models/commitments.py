"""The program's negotiable commitments, as plain data: what conflict explanations name and price.

A *commitment* is a promise the program makes that people could renegotiate: a deadline, a
release date, the program end, a pinned start, a role's capacity over a window, a person's leave.
Everything else (durations, staffing rules, a person being one person) is a fact and stays hard
(docs/design.md, "Conflict explanations"). A commitment is one of three kinds, told apart by its
``kind``:

:class:`DatedCommitment`
    a day: a task's or project's deadline or release, the program end, a pinned start;
:class:`CapacityCommitment`
    a role's capacity over a window of working days;
:class:`LeaveCommitment`
    a person's leave over a window of working days.

Each gives the working-day numbers the solver uses and the dates as the program writes them.
An :class:`Overload` is the evidence that a deadline cannot hold, found by arithmetic
(:meth:`planner.solvers.bounds.ProgramBounds.overloads`).
:func:`planner.solvers.commitments.list_commitments` lists a program's commitments, and
:func:`planner.solvers.commitments.build_board` compiles them into CP-SAT.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

DatedKind = Literal["deadline", "project_deadline", "end", "release", "project_release", "pinned"]
"""The kinds of :class:`DatedCommitment`."""
CommitmentKind = Literal[DatedKind, "capacity", "leave"]
"""Every kind of commitment."""
DEADLINES: tuple[DatedKind, ...] = ("deadline", "project_deadline", "end")
"""Dated kinds that bound a finish from above."""
RELEASES: tuple[DatedKind, ...] = ("release", "project_release")
"""Dated kinds that bound a start from below."""


@dataclass(frozen=True)
class DatedCommitment:
    """A deadline, a release, the program end or a pinned start.

    Parameters
    ----------
    id
        Stable identifier, e.g. ``deadline:cards.live``, ``project_release:cards``, ``end``.
    kind
        What sort of date it is.
    subject
        The task key or project id it is about (``program`` for the end).
    tasks
        Keys of the tasks it constrains.
    day
        Deadlines and the end: last working day allowed for a finish. Releases: first working day
        allowed for a start. Pinned: the pinned start day.
    date
        The date as the program writes it.
    """

    id: str
    kind: DatedKind
    subject: str
    tasks: tuple[str, ...]
    day: int
    date: dt.date


@dataclass(frozen=True)
class CapacityCommitment:
    """A role's capacity over a run of working days with the same capacity.

    Parameters
    ----------
    id
        Stable identifier ``capacity:<role>:<index>``.
    subject
        The role id.
    tasks
        Keys of the tasks that use the role.
    first, end
        The window of working days ``[first, end)``.
    level
        People of the role in the window.
    date, until
        The first and the last date of the window (``until`` is ``None`` when it is open-ended).
    open_ended
        The window runs to the end of the plan (no later capacity change).
    index
        Position of the run among the role's runs of constant capacity.
    kind
        Always ``capacity``.
    """

    id: str
    subject: str
    tasks: tuple[str, ...]
    first: int
    end: int
    level: int
    date: dt.date
    until: dt.date | None
    open_ended: bool
    index: int
    kind: Literal["capacity"] = "capacity"


@dataclass(frozen=True)
class LeaveCommitment:
    """A person's leave window.

    Parameters
    ----------
    id
        Stable identifier ``leave:<person>:<index>``.
    subject
        The person id.
    tasks
        Keys of the tasks the person could work on.
    first, end
        The working days ``[first, end)`` from the first to the last day of the window on which
        the person would otherwise work.
    date, until
        The window's first and last dates as written.
    index
        Position of the window in the person's ``leave`` list.
    kind
        Always ``leave``.
    """

    id: str
    subject: str
    tasks: tuple[str, ...]
    first: int
    end: int
    date: dt.date
    until: dt.date
    index: int
    kind: Literal["leave"] = "leave"


Commitment = DatedCommitment | CapacityCommitment | LeaveCommitment
"""One negotiable commitment of a program, told apart by its ``kind``."""


@dataclass(frozen=True)
class Energy:
    """The strongest energy argument on one resource: ``work`` that cannot start before day
    ``first`` and is followed by at least ``after`` working days of chain, so the tasks it
    bounds end on day ``end`` (exclusive) at the earliest."""

    resource: str
    tasks: tuple[str, ...]
    first: int
    work: int
    after: int
    end: int


@dataclass(frozen=True)
class Overload:
    """A proof by arithmetic that a deadline cannot hold: the chain of work before it ends too
    late, or more work than a resource can deliver before it.

    Attributes
    ----------
    commitment
        The deadline, named as conflict search names commitments: ``deadline:<task>``,
        ``project_deadline:<project>`` or ``end``.
    held
        The tasks the deadline holds (each must finish by day ``deadline``).
    deadline
        Last working day (index) they may finish on.
    end
        The exclusive end (working-day number) their work must end by: the day after ``deadline``,
        or ``deadline`` itself when every held task is a milestone (a milestone is dated the day
        its work is done, so that work ends the day before).
    chain_end
        The earliest end (exclusive) of the held tasks by the critical path alone.
    energy
        The work, on which resource, that does not fit (``None`` when the chain alone proves it).
    available
        Capacity the resource delivers from ``energy.first`` up to the last day the work could
        end on and still leave room for the chain after it.
    """

    commitment: str
    held: tuple[str, ...]
    deadline: int
    end: int
    chain_end: int
    energy: Energy | None = None
    available: int = 0


__all__ = [
    "DEADLINES",
    "RELEASES",
    "CapacityCommitment",
    "Commitment",
    "CommitmentKind",
    "DatedCommitment",
    "DatedKind",
    "Energy",
    "LeaveCommitment",
    "Overload",
]
