"""Warnings about a valid program before it is solved, with the numbers behind each.

Validation (:mod:`planner.models.validation`) rejects what cannot be read; lint flags what can be
read but is probably wrong or cannot work: a deadline the dependency chain cannot meet, a pinned
start before its predecessors can finish, a role, person or skill needed beyond what it has in a
window, a person double-booked by pinned tasks, pinned work during leave, commitments on
non-working days, a skill held by one person only, tasks on no path to any milestone.

Everything here is plain Python over the program: no solver is run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from planner.analysis.explanations.wording import person_name, plural, role_name, task_name
from planner.models import Person, Program, Role
from planner.models.network import Network, bound_on_start, network, own_deadline

Severity = Literal["warning", "info"]


class LintWarning(BaseModel):
    """One finding: which rule, how serious, where, what, and the figures behind it."""

    model_config = ConfigDict(frozen=True)

    rule: str
    severity: Severity
    where: str
    message: str
    figures: dict[str, int | str] = {}

    def format(self) -> str:
        """``warning [rule] where: message``."""
        return f"{self.severity} [{self.rule}] {self.where}: {self.message}"


def lint(program: Program) -> list[LintWarning]:
    """Every lint finding for ``program``: warnings first, then information, each in program order."""
    net = network(program)
    found: list[LintWarning] = []
    for rule in (
        _deadlines,
        _pins_before_predecessors,
        _capacity_windows,
        _pinned_overlaps,
        _pinned_leave,
        _non_working_dates,
        _single_holders,
        _no_milestone,
    ):
        found.extend(rule(program, net))
    return sorted(found, key=lambda w: w.severity != "warning")


def _date(program: Program, day: int) -> dt.date:
    return program.working_days.date(max(day, 0))


def _finish_date(program: Program, net: Network, key: str, end: int) -> dt.date:
    return _date(program, end - 1 if net.duration[key] > 0 else end)


def _deadlines(program: Program, net: Network) -> list[LintWarning]:
    """A deadline (or the program end) earlier than the dependency chain lets the task finish."""
    out = []
    for key in program.tasks:
        day = own_deadline(program, key)
        if day is None:
            continue
        allowed = day + 1 if net.duration[key] > 0 else day
        end = net.earliest_end(key)
        if end <= allowed:
            continue
        short = end - allowed
        chain = net.chain(key, program.links)
        first = chain[0]
        start = f" from {program.working_days.date(net.earliest[first])}" if net.earliest[first] > 0 else ""
        project, task = program.tasks[key]
        which = [d for d in (task.deadline, project.deadline, program.end) if d is not None]
        out.append(
            LintWarning(
                rule="deadline-before-chain",
                severity="warning",
                where=key,
                message=f"{task_name(program, key)} must finish by {min(which)}, but its dependency chain "
                f"({' -> '.join(chain)}{start}) cannot finish before "
                f"{_finish_date(program, net, key, end)}: {plural(short, 'working day')} short",
                figures={
                    "deadline": str(min(which)),
                    "earliest_finish": str(_finish_date(program, net, key, end)),
                    "short_working_days": short,
                },
            )
        )
    return out


def _pins_before_predecessors(program: Program, net: Network) -> list[LintWarning]:
    """A pinned start earlier than its predecessors allow."""
    free = network(program, pins=False)
    out = []
    for key, (_, task) in program.tasks.items():
        if task.fixed_start is None:
            continue
        pinned = program.working_days.index_on_or_after(task.fixed_start)
        bound = max(
            [free.earliest[key]]
            + [_bound(program, net, i, key) for i, link in enumerate(program.links) if link.succ == key]
        )
        if pinned < bound:
            out.append(
                LintWarning(
                    rule="pin-before-predecessors",
                    severity="warning",
                    where=key,
                    message=f"{task_name(program, key)} is pinned to start on {task.fixed_start}, but its "
                    f"predecessors and releases allow {_date(program, bound)} at the earliest "
                    f"({plural(bound - pinned, 'working day')} later)",
                    figures={
                        "pinned": str(task.fixed_start),
                        "earliest": str(_date(program, bound)),
                        "short_working_days": bound - pinned,
                    },
                )
            )
    return out


def _bound(program: Program, net: Network, i: int, key: str) -> int:
    link = program.links[i]
    return bound_on_start(link, net.earliest[link.pred], net.duration[link.pred], net.duration[key])


@dataclass(frozen=True)
class _Job:
    key: str
    first: int  # earliest start
    end: int | None  # latest end (exclusive)
    duration: int
    amount: int  # people (roles) or percent (people, skills)


def _capacity_windows(program: Program, net: Network) -> list[LintWarning]:
    """Work that must happen in a window (between releases and deadlines) beyond what a resource has there."""
    horizon = max([net.earliest_end(k) for k in program.tasks] + [0])
    horizon = max(horizon, *(e for e in net.latest_end.values() if e is not None), 1) + 1
    dates = [program.working_days.date(i) for i in range(horizon)]
    out: list[LintWarning] = []
    pools: list[tuple[str, str, str, list[_Job], Callable[[int], int]]] = []
    for role in program.roles:
        jobs = [
            _Job(k, net.earliest[k], net.latest_end[k], t.duration, r.count)
            for k, (_, t) in program.tasks.items()
            for r in t.requires
            if r.role == role.id and t.duration
        ]
        pools.append(("role", role.id, role_name(program, role.id), jobs, _role_capacity(role, dates)))
    for person in program.people:
        jobs = [
            _Job(k, net.earliest[k], net.latest_end[k], t.duration, r.allocation)
            for k, (_, t) in program.tasks.items()
            for r in t.requires
            if r.person == person.id and t.duration
        ]
        pools.append(
            ("person", person.id, person_name(program, person.id), jobs, _person_time(person, dates))
        )
    skills = sorted({r.skill for _, t in program.tasks.values() for r in t.requires if r.skill})
    for skill in skills:
        holders = program.people_with(skill)
        jobs = [
            _Job(k, net.earliest[k], net.latest_end[k], t.duration, r.count * r.allocation)
            for k, (_, t) in program.tasks.items()
            for r in t.requires
            if r.skill == skill and t.duration
        ]
        pools.append(("skill", skill, f"skill {skill}", jobs, _pool_time(holders, dates)))
    for kind, ident, name, jobs, capacity in pools:
        finding = _worst_window(jobs, capacity, horizon)
        if finding is not None:
            out.append(_window_warning(program, kind, ident, name, finding))
    return out


def _role_capacity(role: Role, dates: list[dt.date]) -> Callable[[int], int]:
    return lambda d: role.capacity_on(dates[d])


def _person_time(person: Person, dates: list[dt.date]) -> Callable[[int], int]:
    return lambda d: person.percent_on(dates[d])


def _pool_time(holders: tuple[Person, ...], dates: list[dt.date]) -> Callable[[int], int]:
    return lambda d: sum(p.percent_on(dates[d]) for p in holders)


def _worst_window(
    jobs: list[_Job], capacity: Callable[[int], int], horizon: int
) -> tuple[int, int, int, int, list[str]] | None:
    """The window ``[a, b)`` where mandatory work most exceeds capacity: (a, b, need, have, tasks).

    Work that cannot fit between its earliest start and latest end even alone (its latest end
    is before its earliest finish, or even before its earliest start) is left out: that is a
    deadline the dependency chain cannot meet, which ``deadline-before-chain`` reports; counted
    here it would give windows that end before they start. So every window has ``a < b``.
    """
    bounded = [j for j in jobs if j.end is not None and j.end <= horizon and j.end - j.first >= j.duration]
    if not bounded:
        return None
    prefix = [0]
    for d in range(horizon):
        prefix.append(prefix[-1] + capacity(d))
    worst = None
    for a in sorted({j.first for j in bounded}):
        inside = sorted((j for j in bounded if j.first >= a), key=lambda j: j.end or 0)
        need, names = 0, []
        for j in inside:
            assert j.end is not None
            need += j.duration * j.amount
            names.append(j.key)
            b = j.end
            have = prefix[b] - prefix[a]
            if need > have and (worst is None or need - have > worst[2] - worst[3]):
                worst = (a, b, need, have, list(names))
    return worst


def _window_warning(
    program: Program, kind: str, ident: str, name: str, finding: tuple[int, int, int, int, list[str]]
) -> LintWarning:
    a, b, need, have, tasks = finding
    first, last = _date(program, a), _date(program, b - 1)
    scale = 1 if kind == "role" else 100  # people count percent of a day
    what = {
        "role": f"role {name} is needed beyond its capacity",
        "person": f"{name} is needed beyond the time they have",
        "skill": f"{name} is needed beyond the time of the people who have it",
    }[kind]
    has = "it has" if kind == "role" else "they have"
    listed = ", ".join(tasks[:6]) + (f" and {len(tasks) - 6} more" if len(tasks) > 6 else "")
    return LintWarning(
        rule=f"{kind}-overload",
        severity="warning",
        where=ident,
        message=f"{what} from {first} to {last}: {plural(len(tasks), 'task')} ({listed}) must run in this "
        f"window (their releases, pins and deadlines allow no other time) and "
        f"need{'s' if len(tasks) == 1 else ''} {need / scale:g} person-days; {has} {have / scale:g} "
        f"there: {(need - have) / scale:g} person-days short",
        figures={
            "from": str(first),
            "to": str(last),
            "needed_person_days": f"{need / scale:g}",
            "available_person_days": f"{have / scale:g}",
            "short_person_days": f"{(need - have) / scale:g}",
        },
    )


def _pinned(program: Program) -> list[tuple[str, int, int, list[tuple[str, int]]]]:
    """Pinned tasks with work: (key, first day, end day, [(person, percent)])."""
    wd = program.working_days
    out = []
    for key, (_, task) in program.tasks.items():
        if task.fixed_start is None or task.duration == 0:
            continue
        s = wd.index_on_or_after(task.fixed_start)
        named = [(r.person, r.allocation) for r in task.requires if r.person]
        fixed = [
            (
                p,
                next(
                    (
                        r.allocation
                        for r in task.requires
                        if r.skill and r.skill in program.person_by_id[p].skills
                    ),
                    100,
                ),
            )
            for p in task.fixed_people
            if p not in {n for n, _ in named}
        ]
        out.append((key, s, s + task.duration, named + fixed))
    return out


def _pinned_overlaps(program: Program, net: Network) -> list[LintWarning]:
    """A person double-booked, or a role over capacity, by pinned tasks alone."""
    wd = program.working_days
    load: dict[str, dict[int, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for key, s, e, people in _pinned(program):
        for person, share in people:
            for d in range(s, e):
                load[person][d].append((key, share))
    out = []
    for person, days in load.items():
        p = program.person_by_id[person]
        over = [
            d
            for d, jobs in sorted(days.items())
            if len(jobs) > 1 and sum(a for _, a in jobs) > p.percent_on(wd.date(d))
        ]
        if over:
            tasks = sorted({k for d in over for k, _ in days[d]})
            out.append(
                LintWarning(
                    rule="pinned-double-booking",
                    severity="warning",
                    where=person,
                    message=f"{p.label} is booked by pinned tasks {', '.join(tasks)} at the same time on "
                    f"{plural(len(over), 'working day')} from {wd.date(over[0])} to {wd.date(over[-1])}",
                    figures={"days": len(over), "from": str(wd.date(over[0])), "to": str(wd.date(over[-1]))},
                )
            )
    roles: dict[str, dict[int, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for key, (_, task) in program.tasks.items():
        if task.fixed_start is not None and task.duration:
            s = wd.index_on_or_after(task.fixed_start)
            for r in task.requires:
                if r.role:
                    for d in range(s, s + task.duration):
                        roles[r.role][d].append((key, r.count))
    for role_id, days in roles.items():
        role = program.role_by_id[role_id]
        over = [
            d for d, jobs in sorted(days.items()) if sum(n for _, n in jobs) > role.capacity_on(wd.date(d))
        ]
        if over:
            tasks = sorted({k for d in over for k, _ in days[d]})
            out.append(
                LintWarning(
                    rule="pinned-role-overload",
                    severity="warning",
                    where=role_id,
                    message=f"pinned tasks {', '.join(tasks)} need more of role {role_name(program, role_id)} than "
                    f"it has on {plural(len(over), 'working day')} from {wd.date(over[0])} to "
                    f"{wd.date(over[-1])}",
                    figures={"days": len(over), "from": str(wd.date(over[0])), "to": str(wd.date(over[-1]))},
                )
            )
    return out


def _pinned_leave(program: Program, net: Network) -> list[LintWarning]:
    """Pinned work that falls in its person's leave."""
    wd = program.working_days
    out = []
    for key, s, e, people in _pinned(program):
        for person, _ in people:
            p = program.person_by_id[person]
            for window in p.leave:
                days = [d for d in range(s, e) if window.start <= wd.date(d) <= window.end]
                if days:
                    reason = f" ({window.reason})" if window.reason else ""
                    out.append(
                        LintWarning(
                            rule="pinned-during-leave",
                            severity="warning",
                            where=key,
                            message=f"{task_name(program, key)} is pinned to run {wd.date(s)} to {wd.date(e - 1)} "
                            f"with {p.label}, who is on leave {window.start} to {window.end}{reason}: "
                            f"{plural(len(days), 'working day')} of the task fall in the leave",
                            figures={"person": person, "days": len(days)},
                        )
                    )
    return out


