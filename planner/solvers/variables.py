"""CP-SAT variables of a program: a start and an interval per task, a literal per possible assignee."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from planner.solvers.instance import Instance
from planner.solvers.selection import funding_literals


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
    funded: dict[str, cp_model.IntVar] = field(default_factory=dict)
    """Funding literal of each project that may be left out (:mod:`planner.solvers.selection`)."""
    placed_end: dict[str, cp_model.IntVar] = field(default_factory=dict)
    """End of each task of such a project when it is funded, 0 when it is not (:func:`optional_run`)."""

    def end(self, inst: Instance, key: str) -> cp_model.LinearExprT:
        """End (exclusive working-day number) of task ``key``; 0 if its project is not funded."""
        if key in self.placed_end:
            return self.placed_end[key]
        return self.start[key] + inst.tasks[key].duration

    def finish(self, inst: Instance, key: str) -> cp_model.LinearExprT:
        """Number of the task's last working day (its start for a milestone); below 0 if unfunded."""
        if key in self.placed_end:
            return self.placed_end[key] - (1 if inst.tasks[key].duration > 0 else 0)
        return self.start[key] + max(inst.tasks[key].duration - 1, 0)

    def present(self, inst: Instance, key: str) -> cp_model.IntVar | int:
        """The funding literal of task ``key``'s project, or 1 when the project is always funded."""
        return self.funded.get(inst.tasks[key].project, 1)


def optional_run(
    model: cp_model.CpModel, var: Variables, key: str, duration: int, lit: cp_model.IntVar
) -> cp_model.IntervalVar:
    """The optional interval of a task whose project may be left out, and its placed end.

    The placed end (``var.placed_end[key]``) is the task's end when it is funded and 0 when not,
    so that finish and lateness tiers ignore unfunded work.
    """
    start = var.start[key]
    hi = list(start.proto.domain)[-1] + duration
    end = model.new_int_var(0, hi, f"placed_end[{key}]")
    model.add(end == start + duration).only_enforce_if(lit)
    model.add(end == 0).only_enforce_if(~lit)
    var.placed_end[key] = end
    return model.new_optional_fixed_size_interval_var(start, duration, lit, f"run[{key}]")


def build_variables(model: cp_model.CpModel, inst: Instance) -> Variables:
    """Create start variables (domains cut by releases, dependencies and deadlines) and intervals."""
    var = Variables()
    var.funded = funding_literals(model, inst.program)
    for key, task in inst.tasks.items():
        funded = var.funded.get(task.project)
        hi = inst.horizon - task.duration
        if task.latest_finish is not None:
            hi = min(hi, task.latest_finish - max(task.duration - 1, 0))
        lo = task.earliest
        if task.fixed_start is not None:
            window_ok = lo <= task.fixed_start <= hi
            lo = hi = task.fixed_start
        else:
            window_ok = lo <= hi
            hi = max(hi, lo)
        if not window_ok:
            # an empty window: keep the model valid and let the solver prove infeasibility
            empty = model.add_bool_or([]).with_name(f"{key}: no start fits its window")
            if funded is not None:
                empty.only_enforce_if(funded)
        var.start[key] = model.new_int_var(lo, max(hi, lo), f"start[{key}]")
        if funded is None:
            var.interval[key] = model.new_fixed_size_interval_var(
                var.start[key], task.duration, f"run[{key}]"
            )
        else:
            var.interval[key] = optional_run(model, var, key, task.duration, funded)
        for r, (req, eligible) in enumerate(task.people_reqs):
            for person in eligible:
                lit = model.new_bool_var(f"assign[{key}#{r}={person}]")
                interval = model.new_optional_fixed_size_interval_var(
                    var.start[key], task.duration, lit, f"work[{key}#{r}={person}]"
                )
                var.assignments.append(Assignment(key, r, person, req.allocation, lit, interval))
    return var
