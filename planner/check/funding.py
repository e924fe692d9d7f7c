"""The funding part of the independent checker: which projects are funded, spend against caps,
and the money tier of the solve record.

Called from :func:`planner.check.check`; like the rest of the checker, it shares no code with the
solver. It applies the rules of :mod:`planner.models.finance` (rates, spreading, periods, benefit
value) to the schedule as written:

- a project is *unfunded* when the schedule lists it in ``unfunded``, or when it is not
  mandatory and the schedule places none of its tasks (a hand-edited table has no list);
- mandatory projects are funded, excluded ones are not, and a listed project has no task placed;
- a funded project has every project it needs funded: those in its ``needs`` and those its
  tasks depend on; at most one project of an alternatives group is funded;
- the spend of every capped period (recomputed day by day from rates, the people the schedule
  names and fixed costs) stays within its cap, or, with carry-over, the running spend over each
  run of capped periods within the running caps; the total stays within the total cap;
- the record's ``net_cost`` (cost minus benefit NPV) or ``cost`` equals the recomputed value.
"""

from __future__ import annotations

from collections import defaultdict

from planner.check.placement import DayNumbers, Placed
from planner.check.resources import Allocations
from planner.check.violations import Violations, money
from planner.models import Program, Schedule
from planner.models.finance import (
    Finance,
    benefit_value,
    fixed_costs,
    period_of,
    periods_between,
    person_day_cost,
    spread,
)


def unfunded_projects(program: Program, schedule: Schedule) -> frozenset[str]:
    """Projects the schedule leaves out: listed as unfunded, or optional with no task placed."""
    placed = {row.project for row in schedule.tasks}
    implicit = {p.id for p in program.projects if p.funding != "mandatory" and p.id not in placed}
    return frozenset(set(schedule.unfunded) | implicit)


def check_funding(
    program: Program,
    schedule: Schedule,
    placed: dict[str, Placed],
    allocations: Allocations,
    days: DayNumbers,
    out: Violations,
) -> None:
    """Add every funding, budget and money-tier violation of ``schedule`` to ``out``."""
    left_out = unfunded_projects(program, schedule)
    _funded_set(program, schedule, placed, left_out, out)
    finance = program.finance
    if finance is None and not any(p.funding != "mandatory" for p in program.projects):
        return
    finance = finance or Finance()
    daily, cost = _spend(program, placed, allocations)
    _caps(program, finance, daily, cost, days, out)
    tiers = {t.name: t.value for t in schedule.record.tiers} if schedule.record else {}
    if "cost" in tiers and tiers["cost"] != cost:
        out.add(
            None,
            "objective",
            f"the solve record gives a cost of {money(tiers['cost'])}, but the "
            f"schedule's rates and fixed costs give {money(cost)}",
        )
    if "net_cost" in tiers:
        benefit = _benefits(program, finance, placed, left_out)
        if tiers["net_cost"] != cost - benefit:
            out.add(
                None,
                "objective",
                f"the solve record gives a net cost of {money(tiers['net_cost'])}, but the schedule gives "
                f"cost {money(cost)} - benefit NPV {money(benefit)} = {money(cost - benefit)}",
            )


def _funded_set(
    program: Program, schedule: Schedule, placed: dict[str, Placed], left_out: frozenset[str], out: Violations
) -> None:
    ids = {p.id for p in program.projects}
    count: dict[str, int] = defaultdict(int)
    for p in placed.values():
        count[p.project.id] += 1
    for name in schedule.unfunded:
        if name not in ids:
            out.add(
                None,
                "funding",
                f"the schedule lists {name} as unfunded, which is not a project of program {program.name}",
            )
        elif count[name]:
            out.add(
                None,
                "funding",
                f"project {name} is listed as unfunded but {count[name]} of its tasks are placed",
            )
    for project in program.projects:
        if project.funding == "mandatory" and project.id in left_out:
            out.add(None, "funding", f"project {project.id} is mandatory but the schedule leaves it out")
        if project.funding == "excluded" and count[project.id]:
            out.add(
                None,
                "funding",
                f"project {project.id} is excluded but {count[project.id]} of its tasks are placed",
            )
    funded = ids - left_out
    owner = {key: project.id for key, (project, _) in program.tasks.items()}
    for project in program.projects:
        if project.id not in funded:
            continue
        for need in project.needs:
            if need in left_out:
                out.add(
                    None, "funding", f"project {project.id} is funded but needs project {need}, which is not"
                )
    seen: set[tuple[str, str]] = set()
    for link in program.links:
        pred, succ = owner[link.pred], owner[link.succ]
        if succ in funded and pred in left_out and (pred, succ) not in seen and pred != succ:
            seen.add((pred, succ))
            out.add(
                link.succ,
                "funding",
                f"project {succ} is funded but {link.succ} depends on {link.pred} of "
                f"project {pred}, which is not funded",
            )
    for group in program.finance.alternatives if program.finance else ():
        chosen = [name for name in group if name in funded]
        if len(chosen) > 1:
            out.add(
                None,
                "funding",
                f"{', '.join(chosen)} are all funded, but at most one of {', '.join(group)} may be",
            )


