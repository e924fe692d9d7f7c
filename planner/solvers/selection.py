"""Project selection in the CP-SAT model: a funding literal per project that may be left out.

Every project that may be left out (``candidate``, and ``excluded`` with its literal fixed
false) gets a literal ``funded[p]``. Its tasks have optional intervals with that literal as
presence, so role pools and people only carry funded work; staffing, dependencies and the
objective tiers only count a task when its project is funded (an unfunded task's placed end is
0, see :class:`planner.solvers.variables.Variables`, which builds those intervals).

**The dependency rule.** A dependency between tasks of two projects is a funding link too: the
successor's project can only be funded when the predecessor's is (work cannot use what was
never built). A mandatory project thus makes the projects it depends on mandatory in effect, and
an unfunded project never holds up a funded one, so a dependency is enforced exactly when its
successor is funded. ``needs`` adds such links without dates; ``alternatives`` allows at most
one project of a group.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from planner.models import Program


def optional_projects(program: Program) -> frozenset[str]:
    """Projects that may be left out: candidates and excluded projects."""
    return frozenset(p.id for p in program.projects if p.funding != "mandatory")


def always_funded(program: Program) -> frozenset[str]:
    """Projects every schedule funds: the mandatory ones and, in turn, every project they need."""
    funded = {p.id for p in program.projects if p.funding == "mandatory"}
    needs = program.project_needs
    todo = list(funded)
    while todo:
        for other in needs[todo.pop()]:
            if other not in funded:
                funded.add(other)
                todo.append(other)
    return frozenset(funded)


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


def add_links(model: cp_model.CpModel, program: Program, funded: dict[str, cp_model.IntVar]) -> None:
    """Needs (explicit and through dependencies) and alternatives between funding literals."""
    for project, needed in program.project_needs.items():
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
                f"alternatives[{','.join(group)}]"
            )
