"""Why a program cannot work: minimal conflicts in the user's words, each with checked repairs.

1. :func:`planner.solvers.conflicts.find_conflicts` finds disjoint minimal sets of commitments
   (and the dependencies linking them), one after another, up to a limit.
2. :func:`planner.solvers.pricing.price_conflicts` prices each member: the smallest slip, extra
   people, or leave given up, with the other commitments held.
3. Each repair is applied to the program (:mod:`planner.analysis.explanations.repairs`), the program re-solved
   and the schedule checked by :func:`planner.check.check` before the repair is offered.

Funding caps are not among the commitments the conflict search relaxes; :func:`funding_shortfall`
prices them instead: the least extra funding per period that lets the mandatory projects be
scheduled (:func:`planner.solvers.funding_gap.funding_gap`), checked against the program with
its caps raised by that much.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from pydantic import ValidationError

from planner.analysis.explanations.explanation import (
    CombinedRepair,
    CommitmentView,
    ConflictView,
    FundingShortfall,
    Infeasibility,
    LinkView,
    RepairView,
)
from planner.analysis.explanations.repairs import set_aside, with_capacity, with_date, without_leave
from planner.analysis.explanations.wording import (
    commitment_text,
    link_chains,
    link_text,
    overload_text,
    person_name,
    plural,
    project_name,
    role_name,
    task_name,
    weeks_spanned,
)
from planner.analysis.facts.cost import cost_report
from planner.check import check, money
from planner.errors import ProgramInvalid
from planner.models import Program, Schedule
from planner.models.commitments import Commitment, DatedCommitment
from planner.models.finance import Finance
from planner.models.scenario import FundingChange
from planner.scenarios.apply import apply_changes
from planner.solvers import SolveOptions, solve
from planner.solvers.conflicts import ConflictSearch, find_conflicts
from planner.solvers.funding_gap import funding_gap
from planner.solvers.pricing import Price, price_conflicts

logger = logging.getLogger(__name__)

# Which repair is suggested first when a conflict has several: dates before people.
_PREFERENCE = {
    "slip_deadline": 0,
    "extend_end": 1,
    "earlier_release": 2,
    "move_pin": 3,
    "extra_capacity": 4,
    "work_during_leave": 5,
    "none": 9,
}


def commitment_view(program: Program, c: Commitment) -> CommitmentView:
    """A commitment as data and words."""
    return CommitmentView(
        id=c.id,
        kind=c.kind,
        subject=c.subject,
        text=commitment_text(program, c),
        date=c.date,
        until=None if isinstance(c, DatedCommitment) else c.until,
    )


def explain_infeasible(
    program: Program,
    *,
    limit: int = 3,
    time_limit: float = 60.0,
    workers: int = 2,
    check_time: float = 5.0,
    search: ConflictSearch | None = None,
) -> Infeasibility:
    """Conflicts of an infeasible ``program``, each with priced repairs that were re-solved and checked.

    Parameters
    ----------
    program
        A program with no feasible schedule.
    limit
        Most conflicts to report.
    time_limit
        Rough total seconds: a third for the search, the rest for pricing and re-solving.
    workers
        CP-SAT workers for pricing and re-solves (conflict checks always use one).
    check_time
        Seconds per feasibility check of the search.
    search
        A search already run (then only repairs are computed).
    """
    started = time.perf_counter()
    search = search or find_conflicts(program, limit=limit, check_time=check_time, budget=time_limit / 3)
    members = [m for c in search.conflicts for m in c.members]
    share = max((time_limit - (time.perf_counter() - started)) / max(2 * len(members), 1), 1.0)
    prices = price_conflicts(program, search, time_limit=min(share, 10.0), workers=workers)
    views, suggested = [], []
    for n, conflict in enumerate(search.conflicts, 1):
        others = [search.commitment(m) for c in search.conflicts if c is not conflict for m in c.members]
        base = program
        for c in others:
            base = set_aside(base, c)
        repairs = [
            _repair(base, prices[m], min(share, 10.0), workers, bool(others)) for m in conflict.members
        ]
        ranked = sorted(
            (r for r in repairs if r.verified), key=lambda r: (_PREFERENCE[r.kind], r.amount or 0)
        )
        if ranked:
            suggested.append((search.commitment(ranked[0].commitment), prices[ranked[0].commitment]))
        views.append(
            ConflictView(
                number=n,
                commitments=tuple(commitment_view(program, search.commitment(m)) for m in conflict.members),
                dependencies=tuple(_link(program, i) for i in conflict.links),
                chains=tuple(link_chains([program.links[i] for i in conflict.links])),
                proven_minimal=conflict.proven,
                not_proven=conflict.unproven,
                dependencies_proven_minimal=conflict.links_proven,
                evidence=overload_text(program, conflict.overload) if conflict.overload else None,
                repairs=tuple(repairs),
                checks=conflict.checks,
                seconds=conflict.seconds,
            )
        )
    combined = None
    if len(search.conflicts) > 1 and len(suggested) == len(search.conflicts):
        combined = _combined(program, suggested, max(share, 5.0), workers)
    return Infeasibility(
        conflicts=tuple(views),
        complete=search.complete,
        combined=combined,
        seconds=round(time.perf_counter() - started, 3),
    )


def _link(program: Program, i: int) -> LinkView:
    link = program.links[i]
    return LinkView(
        pred=link.pred, succ=link.succ, type=link.type.value, lag=link.lag, text=link_text(program, link)
    )


def apply_price(program: Program, p: Price) -> Program:
    """``program`` with the repair ``p`` describes."""
    c, wd = p.commitment, program.working_days
    assert p.amount is not None or c.kind in ("capacity", "leave")
    if c.kind in ("deadline", "project_deadline", "end"):
        return with_date(program, c, wd.date(c.day + p.amount))  # type: ignore[operator]
    if c.kind in ("release", "project_release"):
        return with_date(program, c, wd.date(max(c.day - p.amount, 0)))  # type: ignore[operator]
    if c.kind == "pinned":
        return with_date(program, c, wd.date(c.day + p.shift))
    if c.kind == "capacity":
        assert p.window is not None and p.amount is not None
        return with_capacity(program, c.subject, wd.date(p.window[0]), wd.date(p.window[1] - 1), p.amount)
    assert c.kind == "leave"
    return without_leave(program, c.subject, c.index, {wd.date(d) for d in p.days})


def _words(program: Program, p: Price) -> tuple[str, str, str]:
    """The repair's kind, text and unit."""
    c, n, wd = p.commitment, p.amount or 0, program.working_days
    days = plural(n, "working day")
    if c.kind == "deadline":
        return (
            "slip_deadline",
            f"move the deadline of {task_name(program, c.subject)} by {days}, to {wd.date(c.day + n)}",
            "working days",
        )
    if c.kind == "project_deadline":
        return (
            "slip_deadline",
            f"move the deadline of {project_name(program, c.subject)} by {days}, to {wd.date(c.day + n)}",
            "working days",
        )
    if c.kind == "end":
        return "extend_end", f"extend the program end by {days}, to {wd.date(c.day + n)}", "working days"
    if c.kind in ("release", "project_release"):
        who = task_name(program, c.subject) if c.kind == "release" else project_name(program, c.subject)
        return (
            "earlier_release",
            f"let {who} start {days} earlier, from {wd.date(max(c.day - n, 0))} instead of {c.date}",
            "working days",
        )
    if c.kind == "pinned":
        way = "later" if p.shift > 0 else "earlier"
        return (
            "move_pin",
            f"move the pinned start of {task_name(program, c.subject)} {plural(abs(p.shift), 'working day')} {way}, to {wd.date(c.day + p.shift)}",
            "working days",
        )
    if c.kind == "capacity":
        assert p.window is not None
        first, last = wd.date(p.window[0]), wd.date(p.window[1] - 1)
        weeks = plural(weeks_spanned(first, last), "week")
        return (
            "extra_capacity",
            (
                f"{n} more {role_name(program, c.subject)} ({c.level + n} instead of {c.level}) "
                f"from {first} to {last} ({weeks})"
            ),
            "people",
        )
    assert c.kind == "leave"
    window = program.person_by_id[c.subject].leave[c.index]
    dates = ", ".join(str(wd.date(d)) for d in p.days[:10]) + (" ..." if len(p.days) > 10 else "")
    return (
        "work_during_leave",
        (
            f"{person_name(program, c.subject)} works {plural(n, 'day')} of the leave "
            f"{window.start} to {window.end}: {dates}"
        ),
        "leave days",
    )


