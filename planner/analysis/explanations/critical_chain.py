"""The critical chain of an as-early-as-possible schedule, and who the plan waits for.

Walks back from the program's last task (or a milestone) along tight links found by
:class:`planner.analysis.facts.timeline.Timeline`: a dependency met exactly, a person or role busy the
day before, leave, part time, a capacity step, a release or a pin. Where a task is held by a
fact with no task behind it (leave, a capacity step, part time), the chain goes on from the
predecessor that bounds it most, so that it always reaches back towards the program start.

Plain Python over a program and a schedule: no solver. The schedule should have every task as
early as its objective values allow (:func:`planner.solvers.early.pull_early`), otherwise some
steps show ``slack``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from planner.analysis.explanations.explanation import ChainStep, Wait
from planner.analysis.explanations.wording import LINK_ENDS, person_name, plural, task_name
from planner.analysis.facts.timeline import TightLink, Timeline
from planner.models import Program, Schedule
from planner.models.network import bound_on_start, own_release

# Which tight link the walk follows when several hold a task: dependencies, then the dates the
# user set, then the people and roles it waited for, then calendar facts.
_RANK = {
    k: i
    for i, k in enumerate(
        (
            "dependency",
            "fixed",
            "release",
            "person",
            "role",
            "capacity",
            "leave",
            "availability",
            "start",
            "slack",
        )
    )
}
_WAITS = {"person", "role", "capacity", "leave", "availability", "slack"}
_REASON = {
    "fixed": "pinned",
    "role": "role",
    "person": "person",
    "dependency": "dependency",
    "release": "release",
    "start": "start",
    "capacity": "capacity",
    "leave": "leave",
    "availability": "availability",
    "slack": "slack",
}


def target_task(program: Program, schedule: Schedule) -> str:
    """The task that ends the program: the latest end, a milestone when one ends then too."""
    line = Timeline(program, schedule)
    return max(line.placed, key=lambda k: (line.placed[k].e, line.placed[k].task.duration == 0))


def dependency_bound(line: Timeline, key: str) -> tuple[int, str | None]:
    """The earliest start the task's dependencies and releases allow in this schedule, and the
    predecessor that sets it (``None`` when a release or the program start does)."""
    me = line.placed[key]
    best, who = own_release(line.program, key), None
    for link in line.incoming.get(key, ()):
        pred = line.placed[link.pred]
        bound = bound_on_start(link, pred.s, pred.task.duration, me.task.duration)
        if bound > best or (bound == best and who is None and bound > 0):
            best, who = bound, link.pred
    return max(best, 0), who


def _holidays(program: Program, after: dt.date | None, before: dt.date) -> tuple[str, ...]:
    """Holidays strictly between two dates, as ``name (date)``."""
    if after is None:
        return ()
    return tuple(
        f"{h.name or 'holiday'} ({h.date})"
        for h in sorted(program.calendar.holidays, key=lambda h: h.date)
        if after < h.date < before and h.date.weekday() < 7
    )


def _because(program: Program, line: Timeline, key: str, link: TightLink) -> str:
    """The tight link in the program office's words."""
    me = line.placed[key]
    who = task_name(program, link.task) if link.task else ""
    if link.kind == "dependency" and link.task:
        dep = next(d for d in line.incoming[key] if d.pred == link.task)
        mine, theirs = LINK_ENDS[dep.type]
        pred = line.rows[link.task]
        when = pred.start if theirs == "starts" or line.placed[link.task].task.duration == 0 else pred.finish
        lag = (
            f" + {plural(dep.lag, 'working day')}"
            if dep.lag > 0
            else f" - {plural(-dep.lag, 'working day')}"
            if dep.lag < 0
            else ""
        )
        return f"{mine} when {who} {theirs} ({when}){lag}"
    if link.kind == "person":
        assert link.resource is not None
        return f"waited for {person_name(program, link.resource)} while they worked on {who}"
    if link.kind == "role":
        assert link.resource is not None
        return f"waited for role {program.role_by_id[link.resource].label}, all busy while {who} ran"
    if link.kind == "capacity":
        assert link.resource is not None
        role = program.role_by_id[link.resource]
        return (
            f"waited for role {role.label} to grow to {role.capacity_on(link.day or program.start)} "
            f"on {link.day}"
        )
    if link.kind == "leave":
        assert link.resource is not None
        return f"waited for {person_name(program, link.resource)} to return from leave (back {line.days.date(me.s)})"
    if link.kind == "availability":
        assert link.resource is not None
        return f"waited for {person_name(program, link.resource)} to have enough time (from {line.days.date(me.s)})"
    if link.kind == "release":
        return f"cannot start before its release {link.day}"
    if link.kind == "fixed":
        return f"pinned to start on {link.day}"
    if link.kind == "start":
        return "starts on the first working day of the program"
    return "nothing holds it: the plan could start it earlier"


