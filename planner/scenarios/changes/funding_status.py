"""``funding_status``: a project becomes ``mandatory``, a ``candidate`` (the solver's choice) or ``excluded``."""

from __future__ import annotations

from planner.models import Program
from planner.models.scenario import FundingStatusChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned

_STATUS = {"mandatory": "mandatory", "candidate": "a candidate", "excluded": "excluded"}


def apply(edit: Edit, change: FundingStatusChange) -> None:
    """Set the project's funding status."""
    edit.project_data(edit.project(change.project))["funding"] = change.funding


def check(names: NameCheck, change: FundingStatusChange) -> None:
    """The project must exist."""
    names.project(change.project)


def words(change: FundingStatusChange) -> str:
    """``project q becomes a candidate``."""
    return f"project {change.project} becomes {_STATUS[change.funding]}"


def touches(change: FundingStatusChange, program: Program, planned: Planned | None) -> list[Item]:
    """The project."""
    return [("project", change.project)]


KIND = ChangeKind(
    "funding_status", FundingStatusChange, apply=apply, check=check, words=words, touches=touches
)
"""The ``funding_status`` kind."""

__all__ = ["KIND", "apply", "check", "touches", "words"]
