"""Every change kind, by its ``kind``, and the questions asked of any change.

To add a kind: its model in :mod:`planner.models.scenario` (in the ``Change`` union and
``CHANGE_KINDS``), a module here defining ``apply``, ``check``, ``words`` and ``touches`` and its
``KIND``, and one line in :data:`KINDS`.
"""

from __future__ import annotations

from typing import Any

from planner.models import Program, Schedule
from planner.models.scenario import CHANGE_KINDS, Change
from planner.scenarios.changes import (
    add_person,
    add_project,
    add_task,
    availability,
    capacity,
    deadline,
    defer,
    duration,
    funding,
    funding_status,
    remove_person,
    remove_project,
    remove_task,
    slip,
    status_date,
    target,
)
from planner.scenarios.changes.base import ChangeKind, Item, planned_of

KINDS: dict[str, ChangeKind[Any]] = {
    module.KIND.kind: module.KIND
    for module in (
        slip,
        duration,
        capacity,
        availability,
        add_person,
        remove_person,
        deadline,
        target,
        add_task,
        remove_task,
        defer,
        add_project,
        remove_project,
        status_date,
        funding,
        funding_status,
    )
}
"""Every change kind, by its ``kind``, in the order of ``CHANGE_KINDS``."""

if tuple(KINDS) != CHANGE_KINDS:  # pragma: no cover - a kind added to the models but not here
    raise ImportError(f"change kinds differ: models {CHANGE_KINDS}, planner.scenarios.changes {tuple(KINDS)}")


def change_words(change: Change) -> str:
    """One scenario change as a program office would say it, with its note.

    Examples: ``payments slips 2 weeks``, ``role tester has 6 from 2027-09-06 to 2027-10-31
    (4 permanent testers + 2 contractors already cleared)``, ``dana away from 2027-03-01 to
    2027-03-05``.
    """
    text = KINDS[change.kind].words(change)
    return f"{text} ({change.note})" if change.note else text


def touched(change: Change, program: Program, baseline: Schedule | None = None) -> list[Item]:
    """The items of ``program`` (before the change) a change is about.

    Parameters
    ----------
    change
        The change.
    program
        The program it applies to.
    baseline
        The schedule it is measured from, if any: a person's slip is about the tasks the
        baseline staffs with them too.

    Returns
    -------
    list
        ``("task", key)``, ``("project", id)``, ``("role", id)`` and ``("person", id)`` items.
    """
    return KINDS[change.kind].touches(change, program, planned_of(baseline))


def needs_baseline(change: Change) -> bool:
    """Whether what ``change`` does depends on a baseline schedule (a slip of starts or of a person's
    work, a status date)."""
    return KINDS[change.kind].needs_baseline(change)


__all__ = ["KINDS", "change_words", "needs_baseline", "touched"]
