"""An independent check of a schedule against its program, in plain Python.

Shares no code with the solver: it counts working days itself from ``Calendar.is_working_day`` and
re-derives every rule (durations, dates, dependencies, capacities, staffing, objective values).

Working days are numbered from the program start (day 0 = first working day on or after it). A task
of duration ``d`` starting on day ``s`` ends at ``e = s + d`` (exclusive); a milestone has ``e = s``.
A task's days are taken from the schedule as written: ``s`` is its start, ``e`` one past its finish
(its start for a milestone); when a date is not a working day it is reported and the nearest working
day inside the task is used so that the other rules can still be checked.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx

from planner.errors import PlannerError
from planner.models import Calendar, DependencyType, Program, Project, Requirement, Schedule, ScheduledTask
from planner.models import Task as ModelTask

_F = TypeVar("_F")
_LINK_WORDS = {DependencyType.FS: "finish-to-start", DependencyType.SS: "start-to-start",
               DependencyType.FF: "finish-to-finish", DependencyType.SF: "start-to-finish"}


@dataclass(frozen=True)
class Violation:
    """One rule a schedule breaks.

    Parameters
    ----------
    task
        The task key ``project.task``, or ``None`` for a program-wide problem.
    kind
        Short code: ``missing``, ``unknown-task``, ``duplicate``, ``status``, ``horizon``,
        ``non-working-day``, ``duration``, ``release``, ``deadline``, ``dependency``, ``fixed``,
        ``requirement``, ``role-capacity``, ``person-overload``, ``leave``, ``reached`` (a
        milestone dated later than the working day it is reached), ``objective``, or
        (:mod:`planner.check_funding`) ``funding`` and ``budget``.
    message
        What is wrong, with task names, dates and numbers.
    """

    task: str | None
    kind: str
    message: str


class ScheduleInvalid(PlannerError):
    """A schedule breaks one or more rules of its program; every violation is listed.

    Parameters
    ----------
    violations
        All violations found by :func:`check`.
    program
        The program's name, for the heading.
    """

    def __init__(self, violations: list[Violation], program: str = "") -> None:
        self.violations = list(violations)
        n = len(self.violations)
        head = f"schedule of {program or 'program'}: {n} violation{'s' if n != 1 else ''}"
        super().__init__("\n".join([head, *(f"  [{v.kind}] {v.message}" for v in self.violations)]))


class _Days:
    """Working-day numbers of a calendar from a start date, grown on demand."""

    def __init__(self, calendar: Calendar, start: dt.date) -> None:
        self.calendar = calendar
        self.dates: list[dt.date] = []
        self._next: dt.date | None = start  # None once past dt.date.max

    def _grow_past(self, day: dt.date) -> None:
        while (not self.dates or self.dates[-1] <= day) and self._next is not None:
            if self.calendar.is_working_day(self._next):
                self.dates.append(self._next)
            self._next = self._next + dt.timedelta(days=1) if self._next < dt.date.max else None

    def after(self, day: dt.date) -> int:
        """Number of the first working day on or after ``day`` (0 before the start)."""
        self._grow_past(day)
        return bisect.bisect_left(self.dates, day)

    def before(self, day: dt.date) -> int:
        """Number of the last working day on or before ``day`` (-1 if none)."""
        self._grow_past(day)
        return bisect.bisect_right(self.dates, day) - 1

    def date(self, index: int) -> dt.date:
        """Date of working day ``index`` (``index`` >= 0)."""
        while len(self.dates) <= index and self._next is not None:
            self._grow_past(self.dates[-1] if self.dates else self._next)
        return self.dates[min(index, len(self.dates) - 1)]


@dataclass(frozen=True)
class _Placed:
    key: str
    project: Project
    task: ModelTask
    row: ScheduledTask
    d: int  # duration
    s: int  # first working day
    e: int  # one past the last working day (s for a milestone)

    @property
    def f(self) -> int:
        """Number of the finish day (the start for a milestone)."""
        return self.e - 1 if self.d > 0 else self.s

    @property
    def finish(self) -> dt.date:
        """The finish date as scheduled (the start for a milestone)."""
        return self.row.finish if self.d > 0 else self.row.start


def _placements(program: Program, schedule: Schedule) -> tuple[_Days, dict[str, _Placed]]:
    """The working-day numbering and the known tasks of the schedule (first copy of each)."""
    days, out = _Days(program.calendar, program.start), {}
    for row in schedule.tasks if schedule.has_plan else ():
        if row.key in program.tasks and row.key not in out:
            project, task = program.tasks[row.key]
            s = days.after(row.start)
            e = days.before(row.finish) + 1 if task.duration > 0 else s
            out[row.key] = _Placed(row.key, project, task, row, task.duration, s, e)
    return days, out


class _Out(list[Violation]):
    """Violations found so far."""

    def add(self, task: str | None, kind: str, message: str) -> None:
        self.append(Violation(task, kind, message))


def check(program: Program, schedule: Schedule) -> list[Violation]:
    """Every rule of ``program`` that ``schedule`` breaks (an empty list when it is valid).

    Parameters
    ----------
    program
        The validated program the schedule claims to plan.
    schedule
        A schedule from the solver or edited by hand.

    Returns
    -------
    list[Violation]
        Structural problems first, then per-task rules in program order, dependencies, role and
        people loads, and finally the objective values of the solve record.
    """
    out = _Out()
    if not schedule.has_plan:
        if schedule.tasks:
            out.add(None, "status", f"the schedule has status {schedule.status.value} but places "
                    f"{len(schedule.tasks)} tasks; it should place none")
        return list(out)
    from planner.check_funding import check_funding, unfunded_projects

    _structure(program, schedule, out, unfunded_projects(program, schedule))
    days, placed = _placements(program, schedule)
    allocations: dict[str, list[tuple[str, int]]] = {}
    for key in program.tasks:
        if key in placed:
            p = placed[key]
            _dates(program, p, days, out)
            _commitments(p, days, out)
            allocations[key] = _staffing(program, p, out)
    _dependencies(program, placed, days, out)
    _reached(program, placed, days, out)
    _role_load(program, placed, days, out)
    _person_load(program, placed, allocations, days, out)
    _objective(program, schedule, placed, days, out)
    check_funding(program, schedule, placed, allocations, days, out)
    return list(out)


def verify(program: Program, schedule: Schedule) -> None:
    """Raise :class:`ScheduleInvalid` listing every violation if ``schedule`` breaks a rule.

    Raises
    ------
    ScheduleInvalid
        When :func:`check` finds at least one violation.
    """
    violations = check(program, schedule)
    if violations:
        raise ScheduleInvalid(violations, program.name)


def _structure(program: Program, schedule: Schedule, out: _Out, unfunded: frozenset[str] = frozenset()) -> None:
    counts = Counter(row.key for row in schedule.tasks)
    for key, n in counts.items():
        if key not in program.tasks:
            out.add(key, "unknown-task", f"the schedule places {key}, which is not a task of program "
                    f"{program.name}")
        elif n > 1:
            out.add(key, "duplicate", f"{key} is placed {n} times; the first one is checked")
    for key in program.tasks:
        if key not in counts and program.tasks[key][0].id not in unfunded:
            out.add(key, "missing", f"{key} is not in the schedule")


def _not_working(calendar: Calendar, day: dt.date) -> str:
    names = [h.name for h in calendar.holidays if h.date == day]
    if names:
        return f"the holiday {names[0]}" if names[0] else "a holiday"
    return f"a {day:%A}"


def _dates(program: Program, p: _Placed, days: _Days, out: _Out) -> None:
    cal, row, key = program.calendar, p.row, p.key
    ends = [("starts", row.start)] + ([("finishes", row.finish)] if p.d > 0 else [])
    for verb, day in ends:
        if day < program.start:
            out.add(key, "horizon", f"{key} {verb} {day}, before the program start {program.start}")
        elif not cal.is_working_day(day):
            out.add(key, "non-working-day", f"{key} {verb} {day}, which is {_not_working(cal, day)}, "
                    "not a working day")
    if program.end is not None and p.finish > program.end:
        out.add(key, "horizon", f"{key} finishes {p.finish}, after the program end {program.end}")
    if p.d == 0 and row.finish != row.start:
        out.add(key, "duration", f"milestone {key} starts {row.start} but finishes {row.finish}; "
                "a milestone finishes on its start day")
    elif p.d > 0 and p.e - p.s != p.d and row.start >= program.start:
        out.add(key, "duration", f"{key} runs {row.start} to {row.finish}, {_n_days(p.e - p.s)}, but its "
                f"duration is {_n_days(p.d)} (it should finish {days.date(p.s + p.d - 1)})")


def _commitments(p: _Placed, days: _Days, out: _Out) -> None:
    key, row, task, project = p.key, p.row, p.task, p.project
    releases = [(task.release, "its release"), (project.release, f"the release of project {project.id}")]
    for release, whose in releases:
        if release is not None and p.s < days.after(release):
            first = days.date(days.after(release))
            note = f" (its first working day is {first})" if first != release else ""
            out.add(key, "release", f"{key} starts {row.start}, before {whose} {release}{note}")
    deadlines = [(task.deadline, "its deadline"), (project.deadline, f"the deadline of project {project.id}")]
    for deadline, whose in deadlines:
        if deadline is not None and p.finish > deadline:
            late = p.f - days.before(deadline)
            out.add(key, "deadline", f"{key} finishes {p.finish}, after {whose} {deadline} ({_n_days(late)} late)")
    if task.fixed_start is not None and row.start != task.fixed_start:
        out.add(key, "fixed", f"{key} starts {row.start} but is fixed to start {task.fixed_start}")
    if task.fixed_people and set(row.people) != set(task.fixed_people):
        out.add(key, "fixed", f"{key} is staffed by {_names(row.people)} but is fixed to {_names(task.fixed_people)}")


def _n_days(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


def _n_people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def _names(people: Iterable[str]) -> str:
    names = list(people)
    return ", ".join(names) if names else "nobody"


def _dependencies(program: Program, placed: dict[str, _Placed], days: _Days, out: _Out) -> None:
    for link in program.links:
        if link.pred not in placed or link.succ not in placed:
            continue
        pred, succ = placed[link.pred], placed[link.succ]
        by_start = link.type in (DependencyType.SS, DependencyType.SF)
        anchor = pred.s if by_start else pred.e
        on_start = link.type in (DependencyType.FS, DependencyType.SS)
        if (succ.s if on_start else succ.e) >= anchor + link.lag:
            continue
        what = f"starts ({pred.row.start})" if by_start else f"finishes ({pred.finish})"
        if on_start:
            mine, end, bound = f"starts {succ.row.start}", "start", anchor + link.lag
        else:
            mine, end = f"finishes {succ.finish}", "finish"
            bound = anchor + link.lag - (1 if succ.d > 0 else 0)
        earliest = f"; the earliest allowed {end} is {days.date(bound)}" if bound >= 0 else ""
        sign = "-" if link.lag < 0 else "+"
        out.add(succ.key, "dependency", f"{succ.key} {mine}, before {pred.key} {what} {sign} "
                f"{_n_days(abs(link.lag))} ({_LINK_WORDS[link.type]}){earliest}")


def _reached(program: Program, placed: dict[str, _Placed], days: _Days, out: _Out) -> None:
    """A milestone is dated on the working day it is reached (README, "Dates and time").

    That is the first working day its releases (its own, its project's, the program start) and
    every incoming link allow, given its predecessors' dates in the schedule. A milestone dated
    earlier breaks a dependency or a release, reported there; one dated later is reported here.
    Pinned milestones, and those carrying a fixed cost under per-period funding caps, are exempt
    (``Program.reached_milestones``).
    """
    reached = program.reached_milestones
    incoming: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for link in program.links:
        if link.succ in reached and link.succ in placed and link.pred in placed:
            pred = placed[link.pred]
            anchor = pred.s if link.type in (DependencyType.SS, DependencyType.SF) else pred.e
            incoming[link.succ].append((anchor + link.lag, f"{link.pred} ({_LINK_WORDS[link.type]})"))
    for key in program.tasks:
        if key not in placed or key not in reached:
            continue
        p = placed[key]
        bounds = [(0, "the program start"), *incoming.get(key, ())]
        releases = ((p.task.release, "its release"), (p.project.release, f"the release of project {p.project.id}"))
        bounds.extend((days.after(day), f"{whose} {day}") for day, whose in releases if day is not None)
        day, why = max(bounds, key=lambda b: b[0])
        if p.s > day:
            out.add(key, "reached", f"milestone {key} is dated {p.row.start}, but it is reached on {days.date(day)} "
                    f"(the first working day its releases and dependencies allow, set by {why}); a milestone "
                    "is dated on the working day it is reached")


def _slots(task: ModelTask) -> list[Requirement]:
    """The task's skill and person requirements, one entry per person needed, in order."""
    return [r for r in task.requires if r.kind != "role" for _ in range(r.count)]


def _fits(program: Program, person: str, req: Requirement) -> bool:
    if req.person is not None:
        return person == req.person
    return req.skill in program.person_by_id[person].skills


def _match(program: Program, people: list[str], slots: list[Requirement]) -> dict[str, Requirement]:
    """A maximum matching of people to requirement slots (listing order first, when it fits)."""
    if len(people) == len(slots) and all(_fits(program, p, r) for p, r in zip(people, slots)):
        return dict(zip(people, slots))
    graph = nx.Graph()
    tops = [("p", p) for p in people]
    graph.add_nodes_from(tops)
    graph.add_nodes_from(("s", i) for i in range(len(slots)))
    graph.add_edges_from((("p", p), ("s", i)) for p in people for i, r in enumerate(slots)
                         if _fits(program, p, r))
    matching = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=tops)
    return {p: slots[matching[("p", p)][1]] for p in people if ("p", p) in matching}


