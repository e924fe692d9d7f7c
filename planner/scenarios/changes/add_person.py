"""``add_person``: a new person joins (a hire or a contractor), available from ``from``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from planner.models import Program
from planner.models.scenario import AddPersonChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameBook, NameCheck, Planned, dump


def apply(edit: Edit, change: AddPersonChange) -> None:
    """Add the person; joining after the start, they are on leave until the day before."""
    new = change.person
    if new.id in edit.program.person_by_id:
        raise edit.fail("person", f"person '{new.id}' already exists")
    data = dump(new)
    if change.start is not None and change.start > edit.program.start:
        data.setdefault("leave", []).append(
            {
                "from": edit.program.start,
                "to": change.start - dt.timedelta(days=1),
                "reason": f"joins on {change.start}",
            }
        )
    edit.data.setdefault("people", []).append(data)


def check(names: NameCheck, change: AddPersonChange) -> None:
    """The new person's id must be free; later changes may name them."""
    if change.person.id in names.names.people:
        names.complain("person", f"person '{change.person.id}' already exists")
    names.names.people.add(change.person.id)


def record_written(names: NameBook, item: Mapping[str, Any]) -> None:
    """The person a change not valid as written would add, when it gives their id."""
    added = item.get("person")
    if isinstance(added, Mapping) and isinstance(added.get("id"), str):
        names.people.add(added["id"])


def words(change: AddPersonChange) -> str:
    """``nadia joins on 2027-03-15``."""
    return f"{change.person.id} joins" + (f" on {change.start}" if change.start else "")


def touches(change: AddPersonChange, program: Program, planned: Planned | None) -> list[Item]:
    """The new person."""
    return [("person", change.person.id)]


KIND = ChangeKind(
    "add_person",
    AddPersonChange,
    apply=apply,
    check=check,
    words=words,
    touches=touches,
    record_written=record_written,
)
"""The ``add_person`` kind."""

__all__ = ["KIND", "apply", "check", "record_written", "touches", "words"]
