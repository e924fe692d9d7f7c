"""Why a task is where it is: the tight links that hold it, and the chain they form back in time.

A link into a task is *tight* when it leaves the task no room to start a working day earlier:

- a dependency whose lag is exactly met (``finish-to-start +0`` from a task that finishes the
  working day before, and so on for SS, FF and SF);
- a role that is fully used on the working day just before the task starts (the task's head
  count does not fit beside what runs then), held by the tasks that finish just before;
- a person booked up to their availability on that day, held by their tasks that finish just
  before, or away (leave) or on reduced time (part-time) that day;
- a role whose capacity rises on the day the task starts;
- the task's (or its project's) release, a fixed start, or the program start.

Walking back from a milestone along tight links gives the chain of dependencies and specialist
contention behind its date. Time is counted in working days of the program calendar, so weekends
and holidays never break a chain.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

from planner.models import DependencyType, Link, Program, Schedule, Task

LinkKind = Literal[
    "dependency",
    "role",
    "person",
    "capacity",
    "leave",
    "availability",
    "release",
    "fixed",
    "start",
    "slack",
    "pushed",
]
"""How a task is held: by another task (``dependency``, ``role``, ``person``) or by a fact of the
program (``capacity``, ``leave``, ``availability``, ``release``, ``fixed``, ``start``);
``slack`` means nothing holds it (it could start earlier). ``pushed`` is never tight: comparisons
use it for a predecessor that moved and pushed the task into a window where a resource was busy."""

KIND_ORDER: dict[str, int] = {k: i for i, k in enumerate(get_args(LinkKind))}
"""Each kind's rank, in the order :data:`LinkKind` lists them."""

_FROZEN = ConfigDict(frozen=True)
_LINK_WORDS = {
    DependencyType.FS: "finish-to-start",
    DependencyType.SS: "start-to-start",
    DependencyType.FF: "finish-to-finish",
    DependencyType.SF: "start-to-finish",
}


class TightLink(BaseModel):
    """One reason a task cannot start a working day earlier.

    Parameters
    ----------
    kind
        What holds the task (see :data:`LinkKind`).
    task
        The task that holds it (the predecessor, or the task using the role or person), if any.
    resource
        The role or person involved, for resource links.
    day
        The date that matters: the day the resource was full or away, the release date.
    detail
        The link in words.
    """

    model_config = _FROZEN

    kind: LinkKind
    task: str | None = None
    resource: str | None = None
    day: dt.date | None = None
    detail: str


class SlipStep(BaseModel):
    """One task on a chain, and the link that holds it (``None`` where the walk stopped)."""

    model_config = _FROZEN

    task: str
    start: dt.date
    finish: dt.date
    held_by: TightLink | None = None


@dataclass(frozen=True)
class _Placed:
    task: Task
    s: int  # first working day
    e: int  # one past the last working day (s for a milestone)
    people: tuple[str, ...]


def allocation(task: Task, person: str, skills: tuple[str, ...]) -> int:
    """Percent of a day ``person`` gives to ``task``: that of the requirement they fill."""
    for req in task.requires:
        if req.person == person or (req.skill is not None and req.skill in skills):
            return req.allocation
    return 100


