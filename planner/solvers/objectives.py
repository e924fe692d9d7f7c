"""Objective tiers: weighted lateness against targets, program finish, a secondary aim, then early.

The last tier, ``early``, moves every task as early as the tiers before it allow (tasks marked
``as_late_as_possible`` as late): it is optimised with every other tier held, so it never makes
one of them worse, and it decides where work with slack sits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.models import DependencyType
from planner.solvers.instance import Instance
from planner.solvers.selection import optional_projects
from planner.solvers.variables import Variables

EARLY = "early"
"""Name of the final tier (:func:`early`)."""
EARLY_WEIGHT = 2
"""Weight of an ordinary task's start in the ``early`` tier."""
LATE_WEIGHT = -1
"""Weight of the start of a task marked ``as_late_as_possible`` in the ``early`` tier."""
EARLY_SHARE = 0.1
"""Share of the time left that the tier before ``early`` leaves to it (more when it is proven sooner)."""
EARLY_MAX_SHARE = 0.25
"""Most of the time limit the ``early`` tier may use: it starts from the schedule in hand and only
moves work with slack, so a solve whose business tiers are proven soon also ends soon."""


@dataclass(frozen=True)
class Tier:
    """One objective to minimise, with the name the schedule's record reports."""

    name: str
    expr: cp_model.LinearExprT


def _sinks(inst: Instance, same_project: bool = False) -> list[str]:
    """Tasks whose end no finish-to-start or finish-to-finish successor already bounds.

    With ``same_project`` only successors in the task's own project count. A successor in a
    project that may be left out only covers tasks of its own project.
    """
    optional = optional_projects(inst.program)
    covered = {
        link.pred
        for link in inst.program.links
        if link.type in (DependencyType.FS, DependencyType.FF)
        and link.lag >= 0
        and (not same_project or inst.tasks[link.pred].project == inst.tasks[link.succ].project)
        and (
            inst.tasks[link.succ].project not in optional
            or inst.tasks[link.pred].project == inst.tasks[link.succ].project
        )
    }
    return [k for k in inst.tasks if k not in covered]


def lateness(model: cp_model.CpModel, inst: Instance, var: Variables) -> Tier | None:
    """Sum of weight x working days late over task and project targets (None without targets).

    Lateness is an exact maximum, not a bound, so every schedule reports its true value.
    """
    terms = []
    for key, task in inst.tasks.items():
        for day, weight in task.targets:
            if weight > 0:
                late = model.new_int_var(0, inst.horizon, f"late[{key}]")
                model.add_max_equality(late, [0, var.finish(inst, key) - day])
                terms.append(weight * late)
    by_project: dict[str, list[str]] = defaultdict(list)
    for key, task in inst.tasks.items():
        by_project[task.project].append(key)
    for project, (day, weight) in inst.project_targets.items():
        if weight > 0:
            late = model.new_int_var(0, inst.horizon, f"late[{project}]")
            model.add_max_equality(late, [0, *(var.finish(inst, key) - day for key in by_project[project])])
            terms.append(weight * late)
    return Tier("lateness", sum(terms)) if terms else None


def program_finish(model: cp_model.CpModel, inst: Instance, var: Variables) -> Tier:
    """The end (exclusive working-day number) of the last task: the program's makespan."""
    finish = model.new_int_var(0, inst.horizon, "program_finish")
    model.add_max_equality(finish, [var.end(inst, key) for key in _sinks(inst)])
    return Tier("finish", finish)


def project_finishes(model: cp_model.CpModel, inst: Instance, var: Variables) -> Tier:
    """Sum over projects of each project's end: every project as early as it can be."""
    ends: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
    for key in _sinks(inst, same_project=True):
        ends[inst.tasks[key].project].append(var.end(inst, key))
    finishes = []
    for project, exprs in ends.items():
        finish = model.new_int_var(0, inst.horizon, f"project_finish[{project}]")
        model.add_max_equality(finish, exprs)
        finishes.append(finish)
    return Tier("project_finishes", sum(finishes))


def levelling(model: cp_model.CpModel, inst: Instance, var: Variables) -> Tier:
    """Sum over roles of each role's peak use: the flattest load the other tiers allow."""
    peaks = []
    for role in inst.program.roles:
        users = [(k, c) for k, t in inst.tasks.items() if t.duration > 0 for r, c in t.roles if r == role.id]
        if not users:
            continue
        peak = model.new_int_var(0, role.max_capacity, f"peak[{role.id}]")
        model.add_cumulative([var.interval[k] for k, _ in users], [c for _, c in users], peak)
        peaks.append(peak)
    return Tier("levelling", sum(peaks))


