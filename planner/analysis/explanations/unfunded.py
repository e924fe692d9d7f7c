"""Why a project was left out, in numbers, each reason checked by re-solving.

For every project a schedule leaves out, :func:`explain_unfunded` makes it mandatory and asks:

1. **Can it be scheduled at all?** If not, is it money? The least extra funding per period
   (:func:`planner.solvers.funding_gap.funding_gap`) is found, and the schedule that solve
   finds is checked against the program with its caps raised by that much (kind ``funding``). If no amount of money helps, specialists
   or deadlines block it: one more person of each role, or one more contractor with each skill,
   its tasks need is tried until it fits (kind ``capacity``).
2. **If it can, what does it cost the board?** Later targets (kind ``commitments``), the
   projects it would push out (kind ``displaces``, with the net value difference and the extra
   funding that would fund both), or simply less net value because its benefit does not repay
   its cost at the dates it could have (kind ``value``).

A project the program excludes (kind ``excluded``) or that needs an excluded one (kind
``needs``) is explained without solving. Every schedule behind a claim is verified by
:func:`planner.check.verify`; ``verified`` says the claim was re-solved and held. Figures use
the board's tiers: net value is benefit NPV minus cost (the negative of the ``net_cost`` tier),
lateness is the weighted working days late against targets (both from the schedules).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from planner.analysis.facts.cost import cost_report
from planner.check import money, verify
from planner.errors import ProgramInvalid
from planner.models import Program, Schedule, SolveStatus
from planner.models.finance import Finance
from planner.solvers import SolveOptions, solve
from planner.solvers.funding_gap import funding_gap

logger = logging.getLogger(__name__)
_FROZEN = ConfigDict(frozen=True)

ExclusionKind = Literal[
    "excluded", "needs", "funding", "capacity", "commitments", "displaces", "value", "unknown"
]


class Exclusion(BaseModel):
    """Why one project is not funded.

    Parameters
    ----------
    project, name
        The project left out.
    kind
        ``excluded``, ``needs``, ``funding`` (a cap blocks it), ``capacity`` (specialists or
        deadlines block it), ``commitments`` (it would make targets later), ``displaces`` (it
        would push funded projects out), ``value`` (it does not pay for itself at the dates it
        could have) or ``unknown`` (no answer in the time limit).
    message
        The reason in words, with the numbers.
    value_change
        Change of the program's net value (benefit NPV minus cost) if it were funded.
    lateness_change
        Change of the weighted lateness against targets if it were funded.
    own_net_value
        The project's own benefit NPV minus its cost in the schedule that funds it.
    displaces
        Funded projects that would be left out to fund it.
    extra_funding
        Extra funding per period (and ``total``) that would let it in.
    extra_capacity
        The extra specialist or role capacity that would let it in.
    verified
        Whether the claim was re-solved and the schedule behind it checked.
    proven
        Whether the reason holds whatever the search: it follows from the program, or every solve
        behind it was proven (optimal, or infeasible). An unproven reason may differ on another
        run or with more time, and its message says so.
    """

    model_config = _FROZEN

    project: str
    name: str
    kind: ExclusionKind
    message: str
    value_change: int | None = None
    lateness_change: int | None = None
    own_net_value: int | None = None
    displaces: tuple[str, ...] = ()
    extra_funding: dict[str, int] = {}
    extra_capacity: str | None = None
    verified: bool = False
    proven: bool = False


def _variant(
    program: Program,
    mandatory: set[str] = frozenset(),  # type: ignore[assignment]
    caps: dict[str, int] | None = None,
    edit: Callable[[dict[str, Any]], None] | None = None,
) -> Program:
    """``program`` with projects made mandatory, caps raised by ``caps``, and any other edit."""
    data = program.model_dump(by_alias=True, exclude_defaults=True)
    for project in data["projects"]:
        if project["id"] in mandatory:
            project["funding"] = "mandatory"
    if caps:
        budget = data.setdefault("finance", {}).setdefault("budget", {})
        finance = program.finance or Finance()
        for label, amount in caps.items():
            if label == "total":
                budget["total"] = (finance.budget.total or 0) + amount
            else:
                budget.setdefault("caps", {})[label] = (finance.budget.cap(label) or 0) + amount
    if edit is not None:
        edit(data)
    return Program.model_validate(data)


def _tier(schedule: Schedule, name: str) -> int:
    return next((t.value for t in schedule.record.tiers if t.name == name), 0) if schedule.record else 0


def _funded(program: Program, schedule: Schedule) -> set[str]:
    placed = {row.project for row in schedule.tasks}
    return {p.id for p in program.projects if p.id in placed and p.id not in schedule.unfunded}


def _periods(extra: dict[str, int], currency: str) -> str:
    parts = [
        f"{money(v, currency)} more {'in total' if k == 'total' else 'in ' + k}" for k, v in extra.items()
    ]
    return ", ".join(parts)


class _Explainer:
    def __init__(self, program: Program, schedule: Schedule, options: SolveOptions) -> None:
        self.program, self.schedule, self.options = program, schedule, options
        self.currency = (program.finance or Finance()).currency
        self.funded = _funded(program, schedule)
        self.value = cost_report(program, schedule).net_value
        self.lateness = _tier(schedule, "lateness")

    def solve(self, program: Program, longer: float = 1.0) -> Schedule:
        options = replace(self.options, time_limit=self.options.time_limit * longer)
        schedule = solve(program, options)
        if schedule.has_plan:
            verify(program, schedule)
        return schedule

    def explain(self, project_id: str) -> Exclusion:
        project = next(p for p in self.program.projects if p.id == project_id)
        base = {"project": project.id, "name": project.label}
        if project.funding == "excluded":
            return Exclusion(
                **base,
                kind="excluded",
                message=f"{project.id} is excluded by the program",
                verified=True,
                proven=True,
            )
        try:
            forced = _variant(self.program, {project.id})
        except ProgramInvalid as error:
            return Exclusion(
                **base,
                kind="needs",
                message=f"{project.id} cannot be funded: " + "; ".join(p.message for p in error.problems),
                verified=True,
                proven=True,
            )
        schedule = self.solve(forced)
        if schedule.has_plan:
            reason = self._feasible(base, project.id, forced, schedule)
            proven = self.schedule.status is SolveStatus.OPTIMAL and schedule.status is SolveStatus.OPTIMAL
        else:
            reason = self._blocked(base, project.id, forced)
            proven = schedule.status is SolveStatus.INFEASIBLE and reason.kind != "unknown"
        if proven:
            return reason.model_copy(update={"proven": True})
        if reason.kind == "unknown":
            return reason
        return reason.model_copy(
            update={
                "message": reason.message + " (not proven: a solve behind it was not "
                "optimal in the time limit, so another run may give another reason)"
            }
        )

    def _feasible(self, base: dict[str, str], pid: str, forced: Program, schedule: Schedule) -> Exclusion:
        report = cost_report(forced, schedule)
        value_change = report.net_value - self.value
        lateness_change = _tier(schedule, "lateness") - self.lateness
        displaced = tuple(sorted(self.funded - _funded(forced, schedule) - {pid}))
        own = next(p.net_value for p in report.projects if p.project == pid)
        figures: dict[str, Any] = {
            "value_change": value_change,
            "lateness_change": lateness_change,
            "own_net_value": own,
            "displaces": displaced,
            "verified": True,
        }
        cur = self.currency
        if lateness_change > 0:
            return Exclusion(
                **base,
                kind="commitments",
                **figures,
                message=(
                    f"funding {pid} would make the targets later: weighted lateness {self.lateness} -> "
                    f"{self.lateness + lateness_change} (+{lateness_change})"
                ),
            )
        if displaced:
            message = (
                f"funding {pid} would push out {', '.join(displaced)}: net value "
                f"{money(self.value + value_change, cur)} instead of {money(self.value, cur)} "
                f"({money(value_change, cur)})"
            )
            extra: dict[str, int] = {}
            rivals = self._alternatives(pid, displaced)
            if rivals:
                message += f"; {pid} and {', '.join(rivals)} are alternatives: at most one may be funded"
                return Exclusion(**base, kind="displaces", **figures, message=message)
            both = _variant(self.program, {pid, *self.funded})
            gap = funding_gap(both, self.options)
            if gap.status == "found" and gap.extra and gap.schedule is not None:
                verify(_variant(both, caps=gap.extra), gap.schedule)
                extra = gap.extra
                message += f"; with {_periods(extra, cur)}, both fit"
            elif gap.status == "no_amount":
                message += "; no amount of funding fits both: specialists or deadlines are the limit"
            return Exclusion(**base, kind="displaces", **figures, extra_funding=extra, message=message)
        if value_change <= 0:
            reason = (
                f"its benefit NPV does not repay its cost (own net value {money(own, cur)})"
                if own < 0
                else f"it delays other benefits more than it earns (own net value {money(own, cur)})"
            )
            return Exclusion(
                **base,
                kind="value",
                **figures,
                message=(
                    f"{reason}; funding it changes the program's net value by {money(value_change, cur)}"
                ),
            )
        return Exclusion(
            **base,
            kind="value",
            **figures,
            message=(
                f"funding {pid} would raise the net value by {money(value_change, cur)}: the solve that left it "
                "out was not proven optimal"
            ),
        )

    def _blocked(self, base: dict[str, str], pid: str, forced: Program) -> Exclusion:
        cur = self.currency
        gap = funding_gap(forced, self.options)
        if gap.status == "found" and not gap.extra and gap.schedule is not None:
            # it fits as the caps stand: the board's solve only ran out of time, so try once more
            verify(forced, gap.schedule)
            schedule = self.solve(forced, longer=2.0)
            if schedule.has_plan:
                return self._feasible(base, pid, forced, schedule)
            return Exclusion(
                **base,
                kind="unknown",
                verified=True,
                message=(
                    f"{pid} fits the caps and specialists (a schedule with it was found and checked), but the "
                    "board's objective could not be optimised with it in the time limit; give it more time"
                ),
            )
        if gap.status == "found" and gap.extra and gap.schedule is not None:
            verify(_variant(forced, caps=gap.extra), gap.schedule)
            least = "" if gap.optimal else " (not proven least)"
            return Exclusion(
                **base,
                kind="funding",
                extra_funding=gap.extra,
                verified=True,
                message=(f"the funding caps block {pid}: it fits with {_periods(gap.extra, cur)}{least}"),
            )
        if gap.status == "unknown":
            return Exclusion(**base, kind="unknown", message=f"no schedule with {pid} was found in time")
        for label, edit in self._capacity_options(pid):
            try:
                variant = _variant(forced, edit=edit)
            except ProgramInvalid:
                continue
            gap = funding_gap(variant, self.options)
            if gap.status == "found" and gap.schedule is not None:
                verify(_variant(variant, caps=gap.extra) if gap.extra else variant, gap.schedule)
                more = f" and {_periods(gap.extra, cur)}" if gap.extra else ""
                return Exclusion(
                    **base,
                    kind="capacity",
                    extra_capacity=label,
                    extra_funding=gap.extra,
                    verified=True,
                    message=f"specialists block {pid}: it fits with {label}{more}",
                )
        needs = sorted(self.program.project_needs[pid] - self.funded)
        tail = f" (it needs {', '.join(needs)}, also left out)" if needs else ""
        return Exclusion(
            **base,
            kind="capacity",
            message=(
                f"no amount of funding fits {pid}, nor one more person of any role or skill it needs: "
                f"deadlines or several specialists together block it{tail}"
            ),
        )

    def _alternatives(self, pid: str, others: tuple[str, ...]) -> list[str]:
        """Those of ``others`` that share an alternatives group with ``pid``."""
        groups = self.program.finance.alternatives if self.program.finance else ()
        return [o for o in others if any(pid in g and o in g for g in groups)]

    def _capacity_options(self, pid: str) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
        """One more person of each role and one contractor per skill the project's tasks need."""
        project = next(p for p in self.program.projects if p.id == pid)
        roles: dict[str, int] = {}
        skills: set[str] = set()
        for task in project.tasks:
            for req in task.requires:
                if req.role is not None:
                    roles[req.role] = max(roles.get(req.role, 0), req.count)
                elif req.skill is not None:
                    skills.add(req.skill)
        out: list[tuple[str, Callable[[dict[str, Any]], None]]] = []
        for role, count in sorted(roles.items()):

            def more_role(data: dict[str, Any], role: str = role, count: int = count) -> None:
                for item in data.get("roles", []):
                    if item["id"] == role:
                        item["capacity"] = item.get("capacity", 0) + count
                        for change in item.get("changes", []):
                            change["capacity"] = change["capacity"] + count

            out.append((f"{count} more {self.program.role_by_id[role].label} ({role})", more_role))
        for skill in sorted(skills):
            rate = max((p.day_rate for p in self.program.people_with(skill)), default=0)

            def contractor(data: dict[str, Any], skill: str = skill, rate: int = rate) -> None:
                data.setdefault("people", []).append(
                    {"id": f"contractor_{skill}", "skills": [skill], "day_rate": rate}
                )

            out.append((f"a contractor with skill {skill}", contractor))
        return out


def explain_unfunded(
    program: Program,
    schedule: Schedule,
    options: SolveOptions | None = None,
    projects: list[str] | None = None,
) -> list[Exclusion]:
    """The reason, in numbers, why each project ``schedule`` leaves out is not funded.

    Parameters
    ----------
    program
        The program ``schedule`` plans.
    schedule
        A schedule from :func:`planner.solvers.solve` (its tiers are the baseline figures).
    options
        Options of every re-solve (default 10 s, all cores).
    projects
        Only these left-out projects (default: all of them).

    Returns
    -------
    list[Exclusion]
        One per left-out project, in program order.
    """
    options = options or SolveOptions(time_limit=10.0)
    explainer = _Explainer(program, schedule, options)
    left_out = [p.id for p in program.projects if p.id not in explainer.funded]
    out = []
    for pid in left_out:
        if projects is None or pid in projects:
            reason = explainer.explain(pid)
            logger.info("%s: %s", pid, reason.message)
            out.append(reason)
    return out


__all__ = ["Exclusion", "ExclusionKind", "explain_unfunded"]
