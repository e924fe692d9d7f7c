"""``status_date``: replan from a status date; work done or under way stays, the rest starts on or after it."""

from __future__ import annotations

import logging

from planner.models import Program
from planner.models.scenario import StatusDateChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned, later

logger = logging.getLogger(__name__)


def apply(edit: Edit, change: StatusDateChange) -> None:
    """Fix every task the baseline starts before the date (at its actual start when given, with its
    baseline people when it names them all) unless it has not started; release the rest on the date."""
    if edit.planned is None:
        raise edit.fail("date", "a status date needs a baseline schedule (give the scenario a baseline)")
    started = {edit.task(a.task, "started"): a.date for a in change.started}
    waiting = {edit.task(ref, "not_started") for ref in change.not_started}
    for key, day in started.items():
        if day > change.date:
            raise edit.fail("started", f"{key} started on {day}, after the status date {change.date}")
    fixed = 0
    for key, (_, task) in edit.program.tasks.items():
        item = edit.task_data(key)
        row = edit.planned.get(key)
        if key in started or (row is not None and row.start < change.date and key not in waiting):
            item["fixed_start"] = started.get(key, row.start if row else None)
            item.pop("release", None)
            needed = sum(r.count for r in task.requires if r.kind != "role")
            if row is not None and needed and len(row.people) == needed and not task.fixed_people:
                item["fixed_people"] = list(row.people)
            fixed += 1
        elif task.fixed_start is None:
            item["release"] = later(item.get("release"), change.date)
    logger.info("status date %s: %d tasks done or under way are fixed in place", change.date, fixed)


def check(names: NameCheck, change: StatusDateChange) -> None:
    """The tasks ``started`` and ``not_started`` must exist."""
    for k, actual in enumerate(change.started):
        names.task(actual.task, "started", k, "task")
    for k, ref in enumerate(change.not_started):
        names.task(ref, "not_started", k)


def words(change: StatusDateChange) -> str:
    """``status date 2027-03-01: work started before it stays where it is, ...``."""
    return (
        f"status date {change.date}: work started before it stays where it is, the rest starts on or after it"
    )


def touches(change: StatusDateChange, program: Program, planned: Planned | None) -> list[Item]:
    """No one item: a status date is about every task (:class:`ScenarioWords` gives it to each task last)."""
    return []


def needs_baseline(change: StatusDateChange) -> bool:
    """Always: the baseline tells what started before the date."""
    return True


KIND = ChangeKind(
    "status_date",
    StatusDateChange,
    apply=apply,
    check=check,
    words=words,
    touches=touches,
    needs_baseline=needs_baseline,
)
"""The ``status_date`` kind."""

__all__ = ["KIND", "apply", "check", "needs_baseline", "touches", "words"]
