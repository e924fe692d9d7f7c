"""What a schedule costs and earns: cost per task, project and period, spend against the funding
caps, benefits over time and net present value.

Plain Python over a program and a schedule, following the rules of
:mod:`planner.models.finance` (the same rules the solver and the checker apply), so the figures
here are the ones the solver optimised and the checker verified.

- *cost* is undiscounted money spent on the schedule's working days;
- *benefit NPV* is the present value at the program start of the funded projects' benefits;
- *net value* is benefit NPV minus cost: the board's objective (the solver's ``net_cost`` tier
  is its negative);
- *cash NPV* discounts the costs too, month by month with the same rate, for readers who want
  both sides discounted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.models import Program, Requirement, Schedule, ScheduledTask
from planner.models.finance import (
    Finance,
    benefit_flows,
    benefit_value,
    discount_factor,
    fixed_costs,
    month_label,
    period_bounds,
    period_of,
    periods_between,
    person_day_cost,
    spread,
)

_FROZEN = ConfigDict(frozen=True)
Granularity = Literal["month", "quarter", "year"]


@dataclass(frozen=True)
class DailyCost:
    """Money spent on task ``task`` of project ``project`` on working day ``day``."""

    day: dt.date
    project: str
    task: str
    amount: int


class PeriodSpend(BaseModel):
    """Spend in one funding period against its cap.

    With carry-over, ``running`` and ``running_cap`` are the spend and the caps summed from the
    first period of the run of capped periods this one belongs to; ``headroom`` is what is left
    (of the period's cap, or of the running caps with carry-over).
    """

    model_config = _FROZEN

    period: str
    first: dt.date
    last: dt.date
    spend: int
    cap: int | None = None
    running: int | None = None
    running_cap: int | None = None
    headroom: int | None = None


class ProjectMoney(BaseModel):
    """One project's money: funded or not, cost, delivery date, benefit NPV and net value."""

    model_config = _FROZEN

    project: str
    name: str
    funding: str
    funded: bool
    cost: int
    delivered: dt.date | None = None
    benefit_npv: int = 0
    net_value: int = 0


class CostReport(BaseModel):
    """Everything a board reads about a schedule's money (what ``planner fund`` prints)."""

    model_config = _FROZEN

    program: str
    currency: str = ""
    total_cost: int
    benefit_npv: int
    net_value: int
    cash_npv: int
    total_cap: int | None = None
    projects: tuple[ProjectMoney, ...] = ()
    budget: tuple[PeriodSpend, ...] = ()
    cost_by_month: dict[str, int] = {}
    cost_by_quarter: dict[str, int] = {}
    benefit_by_month: dict[str, int] = {}


def _finance(program: Program) -> Finance:
    return program.finance or Finance()


def has_money(program: Program) -> bool:
    """Whether the program gives any rate, fixed cost, benefit, funding setting or optional project."""
    return bool(
        program.finance is not None
        or any(r.day_rate for r in program.roles)
        or any(p.day_rate for p in program.people)
        or any(p.cost or p.benefit or p.funding != "mandatory" for p in program.projects)
        or any(t.cost for _, t in program.tasks.values())
    )


def _slots(requires: tuple[Requirement, ...]) -> list[Requirement]:
    named = [r for r in requires if r.person is not None]
    skills = [r for r in requires if r.skill is not None for _ in range(r.count)]
    return named + skills


def person_allocations(program: Program, row: ScheduledTask) -> list[tuple[str, int]]:
    """Each listed person with the allocation of the requirement they fill (named ones first)."""
    _, task = program.tasks[row.key]
    slots = _slots(task.requires)
    out: list[tuple[str, int]] = []
    for name in row.people:
        person = program.person_by_id.get(name)
        if person is None:
            continue
        for i, req in enumerate(slots):
            if req.person == name or (req.skill is not None and req.skill in person.skills):
                out.append((name, req.allocation))
                del slots[i]
                break
        else:
            out.append((name, 100))
    return out


def daily_costs(program: Program, schedule: Schedule) -> list[DailyCost]:
    """Spend per task and working day (days with no spend are left out)."""
    rows = schedule.by_key() if schedule.has_plan else {}
    out: list[DailyCost] = []
    wd = program.working_days
    for project in program.projects:
        fixed = fixed_costs(
            project.cost, [t.cost for t in project.tasks], [t.duration for t in project.tasks]
        )
        for task, own in zip(project.tasks, fixed, strict=True):
            row = rows.get(f"{project.id}.{task.id}")
            if row is None:
                continue
            per_day = sum(r.count * program.role_by_id[r.role].day_rate for r in task.requires if r.role)
            per_day += sum(
                person_day_cost(program.person_by_id[n].day_rate, a)
                for n, a in person_allocations(program, row)
            )
            first = wd.index_on_or_after(row.start)
            span = max(task.duration, 1)
            for k in range(span):
                amount = (per_day if task.duration else 0) + spread(own, span, k + 1) - spread(own, span, k)
                if amount:
                    out.append(DailyCost(wd.date(first + k), project.id, task.id, amount))
    return out


def total_cost(program: Program, schedule: Schedule) -> int | None:
    """The schedule's cost, or ``None`` when the program gives no rates or costs at all (or the
    schedule has no plan); comparisons and batch tables fill their cost columns with it."""
    if not has_money(program) or not schedule.has_plan:
        return None
    return sum(c.amount for c in daily_costs(program, schedule))


def cost_by_project(program: Program, schedule: Schedule) -> dict[str, int]:
    """Cost per project, every project listed (0 when unfunded or free)."""
    out = {p.id: 0 for p in program.projects}
    for c in daily_costs(program, schedule):
        out[c.project] += c.amount
    return out


def cost_by_period(
    program: Program, schedule: Schedule, granularity: Granularity = "quarter"
) -> dict[str, int]:
    """Cost per month (``2027-03``), quarter (``2027-Q1``) or year, from the first spend to the last.

    Quarters and years follow the program's financial year (``finance.budget.year_start``).
    """
    costs = daily_costs(program, schedule)
    if not costs:
        return {}
    year_start = _finance(program).budget.year_start
    label = month_label if granularity == "month" else lambda day: period_of(day, granularity, year_start)
    first, last = min(c.day for c in costs), max(c.day for c in costs)
    if granularity == "month":
        out: dict[str, int] = {}
        day = first.replace(day=1)
        while day <= last:
            out[month_label(day)] = 0
            day = (day + dt.timedelta(days=32)).replace(day=1)
    else:
        out = dict.fromkeys(periods_between(first, last, granularity, year_start), 0)
    for c in costs:
        out[label(c.day)] += c.amount
    return out


def spend_against_caps(program: Program, schedule: Schedule) -> list[PeriodSpend]:
    """Spend of every funding period from the program start to the last capped or spent period."""
    finance = _finance(program)
    budget = finance.budget
    costs = daily_costs(program, schedule)
    spent: dict[str, int] = defaultdict(int)
    for c in costs:
        spent[period_of(c.day, budget.period, budget.year_start)] += c.amount
    ends = [period_bounds(label, budget.period, budget.year_start)[1] for label in budget.caps]
    last = max([program.start, *(c.day for c in costs), *ends])
    out: list[PeriodSpend] = []
    running = running_cap = 0
    in_run = False
    for label in periods_between(program.start, last, budget.period, budget.year_start):
        first, final = period_bounds(label, budget.period, budget.year_start)
        cap = budget.cap(label)
        spend = spent.get(label, 0)
        if cap is None:
            in_run = False
            out.append(PeriodSpend(period=label, first=first, last=final, spend=spend))
            continue
        if not budget.carry_over:
            out.append(
                PeriodSpend(period=label, first=first, last=final, spend=spend, cap=cap, headroom=cap - spend)
            )
            continue
        if not in_run:
            running = running_cap = 0
            in_run = True
        running += spend
        running_cap += cap
        out.append(
            PeriodSpend(
                period=label,
                first=first,
                last=final,
                spend=spend,
                cap=cap,
                running=running,
                running_cap=running_cap,
                headroom=running_cap - running,
            )
        )
    return out


def delivery_dates(program: Program, schedule: Schedule) -> dict[str, dt.date]:
    """When each funded project with tasks placed is delivered for its benefit (or finishes)."""
    rows = schedule.by_key() if schedule.has_plan else {}
    out: dict[str, dt.date] = {}
    for project in program.projects:
        benefit = project.benefit
        if benefit is not None and benefit.from_ is not None:
            ref = benefit.from_ if "." in benefit.from_ else f"{project.id}.{benefit.from_}"
            if ref in rows:
                out[project.id] = rows[ref].finish
            continue
        finishes = [rows[k].finish for k in (f"{project.id}.{t.id}" for t in project.tasks) if k in rows]
        if finishes:
            out[project.id] = max(finishes)
    return out


def benefits_by_month(program: Program, schedule: Schedule) -> dict[str, dict[str, float]]:
    """Undiscounted benefit per month (``YYYY-MM``) and project, until the appraisal end."""
    finance = _finance(program)
    until = finance.appraisal_until(program.start)
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for project_id, delivered in delivery_dates(program, schedule).items():
        project = next(p for p in program.projects if p.id == project_id)
        if project.benefit is None:
            continue
        for day, amount in benefit_flows(project.benefit, delivered, until):
            out[month_label(day)][project_id] = amount
    return dict(sorted(out.items()))


def cost_report(program: Program, schedule: Schedule) -> CostReport:
    """Cost, spend against caps, benefits and NPV of ``schedule``, per project and per period."""
    finance = _finance(program)
    rate, until = finance.discount_rate, finance.appraisal_until(program.start)
    funded_ids = {row.project for row in schedule.tasks} if schedule.has_plan else set()
    costs = cost_by_project(program, schedule)
    delivered = delivery_dates(program, schedule)
    projects: list[ProjectMoney] = []
    for project in program.projects:
        funded = project.id in funded_ids and project.id not in schedule.unfunded
        npv = 0
        if funded and project.benefit is not None and project.id in delivered:
            npv = benefit_value(project.benefit, delivered[project.id], program.start, rate, until)
        projects.append(
            ProjectMoney(
                project=project.id,
                name=project.label,
                funding=project.funding,
                funded=funded,
                cost=costs[project.id],
                delivered=delivered.get(project.id) if funded else None,
                benefit_npv=npv,
                net_value=npv - costs[project.id],
            )
        )
    flows = benefits_by_month(program, schedule)
    daily = daily_costs(program, schedule)
    discounted_cost = sum(c.amount * discount_factor(program.start, c.day, rate) for c in daily)
    discounted_benefit = sum(
        amount * discount_factor(program.start, dt.date.fromisoformat(f"{month}-01"), rate)
        for month, by_project in flows.items()
        for amount in by_project.values()
    )
    total = sum(c.amount for c in daily)
    npv_total = sum(p.benefit_npv for p in projects)
    return CostReport(
        program=program.name,
        currency=finance.currency,
        total_cost=total,
        benefit_npv=npv_total,
        net_value=npv_total - total,
        cash_npv=round(discounted_benefit - discounted_cost),
        total_cap=finance.budget.total,
        projects=tuple(projects),
        budget=tuple(spend_against_caps(program, schedule)) if finance.budget.capped else (),
        cost_by_month=cost_by_period(program, schedule, "month"),
        cost_by_quarter=cost_by_period(program, schedule, "quarter"),
        benefit_by_month={m: round(sum(v.values())) for m, v in flows.items()},
    )


__all__ = [
    "CostReport",
    "DailyCost",
    "PeriodSpend",
    "ProjectMoney",
    "benefits_by_month",
    "cost_by_period",
    "cost_by_project",
    "cost_report",
    "daily_costs",
    "delivery_dates",
    "has_money",
    "person_allocations",
    "spend_against_caps",
    "total_cost",
]
