"""``availability``: a person's leave (``percent: 0``) or part time over a date window."""

from __future__ import annotations

from pydantic import ValidationError

from planner.errors import InputError
from planner.models import Program
from planner.models.scenario import AvailabilityChange
from planner.scenarios.changes import text as parse
from planner.scenarios.changes.base import ChangeKind, Data, Edit, Item, NameCheck, Planned, window


def apply(edit: Edit, change: AvailabilityChange) -> None:
    """Add a leave or part-time window to the person (open windows last to the end of the program)."""
    person = edit.item("people", edit.person(change.person))
    end = change.end or edit.open_end()
    if change.end is None and end < change.start:
        end = change.start
    span: Data = {"from": change.start, "to": end}
    if change.percent == 0:
        person.setdefault("leave", []).append({**span, "reason": change.reason or change.note})
    else:
        person.setdefault("part_time", []).append(
            {**span, "percent": change.percent, "reason": change.reason or change.note}
        )


def check(names: NameCheck, change: AvailabilityChange) -> None:
    """The person must exist."""
    names.person(change.person)


def words(change: AvailabilityChange) -> str:
    """``dana away from 2027-03-01 to 2027-03-05``, ``lee at 50% from 2027-03-01 on (reason)``."""
    reason = f" ({change.reason})" if change.reason and change.reason != change.note else ""
    what = "away" if change.percent == 0 else f"at {change.percent}%"
    return f"{change.person} {what}{window(change.start, change.end)}{reason}"


def touches(change: AvailabilityChange, program: Program, planned: Planned | None) -> list[Item]:
    """The person."""
    return [("person", change.person)]


def parse_leave(written: str) -> AvailabilityChange:
    """``person@FROM..TO``: the person is away in the window (for good without ``TO``)."""
    form = "PERSON@FROM..TO, e.g. dana@2027-03-01..2027-03-31"
    name, at, when = written.partition("@")
    if not at or not name.strip():
        raise InputError(f"--leave {written!r}: write {form}")
    first, last = parse.dates("--leave", written, when, form)
    try:
        return AvailabilityChange.model_validate(
            {"kind": "availability", "person": name.strip(), "from": first, "to": last, "reason": "what-if"}
        )
    except ValidationError as error:
        raise parse.invalid("--leave", written, error) from None


KIND = ChangeKind("availability", AvailabilityChange, apply=apply, check=check, words=words, touches=touches)
"""The ``availability`` kind."""

__all__ = ["KIND", "apply", "check", "parse_leave", "touches", "words"]
