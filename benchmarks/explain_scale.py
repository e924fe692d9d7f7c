"""Time to a minimal conflict explanation on generated programs with a planted conflict.

Usage::

    python -m benchmarks.explain_scale [--sizes 100 300 1000] [--seed 7] [--check-time 5] [--repairs]

Each program has projects of 25 tasks (parallel chains with cross-project links, roles, people
with skills and leave, releases, generous project deadlines found from a real solve) and two
plantings, each measured on its own copy of the program:

- ``chain``: a pure dependency chain released 10 working days after its project starts, with
  a milestone due 3 working days before the chain can reach it: the minimal set is exactly
  {the chain head's release, the milestone's deadline}, linked by the chain's links;
- ``capacity``: a role with one person and three 5-day tasks due in the first week of the
  plan: the minimal set is exactly {the role's capacity, the three deadlines}.

The time measured is :func:`planner.solvers.conflicts.find_conflicts` with ``limit=1``: the first
core, the deletion filter that proves it minimal, and the second tier (the linking dependencies).
With ``--repairs`` the time of the whole :func:`planner.analysis.explanations.infeasibility.explain_infeasible`
(pricing every member, re-solving and checking each repair) is reported too. The answer is
compared with the planted set; a mismatch is printed as such.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time
from typing import Any

from planner.analysis.explanations.infeasibility import explain_infeasible
from planner.models import Program
from planner.solvers import SolveOptions, solve
from planner.solvers.conflicts import find_conflicts

START = "2027-01-04"
ROLES = ("developer", "tester", "analyst", "devops")
SKILLS = ("sql", "java", "cobol", "security", "payments", "data", "ux", "cloud")


def base_program(n: int, seed: int) -> dict[str, Any]:
    """A feasible program of about ``n`` tasks, as the document a user would write."""
    rng = random.Random(seed)
    projects = []
    count = max(n // 25, 1)
    scale = max(count // 4, 1)
    roles = [{"id": r, "capacity": 2 * scale + (i == 0) * scale} for i, r in enumerate(ROLES)]
    people: list[dict[str, Any]] = []
    for i in range(max(8, count * 2)):
        skills = rng.sample(SKILLS, 2)
        week = rng.randrange(4, 40)
        people.append(
            {
                "id": f"person{i}",
                "name": f"Person {i}",
                "skills": skills,
                "leave": [{"from": _day(week * 7), "to": _day(week * 7 + 4), "reason": "holiday"}],
            }
        )
    have: set[str] = {s for p in people for s in p["skills"]}
    for j in range(count):
        tasks = []
        for k in range(24):
            task: dict[str, Any] = {"id": f"t{k}", "duration": rng.randint(2, 10)}
            if k % 5:
                task["after"] = [f"t{k - 1}"]
            elif k:
                task["after"] = [f"t{rng.randrange(k)}"]
            draw = rng.random()
            if draw < 0.6:
                task["requires"] = [{"role": rng.choice(ROLES), "count": rng.randint(1, 2)}]
            elif draw < 0.85:
                task["requires"] = [{"skill": rng.choice(sorted(have))}]
            tasks.append(task)
        tasks.append({"id": "done", "milestone": True, "after": [f"t{k}" for k in (4, 9, 14, 19, 23)]})
        project: dict[str, Any] = {"id": f"p{j}", "tasks": tasks}
        if j and rng.random() < 0.5:
            project["release"] = _day(rng.randrange(0, 60))
        projects.append(project)
    dependencies = []
    for j in range(1, count):
        for _ in range(2):
            i = rng.randrange(j)
            dependencies.append({"from": f"p{i}.t{rng.randrange(24)}", "to": f"p{j}.t{rng.randrange(24)}"})
    return {
        "name": f"generated {n}",
        "start": START,
        "roles": roles,
        "people": people,
        "projects": projects,
        "dependencies": dependencies,
    }


def _day(offset: int) -> str:
    import datetime as dt

    return str(dt.date.fromisoformat(START) + dt.timedelta(days=offset))


def with_deadlines(doc: dict[str, Any], workers: int) -> dict[str, Any]:
    """Every project due 20 working days (4 weeks) after it finishes in a real solve: decoys that hold."""
    program = Program.model_validate(doc)
    schedule = solve(program, SolveOptions(time_limit=30, workers=workers))
    finish: dict[str, Any] = {}
    for row in schedule.tasks:
        finish[row.project] = max(finish.get(row.project, row.finish), row.finish)
    import datetime as dt

    for project in doc["projects"]:
        project["deadline"] = str(finish[project["id"]] + dt.timedelta(days=28))
    return doc


def plant_chain(doc: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """A resource-free chain of 6 x 5 days released on day 10 of a project, due 3 days too early."""
    import copy
    import datetime as dt

    doc = copy.deepcopy(doc)
    project = doc["projects"][len(doc["projects"]) // 2]
    chain = [
        {"id": f"chain{k}", "duration": 5, **({"after": [f"chain{k - 1}"]} if k else {})} for k in range(6)
    ]
    chain[0]["release"] = "2027-01-18"  # working day 10
    # the chain can reach its milestone on working day 10 + 30 = 40 (Monday 1 March); due 3 days earlier
    chain.append({"id": "chain_done", "milestone": True, "after": ["chain5"], "deadline": "2027-02-24"})
    project["tasks"].extend(chain)
    project.pop("release", None)
    pid = project["id"]
    assert dt.date.fromisoformat("2027-02-24") < dt.date(2027, 3, 1)
    return doc, {f"release:{pid}.chain0", f"deadline:{pid}.chain_done"}


def plant_capacity(doc: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """A one-person role and two 3-day tasks due Friday 8 January: 6 days of work in 5."""
    import copy

    doc = copy.deepcopy(doc)
    doc["roles"].append({"id": "auditor", "capacity": 1})
    project = doc["projects"][0]
    project["tasks"].extend(
        {"id": f"audit{k}", "duration": 3, "requires": [{"role": "auditor"}], "deadline": "2027-01-08"}
        for k in range(2)
    )
    pid = project["id"]
    return doc, {"capacity:auditor:0", *(f"deadline:{pid}.audit{k}" for k in range(2))}


def main() -> None:
    """Generate, plant, explain, and print one row per size and planting."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--check-time", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2, help="workers of the setup solve and of repairs")
    parser.add_argument("--repairs", action="store_true", help="also time the priced, checked repairs")
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(
        "| tasks | planting | commitments | links | members | linking deps | checks | proven | "
        "minimal explanation (s) | matches plant |" + (" with repairs (s) |" if args.repairs else "")
    )
    print("|---|---|---|---|---|---|---|---|---|---|" + ("---|" if args.repairs else ""))
    for n in args.sizes:
        doc = with_deadlines(base_program(n, args.seed), args.workers)
        for name, plant in (("chain", plant_chain), ("capacity", plant_capacity)):
            planted_doc, expected = plant(doc)
            program = Program.model_validate(planted_doc)
            started = time.perf_counter()
            search = find_conflicts(program, limit=1, check_time=args.check_time, budget=120)
            seconds = time.perf_counter() - started
            conflict = search.conflicts[0] if search.conflicts else None
            members = set(conflict.members) if conflict else set()
            row = (
                f"| {len(program.tasks)} | {name} | {len(search.commitments)} | {len(program.links)} | "
                f"{len(members)} | {len(conflict.links) if conflict else 0} | {conflict.checks if conflict else 0} | "
                f"{'yes' if conflict and conflict.proven and conflict.links_proven else 'no'} | {seconds:.2f} | "
                f"{'yes' if members == expected else 'NO: ' + ', '.join(sorted(members))} |"
            )
            if args.repairs:
                started = time.perf_counter()
                explain_infeasible(program, limit=1, time_limit=120, workers=args.workers)
                row += f" {time.perf_counter() - started:.2f} |"
            print(row, flush=True)


if __name__ == "__main__":
    main()