def _spend(
    program: Program, placed: dict[str, Placed], allocations: Allocations
) -> tuple[dict[int, int], int]:
    """Spend per working-day number, and the total, of the placed tasks."""
    daily: dict[int, int] = defaultdict(int)
    total = 0
    for project in program.projects:
        fixed = fixed_costs(
            project.cost, [t.cost for t in project.tasks], [t.duration for t in project.tasks]
        )
        for task, own in zip(project.tasks, fixed, strict=True):
            p = placed.get(f"{project.id}.{task.id}")
            if p is None:
                continue
            per_day = sum(r.count * program.role_by_id[r.role].day_rate for r in task.requires if r.role)
            per_day += sum(
                person_day_cost(program.person_by_id[name].day_rate, share)
                for name, share in allocations.get(p.key, [])
            )
            span = max(p.d, 1)
            for k in range(span):
                amount = (per_day if p.d > 0 else 0) + spread(own, span, k + 1) - spread(own, span, k)
                if amount:
                    daily[p.s + k] += amount
                    total += amount
    return daily, total


def _caps(
    program: Program, finance: Finance, daily: dict[int, int], cost: int, days: DayNumbers, out: Violations
) -> None:
    budget = finance.budget
    cur = finance.currency
    if budget.total is not None and cost > budget.total:
        out.add(
            None,
            "budget",
            f"the total cost {money(cost, cur)} is over the total cap "
            f"{money(budget.total, cur)} by {money(cost - budget.total, cur)}",
        )
    if not budget.caps and budget.default is None:
        return
    by_period: dict[str, int] = defaultdict(int)
    for day, amount in daily.items():
        by_period[period_of(days.date(day), budget.period, budget.year_start)] += amount
    last_day = days.date(max(daily, default=0))
    labels = periods_between(program.start, last_day, budget.period, budget.year_start)
    run_spend = run_cap = 0
    run_first: str | None = None
    for label in labels:
        cap = budget.cap(label)
        if cap is None:
            run_first = None
            continue
        spend = by_period.get(label, 0)
        if not budget.carry_over:
            if spend > cap:
                out.add(
                    None,
                    "budget",
                    f"spend in {label} is {money(spend, cur)}, over its cap "
                    f"{money(cap, cur)} by {money(spend - cap, cur)}",
                )
            continue
        if run_first is None:
            run_first, run_spend, run_cap = label, 0, 0
        run_spend += spend
        run_cap += cap
        if run_spend > run_cap:
            span = label if run_first == label else f"{run_first} to {label}"
            out.add(
                None,
                "budget",
                f"spend in {span} is {money(run_spend, cur)}, over the caps of those periods "
                f"with carry-over ({money(run_cap, cur)}) by {money(run_spend - run_cap, cur)}",
            )


def _benefits(program: Program, finance: Finance, placed: dict[str, Placed], left_out: frozenset[str]) -> int:
    total = 0
    until = finance.appraisal_until(program.start)
    for project in program.projects:
        benefit = project.benefit
        if benefit is None or project.id in left_out:
            continue
        if benefit.from_ is not None:
            ref = benefit.from_ if "." in benefit.from_ else f"{project.id}.{benefit.from_}"
            mine = [placed[ref]] if ref in placed else []
        else:
            mine = [p for p in placed.values() if p.project.id == project.id]
        if mine:
            delivered = max(p.finish for p in mine)
            total += benefit_value(benefit, delivered, program.start, finance.discount_rate, until)
    return total
