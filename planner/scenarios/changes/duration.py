"""``duration``: a new estimate for a task (0 makes it a milestone)."""

from __future__ import annotations

from pydantic import ValidationError

from planner.models import Program
from planner.models.scenario import DurationChange
from planner.scenarios.changes import text as parse
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned, span


def apply(edit: Edit, change: DurationChange) -> None:
    """Set the task's duration."""
    edit.task_data(edit.task(change.task))["duration"] = change.duration


def check(names: NameCheck, change: DurationChange) -> None:
    """The task must exist."""
    names.task(change.task)


def words(change: DurationChange) -> str:
    """``core.build re-estimated at 12 weeks``, or ``... becomes a milestone``."""
    if change.duration:
        return f"{change.task} re-estimated at {span(change.duration)}"
    return f"{change.task} becomes a milestone"


def touches(change: DurationChange, program: Program, planned: Planned | None) -> list[Item]:
    """The task."""
    return [("task", change.task)]


def parse_text(written: str) -> DurationChange:
    """``project.task=N``: a new duration estimate (``N`` like ``15``, ``3w``)."""
    name, amount = parse.split("--duration", written, "project.task=N, e.g. core.build=12w")
    try:
        return DurationChange.model_validate({"kind": "duration", "task": name, "duration": amount})
    except ValidationError as error:
        raise parse.invalid("--duration", written, error) from None


KIND = ChangeKind("duration", DurationChange, apply=apply, check=check, words=words, touches=touches)
"""The ``duration`` kind."""

__all__ = ["KIND", "apply", "check", "parse_text", "touches", "words"]
