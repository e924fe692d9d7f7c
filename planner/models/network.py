"""The dependency network in working days: the link rule, earliest starts and latest ends.

Plain Python over a validated program, with no resources and no solver: the one statement of what
a dependency allows, used by the solver's instance, scenario application, the list scheduler and
the analyses alike. A task of duration ``d`` starting on working day ``s`` ends at ``e = s + d``
(exclusive; ``e = s`` for a milestone) and finishes on day ``s + max(d - 1, 0)``. A link from
``p`` to ``q`` with lag ``L`` requires: FS ``s_q >= e_p + L``; SS ``s_q >= s_p + L``; FF
``e_q >= e_p + L``; SF ``e_q >= s_p + L``. Each is a least distance between the two starts
(:func:`start_gap`).
"""

from __future__ import annotations

import graphlib
from collections import defaultdict
from dataclasses import dataclass

from planner.models.program import DependencyType, Link, Program


def start_gap(kind: DependencyType, lag: int, pred_duration: int, succ_duration: int) -> int:
    """Least distance from a predecessor's start to its successor's start that a link allows.

    The one statement of the link rule in working-day numbers: finish-to-start, start-to-start,
    finish-to-finish and start-to-finish, each with its lag. For example a finish-to-finish link
    with lag 2 from a 5-day task to a 3-day task: the successor starts at least 5 + 2 - 3 = 4
    working days after the predecessor.
    """
    if kind is DependencyType.FS:
        return pred_duration + lag
    if kind is DependencyType.SS:
        return lag
    if kind is DependencyType.FF:
        return pred_duration + lag - succ_duration
    return lag - succ_duration  # SF


def bound_on_start(link: Link, pred_start: int, pred_duration: int, duration: int) -> int:
    """The earliest start a link allows its successor (of ``duration``), given the predecessor."""
    return pred_start + start_gap(link.type, link.lag, pred_duration, duration)


def bound_on_end(link: Link, succ_start: int, succ_duration: int, duration: int) -> int:
    """The latest end (exclusive) a link allows its predecessor (of ``duration``), given the successor."""
    return succ_start - start_gap(link.type, link.lag, duration, succ_duration) + duration


def latest_end_of_date(program: Program, key: str, day: int) -> int:
    """The latest exclusive end that keeps task ``key``'s finish on or before working day ``day``."""
    return day + 1 if program.tasks[key][1].duration > 0 else day


@dataclass(frozen=True)
class Network:
    """Earliest starts (and the link or date that sets each) and latest ends of every task.

    Attributes
    ----------
    duration
        Working days per task.
    earliest
        Earliest start per task from releases, pinned starts and dependencies.
    driver
        What sets each earliest start: the index of the link in ``program.links``, or ``None``
        when a release, a pin or the program start does.
    latest_end
        Latest exclusive end per task from deadlines, the program end and dependencies
        (``None`` when nothing bounds it).
    order
        Tasks in an order compatible with the dependencies.
    """

    duration: dict[str, int]
    earliest: dict[str, int]
    driver: dict[str, int | None]
    latest_end: dict[str, int | None]
    order: tuple[str, ...]

    def earliest_end(self, key: str) -> int:
        """Exclusive end of ``key`` when it starts as early as the network allows."""
        return self.earliest[key] + self.duration[key]

    def chain(self, key: str, links: tuple[Link, ...]) -> list[str]:
        """The tasks whose links set ``key``'s earliest start, from the first one to ``key``."""
        out = [key]
        while (i := self.driver[out[-1]]) is not None and len(out) <= len(self.order):
            out.append(links[i].pred)
        return out[::-1]


def own_release(program: Program, key: str) -> int:
    """First working day the task's own or its project's release allows (0 without any)."""
    project, task = program.tasks[key]
    wd = program.working_days
    return max([wd.index_on_or_after(d) for d in (project.release, task.release) if d is not None], default=0)


def own_deadline(program: Program, key: str, with_end: bool = True) -> int | None:
    """Last working day the task's own deadline, its project's and the program end allow."""
    project, task = program.tasks[key]
    wd = program.working_days
    dates = [d for d in (task.deadline, project.deadline, program.end if with_end else None) if d is not None]
    return min((wd.index_on_or_before(d) for d in dates), default=None)


def network(program: Program, *, releases: bool = True, pins: bool = True, deadlines: bool = True) -> Network:
    """Forward and backward passes over the dependencies of ``program``.

    The forward pass: a task with a pinned start (with ``pins``) starts on it, whatever its links
    allow; any other task starts on the latest of its own and its project's release (with
    ``releases``), day 0 and what each incoming link allows from its predecessor's earliest start
    (:func:`bound_on_start`). The backward pass mirrors it from deadlines and the program end
    (with ``deadlines``) through :func:`bound_on_end`.

    Parameters
    ----------
    program
        A validated program (its dependencies form no cycle).
    releases, pins, deadlines
        Whether releases, pinned starts and deadlines (with the program end) take part.
    """
    wd = program.working_days
    duration = {k: t.duration for k, (_, t) in program.tasks.items()}
    incoming: dict[str, list[int]] = defaultdict(list)
    outgoing: dict[str, list[int]] = defaultdict(list)
    for i, link in enumerate(program.links):
        incoming[link.succ].append(i)
        outgoing[link.pred].append(i)
    graph = {k: {program.links[i].pred for i in incoming[k]} for k in program.tasks}
    order = tuple(graphlib.TopologicalSorter(graph).static_order())
    earliest: dict[str, int] = {}
    driver: dict[str, int | None] = {}
    for key in order:
        task = program.tasks[key][1]
        best, why = (own_release(program, key) if releases else 0), None
        for i in incoming[key]:
            link = program.links[i]
            allowed = bound_on_start(link, earliest[link.pred], duration[link.pred], duration[key])
            if allowed > best:
                best, why = allowed, i
        if pins and task.fixed_start is not None:
            best, why = wd.index_on_or_after(task.fixed_start), None
        earliest[key], driver[key] = max(best, 0), why
    latest: dict[str, int | None] = {}
    for key in reversed(order):
        day = own_deadline(program, key) if deadlines else None
        bound: int | None = latest_end_of_date(program, key, day) if day is not None else None
        for i in outgoing[key]:
            link = program.links[i]
            succ_end = latest[link.succ]
            if succ_end is None:
                continue
            b = bound_on_end(link, succ_end - duration[link.succ], duration[link.succ], duration[key])
            bound = b if bound is None else min(bound, b)
        latest[key] = bound
    return Network(duration, earliest, driver, latest, order)


def earliest_starts(program: Program) -> dict[str, int]:
    """Each task's earliest start (working day) from releases, pinned starts and dependencies,
    ignoring roles and people (the forward pass of :func:`network`)."""
    return network(program, deadlines=False).earliest