def _repair(base: Program, p: Price, time_limit: float, workers: int, others_aside: bool) -> RepairView:
    """Apply, re-solve and check one priced repair of ``base`` (the program with the other conflicts set aside)."""
    c = p.commitment
    if p.amount is None:
        return RepairView(
            commitment=c.id,
            kind="none",
            text=f"no repair by this commitment alone: {p.note}",
            smallest=p.proven,
        )
    kind, text, unit = _words(base, p)
    wd = base.working_days
    new_date = first = last = None
    weeks = None
    if c.kind in ("deadline", "project_deadline", "end"):
        new_date = wd.date(c.day + p.amount)
    elif c.kind in ("release", "project_release"):
        new_date = wd.date(max(c.day - p.amount, 0))
    elif c.kind == "pinned":
        new_date = wd.date(c.day + p.shift)
    elif c.kind == "capacity" and p.window is not None:
        first, last = wd.date(p.window[0]), wd.date(p.window[1] - 1)
        weeks = weeks_spanned(first, last)
    repaired = apply_price(base, p)
    verified, how, finish = _verify(repaired, p.schedule, time_limit, workers)
    if others_aside:
        how += " (with the other conflicts set aside)"
    if not p.proven:
        text += " (smallest found in the time limit, not proven smallest)"
    return RepairView(
        commitment=c.id,
        kind=kind,
        text=text,
        amount=p.amount,
        unit=unit,
        new_date=new_date,
        first=first,
        last=last,
        weeks=weeks,
        days=tuple(wd.date(d) for d in p.days),
        smallest=p.proven,
        verified=verified,
        check=how,
        finish=finish,
    )


