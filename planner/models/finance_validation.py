"""Semantic rules of a program's money and funding fields, all reported at once.

Called from :func:`planner.models.validation.find_problems`. Finds unknown project and task
names (with the closest valid one), funding rules that can never hold together (a mandatory
project that needs an excluded one, two forced projects that are alternatives) and budget
periods outside the program.

What projects need of each other is a fact of the program itself
(:attr:`planner.models.Program.project_needs`); the rules here report where it makes the funding
rules clash.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from planner.errors import Problem
from planner.models.finance import period_bounds

if TYPE_CHECKING:
    from planner.models.program import Program

Path = tuple[str | int, ...]


def _closest(name: str, options: list[str]) -> str:
    from planner.models.validation import closest

    return closest(name, options)


def _chain(needs: Mapping[str, AbstractSet[str]], start: str, goal: str) -> list[str]:
    """A shortest needs-path from ``start`` to ``goal`` (both included)."""
    before: dict[str, str | None] = {start: None}
    todo = deque([start])
    while todo:
        here = todo.popleft()
        if here == goal:
            break
        for nxt in sorted(needs[here]):
            if nxt not in before:
                before[nxt] = here
                todo.append(nxt)
    path: list[str] = []
    node: str | None = goal
    while node is not None:
        path.append(node)
        node = before[node]
    return path[::-1]


def forced_projects(program: Program) -> dict[str, str]:
    """Every project that must be funded, with the mandatory project that forces it."""
    needs = program.project_needs
    forced: dict[str, str] = {}
    for project in program.projects:
        if project.funding != "mandatory":
            continue
        todo = [project.id]
        while todo:
            here = todo.pop()
            if here in forced:
                continue
            forced[here] = project.id
            todo.extend(needs[here])
    return forced


def find_finance_problems(program: Program) -> list[Problem]:
    """Every problem of the money and funding fields of ``program``, in document order."""
    out: list[Problem] = []
    ids = [p.id for p in program.projects]
    for i, project in enumerate(program.projects):
        for k, need in enumerate(project.needs):
            if need == project.id:
                out.append(
                    Problem(("projects", i, "needs", k), project.id, "needs: a project cannot need itself")
                )
            elif need not in ids:
                out.append(
                    Problem(
                        ("projects", i, "needs", k),
                        project.id,
                        f"needs: unknown project '{need}'{_closest(need, ids)}",
                    )
                )
        if project.benefit is not None and project.benefit.from_ is not None:
            ref = project.benefit.from_
            own = [t.id for t in project.tasks]
            name = ref.split(".", 1)[1] if ref.startswith(f"{project.id}.") else ref
            if name not in own:
                out.append(
                    Problem(
                        ("projects", i, "benefit", "from"),
                        project.id,
                        f"benefit from: no task '{ref}' in project {project.id}{_closest(name, own)}",
                    )
                )
    if out:
        return out
    if program.finance is not None:
        _alternatives(program, ids, out)
    if not out:
        _forced(program, out)
    if program.finance is not None:
        _periods(program, out)
    return out


def _alternatives(program: Program, ids: list[str], out: list[Problem]) -> None:
    assert program.finance is not None
    for g, group in enumerate(program.finance.alternatives):
        path: Path = ("finance", "alternatives", g)
        if len(group) < 2:
            out.append(
                Problem(path, "finance.alternatives", "an alternatives group names at least two projects")
            )
        for k, name in enumerate(group):
            if name not in ids:
                out.append(
                    Problem(
                        (*path, k), "finance.alternatives", f"unknown project '{name}'{_closest(name, ids)}"
                    )
                )
            elif group.index(name) != k:
                out.append(Problem((*path, k), "finance.alternatives", f"project '{name}' is listed twice"))


def _forced(program: Program, out: list[Problem]) -> None:
    forced = forced_projects(program)
    needs = program.project_needs
    index = {p.id: i for i, p in enumerate(program.projects)}
    for project in program.projects:
        if project.funding == "excluded" and project.id in forced:
            root = forced[project.id]
            chain = " -> ".join(_chain(needs, root, project.id))
            out.append(
                Problem(
                    ("projects", index[root], "funding"),
                    root,
                    f"project {root} is mandatory but needs project {project.id}, which is excluded "
                    f"(needs: {chain}); make {project.id} a candidate or {root} a candidate",
                )
            )
    if program.finance is None:
        return
    for g, group in enumerate(program.finance.alternatives):
        must = [name for name in group if name in forced]
        if len(must) > 1:
            why = ", ".join(
                f"{m} (forced by {forced[m]})" if forced[m] != m else f"{m} (mandatory)" for m in must
            )
            out.append(
                Problem(
                    ("finance", "alternatives", g),
                    "finance.alternatives",
                    f"at most one of {', '.join(group)} may be funded, but {why} must all be",
                )
            )


def _periods(program: Program, out: list[Problem]) -> None:
    finance = program.finance
    assert finance is not None
    budget = finance.budget
    for label in budget.caps:
        first, last = period_bounds(label, budget.period, budget.year_start)
        path: Path = ("finance", "budget", "caps", label)
        if last < program.start:
            out.append(
                Problem(
                    path,
                    "finance.budget",
                    f"caps: period {label} ({first} to {last}) ends before the program start {program.start}",
                )
            )
        elif program.end is not None and first > program.end:
            out.append(
                Problem(
                    path,
                    "finance.budget",
                    f"caps: period {label} ({first} to {last}) starts after the program end {program.end}",
                )
            )
    if finance.appraisal_end is not None and finance.appraisal_end < program.start:
        out.append(
            Problem(
                ("finance", "appraisal_end"),
                "finance",
                f"appraisal_end {finance.appraisal_end} is before the program start {program.start}",
            )
        )
