"""Money in the CP-SAT model: what funded work costs and when, funding caps per period and in
total, the present value of benefits, and the board's objective tier.

Which projects are funded is :mod:`planner.solvers.selection`; this module adds the money.

Money (all in whole currency units, rules in :mod:`planner.models.finance`)
    Spend up to a working day ``x`` is linear in per-task "days done before ``x``",
    ``u = min(D, max(0, x - start))`` with ``D = max(duration, 1)``. ``u`` is encoded with two
    literals on the start's bounds, ``started`` (``start < x``) and ``ended`` (``start + D <= x``),
    each selecting a linear value (0, ``x - start`` or ``D``), and is 0 when the project is not
    funded; a person option's share is gated again by its assignment literal, and a fixed cost
    ``F`` adds ``(F // D) * u`` plus ``F % D`` once the task has begun (linear in ``u`` and a
    literal, no division). Literals on bounds propagate and
    branch well: on the bank example with quarterly caps this finds a first schedule about ten
    times faster than ``min``/``max`` equalities. Only the boundaries of capped periods are
    built, and only for tasks whose start window straddles them; the rest are constants. A cap
    is ``spend(end) - spend(start) <= cap``, or with carry-over the running total over a run of
    capped periods.

Benefits
    A project's benefit depends only on the month it is delivered. Its present value per
    month is precomputed; a month variable is tied to the delivery day by two element
    constraints on the month's first working days, and a third gives the value.

The tier ``net_cost`` (cost minus benefit NPV, objective ``value``) or ``cost`` (objective
``cost``) comes right after ``lateness``: commitments first, then money, then dates.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from planner.models import Program
from planner.models.finance import (
    Finance,
    benefit_value,
    fixed_costs,
    period_bounds,
    periods_between,
    person_day_cost,
)
from planner.solvers.instance import Instance
from planner.solvers.objectives import Tier
from planner.solvers.selection import add_links

if TYPE_CHECKING:
    from planner.solvers.variables import Variables

logger = logging.getLogger(__name__)

Expr = cp_model.LinearExpr | int


@dataclass(frozen=True)
class TaskCost:
    """The money of one task: per working day when funded, a fixed part, and per-person options.

    ``options`` holds ``(requirement index, person, cost per day)`` for requirements whose
    eligible people cost different amounts, so that the cost follows who is chosen.
    """

    key: str
    days: int
    per_day: int
    fixed: int
    options: tuple[tuple[int, str, int], ...] = ()

    @property
    def when_funded(self) -> int:
        """Cost without the person options."""
        return self.days * self.per_day + self.fixed


def task_costs(inst: Instance) -> dict[str, TaskCost]:
    """The cost of every task, following the rules of :mod:`planner.models.finance`."""
    program = inst.program
    out: dict[str, TaskCost] = {}
    for project in program.projects:
        fixed = fixed_costs(
            project.cost, [t.cost for t in project.tasks], [t.duration for t in project.tasks]
        )
        for task, own_fixed in zip(project.tasks, fixed, strict=True):
            key = f"{project.id}.{task.id}"
            data = inst.tasks[key]
            per_day = sum(count * program.role_by_id[role].day_rate for role, count in data.roles)
            options: list[tuple[int, str, int]] = []
            for r, (req, eligible) in enumerate(data.people_reqs):
                costs = {
                    p: person_day_cost(program.person_by_id[p].day_rate, req.allocation) for p in eligible
                }
                if len(set(costs.values())) <= 1:
                    per_day += req.count * next(iter(costs.values()), 0)
                else:
                    options.extend((r, p, c) for p, c in costs.items())
            out[key] = TaskCost(key, task.duration, per_day, own_fixed, tuple(options))
    return out


@dataclass
class Funding:
    """What :func:`add_funding` put into the model, for the tier and for reports."""

    cost: Expr = 0
    benefit: Expr = 0
    benefits: dict[str, cp_model.IntVar] = field(default_factory=dict)
    spend: dict[str, Expr] = field(default_factory=dict)
    caps: dict[str, int] = field(default_factory=dict)
    extra: dict[str, cp_model.IntVar] = field(default_factory=dict)
    varies: bool = False  # whether cost or benefit depends on any decision


class _Builder:
    """Builds the money expressions of one model."""

    def __init__(self, model: cp_model.CpModel, inst: Instance, var: Variables) -> None:
        self.model, self.inst, self.var = model, inst, var
        self.costs = task_costs(inst)
        self.lits: dict[tuple[str, int, str], cp_model.IntVar] = {
            (a.task, a.req, a.person): a.literal for a in var.assignments
        }
        self._spent: dict[int, Expr] = {}
        self.varies = False

    def present(self, key: str) -> cp_model.IntVar | None:
        return self.var.funded.get(self.inst.tasks[key].project)

    def total_cost(self) -> Expr:
        terms: list[Expr] = []
        for key, cost in self.costs.items():
            lit = self.present(key)
            if cost.when_funded:
                terms.append(cost.when_funded if lit is None else cost.when_funded * lit)
                self.varies |= lit is not None
            for r, person, per_day in cost.options:
                if per_day and cost.days:
                    terms.append(cost.days * per_day * self.lits[(key, r, person)])
                    self.varies = True
        return sum(terms)

    def most(self) -> int:
        """The largest cost any schedule can have (every task funded, the dearest people)."""
        total = 0
        for cost in self.costs.values():
            dearest: dict[int, list[int]] = {}
            for r, _, per_day in cost.options:
                dearest.setdefault(r, []).append(per_day)
            people = sum(
                sum(sorted(v)[-self.inst.tasks[cost.key].people_reqs[r][0].count :])
                for r, v in dearest.items()
            )
            total += cost.when_funded + cost.days * people
        return max(total, 1)

    def _done(self, key: str, x: int) -> tuple[Expr, Expr]:
        """Days of task ``key`` done before working day ``x``, and whether it began before ``x``;
        both 0 when its project is not funded.

        Two literals on the start's bounds, ``started`` (start < x) and ``ended`` (start + D <= x),
        select one of three linear values: 0, ``x - start`` or ``D``.
        """
        start = self.var.start[key]
        domain = list(start.proto.domain)
        lo, hi = domain[0], domain[-1]
        span = max(self.inst.tasks[key].duration, 1)
        funded = self.present(key)
        if x <= lo:
            return 0, 0
        if x - hi >= span:
            return (span, 1) if funded is None else (span * funded, funded)
        name = f"{key}@{x}"
        done = self.model.new_int_var(0, min(span, x - lo), f"done[{name}]")
        on = [] if funded is None else [funded]
        if funded is not None:
            self.model.add(done == 0).only_enforce_if(~funded)
        started = self._bound(start, x - 1, f"started[{name}]") if x - 1 < hi else None
        ended = self._bound(start, x - span, f"ended[{name}]") if x - span >= lo else None
        if ended is not None:
            self.model.add(done == span).only_enforce_if([ended, *on])
        if started is not None:
            self.model.add(done == 0).only_enforce_if(~started)
        middle = [lit for lit in (started, None if ended is None else ~ended) if lit is not None]
        self.model.add(done == x - start).only_enforce_if([*middle, *on])
        began: Expr
        if funded is None:
            began = 1 if started is None else started
        elif started is None:
            began = funded
        else:
            began = self.model.new_bool_var(f"began[{name}]")
            self.model.add_bool_and([started, funded]).only_enforce_if(began)
            self.model.add_bool_or([~started, ~funded, began])
        return done, began

    def _bound(self, start: cp_model.IntVar, at_most: int, name: str) -> cp_model.IntVar:
        """A literal equivalent to ``start <= at_most``."""
        lit = self.model.new_bool_var(name)
        self.model.add(start <= at_most).only_enforce_if(lit)
        self.model.add(start >= at_most + 1).only_enforce_if(~lit)
        return lit

    def _gated(self, value: Expr, lit: cp_model.IntVar | None, top: int, name: str) -> Expr:
        """``value`` when ``lit`` holds, else 0."""
        if lit is None or (isinstance(value, int) and value == 0):
            return value
        if isinstance(value, int):
            return value * lit
        gated = self.model.new_int_var(0, top, name)
        self.model.add(gated == value).only_enforce_if(lit)
        self.model.add(gated == 0).only_enforce_if(~lit)
        return gated

    def spent_before(self, x: int) -> Expr:
        """Spend on working days before ``x`` (cached per boundary)."""
        if x in self._spent:
            return self._spent[x]
        terms: list[Expr] = []
        for key, cost in self.costs.items():
            if not cost.when_funded and not cost.options:
                continue
            span = max(cost.days, 1)
            done, began = self._done(key, x)
            if cost.per_day and cost.days:
                terms.append(cost.per_day * done)
            if cost.fixed:  # F // D a day, and the remainder on the first day
                terms.append(cost.fixed // span * done + cost.fixed % span * began)
            for r, person, per_day in cost.options:
                if per_day and cost.days:
                    lit = self.lits[(key, r, person)]
                    terms.append(
                        per_day * self._gated(done, lit, span, f"staff_done[{key}#{r}={person}@{x}]")
                    )
        self._spent[x] = sum(terms)
        return self._spent[x]


def capped_periods(inst: Instance) -> list[tuple[str, int, int, int]]:
    """``(label, first day, end day (exclusive), cap)`` of every capped period in the horizon."""
    program = inst.program
    assert program.finance is not None
    budget = program.finance.budget
    wd = program.working_days
    last = wd.date(max(inst.horizon - 1, 0))
    out = []
    for label in periods_between(program.start, last, budget.period, budget.year_start):
        cap = budget.cap(label)
        if cap is None:
            continue
        first, final = period_bounds(label, budget.period, budget.year_start)
        a = wd.index_on_or_after(first)
        b = min(wd.index_on_or_after(final + dt.timedelta(days=1)), inst.horizon)
        if a < b:
            out.append((label, a, b, cap))
    return out


def _benefits(model: cp_model.CpModel, inst: Instance, var: Variables, funding: Funding) -> list[Expr]:
    program = inst.program
    finance = program.finance or Finance()
    rate, until = finance.discount_rate, finance.appraisal_until(program.start)
    wd = program.working_days
    last = wd.date(inst.horizon)
    firsts: list[int] = []  # first working day of each month from the start month
    months: list[dt.date] = []
    day = program.start.replace(day=1)
    while day <= last:
        months.append(day)
        firsts.append(wd.index_on_or_after(day))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    nexts = [*firsts[1:], wd.index_on_or_after(day)]
    terms: list[Expr] = []
    for project in program.projects:
        benefit = project.benefit
        if benefit is None or benefit.per_month == 0:
            continue
        values = [benefit_value(benefit, max(m, program.start), program.start, rate, until) for m in months]
        if benefit.from_ is not None:
            ref = benefit.from_ if "." in benefit.from_ else f"{project.id}.{benefit.from_}"
            delivered: Expr = var.start[ref] + max(inst.tasks[ref].duration - 1, 0)
        else:
            keys = [k for k, t in inst.tasks.items() if t.project == project.id]
            finish = model.new_int_var(0, inst.horizon, f"delivered[{project.id}]")
            model.add_max_equality(finish, [var.start[k] + max(inst.tasks[k].duration - 1, 0) for k in keys])
            delivered = finish
        month = model.new_int_var(0, len(months) - 1, f"delivery_month[{project.id}]")
        first = model.new_int_var(0, max(nexts), f"delivery_month_first[{project.id}]")
        after = model.new_int_var(0, max(nexts), f"delivery_month_next[{project.id}]")
        model.add_element(month, firsts, first)
        model.add_element(month, nexts, after)
        model.add(first <= delivered)
        model.add(delivered <= after - 1)
        value = model.new_int_var(min(values), max(values), f"benefit[{project.id}]")
        model.add_element(month, values, value)
        lit = var.funded.get(project.id)
        if lit is not None:
            gated = model.new_int_var(min(0, min(values)), max(values), f"funded_benefit[{project.id}]")
            model.add(gated == value).only_enforce_if(lit)
            model.add(gated == 0).only_enforce_if(~lit)
            value = gated
        funding.benefits[project.id] = value
        funding.varies |= lit is not None or min(values) != max(values)
        terms.append(value)
    return terms


def add_funding(
    model: cp_model.CpModel, inst: Instance, var: Variables, extra: bool = False
) -> Funding | None:
    """Funding links, caps per period and in total, cost and benefit expressions.

    With ``extra`` every cap gets a variable amount of extra funding (``Funding.extra``, by
    period label and ``total``) for :mod:`planner.solvers.funding_gap` to minimise.

    Returns ``None`` when the program has neither finance settings nor projects that may be
    left out (the model is then exactly the one without money).
    """
    program = inst.program
    if program.finance is None and not var.funded:
        return None
    add_links(model, program, var.funded)
    funding = Funding()
    build = _Builder(model, inst, var)
    funding.cost = build.total_cost()
    funding.varies = build.varies
    if program.finance is not None:
        budget = program.finance.budget
        periods = capped_periods(inst)
        top = build.most()
        run_start: int | None = None
        run_cap: Expr = 0
        previous_end: int | None = None
        for label, a, b, cap in periods:
            allowed: Expr = cap
            if extra:
                funding.extra[label] = model.new_int_var(0, top, f"extra[{label}]")
                allowed = cap + funding.extra[label]
            if budget.carry_over:
                if previous_end != a:
                    run_start, run_cap = a, 0
                run_cap = run_cap + allowed
                assert run_start is not None
                spend = build.spent_before(b) - build.spent_before(run_start)
                model.add(spend <= run_cap).with_name(f"budget[{label}]")
            else:
                spend = build.spent_before(b) - build.spent_before(a)
                model.add(spend <= allowed).with_name(f"budget[{label}]")
            funding.spend[label] = build.spent_before(b) - build.spent_before(a)
            funding.caps[label] = cap
            previous_end = b
        if budget.total is not None:
            allowed = budget.total
            if extra:
                funding.extra["total"] = model.new_int_var(0, top, "extra[total]")
                allowed = budget.total + funding.extra["total"]
            model.add(funding.cost <= allowed).with_name("budget[total]")
    funding.benefit = sum(_benefits(model, inst, var, funding))
    logger.info(
        "funding: %d optional projects, %d capped periods, %d benefit streams",
        len(var.funded),
        len(funding.caps),
        len(funding.benefits),
    )
    return funding


def board_tier(program: Program, funding: Funding | None) -> Tier | None:
    """The board's tier: ``net_cost`` (cost minus benefit NPV) or ``cost``; ``None`` if constant."""
    if funding is None or not funding.varies:
        return None
    objective = program.finance.objective if program.finance else "value"
    if objective == "cost":
        return Tier("cost", funding.cost)
    return Tier("net_cost", funding.cost - funding.benefit)


def with_board_tier(tiers: list[Tier], tier: Tier | None) -> list[Tier]:
    """``tiers`` with the board's tier right after ``lateness`` (first when there is none)."""
    if tier is None:
        return tiers
    at = 1 if tiers and tiers[0].name == "lateness" else 0
    return [*tiers[:at], tier, *tiers[at:]]
