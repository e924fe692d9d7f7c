"""Project selection in the CP-SAT model: a funding literal per project that may be left out.

Every project that may be left out (``candidate``, and ``excluded`` with its literal fixed
false) gets a literal ``funded[p]``. Its tasks have optional intervals with that literal as
presence, so role pools and people only carry funded work; staffing, dependencies and the
objective tiers only count a task when its project is funded (an unfunded task's placed end is
0, see :class:`planner.solvers.variables.Variables`).

**The dependency rule.** A dependency between tasks of two projects is a funding link too: the
successor's project can only be funded when the predecessor's is (work cannot use what was
never built). A mandatory project thus makes the projects it depends on mandatory in effect, and
an unfunded project never holds up a funded one, so a dependency is enforced exactly when its
successor is funded. ``needs`` adds such links without dates; ``alternatives`` allows at most
one project of a group.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from planner.models import Program
from planner.models.finance_validation import project_needs

if TYPE_CHECKING:
    from planner.solvers.variables import Variables


def optional_projects(program: Program) -> frozenset[str]:
    """Projects that may be left out: candidates and excluded projects."""
    return frozenset(p.id for p in program.projects if p.funding != "mandatory")


def funding_literals(model: cp_model.CpModel, program: Program) -> dict[str, cp_model.IntVar]:
    """A literal ``funded[p]`` per project that may be left out; false for excluded projects."""
    out: dict[str, cp_model.IntVar] = {}
    for project in program.projects:
        if project.funding != "mandatory":
            lit = model.new_bool_var(f"funded[{project.id}]")
            if project.funding == "excluded":
                model.add(lit == 0).with_name(f"excluded[{project.id}]")
            out[project.id] = lit
    return out


def optional_run(model: cp_model.CpModel, var: Variables, key: str, duration: int,
                 lit: cp_model.IntVar) -> cp_model.IntervalVar:
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


def add_links(model: cp_model.CpModel, program: Program, funded: dict[str, cp_model.IntVar]) -> None:
    """Needs (explicit and through dependencies) and alternatives between funding literals."""
    for project, needed in project_needs(program).items():
        for other in sorted(needed):
            if other not in funded:
                continue
            if project in funded:
                model.add_implication(funded[project], funded[other]).with_name(f"needs[{project}->{other}]")
            else:
                model.add(funded[other] == 1).with_name(f"needs[{project}->{other}]")
    if program.finance is not None:
        for group in program.finance.alternatives:
            fixed = sum(1 for p in group if p not in funded)
            model.add(sum(funded[p] for p in group if p in funded) <= 1 - fixed).with_name(
                f"alternatives[{','.join(group)}]")


def funded_values(solver: Callable[[cp_model.IntVar], int], var: Variables) -> dict[str, int]:
    """Solution values of the funding literals, by literal name."""
    return {lit.name: int(solver(lit)) for lit in var.funded.values()}


def unfunded(var: Variables, values: dict[str, int]) -> tuple[str, ...]:
    """Projects whose funding literal is false in ``values``."""
    return tuple(p for p, lit in var.funded.items() if not values.get(lit.name, 1))