def _describe(slots: list[Requirement]) -> str:
    counts = Counter((r.kind, r.name, r.allocation) for r in slots)
    return ", ".join(f"{n} x {kind} {name} at {alloc}%" for (kind, name, alloc), n in counts.items())


def _staffing(program: Program, p: _Placed, out: _Out) -> list[tuple[str, int]]:
    """Check who fills the task's requirements; return each person's allocation on it."""
    key, listed = p.key, list(p.row.people)
    before = len(out)
    for name, n in Counter(listed).items():
        if n > 1:
            out.add(key, "requirement", f"{key} lists {name} {n} times")
        if name not in program.person_by_id:
            out.add(key, "requirement", f"{key} is staffed by {name}, who is not a person of the program")
    people = [n for n in dict.fromkeys(listed) if n in program.person_by_id]
    slots = _slots(p.task)
    for req in p.task.requires:
        if req.person is not None and req.person not in people:
            out.add(key, "requirement", f"{key} needs {req.person} by name, who is not assigned")
    for name in people:
        if not any(_fits(program, name, r) for r in slots):
            skills = sorted({r.skill for r in slots if r.skill})
            need = f"has none of the skills it needs ({', '.join(skills)})" if skills else "fills no requirement"
            out.add(key, "requirement", f"{name} is assigned to {key} but {need}")
    if len(listed) != len(slots):
        out.add(key, "requirement", f"{key} is staffed by {_n_people(len(listed))} ({_names(listed)}); "
                f"its requirements need {len(slots)}{' (' + _describe(slots) + ')' if slots else ''}")
    matched = _match(program, people, slots)
    if len(out) == before and len(matched) < len(slots):
        out.add(key, "requirement", f"{key}: {_names(people)} cannot fill its requirements "
                f"({_describe(slots)}) one person each")
    return [(name, req.allocation) for name, req in matched.items()]


