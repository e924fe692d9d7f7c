"""What a replan tells its reader, checkable by anyone: the changes applied, the baseline, the
disruption, the milestones with their causes, the checker's verdict, and why there is no schedule.

:func:`planner.workflows.replan.replan_report` gathers a :class:`ReplanReport` from a replan;
``planner whatif`` and ``planner solve-scenario`` print it and write it into their JSON output
(key ``replan``), and the HTTP API's what-if jobs carry it. Moves are counted as
:mod:`planner.analysis.comparison.disruption` defines them; milestone changes and the chains that
carried each slip come from :func:`planner.analysis.comparison.compare.compare`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from planner.analysis.comparison.disruption import Disruption
from planner.analysis.explanations.no_schedule import NoSchedule
from planner.models import SolveStatus
from planner.models.scenario import Change
from planner.scenarios.changes import change_words

_FROZEN = ConfigDict(frozen=True)


class AppliedChange(BaseModel):
    """One change of the replan, as written and in words.

    Parameters
    ----------
    written
        The change exactly as given: the command-line text (``--slip payments=2w``) or the item
        of the scenario file (plain data).
    kind
        The change's kind (``slip``, ``capacity`` ...).
    text
        The change in words, with its note.
    note
        The note written with the change, if any.
    file
        The scenario file it comes from (``None`` for a what-if's command-line changes).
    """

    model_config = _FROZEN

    written: object
    kind: str
    text: str
    note: str | None = None
    file: str | None = None


class BaselineRef(BaseModel):
    """The baseline a replan was measured against.

    ``fingerprint`` is :func:`planner.analysis.comparison.disruption.schedule_fingerprint` of its task dates:
    the SHA-256 of the lines ``project.task,start,finish`` sorted by task key.
    """

    model_config = _FROZEN

    source: str
    fingerprint: str
    tasks: int
    finish: dt.date | None = None


class MilestoneChange(BaseModel):
    """A milestone, task or project with a deadline or target: its date before and after, and why it moved.

    ``kind`` is ``milestone`` (a task: its date) or ``project`` (its finish).
    ``working_days`` counts on the replanned program's calendar; ``chain`` is the chain that
    carried the slip from a changed item (``None`` when it did not move or no chain was found),
    ``origin`` that item in words and ``tasks`` the chain's tasks from the origin to the milestone.
    """

    model_config = _FROZEN

    kind: str = "milestone"
    key: str
    name: str
    deadline: dt.date | None = None
    target: dt.date | None = None
    baseline: dt.date | None = None
    date: dt.date | None = None
    working_days: int | None = None
    calendar_days: int | None = None
    origin: str | None = None
    chain: str | None = None
    tasks: tuple[str, ...] = ()


class ReplanReport(BaseModel):
    """Everything a reader needs to check a replan.

    Parameters
    ----------
    scenario
        The scenario's name (``what-if`` for command-line changes).
    status
        The replan's solve status.
    changes
        Every change applied, in order, as written, in words and with its note.
    baseline
        The baseline it was measured against, with the hash of its task dates.
    verified
        Whether the replanned schedule passed the independent checker against the changed
        program (``False`` without a schedule).
    violations
        What the checker found (empty when verified).
    disruption
        Tasks moved and total shift against the baseline (``None`` without a schedule).
    milestones
        Every milestone, task or project with a deadline or target: baseline date, new date,
        change, and the chain that carried the slip.
    reason
        Why there is no schedule, in words (``None`` with a schedule).
    no_schedule
        When the changed program itself has no schedule: the funding missing, the minimal
        conflict and the priced ways out (as ``planner explain`` gives them).
    """

    model_config = _FROZEN

    scenario: str
    status: SolveStatus
    changes: tuple[AppliedChange, ...]
    baseline: BaselineRef
    verified: bool
    violations: tuple[str, ...] = ()
    disruption: Disruption | None = None
    milestones: tuple[MilestoneChange, ...] = ()
    reason: str | None = None
    no_schedule: NoSchedule | None = None


def applied_changes(
    changes: Sequence[Change], written: Sequence[object] = (), sources: Sequence[str | Path] = ()
) -> tuple[AppliedChange, ...]:
    """The changes as written (``written`` when given, else their data) with words and notes."""
    out = []
    for i, change in enumerate(changes):
        as_written = (
            written[i]
            if i < len(written)
            else change.model_dump(mode="json", by_alias=True, exclude_unset=True)
        )
        out.append(
            AppliedChange(
                written=as_written,
                kind=change.kind,
                text=change_words(change),
                note=change.note or None,
                file=str(sources[i]) if i < len(sources) else None,
            )
        )
    return tuple(out)


__all__ = ["AppliedChange", "BaselineRef", "MilestoneChange", "ReplanReport", "applied_changes"]
