"""What a replan tells its reader, checkable by anyone: the changes applied, the baseline, the
disruption, the milestones with their causes, the checker's verdict, and why there is no schedule.

:func:`replan_report` gathers it from a :class:`planner.scenarios.replan.Replan`; ``planner
whatif`` and ``planner solve-scenario`` print it and write it into their JSON output (key
``replan``), and the HTTP API's what-if jobs carry it. Moves are counted as
:mod:`planner.analysis.disruption` defines them; milestone changes and the chains that carried
each slip come from :func:`planner.analysis.compare.compare`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from planner.analysis.compare import compare
from planner.analysis.disruption import Disruption, schedule_fingerprint
from planner.analysis.explain import NoSchedule, explain_no_schedule
from planner.check import check
from planner.models import SolveStatus
from planner.models.scenario import Change
from planner.scenarios.changes import change_words
from planner.scenarios.replan import Replan

logger = logging.getLogger(__name__)

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

    ``fingerprint`` is :func:`planner.analysis.disruption.schedule_fingerprint` of its task dates:
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


def applied_changes(changes: Sequence[Change], written: Sequence[object] = (),
                    sources: Sequence[str | Path] = ()) -> tuple[AppliedChange, ...]:
    """The changes as written (``written`` when given, else their data) with words and notes."""
    out = []
    for i, change in enumerate(changes):
        as_written = written[i] if i < len(written) else change.model_dump(mode="json", by_alias=True,
                                                                            exclude_unset=True)
        out.append(AppliedChange(written=as_written, kind=change.kind, text=change_words(change), note=change.note or None,
                                 file=str(sources[i]) if i < len(sources) else None))
    return tuple(out)


def replan_report(result: Replan, changes: Sequence[Change], written: Sequence[object] = (),
                  sources: Sequence[str | Path] = (), name: str = "what-if", baseline_source: str | None = None,
                  explain_time: float = 10.0, workers: int = 2) -> ReplanReport:
    """Gather what a reader needs to check ``result``, and explain it when there is no schedule.

    Parameters
    ----------
    result
        The replan.
    changes
        The changes applied to ``result.base_program`` (the whole chain for a scenario).
    written
        The same changes as written (command-line texts, or the scenario files' items).
    sources
        The file each change comes from.
    name
        The scenario's name.
    baseline_source
        Where the baseline came from, in words (default: ``result.baseline_source``).
    explain_time
        Rough seconds to explain a changed program that has no schedule (a share of the user's
        time limit); not spent when there is a schedule, or when only the disruption budget or
        the pins stand in the way (:attr:`Replan.reason` says so).
    workers
        CP-SAT workers for that explanation.
    """
    schedule, program = result.schedule, result.program
    violations = tuple(v.message for v in check(program, schedule)) if schedule.has_plan else ()
    comparison = compare((result.base_program, result.baseline), [(name, program, schedule)], {name: changes})
    causes = {c.milestone: c for c in comparison.scenario(name).causes}
    milestones = []
    for row in comparison.dates:
        if row.kind == "program" or (row.deadline is None and row.target is None):
            continue
        delta = row.delta(name)
        cause = causes.get(row.key)
        milestones.append(MilestoneChange(
            kind=row.kind, key=row.key, name=row.name, deadline=row.deadline, target=row.target, baseline=row.base,
            date=delta.date, working_days=delta.working_days, calendar_days=delta.calendar_days,
            origin=cause.origin if cause else None, chain=cause.text if cause else None,
            tasks=tuple(step.task for step in reversed(cause.steps)) if cause else ()))
    no_schedule = None
    if not schedule.has_plan and (schedule.status is SolveStatus.UNKNOWN or result.headline is None):
        no_schedule = explain_no_schedule(program, schedule.status, explain_time, workers)
    baseline = result.baseline
    return ReplanReport(
        scenario=name, status=schedule.status, changes=applied_changes(changes, written, sources),
        baseline=BaselineRef(source=baseline_source or result.baseline_source,
                             fingerprint=schedule_fingerprint(baseline), tasks=len(baseline.tasks),
                             finish=max((t.finish for t in baseline.tasks), default=None)),
        verified=schedule.has_plan and not violations, violations=violations, disruption=result.disruption,
        milestones=tuple(milestones), reason=result.reason, no_schedule=no_schedule)


__all__ = ["AppliedChange", "BaselineRef", "MilestoneChange", "ReplanReport", "applied_changes", "replan_report"]