def _runs(over: list[tuple[int, _F]]) -> list[tuple[int, int, _F]]:
    """Group sorted ``(day, facts)`` into runs of consecutive days with equal facts."""
    runs: list[tuple[int, int, _F]] = []
    for day, facts in over:
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == facts:
            runs[-1] = (runs[-1][0], day, facts)
        else:
            runs.append((day, day, facts))
    return runs


def _span(days: _Days, first: int, last: int) -> str:
    n = last - first + 1
    if n == 1:
        return f"on {days.date(first)}"
    return f"from {days.date(first)} to {days.date(last)} ({n} working days)"


_Load = dict[str, dict[int, list[tuple[str, int]]]]  # who -> working day -> [(task key, amount)]


def _overloads(load: _Load, limit: Callable[[str, dt.date], tuple[int, str]], days: _Days,
               out: _Out, text: Callable[[str, str, str, int, int, str], str]) -> None:
    """Report, per run of consecutive days with the same facts, where a load exceeds its limit.

    ``limit(who, date)`` gives the limit and the violation kind; ``text(who, kind, span, load,
    limit, tasks)`` the message. The task is named when a single task causes the overload.
    """
    for who in sorted(load):
        over: list[tuple[int, tuple[int, int, str, tuple[tuple[str, int], ...]]]] = []
        for day in sorted(load[who]):
            tasks = tuple(sorted(load[who][day]))
            total, (cap, kind) = sum(a for _, a in tasks), limit(who, days.date(day))
            if total > cap:
                over.append((day, (total, cap, kind, tasks)))
        for first, last, (total, cap, kind, tasks) in _runs(over):
            named = ", ".join(f"{k} ({a}{'%' if kind != 'role-capacity' else ''})" for k, a in tasks)
            out.add(tasks[0][0] if len(tasks) == 1 else None, kind,
                    text(who, kind, _span(days, first, last), total, cap, named))


