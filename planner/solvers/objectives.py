"""Objective tiers: weighted lateness against targets, program finish, then a secondary aim."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.models import DependencyType
from planner.solvers.instance import Instance
from planner.solvers.selection import optional_projects
from planner.solvers.variables import Variables


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
        link.pred for link in inst.program.links
        if link.type in (DependencyType.FS, DependencyType.FF) and link.lag >= 0
        and (not same_project or inst.tasks[link.pred].project == inst.tasks[link.succ].project)
        and (inst.tasks[link.succ].project not in optional
             or inst.tasks[link.pred].project == inst.tasks[link.succ].project)
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


def build_tiers(model: cp_model.CpModel, inst: Instance, var: Variables) -> list[Tier]:
    """The tiers in the order they are optimised, following the program's objective settings."""
    tiers = [t for t in (lateness(model, inst, var),) if t is not None]
    tiers.append(program_finish(model, inst, var))
    secondary = inst.program.objective.secondary
    if secondary == "project_finishes" and len(inst.program.projects) > 1:
        tiers.append(project_finishes(model, inst, var))
    elif secondary == "levelling" and inst.program.roles:
        tiers.append(levelling(model, inst, var))
    return tiers