def _non_working_dates(program: Program, net: Network) -> list[LintWarning]:
    """Deadlines, targets and releases on a non-working day take effect on the nearest working day."""
    wd, cal = program.working_days, program.calendar
    holidays = {h.date: h.name for h in cal.holidays}
    out = []

    def note(where: str, what: str, day: dt.date | None, later: bool) -> None:
        if day is None or cal.is_working_day(day) or day < program.start:
            return
        name = holidays.get(day) or (f"a {day:%A}" if day not in holidays else "a holiday")
        effective = (
            wd.date(wd.index_on_or_after(day)) if later else wd.date(max(wd.index_on_or_before(day), 0))
        )
        out.append(
            LintWarning(
                rule="non-working-date",
                severity="info",
                where=where,
                message=f"{what} {day} is {name}, not a working day; it takes effect on {effective}",
                figures={"date": str(day), "effective": str(effective)},
            )
        )

    for project in program.projects:
        note(project.id, "release", project.release, True)
        note(project.id, "deadline", project.deadline, False)
        note(project.id, "target", project.target.date if project.target else None, False)
        for task in project.tasks:
            where = f"{project.id}.{task.id}"
            note(where, "release", task.release, True)
            note(where, "deadline", task.deadline, False)
            note(where, "target", task.target.date if task.target else None, False)
    return out