def _role_load(program: Program, placed: dict[str, _Placed], days: _Days, out: _Out) -> None:
    use: _Load = defaultdict(lambda: defaultdict(list))
    for p in placed.values():
        for req in p.task.requires:
            if req.role is not None and p.d > 0:
                for day in range(max(p.s, 0), p.e):
                    use[req.role][day].append((p.key, req.count))
    _overloads(use, lambda r, date: (program.role_by_id[r].capacity_on(date), "role-capacity"), days, out,
               lambda r, _, span, need, cap, tasks: f"role {r} is asked for {_n_people(need)} {span} but "
                                                    f"has capacity {cap}: {tasks}")


def _person_limit(program: Program, name: str, date: dt.date) -> tuple[int, str]:
    person = program.person_by_id[name]
    free = person.percent_on(date)
    away = free == 0 and any(w.start <= date <= w.end for w in person.leave)
    return free, "leave" if away else "person-overload"


def _person_load(program: Program, placed: dict[str, _Placed], allocations: dict[str, list[tuple[str, int]]],
                 days: _Days, out: _Out) -> None:
    load: _Load = defaultdict(lambda: defaultdict(list))
    for key, shares in allocations.items():
        p = placed[key]
        for name, share in shares if p.d > 0 else ():
            for day in range(max(p.s, 0), p.e):
                load[name][day].append((key, share))

    def text(name: str, kind: str, span: str, booked: int, free: int, tasks: str) -> str:
        if kind == "leave":
            return f"{name} is on leave {span} but booked {booked}%: {tasks}"
        return f"{name} is booked {booked}% {span} but gives {free}% then: {tasks}"

    _overloads(load, lambda n, date: _person_limit(program, n, date), days, out, text)


