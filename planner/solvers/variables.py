"""CP-SAT variables of a program: a start and an interval per task, a literal per possible assignee."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.solvers.instance import Instance


@dataclass
class Assignment:
    """Person ``person`` fills requirement ``req`` of task ``task`` when ``literal`` is true."""

    task: str
    req: int
    person: str
    allocation: int
    literal: cp_model.IntVar
    interval: cp_model.IntervalVar


@dataclass
class Variables:
    """All decision variables, named after the program's own ids."""

    start: dict[str, cp_model.IntVar] = field(default_factory=dict)
    interval: dict[str, cp_model.IntervalVar] = field(default_factory=dict)
    assignments: list[Assignment] = field(default_factory=list)

    def end(self, inst: Instance, key: str) -> cp_model.LinearExprT:
        """End (exclusive working-day number) of task ``key``."""
        return self.start[key] + inst.tasks[key].duration

    def finish(self, inst: Instance, key: str) -> cp_model.LinearExprT:
        """Number of the task's last working day (its start for a milestone)."""
        return self.start[key] + max(inst.tasks[key].duration - 1, 0)


def build_variables(model: cp_model.CpModel, inst: Instance) -> Variables:
    """Create start variables (domains cut by releases, dependencies and deadlines) and intervals."""
    var = Variables()
    for key, task in inst.tasks.items():
        hi = inst.horizon - task.duration
        if task.latest_finish is not None:
            hi = min(hi, task.latest_finish - max(task.duration - 1, 0))
        lo = task.earliest
        if task.fixed_start is not None:
            lo = hi = task.fixed_start if lo <= task.fixed_start <= hi else -1
        if hi < lo:
            # an empty window: keep the model valid and let the solver prove infeasibility
            lo, hi = task.earliest, task.earliest
            model.add_bool_or([]).with_name(f"{key}: no start fits its window")
        var.start[key] = model.new_int_var(lo, max(hi, lo), f"start[{key}]")
        var.interval[key] = model.new_fixed_size_interval_var(var.start[key], task.duration, f"run[{key}]")
        for r, (req, eligible) in enumerate(task.people_reqs):
            for person in eligible:
                lit = model.new_bool_var(f"assign[{key}#{r}={person}]")
                interval = model.new_optional_fixed_size_interval_var(
                    var.start[key], task.duration, lit, f"work[{key}#{r}={person}]"
                )
                var.assignments.append(Assignment(key, r, person, req.allocation, lit, interval))
    return var
