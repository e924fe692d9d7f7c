"""The headline of a schedule: quality, finish dates, milestones against commitments, busiest people."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pydantic import BaseModel, ConfigDict

from planner.analysis.facts.cost import cost_report, has_money
from planner.analysis.facts.load import daily_load
from planner.analysis.facts.working_days import makespan, working_days_late
from planner.models import Program, Schedule, SolveStatus

_FROZEN = ConfigDict(frozen=True)


class MilestoneStatus(BaseModel):
    """A milestone (or a task with a deadline or target) against its commitments.

    ``margin`` is working days before the deadline (negative: missed); ``late`` is working days
    past the target (0 when on time).
    """

    model_config = _FROZEN

    key: str
    name: str
    date: dt.date
    deadline: dt.date | None = None
    margin: int | None = None
    target: dt.date | None = None
    late: int | None = None


class Utilisation(BaseModel):
    """How busy a role or person is over the program: mean and peak use against availability."""

    model_config = _FROZEN

    kind: str
    resource: str
    name: str
    mean_percent: float
    peak_used: int
    overloaded_days: int


class Summary(BaseModel):
    """Everything ``planner solve`` prints, as data (also what JSON outputs and the API serve)."""

    model_config = _FROZEN

    program: str
    status: SolveStatus
    quality: str
    start: dt.date
    finish: dt.date | None = None
    working_days: int | None = None  # working days from the start to the end of the last task
    project_finish: dict[str, dt.date] = {}
    milestones: tuple[MilestoneStatus, ...] = ()
    busiest: tuple[Utilisation, ...] = ()
    objectives: dict[str, int] = {}
    unfunded: tuple[str, ...] = ()  # projects left out (planner.analysis.facts.cost for the money)
    currency: str = ""
    cost: int | None = None  # None when the program gives no rates, costs or benefits
    benefit_npv: int | None = None
    net_value: int | None = None


_TIER_UNITS = {
    "lateness": "weighted working days late",
    "finish": "working days",
    "project_finishes": "working days",
    "levelling": "people at peak",
    "moved": "tasks moved",
    "shift": "working days of shift",
    "restaffed": "assignments changed",
    "net_cost": "currency units of net value",
    "cost": "currency units",
}


_PLACEMENT_TIERS = {"early"}
"""Tiers that only place work within its slack: no measure a user ranks schedules by."""


def quality(schedule: Schedule) -> str:
    """How good the schedule is, in words: optimal, or how far from the best possible."""
    if schedule.status is SolveStatus.OPTIMAL:
        return "optimal: no schedule finishes earlier or meets the targets better"
    if schedule.status is SolveStatus.INFEASIBLE:
        return "infeasible: the commitments cannot all hold together"
    if schedule.status is SolveStatus.UNKNOWN:
        return "no schedule found within the time limit (and no proof that none exists)"
    parts = []
    for tier in schedule.record.tiers if schedule.record else ():
        if not tier.optimal and tier.name not in _PLACEMENT_TIERS:
            gap = tier.value - tier.bound
            unit = _TIER_UNITS.get(tier.name, "")
            parts.append(
                f"{tier.name} within {gap} {unit} of the best possible ({tier.value}, bound {tier.bound})"
            )
    return "feasible: " + ("; ".join(parts) if parts else "not proven optimal") + _start(schedule)


def _start(schedule: Schedule) -> str:
    """Where the search started when the optimiser found nothing better: "; the repaired baseline;
    the optimiser found nothing better in 20 s" (empty otherwise)."""
    record = schedule.record
    if (
        record is None
        or record.parameters.get("improved_on_start") != "no"
        or "start_from" not in record.parameters
    ):
        return ""
    return (
        f"; the {record.parameters.get('start_from', 'list schedule')}; the optimiser found nothing "
        f"better in {record.time_limit:g} s"
    )


def summarize(program: Program, schedule: Schedule, busiest: int = 5) -> Summary:
    """The summary of ``schedule``: quality, finish dates, milestones, the busiest specialists."""
    base = {
        "program": program.name,
        "status": schedule.status,
        "quality": quality(schedule),
        "start": program.start,
        "objectives": {t.name: t.value for t in schedule.record.tiers if t.name not in _PLACEMENT_TIERS}
        if schedule.record
        else {},
    }
    if not schedule.tasks:
        return Summary(**base)
    base.update(_money(program, schedule))
    placed = {t.project for t in schedule.tasks}
    finish = max(t.finish for t in schedule.tasks)
    project_finish: dict[str, dt.date] = defaultdict(lambda: dt.date.min)
    for item in schedule.tasks:
        project_finish[item.project] = max(project_finish[item.project], item.finish)

    def status(
        key: str, name: str, day: dt.date, deadline: dt.date | None, target: dt.date | None
    ) -> MilestoneStatus:
        return MilestoneStatus(
            key=key,
            name=name,
            date=day,
            deadline=deadline,
            margin=-working_days_late(program.calendar, day, deadline) if deadline else None,
            target=target,
            late=max(0, working_days_late(program.calendar, day, target)) if target else None,
        )

    milestones = []
    for item in schedule.tasks:
        _, task = program.tasks[item.key]
        target = task.target.date if task.target else None
        if task.duration == 0 or task.deadline or target:
            milestones.append(status(item.key, task.label, item.finish, task.deadline, target))
    for project in program.projects:
        if (project.deadline or project.target) and project.id in placed:
            milestones.append(
                status(
                    project.id,
                    f"{project.label} (whole project)",
                    project_finish[project.id],
                    project.deadline,
                    project.target.date if project.target else None,
                )
            )
    return Summary(
        **base,
        finish=finish,
        working_days=makespan(program, schedule),
        project_finish={p.id: project_finish[p.id] for p in program.projects if p.id in placed},
        milestones=tuple(milestones),
        busiest=tuple(_busiest(program, schedule)[:busiest]),
    )


def _money(program: Program, schedule: Schedule) -> dict[str, object]:
    """The funded set and money of a schedule, for programs that give any money field."""
    unfunded = tuple(p.id for p in program.projects if p.id not in {t.project for t in schedule.tasks})
    if not has_money(program):
        return {"unfunded": unfunded}
    report = cost_report(program, schedule)
    return {
        "unfunded": unfunded,
        "currency": report.currency,
        "cost": report.total_cost,
        "benefit_npv": report.benefit_npv,
        "net_value": report.net_value,
    }


def _busiest(program: Program, schedule: Schedule) -> list[Utilisation]:
    series: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for load in daily_load(program, schedule):
        series[(load.kind, load.resource)].append((load.used, load.available))
    out = []
    for (kind, resource), values in series.items():
        available = sum(a for _, a in values)
        used = sum(u for u, _ in values)
        if used == 0:
            continue
        label = program.role_by_id[resource].label if kind == "role" else program.person_by_id[resource].label
        out.append(
            Utilisation(
                kind=kind,
                resource=resource,
                name=label,
                mean_percent=round(100 * used / available, 1) if available else 100.0,
                peak_used=max(u for u, _ in values),
                overloaded_days=sum(1 for u, a in values if u > a),
            )
        )
    return sorted(out, key=lambda u: -u.mean_percent)
