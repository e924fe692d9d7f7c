"""The resource rules: who fills each task's requirements, role capacity day by day, and each
person's bookings against their availability and leave."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import TypeVar

import networkx as nx

from planner.check.placement import DayNumbers, Placed
from planner.check.violations import Violations, n_people, names
from planner.models import Program, Requirement
from planner.models import Task as ModelTask

_F = TypeVar("_F")

Allocations = dict[str, list[tuple[str, int]]]
"""Task key -> ``[(person, percent of their day on it)]``, as :func:`check_staffing` matched them."""

_Load = dict[str, dict[int, list[tuple[str, int]]]]  # who -> working day -> [(task key, amount)]


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
    graph.add_edges_from(
        (("p", p), ("s", i)) for p in people for i, r in enumerate(slots) if _fits(program, p, r)
    )
    matching = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=tops)
    return {p: slots[matching[("p", p)][1]] for p in people if ("p", p) in matching}


def _describe(slots: list[Requirement]) -> str:
    counts = Counter((r.kind, r.name, r.allocation) for r in slots)
    return ", ".join(f"{n} x {kind} {name} at {alloc}%" for (kind, name, alloc), n in counts.items())


def check_staffing(program: Program, p: Placed, out: Violations) -> list[tuple[str, int]]:
    """Check who fills the task's requirements; return each person's allocation on it.

    Returns
    -------
    list[tuple[str, int]]
        ``(person, allocation)`` for each person matched to a skill or person requirement.
    """
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
            need = (
                f"has none of the skills it needs ({', '.join(skills)})" if skills else "fills no requirement"
            )
            out.add(key, "requirement", f"{name} is assigned to {key} but {need}")
    if len(listed) != len(slots):
        out.add(
            key,
            "requirement",
            f"{key} is staffed by {n_people(len(listed))} ({names(listed)}); "
            f"its requirements need {len(slots)}{' (' + _describe(slots) + ')' if slots else ''}",
        )
    matched = _match(program, people, slots)
    if len(out) == before and len(matched) < len(slots):
        out.add(
            key,
            "requirement",
            f"{key}: {names(people)} cannot fill its requirements ({_describe(slots)}) one person each",
        )
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


def _span(days: DayNumbers, first: int, last: int) -> str:
    n = last - first + 1
    if n == 1:
        return f"on {days.date(first)}"
    return f"from {days.date(first)} to {days.date(last)} ({n} working days)"


def _overloads(
    load: _Load,
    limit: Callable[[str, dt.date], tuple[int, str]],
    days: DayNumbers,
    out: Violations,
    text: Callable[[str, str, str, int, int, str], str],
) -> None:
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
            out.add(
                tasks[0][0] if len(tasks) == 1 else None,
                kind,
                text(who, kind, _span(days, first, last), total, cap, named),
            )


def check_role_load(program: Program, placed: dict[str, Placed], days: DayNumbers, out: Violations) -> None:
    """Report each run of working days on which a role is asked for more people than it has."""
    use: _Load = defaultdict(lambda: defaultdict(list))
    for p in placed.values():
        for req in p.task.requires:
            if req.role is not None and p.d > 0:
                for day in range(max(p.s, 0), p.e):
                    use[req.role][day].append((p.key, req.count))
    _overloads(
        use,
        lambda r, date: (program.role_by_id[r].capacity_on(date), "role-capacity"),
        days,
        out,
        lambda r, _, span, need, cap, tasks: (
            f"role {r} is asked for {n_people(need)} {span} but has capacity {cap}: {tasks}"
        ),
    )


def _person_limit(program: Program, name: str, date: dt.date) -> tuple[int, str]:
    person = program.person_by_id[name]
    free = person.percent_on(date)
    away = free == 0 and any(w.start <= date <= w.end for w in person.leave)
    return free, "leave" if away else "person-overload"


def check_person_load(
    program: Program, placed: dict[str, Placed], allocations: Allocations, days: DayNumbers, out: Violations
) -> None:
    """Report each run of working days on which a person is booked beyond what they give, or on leave."""
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