def _lateness(program: Program, placed: dict[str, _Placed], days: _Days) -> int:
    total = 0
    for p in placed.values():
        if p.task.target is not None:
            total += p.task.target.weight * max(0, p.f - days.before(p.task.target.date))
    for project in program.projects:
        finishes = [placed[k].f for k in (f"{project.id}.{t.id}" for t in project.tasks) if k in placed]
        if project.target is not None and finishes:
            total += project.target.weight * max(0, max(finishes) - days.before(project.target.date))
    return total


def _earliness(program: Program, placed: dict[str, _Placed]) -> int:
    """The ``early`` tier from the dates: 2 x each placed task's start (working-day number), or -1 x
    for a task marked ``as_late_as_possible``; milestones dated when reached do not count."""
    return sum((-1 if p.task.as_late_as_possible else 2) * p.s
               for p in placed.values() if p.key not in program.reached_milestones)


def weighted_lateness(program: Program, schedule: Schedule) -> int:
    """Weighted working days late against task and project targets, from the schedule's dates.

    A task's lateness is the number of working days from the last working day on or before its
    target to its finish (0 when it finishes on or before the target); a project's uses the
    latest finish of its tasks. Each is multiplied by its target's weight.

    Returns
    -------
    int
        The sum over the targets of the tasks the schedule places (0 without a plan).
    """
    days, placed = _placements(program, schedule)
    return _lateness(program, placed, days)


def project_finishes(program: Program, schedule: Schedule) -> dict[str, int]:
    """Each project's end: the largest exclusive end (working-day number) among its placed tasks.

    Returns
    -------
    dict[str, int]
        Project id to ``max(s + duration)`` over its placed tasks (projects with none are left out).
    """
    _, placed = _placements(program, schedule)
    out: dict[str, int] = {}
    for p in placed.values():
        out[p.project.id] = max(out.get(p.project.id, 0), p.e)
    return out


def program_finish(program: Program, schedule: Schedule) -> int:
    """The program's makespan: the largest exclusive end among placed tasks, in working days.

    Returns
    -------
    int
        ``max(s + duration)`` over every placed task; 0 for an empty schedule.
    """
    return max(project_finishes(program, schedule).values(), default=0)


def _objective(program: Program, schedule: Schedule, placed: dict[str, _Placed], days: _Days,
               out: _Out) -> None:
    tiers = {t.name: t.value for t in schedule.record.tiers} if schedule.record else {}
    if "lateness" in tiers and tiers["lateness"] != (late := _lateness(program, placed, days)):
        out.add(None, "objective", f"the solve record gives weighted lateness {tiers['lateness']}, "
                f"but the schedule's dates give {late}")
    if "finish" in tiers:
        end = max((p.e for p in placed.values()), default=0)
        if tiers["finish"] != end:
            out.add(None, "objective", f"the solve record gives a program finish of "
                    f"{_n_days(tiers['finish'])}, but the schedule's last task ends after "
                    f"{_n_days(end)} (on {days.date(max(end - 1, 0))})")
    if "early" in tiers and tiers["early"] != (early := _earliness(program, placed)):
        out.add(None, "objective", f"the solve record gives an early tier of {tiers['early']}, but the "
                f"schedule's dates give {early} (2 x the start of each task, - the start of each marked "
                "as_late_as_possible, milestones dated when reached left out)")