def early(model: cp_model.CpModel, inst: Instance, var: Variables) -> Tier:
    """Every task as early as the other tiers allow; those marked ``as_late_as_possible`` as late.

    The sum over scheduled tasks of :data:`EARLY_WEIGHT` x start (working-day number) for an
    ordinary task and :data:`LATE_WEIGHT` x start for one marked ``as_late_as_possible``; a task
    of an unfunded project counts 0. Milestones dated when reached
    (:func:`planner.solvers.constraints.reached_milestones`) do not count: their day follows from
    their predecessors'. At the optimum no task can start a day earlier (or, marked, later) on its
    own. Because an ordinary task weighs more than a marked one, a marked task only moves later
    into its free slack: as late as it can without starting any other task later.
    """
    del model  # nothing to add: the tier is a sum of starts
    terms: list[cp_model.LinearExprT] = []
    for key, (_, task) in inst.program.tasks.items():
        if key in inst.program.reached_milestones:
            continue
        weight = LATE_WEIGHT if task.as_late_as_possible else EARLY_WEIGHT
        if key in var.placed_end:  # its project may be left out: the start when funded, 0 when not
            terms.append(weight * (var.placed_end[key] - task.duration * var.funded[inst.tasks[key].project]))
        else:
            terms.append(weight * var.start[key])
    return Tier(EARLY, sum(terms))


def before_early(tiers: list[Tier], extra: list[Tier]) -> list[Tier]:
    """``tiers`` with ``extra`` (e.g. the stability tiers of a replan) just before the ``early`` tier."""
    at = len(tiers) - 1 if tiers and tiers[-1].name == EARLY else len(tiers)
    return [*tiers[:at], *extra, *tiers[at:]]


def ranked(values: Mapping[str, int], tiers: Sequence[Tier]) -> list[int]:
    """The values of ``tiers`` in their order: schedules compare as these lists do (the first
    tier decides, then the next)."""
    return [values[t.name] for t in tiers]


def _secondary(inst: Instance) -> str | None:
    """The secondary tier's name, when the program has one that is not constant."""
    secondary = inst.program.objective.secondary
    if secondary == "project_finishes" and len(inst.program.projects) > 1:
        return "project_finishes"
    if secondary == "levelling" and inst.program.roles:
        return "levelling"
    return None


def build_tiers(model: cp_model.CpModel, inst: Instance, var: Variables) -> list[Tier]:
    """The tiers in the order they are optimised, following the program's objective settings.

    The business tiers (lateness, finish, the secondary aim), then :func:`early`.
    """
    tiers = [t for t in (lateness(model, inst, var),) if t is not None]
    tiers.append(program_finish(model, inst, var))
    secondary = _secondary(inst)
    if secondary == "project_finishes":
        tiers.append(project_finishes(model, inst, var))
    elif secondary == "levelling":
        tiers.append(levelling(model, inst, var))
    tiers.append(early(model, inst, var))
    return tiers


def tier_values(inst: Instance, start: Mapping[str, int]) -> dict[str, int]:
    """The value of each tier of :func:`build_tiers` for the schedule with these starts (working-day
    numbers), computed without a model, in the tiers' order.

    For a schedule found without CP-SAT (a program too large for its time limit to build the model)
    of a program with no project that may be left out (the board's tier and the funding literals
    need the model). Each value is the tier's expression above at those starts: tests hold the two
    to agree on solved programs.
    """
    tasks = inst.tasks

    def last_day(key: str) -> int:
        return start[key] + max(tasks[key].duration - 1, 0)

    def end(key: str) -> int:
        return start[key] + tasks[key].duration

    out: dict[str, int] = {}
    late = [
        weight * max(0, last_day(key) - day)
        for key, task in tasks.items()
        for day, weight in task.targets
        if weight > 0
    ]
    by_project: dict[str, list[str]] = defaultdict(list)
    for key, task in tasks.items():
        by_project[task.project].append(key)
    late += [
        weight * max([0, *(last_day(key) - day for key in by_project[project])])
        for project, (day, weight) in inst.project_targets.items()
        if weight > 0
    ]
    if late:
        out["lateness"] = sum(late)
    out["finish"] = max((end(key) for key in _sinks(inst)), default=0)
    secondary = _secondary(inst)
    if secondary == "project_finishes":
        ends: dict[str, int] = {}
        for key in _sinks(inst, same_project=True):
            project = tasks[key].project
            ends[project] = max(ends.get(project, 0), end(key))
        out[secondary] = sum(ends.values())
    elif secondary == "levelling":
        peaks = 0
        for role in inst.program.roles:
            use: dict[int, int] = defaultdict(int)
            for key, task in tasks.items():
                for r, count in task.roles:
                    if r == role.id and task.duration > 0:
                        for day in range(start[key], end(key)):
                            use[day] += count
            peaks += max(use.values(), default=0)
        out[secondary] = peaks
    out[EARLY] = sum(
        (LATE_WEIGHT if task.as_late_as_possible else EARLY_WEIGHT) * start[key]
        for key, (_, task) in inst.program.tasks.items()
        if key not in inst.program.reached_milestones
    )
    return out


def early_floor(inst: Instance) -> int:
    """A lower bound of the :func:`early` tier from each task's window alone (no model)."""
    total = 0
    for key, (_, task) in inst.program.tasks.items():
        if key in inst.program.reached_milestones:
            continue
        data = inst.tasks[key]
        lo = data.fixed_start if data.fixed_start is not None else data.earliest
        hi = data.fixed_start if data.fixed_start is not None else inst.horizon - data.duration
        total += LATE_WEIGHT * max(hi, lo) if task.as_late_as_possible else EARLY_WEIGHT * lo
    return total