def _verify(
    program: Program, fallback: Schedule | None, time_limit: float, workers: int
) -> tuple[bool, str, object]:
    """Re-solve ``program`` and check the schedule; fall back on the pricing schedule when the
    re-solve finds none in time."""
    schedule = solve(program, SolveOptions(time_limit=time_limit, workers=workers))
    if schedule.has_plan:
        violations = check(program, schedule)
        if not violations:
            finish = max(t.finish for t in schedule.tasks)
            return True, f"re-solved and checked: the program then finishes on {finish}", finish
        return (
            False,
            f"re-solved, but the checker found {len(violations)} violations: {violations[0].message}",
            None,
        )
    if fallback is not None and not check(program, fallback):
        finish = max(t.finish for t in fallback.tasks)
        return (
            True,
            (
                f"the re-solve found no plan in {time_limit:g} s ({schedule.status.value}); the pricing "
                f"schedule was checked instead: it finishes on {finish}"
            ),
            finish,
        )
    return False, f"not verified: the re-solve says {schedule.status.value}", None


def _combined(
    program: Program, suggested: list[tuple[Commitment, Price]], time_limit: float, workers: int
) -> CombinedRepair:
    """The suggested repair of every conflict, applied together to the real program."""
    repaired = program
    for _, p in suggested:
        repaired = apply_price(repaired, p)
    verified, how, finish = _verify(repaired, None, time_limit, workers)
    return CombinedRepair(
        repairs=tuple(c.id for c, _ in suggested), verified=verified, check=how, finish=finish
    )


def with_more_funding(program: Program, extra: dict[str, int]) -> Program:
    """``program`` with each capped period (and the total, under ``total``) raised by ``extra``."""
    budget = (program.finance or Finance()).budget
    caps = {label: (budget.cap(label) or 0) + amount for label, amount in extra.items() if label != "total"}
    total = (budget.total or 0) + extra["total"] if "total" in extra else None
    change = FundingChange(kind="funding", caps=caps or None, total=total)
    return apply_changes(program, [change])


def _without_caps(program: Program) -> Program:
    """``program`` with no funding caps and only its mandatory projects (the optional ones excluded,
    when the funding rules allow it), so that its spend is what the mandatory work costs."""
    data = program.model_dump(by_alias=True, exclude_defaults=True)
    budget = data.get("finance", {}).get("budget", {})
    for key in ("caps", "default", "total"):
        budget.pop(key, None)
    uncapped = Program.model_validate(data)
    for project in data["projects"]:
        if project.get("funding") == "candidate":
            project["funding"] = "excluded"
    try:
        return Program.model_validate(data)
    except (ValidationError, ProgramInvalid):
        return uncapped


