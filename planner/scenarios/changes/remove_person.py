"""``remove_person``: a person leaves the program, for good or from ``from`` on (their earlier work stays)."""

from __future__ import annotations

from planner.models import Program
from planner.models.scenario import RemovePersonChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned
from planner.scenarios.changes.slip import work_of


def apply(edit: Edit, change: RemovePersonChange) -> None:
    """From a date: leave from then to the end. For good: drop them, unless a task names them."""
    person = edit.person(change.person)
    if change.start is not None:
        end = max(edit.open_end(), change.start)
        edit.item("people", person).setdefault("leave", []).append(
            {"from": change.start, "to": end, "reason": change.note or "leaves the program"}
        )
        return
    named = work_of(edit.program, "person", person)  # the tasks naming them or fixed to them
    if named:
        shown = ", ".join(named[:5]) + (f" and {len(named) - 5} more" if len(named) > 5 else "")
        raise edit.fail(
            "person",
            f"{person} is named by {shown}; give 'from' to keep their work "
            "before that date, or change those tasks first",
        )
    edit.data["people"] = [p for p in edit.data["people"] if p["id"] != person]


def check(names: NameCheck, change: RemovePersonChange) -> None:
    """The person must exist; gone for good, later changes may not name them."""
    names.person(change.person)
    if change.start is None:
        names.names.people.discard(change.person)


def words(change: RemovePersonChange) -> str:
    """``dana leaves the program on 2027-03-01``."""
    return f"{change.person} leaves the program" + (f" on {change.start}" if change.start else "")


def touches(change: RemovePersonChange, program: Program, planned: Planned | None) -> list[Item]:
    """The person."""
    return [("person", change.person)]


KIND = ChangeKind("remove_person", RemovePersonChange, apply=apply, check=check, words=words, touches=touches)
"""The ``remove_person`` kind."""

__all__ = ["KIND", "apply", "check", "touches", "words"]
