"""``capacity``: a role's head-count over a date window (a hire, a freeze, a secondment, a departure)."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import ValidationError

from planner.errors import InputError
from planner.models import Program
from planner.models.scenario import CapacityWindow
from planner.scenarios.changes import text as parse
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned, window


def apply(edit: Edit, change: CapacityWindow) -> None:
    """Rewrite the role's capacity steps so that the window has the new (or shifted) head-count."""
    role = edit.program.role_by_id[edit.role(change.role)]
    start = edit.program.start
    after = change.end + dt.timedelta(days=1) if change.end is not None else None
    points = sorted(
        {
            start,
            *(c.start for c in role.changes if c.start > start),
            max(change.start, start),
            *([after] if after and after > start else []),
        }
    )

    def level(day: dt.date) -> int:
        value = role.capacity_on(day)
        if change.start <= day and (change.end is None or day <= change.end):
            value = change.capacity if change.capacity is not None else value + (change.delta or 0)
        if value < 0:
            raise edit.fail("delta", f"role {role.id} would have capacity {value} on {day}")
        return value

    steps = [(day, level(day)) for day in points]
    out = edit.item("roles", role.id)
    out["capacity"] = steps[0][1]
    changes, last = [], steps[0][1]
    for day, value in steps[1:]:
        if value != last:
            changes.append({"from": day, "capacity": value})
            last = value
    out["changes"] = changes


def check(names: NameCheck, change: CapacityWindow) -> None:
    """The role must exist."""
    names.role(change.role)


def words(change: CapacityWindow) -> str:
    """``role tester has 6 from 2027-09-06 to 2027-10-31``, ``role developer has 1 fewer from ... on``."""
    delta = change.delta or 0
    amount = (
        f"has {change.capacity}"
        if change.capacity is not None
        else f"has {abs(delta)} {'more' if delta >= 0 else 'fewer'}"
    )
    return f"role {change.role} {amount}{window(change.start, change.end)}"


def touches(change: CapacityWindow, program: Program, planned: Planned | None) -> list[Item]:
    """The role."""
    return [("role", change.role)]


def parse_text(written: str) -> CapacityWindow:
    """``role=N@FROM..TO``: the role has N people in the window (``+N`` / ``-N``: N more or fewer).

    ``TO`` may be left out (``role=N@FROM``): the change then lasts.
    """
    form = "ROLE=N@FROM..TO, e.g. developer=2@2027-03-01..2027-04-30 or developer=-1@2027-03-01"
    name, rest = parse.split("--capacity", written, form)
    amount, at, when = rest.partition("@")
    if not at:
        raise InputError(f"--capacity {written!r}: write {form}")
    first, last = parse.dates("--capacity", written, when, form)
    amount = amount.strip()
    if not re.fullmatch(r"[+-]?\d+", amount):
        raise InputError(f"--capacity {written!r}: '{amount}' is not a whole number; write {form}")
    key = "delta" if amount[0] in "+-" else "capacity"
    try:
        return CapacityWindow.model_validate(
            {"kind": "capacity", "role": name, "from": first, "to": last, key: int(amount)}
        )
    except ValidationError as error:
        raise parse.invalid("--capacity", written, error) from None


KIND = ChangeKind("capacity", CapacityWindow, apply=apply, check=check, words=words, touches=touches)
"""The ``capacity`` kind."""

__all__ = ["KIND", "apply", "check", "parse_text", "touches", "words"]
