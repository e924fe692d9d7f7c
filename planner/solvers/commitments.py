"""The program's negotiable commitments, and a CP-SAT model in which each can be switched.

A *commitment* is a promise the program makes that people could renegotiate: a deadline, a
release date, the program end, a pinned start, a role's capacity over a window, a person's leave.
Everything else (durations, staffing rules, a person being one person) is a fact and stays hard.
The commitments themselves are plain data (:mod:`planner.models.commitments`); this module lists a
program's and compiles them.

:func:`list_commitments` names every commitment of a program; :func:`build_board` compiles the
program with each commitment in one of four modes:

``hard``
    an ordinary constraint;
``switch``
    guarded by its own literal, to be passed as an assumption (conflict search);
``slack``
    relaxed by an amount the model minimises (repair pricing);
absent
    left out of the model altogether.

Capacities are never variables: a role is a cumulative with a constant capacity large enough for
all its work, and every capacity window is an optional fixed *blocker* interval that occupies
what the window does not have (docs/design.md, "Conflict explanations"). Leave is a blocker on the
person's own no-overlap or cumulative.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

from planner.models import Person, Program, Schedule, SolveStatus
from planner.models.commitments import (
    DEADLINES,
    RELEASES,
    CapacityCommitment,
    Commitment,
    CommitmentKind,
    DatedCommitment,
    LeaveCommitment,
)
from planner.solvers import constraints
from planner.solvers.cpsat import scheduled_tasks, solution_values
from planner.solvers.instance import Instance, Profile, build_instance
from planner.solvers.variables import Variables, build_variables

Mode = Literal["hard", "switch", "slack"]


__all__ = [
    "Board",
    "Commitment",
    "CommitmentKind",
    "Mode",
    "bare_instance",
    "base_percent",
    "build_board",
    "list_commitments",
    "role_demand",
]


def base_percent(person: Person, day: dt.date) -> int:
    """Share of ``day`` the person gives to the program ignoring leave (availability, part time)."""
    value = person.availability
    for window in person.part_time:
        if window.start <= day <= window.end:
            value = window.percent
    return value


def _runs(levels: list[int]) -> Profile:
    runs: list[tuple[int, int, int]] = []
    for day, value in enumerate(levels):
        if runs and runs[-1][2] == value and runs[-1][1] == day:
            runs[-1] = (runs[-1][0], day + 1, value)
        else:
            runs.append((day, day + 1, value))
    return tuple(runs)


def bare_instance(program: Program) -> Instance:
    """The program's instance with no commitment baked in.

    No deadline, release or pin narrows a start's domain, the horizon ignores the program end,
    and people's profiles leave out leave (availability and part time stay): commitments are
    added as constraints by :func:`build_board` instead.
    """
    free = program.model_copy(update={"end": None}) if program.end is not None else program
    inst = build_instance(free)
    inst.program = program
    inst.tasks = {
        k: dataclasses.replace(t, earliest=0, latest_finish=None, fixed_start=None)
        for k, t in inst.tasks.items()
    }
    wd = program.working_days
    days = [wd.date(i) for i in range(inst.horizon)]
    inst.person_percent = {p.id: _runs([base_percent(p, d) for d in days]) for p in program.people}
    return inst


def role_demand(inst: Instance) -> dict[str, int]:
    """Per role, the sum of the counts of every task using it: more capacity never matters."""
    total: dict[str, int] = defaultdict(int)
    for task in inst.tasks.values():
        if task.duration > 0:
            for role, count in task.roles:
                total[role] += count
    return dict(total)


def list_commitments(program: Program, inst: Instance | None = None) -> list[Commitment]:
    """Every negotiable commitment of ``program``, in document order within each kind.

    Capacity windows are the runs of constant capacity of each role that some task uses and
    that could ever bind (capacity below the role's total demand); leave windows are those with
    at least one working day on which the person would otherwise work.
    """
    inst = inst or bare_instance(program)
    wd = program.working_days
    out: list[Commitment] = []
    by_project: dict[str, list[str]] = defaultdict(list)
    for key, (project, _) in program.tasks.items():
        by_project[project.id].append(key)
    for project in program.projects:
        keys = tuple(by_project[project.id])
        if project.deadline is not None:
            out.append(
                DatedCommitment(
                    f"project_deadline:{project.id}",
                    "project_deadline",
                    project.id,
                    keys,
                    day=wd.index_on_or_before(project.deadline),
                    date=project.deadline,
                )
            )
        if project.release is not None:
            out.append(
                DatedCommitment(
                    f"project_release:{project.id}",
                    "project_release",
                    project.id,
                    keys,
                    day=wd.index_on_or_after(project.release),
                    date=project.release,
                )
            )
    for key, (_, task) in program.tasks.items():
        if task.deadline is not None:
            out.append(
                DatedCommitment(
                    f"deadline:{key}",
                    "deadline",
                    key,
                    (key,),
                    day=wd.index_on_or_before(task.deadline),
                    date=task.deadline,
                )
            )
        if task.release is not None:
            out.append(
                DatedCommitment(
                    f"release:{key}",
                    "release",
                    key,
                    (key,),
                    day=wd.index_on_or_after(task.release),
                    date=task.release,
                )
            )
        if task.fixed_start is not None:
            out.append(
                DatedCommitment(
                    f"pinned:{key}",
                    "pinned",
                    key,
                    (key,),
                    day=wd.index_on_or_after(task.fixed_start),
                    date=task.fixed_start,
                )
            )
    if program.end is not None:
        out.append(
            DatedCommitment(
                "end",
                "end",
                "program",
                tuple(program.tasks),
                day=wd.index_on_or_before(program.end),
                date=program.end,
            )
        )
    demand = role_demand(inst)
    for role in program.roles:
        users = tuple(
            k for k, t in inst.tasks.items() if t.duration > 0 and any(r == role.id for r, _ in t.roles)
        )
        if not users:
            continue
        runs = inst.role_capacity[role.id]
        for i, (first, end, level) in enumerate(runs):
            if level >= demand[role.id]:
                continue
            last = i == len(runs) - 1
            out.append(
                CapacityCommitment(
                    f"capacity:{role.id}:{i}",
                    role.id,
                    users,
                    first=first,
                    end=end,
                    level=level,
                    date=wd.date(first),
                    until=None if last else wd.date(end - 1),
                    open_ended=last,
                    index=i,
                )
            )
    for person in program.people:
        users = tuple(
            k
            for k, t in inst.tasks.items()
            if t.duration > 0 and any(person.id in eligible for _, eligible in t.people_reqs)
        )
        for j, window in enumerate(person.leave):
            span = [
                d
                for d in wd.span(window.start, window.end)
                if d < inst.horizon and base_percent(person, wd.date(d)) > 0
            ]
            if not span or not users:
                continue
            out.append(
                LeaveCommitment(
                    f"leave:{person.id}:{j}",
                    person.id,
                    users,
                    first=span[0],
                    end=span[-1] + 1,
                    date=window.start,
                    until=window.end,
                    index=j,
                )
            )
    return out


@dataclass
class Board:
    """A compiled program whose commitments (and perhaps dependencies) can be switched.

    Attributes
    ----------
    model, inst, var
        The CP-SAT model, its instance and its variables.
    literals
        Switch literal of every commitment or link in ``switch`` mode, by id; dependency links
        have ids ``link:<position in program.links>``.
    owner
        Map from a literal's index to its id (cores are read through it only).
    slacks
        Terms of the amount to minimise when some commitment is in ``slack`` mode.
    leave_days
        For a leave commitment in slack mode: ``(day, kept literal)`` per working day.
    """

    model: cp_model.CpModel
    inst: Instance
    var: Variables
    literals: dict[str, cp_model.IntVar] = field(default_factory=dict)
    owner: dict[int, str] = field(default_factory=dict)
    slacks: list[cp_model.LinearExprT] = field(default_factory=list)
    leave_days: dict[str, list[tuple[int, cp_model.IntVar]]] = field(default_factory=dict)

    def switch(self, ident: str) -> cp_model.IntVar:
        """A new literal that guards commitment or link ``ident``."""
        lit = self.model.new_bool_var(f"keep[{ident}]")
        self.literals[ident] = lit
        self.owner[lit.index] = ident
        return lit

    def schedule(self, solver: cp_model.CpSolver, status: SolveStatus = SolveStatus.FEASIBLE) -> Schedule:
        """The dated schedule of the solver's current solution, every task placed (no solve record)."""
        values = solution_values(solver, self.var)
        return Schedule(
            program=self.inst.program.name,
            status=status,
            tasks=scheduled_tasks(self.inst, self.var, values, funded_only=False),
        )


def build_board(
    program: Program,
    commitments: list[Commitment],
    modes: Mapping[str, Mode],
    *,
    links: Literal["hard", "switch"] = "hard",
    extra: Mapping[str, int] | None = None,
    inst: Instance | None = None,
) -> Board:
    """Compile ``program`` with each commitment in the mode ``modes`` gives it (absent: left out).

    Parameters
    ----------
    program
        A validated program.
    commitments
        Its commitments, from :func:`list_commitments`.
    modes
        ``hard``, ``switch`` or ``slack`` per commitment id; commitments not named are left out.
    links
        Dependencies as hard constraints, or each behind its own switch literal.
    extra
        Capacity commitments only: people added to the window's level (repair pricing).
    inst
        The :func:`bare_instance` of ``program``, when the caller already has it.

    Returns
    -------
    Board
        The model with its switch literals and slack terms; it has no objective.
    """
    inst = inst or bare_instance(program)
    model = cp_model.CpModel()
    var = build_variables(model, inst)
    board = Board(model, inst, var)
    if links == "hard":
        constraints.dependencies(model, inst, var)
    else:
        _switched_links(board)
    constraints.people(model, inst, var)
    extra = extra or {}
    chosen = [c for c in commitments if c.id in modes]
    for c in chosen:
        if isinstance(c, DatedCommitment):
            _dated(board, c, modes[c.id])
    _roles(board, [c for c in chosen if isinstance(c, CapacityCommitment)], modes, extra)
    _leave(board, [c for c in chosen if isinstance(c, LeaveCommitment)], modes)
    return board


def _switched_links(board: Board) -> None:
    """Every dependency behind its own switch literal ``link:<position in program.links>``."""
    for i, link in enumerate(board.inst.program.links):
        constraints.link_constraint(board.model, board.inst, board.var, link).only_enforce_if(
            board.switch(f"link:{i}")
        )


def _dated(board: Board, c: DatedCommitment, mode: Mode) -> None:
    """Deadlines, the end, releases and pins: linear constraints on the starts of their tasks."""
    model, var, inst = board.model, board.var, board.inst
    lit = board.switch(c.id) if mode == "switch" else None
    slack = model.new_int_var(0, inst.horizon, f"slack[{c.id}]") if mode == "slack" else 0
    if mode == "slack":
        board.slacks.append(slack)
    for key in c.tasks:
        start = var.start[key]
        if c.kind in DEADLINES:
            ct = model.add(var.finish(inst, key) <= c.day + slack)
        elif c.kind in RELEASES:
            ct = model.add(start >= c.day - slack)
        elif mode == "slack":  # a pinned start may move either way
            model.add(start - c.day <= slack)
            ct = model.add(c.day - start <= slack)
        else:
            ct = model.add(start == c.day)
        if lit is not None:
            ct.only_enforce_if(lit)


def _roles(
    board: Board, windows: list[CapacityCommitment], modes: Mapping[str, Mode], extra: Mapping[str, int]
) -> None:
    """One cumulative per role, with a constant capacity and one optional blocker per window."""
    model, inst, var = board.model, board.inst, board.var
    demand = role_demand(inst)
    by_role: dict[str, list[CapacityCommitment]] = defaultdict(list)
    for c in windows:
        by_role[c.subject].append(c)
    for role, chosen in by_role.items():
        top = demand[role]
        users = [(k, n) for k, t in inst.tasks.items() if t.duration > 0 for r, n in t.roles if r == role]
        intervals = [var.interval[k] for k, _ in users]
        demands = [n for _, n in users]
        for c in chosen:
            gap = top - c.level - extra.get(c.id, 0)
            if gap <= 0:
                continue
            name = f"capacity[{c.id}]"
            if modes[c.id] == "switch":
                lit = board.switch(c.id)
                intervals.append(
                    model.new_optional_fixed_size_interval_var(c.first, c.end - c.first, lit, name)
                )
            else:
                intervals.append(model.new_fixed_size_interval_var(c.first, c.end - c.first, name))
            demands.append(gap)
        model.add_cumulative(intervals, demands, top).with_name(f"capacity[{role}]")


def _leave(board: Board, windows: list[LeaveCommitment], modes: Mapping[str, Mode]) -> None:
    """Per person with leave in the model, its work, part-time blockers and switchable leave."""
    model, inst, var = board.model, board.inst, board.var
    program = inst.program
    wd = program.working_days
    by_person: dict[str, list[LeaveCommitment]] = defaultdict(list)
    for c in windows:
        by_person[c.subject].append(c)
    work: dict[str, list] = defaultdict(list)
    for a in var.assignments:
        if inst.tasks[a.task].duration > 0:
            work[a.person].append(a)
    for pid, chosen in by_person.items():
        person = program.person_by_id[pid]
        profile = inst.person_percent[pid]
        jobs = work.get(pid, [])
        if not jobs:
            continue
        full_time = all(a.allocation == 100 for a in jobs) and all(lv in (0, 100) for _, _, lv in profile)
        intervals = [a.interval for a in jobs]
        demands = [a.allocation for a in jobs]
        for first, end, level in profile:
            if level < 100:
                intervals.append(model.new_fixed_size_interval_var(first, end - first, f"part-time[{pid}]"))
                demands.append(100 - level)
        taken: set[int] = set()
        for c in sorted(chosen, key=lambda c: c.index):
            mode = modes[c.id]
            lit = board.switch(c.id) if mode == "switch" else None
            days = [
                d
                for d in range(c.first, c.end)
                if d not in taken
                and base_percent(person, wd.date(d)) > 0
                and _on_leave(person, c.index, wd.date(d))
            ]
            taken.update(days)
            if mode == "slack":
                kept = []
                for d in days:
                    here = model.new_bool_var(f"leave[{c.id}@{d}]")
                    kept.append((d, here))
                    intervals.append(
                        model.new_optional_fixed_size_interval_var(d, 1, here, f"leave[{c.id}@{d}]")
                    )
                    demands.append(base_percent(person, wd.date(d)))
                board.leave_days[c.id] = kept
                board.slacks.extend(1 - here for _, here in kept)
                continue
            for first, end, share in _blocks([(d, base_percent(person, wd.date(d))) for d in days]):
                name = f"leave[{c.id}]"
                if lit is not None:
                    iv = model.new_optional_fixed_size_interval_var(first, end - first, lit, name)
                else:
                    iv = model.new_fixed_size_interval_var(first, end - first, name)
                intervals.append(iv)
                demands.append(share)
        if full_time:
            model.add_no_overlap(intervals).with_name(f"leave-busy[{pid}]")
        else:
            model.add_cumulative(intervals, demands, 100).with_name(f"leave-busy[{pid}]")


def _on_leave(person: Person, index: int, day: dt.date) -> bool:
    window = person.leave[index]
    return window.start <= day <= window.end


def _blocks(days: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Runs ``(first, end, share)`` of consecutive days with the same share."""
    out: list[tuple[int, int, int]] = []
    for d, share in days:
        if out and out[-1][1] == d and out[-1][2] == share:
            out[-1] = (out[-1][0], d + 1, share)
        else:
            out.append((d, d + 1, share))
    return out