def _enough_funding(
    program: Program,
    base: dict[str, Any],
    time_limit: float,
    workers: int,
    shown: str,
    carry: str,
    searched: float,
) -> FundingShortfall:
    """When the least extra funding is not found in time: solve without the caps, and offer the
    spend of that schedule above each cap, checked against the program with its caps raised by it."""
    mandatory = base["mandatory"]
    schedule = solve(_without_caps(program), SolveOptions(time_limit=time_limit, workers=workers))
    if not schedule.has_plan:
        return FundingShortfall(
            status="unknown",
            **base,
            text=(
                f"how much more funding the mandatory projects ({', '.join(mandatory) or 'none'}) need was not found "
                f"in {searched:.0f} s; allow more time"
            ),
        )
    report = cost_report(program, schedule)
    extra = {
        row.period: row.spend - row.cap
        for row in report.budget
        if row.cap is not None and row.spend > row.cap
    }
    if report.total_cap is not None and report.total_cost > report.total_cap:
        extra["total"] = report.total_cost - report.total_cap
    raised = with_more_funding(program, extra) if extra else program
    verified = not check(raised, schedule)
    finish = max(t.finish for t in schedule.tasks)
    missing = ", ".join(
        f"{money(amount, base['currency'])} more {'in total' if label == 'total' else 'in ' + label}"
        for label, amount in extra.items()
    )
    checked = (
        "checked: a schedule of the mandatory work fits the caps raised by that much"
        if verified
        else "not verified by the checker"
    )
    return FundingShortfall(
        status="short",
        **base,
        extra=extra,
        least=False,
        verified=verified,
        finish=finish,
        text=(
            f"the funding caps ({shown}; {carry} carry-over) cannot pay for the mandatory "
            f"projects ({', '.join(mandatory) or 'none'}): {missing} is enough (the least "
            f"amount was not found in {searched:.0f} s); {checked}"
        ),
    )


def funding_shortfall(
    program: Program, time_limit: float = 10.0, workers: int = 2
) -> FundingShortfall | None:
    """The caps, the mandatory projects and the funding missing, for a program that has no schedule.

    Parameters
    ----------
    program
        A program without a schedule (``None`` is returned when it has no funding caps).
    time_limit
        Seconds in all: half for the least extra funding; when that is not found in time, the
        rest solves the program without caps and offers the spend above each cap (enough, checked,
        not least).
    workers
        CP-SAT workers.

    Returns
    -------
    FundingShortfall or None
        ``None`` when the program has no caps; else the caps, the mandatory projects and the
        least extra funding per period (checked by solving the program with the caps raised).
    """
    finance = program.finance or Finance()
    budget = finance.budget
    if not budget.capped:
        return None
    cur = finance.currency
    caps = {
        **budget.caps,
        **({"default": budget.default} if budget.default is not None else {}),
        **({"total": budget.total} if budget.total is not None else {}),
    }
    mandatory = tuple(p.id for p in program.projects if p.funding == "mandatory")
    shown = ", ".join(f"{label} {money(amount, cur)}" for label, amount in caps.items())
    carry = "with" if budget.carry_over else "no"
    base = {"caps": caps, "carry_over": budget.carry_over, "currency": cur, "mandatory": mandatory}
    started = time.perf_counter()
    gap = funding_gap(program, SolveOptions(time_limit=time_limit / 2, workers=workers))
    if gap.status == "unknown":  # the least is not known in time: a checked amount that is enough
        left = max(time_limit - (time.perf_counter() - started), 2.0)
        return _enough_funding(program, base, left, workers, shown, carry, time_limit)
    if gap.status == "no_amount":
        return FundingShortfall(
            status="no_amount",
            **base,
            text=(
                "no amount of extra funding makes the program work: dependencies, deadlines or specialists "
                "block it"
            ),
        )
    if not gap.extra:
        return FundingShortfall(status="enough", **base, text="the caps are not what blocks the program")
    raised = with_more_funding(program, gap.extra)
    verified = gap.schedule is not None and not check(raised, gap.schedule)
    finish = max((t.finish for t in gap.schedule.tasks), default=None) if gap.schedule is not None else None
    missing = ", ".join(
        f"{money(amount, cur)} more {'in total' if label == 'total' else 'in ' + label}"
        for label, amount in gap.extra.items()
    )
    least = "" if gap.optimal else " (the least found in the time limit, not proven least)"
    check_words = (
        f"checked: the schedule found with that much more passes the checker against the raised caps "
        f"(it finishes on {finish})"
        if verified
        else "not verified by the checker"
    )
    return FundingShortfall(
        status="short",
        **base,
        extra=gap.extra,
        least=gap.optimal,
        verified=verified,
        finish=finish,
        text=(
            f"the funding caps ({shown}; {carry} carry-over) cannot pay for "
            f"the mandatory projects ({', '.join(mandatory) or 'none'}): they "
            f"need {missing}{least}; {check_words}"
        ),
    )