def _single_holders(program: Program, net: Network) -> list[LintWarning]:
    """A skill only one person has, needed by several tasks: a single point of failure."""
    out = []
    for skill in sorted({r.skill for _, t in program.tasks.values() for r in t.requires if r.skill}):
        holders = program.people_with(skill)
        users = [k for k, (_, t) in program.tasks.items() if any(r.skill == skill for r in t.requires)]
        if len(holders) == 1 and len(users) > 1:
            days = sum(program.tasks[k][1].duration for k in users)
            out.append(
                LintWarning(
                    rule="single-holder",
                    severity="info",
                    where=skill,
                    message=f"only {holders[0].label} has skill {skill}, which {plural(len(users), 'task')} need "
                    f"({plural(days, 'working day')} of work): any leave or delay of theirs moves all of it",
                    figures={"person": holders[0].id, "tasks": len(users), "working_days": days},
                )
            )
    return out


def _no_milestone(program: Program, net: Network) -> list[LintWarning]:
    """Tasks from which no chain of dependencies reaches a milestone."""
    milestones = {k for k, (_, t) in program.tasks.items() if t.duration == 0}
    if not milestones:
        return [
            LintWarning(
                rule="no-milestones",
                severity="info",
                where="program",
                message="the program has no milestones; every task counts only for the finish",
            )
        ]
    preds: dict[str, list[str]] = defaultdict(list)
    for link in program.links:
        preds[link.succ].append(link.pred)
    reached, todo = set(milestones), list(milestones)
    while todo:
        for p in preds[todo.pop()]:
            if p not in reached:
                reached.add(p)
                todo.append(p)
    loose: dict[str, list[str]] = defaultdict(list)
    for key, (project, _) in program.tasks.items():
        if key not in reached:
            loose[project.id].append(key)
    out = []
    for project_id, keys in loose.items():
        listed = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
        out.append(
            LintWarning(
                rule="no-path-to-milestone",
                severity="warning",
                where=project_id,
                message=f"{plural(len(keys), 'task')} of project {project_id} {'leads' if len(keys) == 1 else 'lead'} to no milestone: {listed}",
                figures={"tasks": len(keys)},
            )
        )
    return out


__all__ = ["LintWarning", "lint"]
