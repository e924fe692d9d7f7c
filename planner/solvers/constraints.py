"""Constraint families of the CP-SAT model, one function each."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from planner.models import Link
from planner.models.network import start_gap
from planner.solvers.instance import Instance, Profile
from planner.solvers.variables import Variables


def link_constraint(
    model: cp_model.CpModel, inst: Instance, var: Variables, link: Link
) -> cp_model.Constraint:
    """The constraint of one dependency: its successor starts at least the link's gap after its
    predecessor (:func:`planner.models.network.start_gap`, the link rule for all four types)."""
    gap = start_gap(link.type, link.lag, inst.tasks[link.pred].duration, inst.tasks[link.succ].duration)
    return model.add(var.start[link.succ] >= var.start[link.pred] + gap)


def dependencies(model: cp_model.CpModel, inst: Instance, var: Variables) -> None:
    """Finish-to-start, start-to-start, finish-to-finish and start-to-finish links with lags.

    A link holds when its successor is funded (the successor's project then funds the
    predecessor's too, :mod:`planner.solvers.selection`).
    """
    for each in inst.program.links:
        ct = link_constraint(model, inst, var, each)
        if (funded := var.funded.get(inst.tasks[each.succ].project)) is not None:
            ct.only_enforce_if(funded)
    reached_milestones(model, inst, var)


def reached_milestones(model: cp_model.CpModel, inst: Instance, var: Variables) -> None:
    """Date every milestone on the working day it is reached (README, "Dates and time").

    A milestone of :attr:`planner.models.Program.reached_milestones` starts exactly at the latest
    of its lower bounds: its earliest day (its own and its project's release, day 0) and each
    incoming link's bound, ``pred start + gap`` (:func:`planner.models.network.start_gap` with a
    successor of duration 0: ``pred duration + lag`` for FS and FF, ``lag`` for SS and SF).
    Nothing else bounds a milestone from below (it uses no role or person time, and its
    successors, deadlines and targets only bound it from above), so the rule keeps every feasible
    program feasible: any schedule stays one when its milestones move to those days.

    Links only hold when the milestone's project is funded, and then every predecessor's project
    is funded too (:mod:`planner.solvers.selection`), so the rule is enforced exactly then.
    """
    reached = inst.program.reached_milestones
    incoming: dict[str, list[tuple[cp_model.LinearExprT, int]]] = defaultdict(list)
    for link in inst.program.links:
        if link.succ in reached:
            ps, pd = var.start[link.pred], inst.tasks[link.pred].duration
            gap = start_gap(link.type, link.lag, pd, inst.tasks[link.succ].duration)  # a milestone's is 0
            incoming[link.succ].append(
                (ps + gap, list(ps.proto.domain)[-1] + gap)
            )  # bound, its largest value
    for key in sorted(reached):
        start, earliest = var.start[key], inst.tasks[key].earliest
        funded = var.funded.get(inst.tasks[key].project)
        bounds = [b for b, _ in incoming.get(key, ())]
        if not bounds:
            ct = model.add(start == earliest)
        elif funded is None:
            ct = model.add_max_equality(start, [earliest, *bounds])
        else:  # the latest bound as a variable, equal to the start when the project is funded
            day = model.new_int_var(
                earliest, max(earliest, *(hi for _, hi in incoming[key])), f"reached[{key}]"
            )
            model.add_max_equality(day, [earliest, *bounds])
            ct = model.add(start == day)
        ct.with_name(f"reached[{key}]")
        if funded is not None:
            ct.only_enforce_if(funded)


def _blockers(
    model: cp_model.CpModel, profile: Profile, top: int, name: str
) -> tuple[list[cp_model.IntervalVar], list[int]]:
    """Fixed intervals that occupy ``top - level`` wherever a profile is below ``top``."""
    intervals, demands = [], []
    for first, end, level in profile:
        if level < top:
            intervals.append(model.new_fixed_size_interval_var(first, end - first, f"{name}[{first}..{end})"))
            demands.append(top - level)
    return intervals, demands


def roles(model: cp_model.CpModel, inst: Instance, var: Variables) -> None:
    """Role pools: a cumulative per role whose varying capacity is carved out by fixed blockers."""
    users: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key, task in inst.tasks.items():
        if task.duration > 0:
            for role, count in task.roles:
                users[role].append((key, count))
    for role, tasks in users.items():
        profile = inst.role_capacity[role]
        top = max(level for _, _, level in profile)
        blocks, block_demands = _blockers(model, profile, top, f"capacity-gap[{role}]")
        model.add_cumulative(
            [var.interval[k] for k, _ in tasks] + blocks, [c for _, c in tasks] + block_demands, top
        ).with_name(f"capacity[{role}]")


def people(model: cp_model.CpModel, inst: Instance, var: Variables) -> None:
    """Who does what: exactly ``count`` people per requirement, and each person's daily share.

    A person whose share is always 0 or 100 and who only takes full-time work gets a no-overlap
    constraint (stronger propagation); otherwise a cumulative of percentages.
    """
    by_req: dict[tuple[str, int], list] = defaultdict(list)
    by_task_person: dict[tuple[str, str], list] = defaultdict(list)
    by_person: dict[str, list] = defaultdict(list)
    for a in var.assignments:
        by_req[(a.task, a.req)].append(a)
        by_task_person[(a.task, a.person)].append(a.literal)
        if inst.tasks[a.task].duration > 0:
            by_person[a.person].append(a)
    for (key, r), options in by_req.items():
        req = inst.tasks[key].people_reqs[r][0]
        model.add(sum(a.literal for a in options) == req.count * var.present(inst, key)).with_name(
            f"staff[{key}#{r}]"
        )
    for key, task in inst.tasks.items():
        for r, (req, eligible) in enumerate(task.people_reqs):
            if not eligible:
                model.add_bool_or([]).with_name(f"staff[{key}#{r}]: nobody eligible")
    for (key, person), lits in by_task_person.items():
        if len(lits) > 1:
            model.add_at_most_one(lits)
        fixed = inst.tasks[key].fixed_people
        if fixed:
            model.add(sum(lits) == (var.present(inst, key) if person in fixed else 0))
    for key, task in inst.tasks.items():
        missing = [p for p in task.fixed_people if (key, p) not in by_task_person]
        if missing:
            model.add_bool_or([]).with_name(f"fixed_people[{key}]: {missing} cannot fill a requirement")
    for person, work in by_person.items():
        profile = inst.person_percent[person]
        full_time = all(a.allocation == 100 for a in work) and all(lv in (0, 100) for _, _, lv in profile)
        blocks, block_demands = _blockers(model, profile, 100, f"away[{person}]")
        if full_time:
            model.add_no_overlap([a.interval for a in work] + blocks).with_name(f"busy[{person}]")
        else:
            model.add_cumulative(
                [a.interval for a in work] + blocks, [a.allocation for a in work] + block_demands, 100
            ).with_name(f"busy[{person}]")
