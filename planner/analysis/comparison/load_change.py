"""How the load on each role and person differs between two schedules.

Peaks, days over capacity, the overloads a scenario avoids or creates, and weekly series of use
against capacity for charts. Overloads cannot appear in a solver's schedule; they show up in
baselines edited by hand, or when a scenario takes capacity away from a plan that is kept.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pydantic import BaseModel, ConfigDict

from planner.analysis.facts.load import DailyLoad, daily_load
from planner.models import Program, Schedule

_FROZEN = ConfigDict(frozen=True)


class OverloadRun(BaseModel):
    """Consecutive working days (of the program calendar) on which a resource is over capacity."""

    model_config = _FROZEN

    first: dt.date
    last: dt.date
    days: int


class LoadChange(BaseModel):
    """One role's or person's load in a scenario against the base.

    Roles count people, people count percent of a day. ``avoided`` are the base's overloads the
    scenario no longer has, ``created`` the scenario's overloads the base did not have. A peak is
    ``None`` where the resource does not exist in that program.
    """

    model_config = _FROZEN

    kind: str
    resource: str
    name: str
    base_peak: int | None
    peak: int | None
    base_overloaded_days: int
    overloaded_days: int
    avoided: tuple[OverloadRun, ...] = ()
    created: tuple[OverloadRun, ...] = ()

    @property
    def peak_change(self) -> int | None:
        """Scenario peak minus base peak, when both exist."""
        return None if self.peak is None or self.base_peak is None else self.peak - self.base_peak


class LoadWeek(BaseModel):
    """One week (starting Monday) of a resource: peak use, smallest capacity, days over capacity."""

    model_config = _FROZEN

    week: dt.date
    peak: int
    capacity: int
    overloaded_days: int


class LoadSeries(BaseModel):
    """Weekly use of one role or person against its capacity in one schedule (base or scenario)."""

    model_config = _FROZEN

    scenario: str
    kind: str
    resource: str
    name: str
    weeks: tuple[LoadWeek, ...]


Loads = dict[tuple[str, str], list[DailyLoad]]
"""Daily loads grouped by ``(kind, resource)``."""


def grouped_load(program: Program, schedule: Schedule) -> Loads:
    """Daily loads of ``schedule`` grouped by ``(kind, resource)`` (empty without a plan)."""
    out: Loads = defaultdict(list)
    if schedule.has_plan:
        for load in daily_load(program, schedule):
            out[(load.kind, load.resource)].append(load)
    return dict(out)


def _label(program: Program, kind: str, resource: str) -> str:
    item = program.role_by_id.get(resource) if kind == "role" else program.person_by_id.get(resource)
    return item.label if item is not None else resource


def _runs(program: Program, days: set[dt.date]) -> tuple[OverloadRun, ...]:
    wd = program.working_days
    runs: list[list[dt.date]] = []
    for day in sorted(days):
        if runs and wd.index_on_or_after(day) == wd.index_on_or_after(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return tuple(OverloadRun(first=r[0], last=r[-1], days=len(r)) for r in runs)


def load_changes(base_program: Program, base: Loads, program: Program, scenario: Loads) -> list[LoadChange]:
    """Peak and overload changes of every role and person used in either schedule.

    Parameters
    ----------
    base_program, base
        The base program and its grouped daily loads (:func:`grouped_load`).
    program, scenario
        The scenario's program and its grouped daily loads.

    Returns
    -------
    list[LoadChange]
        Roles then people, in the order the programs list them.
    """
    keys = [("role", r.id) for r in base_program.roles] + [("role", r.id) for r in program.roles]
    keys += [("person", p.id) for p in base_program.people] + [("person", p.id) for p in program.people]
    out = []
    for kind, resource in dict.fromkeys(keys):
        a, b = base.get((kind, resource)), scenario.get((kind, resource))
        if not any(x.used for x in (a or ())) and not any(x.used for x in (b or ())):
            continue
        over_a = {x.day for x in a or () if x.used > x.available}
        over_b = {x.day for x in b or () if x.used > x.available}
        out.append(
            LoadChange(
                kind=kind,
                resource=resource,
                name=_label(program if b else base_program, kind, resource),
                base_peak=max((x.used for x in a), default=0) if a is not None else None,
                peak=max((x.used for x in b), default=0) if b is not None else None,
                base_overloaded_days=len(over_a),
                overloaded_days=len(over_b),
                avoided=_runs(base_program, over_a - over_b),
                created=_runs(program, over_b - over_a),
            )
        )
    return out


def weekly_series(name: str, program: Program, loads: Loads, keep: set[tuple[str, str]]) -> list[LoadSeries]:
    """Weekly use against capacity of the resources in ``keep``, for charts.

    Parameters
    ----------
    name
        The schedule's name (``base`` or the scenario's).
    program
        The program the loads belong to.
    loads
        Its grouped daily loads.
    keep
        ``(kind, resource)`` pairs to include.
    """
    out = []
    for (kind, resource), days in loads.items():
        if (kind, resource) not in keep:
            continue
        weeks: dict[dt.date, list[DailyLoad]] = defaultdict(list)
        for x in days:
            weeks[x.day - dt.timedelta(days=x.day.weekday())].append(x)
        out.append(
            LoadSeries(
                scenario=name,
                kind=kind,
                resource=resource,
                name=_label(program, kind, resource),
                weeks=tuple(
                    LoadWeek(
                        week=w,
                        peak=max(x.used for x in xs),
                        capacity=min(x.available for x in xs),
                        overloaded_days=sum(x.used > x.available for x in xs),
                    )
                    for w, xs in sorted(weeks.items())
                ),
            )
        )
    return out


__all__ = [
    "LoadChange",
    "LoadSeries",
    "LoadWeek",
    "Loads",
    "OverloadRun",
    "grouped_load",
    "load_changes",
    "weekly_series",
]