class Timeline:
    """A schedule in working-day numbers, with each role's and person's use per day.

    Parameters
    ----------
    program
        The program the schedule plans.
    schedule
        A schedule with a plan (status optimal or feasible), e.g. checked by
        :func:`planner.check.verify`.
    """

    def __init__(self, program: Program, schedule: Schedule) -> None:
        self.program = program
        self.schedule = schedule
        self.days = program.working_days
        self.rows = schedule.by_key()
        self.placed: dict[str, _Placed] = {}
        self.role_use: dict[str, dict[int, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
        self.person_use: dict[str, dict[int, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
        for key, row in self.rows.items():
            if key not in program.tasks:
                continue
            _, task = program.tasks[key]
            s = self.days.index_on_or_after(row.start)
            e = self.days.index_on_or_before(row.finish) + 1 if task.duration > 0 else s
            self.placed[key] = _Placed(task, s, e, row.people)
            if task.duration == 0:
                continue
            for req in task.requires:
                if req.role is not None:
                    for day in range(s, e):
                        self.role_use[req.role][day].append((key, req.count))
            for person in row.people:
                skills = program.person_by_id[person].skills if person in program.person_by_id else ()
                share = allocation(task, person, skills)
                for day in range(s, e):
                    self.person_use[person][day].append((key, share))
        self.incoming: dict[str, list[Link]] = defaultdict(list)
        for link in program.links:
            self.incoming[link.succ].append(link)

    def tight_links(self, key: str) -> list[TightLink]:
        """Every tight link into task ``key``; a single ``slack`` link when none holds it.

        Parameters
        ----------
        key
            A task of the schedule, ``project.task``.

        Returns
        -------
        list[TightLink]
            Dependencies first, then resources, then facts of the program, in program order.
        """
        me = self.placed[key]
        out = self._dependencies(key, me)
        if me.task.duration > 0 and me.s > 0:
            out += self._roles(key, me)
            out += self._people(key, me)
        out += self._facts(key, me)
        if not out:
            out.append(
                TightLink(
                    kind="slack",
                    detail=f"{key} could start earlier than "
                    f"{self.days.date(me.s)}: no dependency, specialist or date holds it",
                )
            )
        return out

    def _dependencies(self, key: str, me: _Placed) -> list[TightLink]:
        out = []
        for link in self.incoming.get(key, ()):
            pred = self.placed.get(link.pred)
            if pred is None:
                continue
            by_start = link.type in (DependencyType.SS, DependencyType.SF)
            anchor = pred.s if by_start else pred.e
            mine = me.s if link.type in (DependencyType.FS, DependencyType.SS) else me.e
            if mine != anchor + link.lag or mine < 0:
                continue
            row = self.rows[link.pred]
            when = (
                f"starts {row.start}"
                if by_start
                else f"finishes {row.finish if pred.e > pred.s else row.start}"
            )
            lag = f" {'+' if link.lag >= 0 else '-'} {abs(link.lag)} working days" if link.lag else ""
            out.append(
                TightLink(
                    kind="dependency",
                    task=link.pred,
                    detail=(f"{_LINK_WORDS[link.type]} from {link.pred}{lag} ({link.pred} {when})"),
                )
            )
        return out

    def _blockers(self, use: dict[int, list[tuple[str, int]]], me: _Placed) -> list[str]:
        """Tasks using the resource the day before ``me`` starts that end just before it starts."""
        running = [k for k, _ in use.get(me.s - 1, ())]
        return [k for k in dict.fromkeys(running) if self.placed[k].e == me.s]

    def _roles(self, key: str, me: _Placed) -> list[TightLink]:
        out = []
        before, first = self.days.date(me.s - 1), self.days.date(me.s)
        for req in me.task.requires:
            if req.role is None or req.role not in self.program.role_by_id:
                continue
            role = self.program.role_by_id[req.role]
            use = self.role_use.get(req.role, {})
            used, cap = sum(n for _, n in use.get(me.s - 1, ())), role.capacity_on(before)
            if used + req.count <= cap:
                continue
            for blocker in self._blockers(use, me):
                out.append(
                    TightLink(
                        kind="role",
                        task=blocker,
                        resource=req.role,
                        day=before,
                        detail=(
                            f"role {req.role} fully used on {before} ({used} of {cap}; {key} needs {req.count}), "
                            f"until {blocker} finishes"
                        ),
                    )
                )
            if role.capacity_on(first) > cap:
                out.append(
                    TightLink(
                        kind="capacity",
                        resource=req.role,
                        day=first,
                        detail=(
                            f"role {req.role} has {cap} until {before} and {role.capacity_on(first)} from {first}"
                        ),
                    )
                )
        return out

    def _people(self, key: str, me: _Placed) -> list[TightLink]:
        out = []
        before, first = self.days.date(me.s - 1), self.days.date(me.s)
        for name in me.people:
            person = self.program.person_by_id.get(name)
            if person is None:
                continue
            share = allocation(me.task, name, person.skills)
            use = self.person_use.get(name, {})
            booked, free = sum(n for _, n in use.get(me.s - 1, ())), person.percent_on(before)
            if booked + share <= free:
                continue
            for blocker in self._blockers(use, me):
                out.append(
                    TightLink(
                        kind="person",
                        task=blocker,
                        resource=name,
                        day=before,
                        detail=(
                            f"{name} booked {booked}% of {free}% on {before} ({key} needs {share}%), "
                            f"until {blocker} finishes"
                        ),
                    )
                )
            if person.percent_on(first) > free:
                away = free == 0 and any(w.start <= before <= w.end for w in person.leave)
                out.append(
                    TightLink(
                        kind="leave" if away else "availability",
                        resource=name,
                        day=before,
                        detail=(
                            f"{name} is on leave until {before}"
                            if away
                            else f"{name} gives {free}% until {before}, "
                            f"{person.percent_on(first)}% from {first}"
                        ),
                    )
                )
        return out

    def _facts(self, key: str, me: _Placed) -> list[TightLink]:
        out = []
        project = self.program.tasks[key][0]
        for release, whose in (
            (me.task.release, "its release"),
            (project.release, f"project {project.id}'s release"),
        ):
            if (
                release is not None
                and release > self.program.start
                and me.s == self.days.index_on_or_after(release)
            ):
                out.append(
                    TightLink(
                        kind="release", day=release, detail=f"{key} cannot start before {whose} {release}"
                    )
                )
        fixed = me.task.fixed_start
        if fixed is not None and me.s == self.days.index_on_or_after(fixed):
            out.append(TightLink(kind="fixed", day=fixed, detail=f"{key} is fixed to start {fixed}"))
        if me.s == 0:
            out.append(
                TightLink(
                    kind="start",
                    day=self.program.start,
                    detail=f"{key} starts on the first working day of the program",
                )
            )
        return out


Rank = Callable[[str, TightLink], tuple[float, ...]]
"""Orders the tight links into a task (given the task and one link): the smallest is followed."""


def default_rank(task: str, link: TightLink) -> tuple[float, ...]:
    """Rank links for a plain "why then" walk: dependencies, then resources, then facts."""
    return (KIND_ORDER[link.kind],)


def walk_back(
    program: Program,
    schedule: Schedule,
    key: str,
    rank: Rank | None = None,
    stop: Callable[[str], bool] | None = None,
    timeline: Timeline | None = None,
    limit: int = 500,
    links: Callable[[str], list[TightLink]] | None = None,
) -> list[SlipStep]:
    """The chain of tight links from task ``key`` back to what ultimately holds it.

    Parameters
    ----------
    program, schedule
        The program and one of its schedules (with a plan).
    key
        The task to explain, usually a milestone.
    rank
        Orders the tight links of a task (called with the task and each link); the smallest is
        followed. Default: dependencies first.
    stop
        Called with each task reached after the first; when it returns ``True`` that task ends the
        chain (its ``held_by`` is ``None``). Use it to stop at the changed items of a scenario.
    timeline
        A :class:`Timeline` of ``schedule`` to reuse across walks.
    limit
        At most this many steps (a guard; chains follow time backwards and cannot loop).
    links
        The links to choose from at each task (default: :meth:`Timeline.tight_links`).

    Returns
    -------
    list[SlipStep]
        From ``key`` back in time; every step but a stopped last one says what holds its task.
    """
    line = timeline or Timeline(program, schedule)
    order = rank or default_rank
    steps: list[SlipStep] = []
    seen: set[str] = set()
    current: str | None = key
    while current is not None and current not in seen and len(steps) < limit:
        seen.add(current)
        row = line.rows[current]
        if steps and stop is not None and stop(current):
            steps.append(SlipStep(task=current, start=row.start, finish=row.finish))
            break
        task = current
        options = links(current) if links is not None else line.tight_links(current)
        best = min(options, key=lambda link: order(task, link))
        steps.append(SlipStep(task=current, start=row.start, finish=row.finish, held_by=best))
        current = best.task
    return steps


__all__ = [
    "KIND_ORDER",
    "LinkKind",
    "Rank",
    "SlipStep",
    "TightLink",
    "Timeline",
    "allocation",
    "default_rank",
    "walk_back",
]