def hold(line: Timeline, key: str) -> TightLink:
    """The tight link the chain follows into ``key``."""
    return min(line.tight_links(key), key=lambda link: _RANK[link.kind])


def critical_chain(
    program: Program, schedule: Schedule, key: str | None = None, limit: int = 1000
) -> list[ChainStep]:
    """The chain of tight links behind task ``key`` (default: the task that ends the program).

    Parameters
    ----------
    program, schedule
        The program and an as-early-as-possible schedule of it (with a plan).
    key
        The milestone or task to explain.
    limit
        At most this many steps (a guard).

    Returns
    -------
    list[ChainStep]
        From the earliest step to ``key``.
    """
    line = Timeline(program, schedule)
    current: str | None = key or target_task(program, schedule)
    steps: list[ChainStep] = []
    seen: set[str] = set()
    while current is not None and current not in seen and len(steps) < limit:
        seen.add(current)
        me, row = line.placed[current], line.rows[current]
        link = hold(line, current)
        bound, bounding = dependency_bound(line, current)
        cause = link.task
        if cause is None and link.kind in ("leave", "availability", "capacity", "slack"):
            cause = bounding  # a calendar fact: the chain goes on from what bounds it most
        prior = line.rows[cause].finish if cause else None
        steps.append(
            ChainStep(
                task=current,
                name=task_name(program, current),
                start=row.start,
                finish=row.finish,
                duration=me.task.duration,
                reason=_REASON[link.kind],
                because=_because(program, line, current, link),
                cause=cause,
                resource=link.resource,
                waited=max(me.s - bound, 0) if link.kind in _WAITS else 0,
                holidays=_holidays(program, prior, row.start),
            )
        )
        current = cause
    return steps[::-1]


def waits(program: Program, schedule: Schedule) -> dict[tuple[str, str], list[Wait]]:
    """Per ``(kind, resource)``, the tasks that started after their dependencies allowed because
    that person or role was busy (or away) the day before they started."""
    line = Timeline(program, schedule)
    out: dict[tuple[str, str], list[Wait]] = defaultdict(list)
    for key, me in line.placed.items():
        bound, _ = dependency_bound(line, key)
        if me.s <= bound or me.task.duration == 0:
            continue
        held = [link for link in line.tight_links(key) if link.resource is not None]
        for resource in dict.fromkeys(link.resource for link in held):
            mine = [link for link in held if link.resource == resource]
            kind = "role" if {link.kind for link in mine} & {"role", "capacity"} else "person"
            behind = tuple(dict.fromkeys(link.task for link in mine if link.task))
            out[(kind, resource or "")].append(
                Wait(
                    task=key,
                    days=me.s - bound,
                    behind=behind,
                    because=_waited_for(program, line, key, mine, behind),
                )
            )
    return out


def _waited_for(
    program: Program, line: Timeline, key: str, links: list[TightLink], behind: tuple[str, ...]
) -> str:
    """What a task waited for, from the tight links of one resource: ``behind a, b`` or a calendar fact."""
    if behind:
        return f"behind {', '.join(behind)}"
    link = min(links, key=lambda link: _RANK[link.kind])
    resource = link.resource or ""
    if link.kind == "capacity":
        role = program.role_by_id[resource]
        return f"for role {role.label} to grow to {role.capacity_on(link.day or program.start)} on {link.day}"
    if link.kind == "leave":
        return f"for {person_name(program, resource)} to return from leave"
    if link.kind == "availability":
        return f"for {person_name(program, resource)} to have more time (from {line.days.date(line.placed[key].s)})"
    return (
        "for a role at capacity"
        if link.kind == "role"
        else f"for {person_name(program, resource)}, fully booked"
    )
