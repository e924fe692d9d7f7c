"""Import speed: a generated MSPDI file of 5,000 tasks read and mapped to a program (target < 10 s).

Usage::

    python -m benchmarks.interop [--tasks 5000] [--seed 0] [--out DIR]

The file is written by the planner's own MSPDI export (``planner.interop.writing``) from
:func:`benchmarks.synthetic.realistic_program` (phased projects, roles, named people with leave,
links within and across projects), dated by the forward pass of the dependency network (no
solve). Then, in a fresh process, one import is timed: starting the JVM, MPXJ reading the file,
mapping it to a program, and the program's validation (part of the mapping). Figures in
``docs/interop.md``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path


def generate(path: Path, tasks: int, seed: int) -> dict[str, object]:
    """Write an MSPDI file of a realistic program of about ``tasks`` tasks; return its sizes."""
    from benchmarks.synthetic import realistic_program
    from planner.interop.writing import write_plan
    from planner.models import Schedule, ScheduledTask, SolveStatus
    from planner.models.network import earliest_starts

    began = time.perf_counter()
    program = realistic_program(tasks, seed=seed)
    days = program.working_days
    rows = []
    for key, start in earliest_starts(program).items():
        project, task = program.tasks[key]
        finish = start + max(task.duration, 1) - 1
        rows.append(
            ScheduledTask(project=project.id, task=task.id, start=days.date(start), finish=days.date(finish))
        )
    schedule = Schedule(program=program.name, status=SolveStatus.FEASIBLE, tasks=tuple(rows))
    write_plan(path, program, schedule)
    return {
        "tasks": len(program.tasks),
        "links": len(program.links),
        "people": len(program.people),
        "roles": len(program.roles),
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "generate_s": round(time.perf_counter() - began, 2),
    }


def measure(path: Path) -> dict[str, object]:
    """Time one import of ``path`` in this process: JVM start, MPXJ read, mapping with validation."""
    from planner.interop import session
    from planner.interop.mapping import map_plans
    from planner.interop.reading import read_plans

    began = time.perf_counter()
    session.start()
    started = time.perf_counter()
    plans = read_plans(path)
    read = time.perf_counter()
    imported = map_plans(plans)
    mapped = time.perf_counter()
    return {
        "jvm_s": round(started - began, 2),
        "read_s": round(read - started, 2),
        "map_and_validate_s": round(mapped - read, 2),
        "total_s": round(mapped - began, 2),
        "imported_tasks": len(imported.program.tasks),
        "imported_links": len(imported.program.links),
        "notes": len(imported.report.notes),
    }


def main(argv: list[str] | None = None) -> None:
    """Generate the file, time its import in a fresh process, print (and write) the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("out/bench/interop"))
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args(argv)
    if args.measure is not None:
        sys.stdout.write(json.dumps(measure(args.measure)) + "\n")
        return
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"program-{args.tasks}.xml"
    sizes = generate(path, args.tasks, args.seed)
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.interop", "--measure", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = {**sizes, **json.loads(child.stdout.strip().splitlines()[-1]), "target_s": 10}
    (args.out / "interop.json").write_text(json.dumps(result, indent=2) + "\n")
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
