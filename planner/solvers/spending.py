"""Spending caps for list scheduling: the capped periods of a program, what a placed task spends
in each, and what is left.

List schedules (:mod:`planner.solvers.list_scheduler`) know nothing of money unless they are given a
:class:`Ledger`: then a task goes only where its spend fits what is left of every capped period
(with carry-over, of every running total over a run of consecutive capped periods) and of the
total cap. The spend rule is the model's (:mod:`planner.solvers.funding`, after
:mod:`planner.models.finance`), built from the same pieces: :func:`~planner.solvers.funding.task_costs`
for the day rates and fixed costs, :func:`~planner.models.finance.spread` for the fixed cost per
day, :func:`~planner.solvers.funding.capped_periods` for the periods and their caps. A schedule
the ledger accepts therefore meets every cap the model and the checker enforce.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from planner.models.finance import spread
from planner.solvers.funding import capped_periods, task_costs
from planner.solvers.instance import Instance


@dataclass(frozen=True, slots=True)
class Window:
    """Working days ``[first, end)`` whose spend may not pass ``cap``: one capped period, or with
    carry-over a run of capped periods up to the end of one of them (and the caps up to it)."""

    label: str
    first: int
    end: int
    cap: int


@dataclass(frozen=True, slots=True)
class _Cost:
    per_day: int  # day rates of roles and of requirements whose people all cost the same
    fixed: int
    days: int  # working days (0 for a milestone)
    options: Mapping[tuple[int, int], int]  # (requirement, person index) -> cost per day


class Ledger:
    """What each capped window has booked, for one list schedule at a time.

    Parameters
    ----------
    windows
        The capped windows (:meth:`of` builds them from a program).
    total
        The cap on the total cost, if any.
    costs
        Each task's money, by task index.
    horizon
        The schedule's horizon: a task that can never be paid is sent past it.
    """

    def __init__(
        self, windows: Sequence[Window], total: int | None, costs: Sequence[_Cost], horizon: int
    ) -> None:
        self.windows = list(windows)
        self.total = total
        self.costs = list(costs)
        self.horizon = horizon
        self.booked = [0] * len(self.windows)
        self.booked_total = 0

    @classmethod
    def of(
        cls, inst: Instance, keys: Sequence[str], person_ix: Mapping[str, int], omit: Collection[str] = ()
    ) -> Ledger | None:
        """The ledger of ``inst``'s caps, tasks indexed as in ``keys`` and people as in ``person_ix``;
        tasks in ``omit`` (not funded) spend nothing. ``None`` when nothing is capped."""
        finance = inst.program.finance
        if finance is None or not finance.budget.capped:
            return None
        windows: list[Window] = []
        run_first, run_cap, previous_end = 0, 0, None
        for label, a, b, cap in capped_periods(inst):
            if not finance.budget.carry_over:
                windows.append(Window(label, a, b, cap))
            else:  # as the model: a run goes on while the periods are adjacent
                if previous_end != a:
                    run_first, run_cap = a, 0
                run_cap += cap
                windows.append(Window(label, run_first, b, run_cap))
            previous_end = b
        money = task_costs(inst)
        costs = []
        for key in keys:
            c = money[key]
            if key in omit:
                costs.append(_Cost(0, 0, c.days, {}))
            else:
                costs.append(
                    _Cost(
                        c.per_day,
                        c.fixed,
                        c.days,
                        {(r, person_ix[p]): per_day for r, p, per_day in c.options},
                    )
                )
        return cls(windows, finance.budget.total, costs, inst.horizon)

    def reset(self) -> None:
        """Nothing booked: a new schedule begins."""
        self.booked = [0] * len(self.windows)
        self.booked_total = 0

    def _rate(self, i: int, chosen: Sequence[tuple[int, Sequence[int]]]) -> int:
        """Task ``i``'s cost per working day with the people ``chosen`` (fixed cost aside)."""
        cost = self.costs[i]
        if cost.days == 0:
            return 0
        return cost.per_day + sum(cost.options.get((r, q), 0) for r, pick in chosen for q in pick)

    def _before(self, i: int, s: int, rate: int, x: int) -> int:
        """Spend of task ``i`` started at ``s`` on working days before ``x``."""
        cost = self.costs[i]
        span = max(cost.days, 1)
        done = min(max(x - s, 0), span)
        return rate * done + spread(cost.fixed, span, done)

    def spend(self, i: int, s: int, chosen: Sequence[tuple[int, Sequence[int]]]) -> list[int]:
        """Spend of task ``i`` started at ``s`` with ``chosen`` people, per window."""
        rate = self._rate(i, chosen)
        return [self._before(i, s, rate, w.end) - self._before(i, s, rate, w.first) for w in self.windows]

    def check(self, i: int, s: int, chosen: Sequence[tuple[int, Sequence[int]]]) -> tuple[int, int] | None:
        """``None`` when task ``i`` at ``s`` with ``chosen`` people fits what is left of every cap;
        else the next start worth trying later and earlier (the starts skipped would spend at
        least as much in a window that is already short)."""
        cost = self.costs[i]
        rate = self._rate(i, chosen)
        total = rate * cost.days + cost.fixed
        if not total:
            return None  # spends nothing (a cap already broken by a pinned task holds up no free work)
        if self.total is not None and self.booked_total + total > self.total:
            return self.horizon + 1, -1  # no start helps
        span = max(cost.days, 1)
        later, earlier = -1, self.horizon + 1
        for w, booked in zip(self.windows, self.booked, strict=True):
            if s >= w.end or s + span <= w.first:
                continue
            add = self._before(i, s, rate, w.end) - self._before(i, s, rate, w.first)
            if not add or booked + add <= w.cap:
                continue
            # later, the spend in the window falls only once the task runs past its end
            if s + span > w.end:
                later = max(later, w.first + 1 if s < w.first else s + 1)
            else:
                later = max(later, w.end - span + 1)
            # earlier, only once the task starts before the window and ends inside it
            earlier = min(earlier, min(s - 1, w.end - span - 1) if s < w.first else w.first - 1)
        if later < 0:
            return None
        return later, earlier

    def book(self, i: int, s: int, chosen: Sequence[tuple[int, Sequence[int]]], sign: int = 1) -> None:
        """Book (``sign`` 1) or release (-1) task ``i``'s spend at ``s`` with ``chosen`` people."""
        cost = self.costs[i]
        if not cost.fixed and (not cost.days or not (cost.per_day or cost.options)):
            return
        rate = self._rate(i, chosen)
        self.booked_total += sign * (rate * cost.days + cost.fixed)
        for k, add in enumerate(self.spend(i, s, chosen)):
            self.booked[k] += sign * add

    def over(self) -> bool:
        """Whether what is booked breaks a cap (a pinned task may force it)."""
        if self.total is not None and self.booked_total > self.total:
            return True
        return any(booked > w.cap for w, booked in zip(self.windows, self.booked, strict=True))
