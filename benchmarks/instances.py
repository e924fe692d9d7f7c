"""Public RCPSP / RCMPSP instances turned into planner programs, with their reference values.

PSPLIB ``.sm`` files (J30, J60, J120) and Ghent ``.rcmp`` files (MPSPLIB, MPLIB) are read with the
``psplib`` package. Each becomes a :class:`planner.models.Program`:

* every renewable resource becomes a role with its constant capacity;
* every project becomes a project with its release date;
* every non-dummy activity becomes a task with its duration and role requirements;
* precedences become finish-to-start ``after`` links; the dummy source and sink of each project
  (duration 0, no demand) are dropped and their predecessors linked straight to their successors;
* the calendar works seven days a week with no holidays, so working days are days and day ``t`` of
  the instance is ``START + t`` days;
* the objective has no secondary tier: the planner minimises the program finish (the makespan).
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
from dataclasses import dataclass
from pathlib import Path

import psplib

from planner.models import Program, Schedule

START = dt.date(2025, 1, 6)
"""Day 0 of every benchmark program (a Monday; with a seven-day week the weekday does not matter)."""

SEVEN_DAY_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
"""``../shared/benchmarks`` beside the project checkout."""

SETS = ("j30", "j60", "j120", "mpsplib", "mplib")


@dataclass(frozen=True)
class Reference:
    """The value an instance is measured against, and what kind of value it is."""

    value: int
    kind: str  # optimal | best_known_upper_bound | ms_project_psgs_minslk_tms | best_known_tpm


@dataclass(frozen=True)
class Benchmark:
    """One instance: its raw data (for the peer), the planner program, and where TMS counts from."""

    name: str
    set: str
    path: Path
    data: psplib.ProjectInstance
    program: Program
    origin: int  # the earliest project release: TMS = finish - origin

    @property
    def num_tasks(self) -> int:
        """Tasks in the planner program (dummies dropped)."""
        return len(self.program.tasks)


def set_of(path: Path) -> str:
    """The benchmark set a file belongs to, from its name."""
    name = path.name.lower()
    if name.startswith("mp_"):
        return "mpsplib"
    if name.startswith("mplib"):
        return "mplib"
    for size in ("j120", "j60", "j30"):
        if name.startswith(size):
            return size
    raise ValueError(f"{path}: cannot tell which benchmark set this file belongs to")


def parse(path: Path) -> psplib.ProjectInstance:
    """Read a ``.sm`` (PSPLIB) or ``.rcmp`` (MPSPLIB/MPLIB) file."""
    fmt = {".sm": "psplib", ".rcmp": "mplib"}.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: expected a .sm or .rcmp file")
    return psplib.parse(path, instance_format=fmt)


def _is_dummy(activity: psplib.ProjectInstance, index: int, project: psplib.Project) -> bool:
    act = activity.activities[index]
    mode = act.modes[0]
    ends = (project.activities[0], project.activities[-1])
    return index in ends and mode.duration == 0 and not any(mode.demands)


def to_program(data: psplib.ProjectInstance, name: str, start: dt.date = START) -> Program:
    """The planner program of an instance (see the module docstring for the mapping)."""
    if any(len(a.modes) != 1 for a in data.activities):
        raise ValueError(f"{name}: multi-mode instances are not supported")
    if any(not r.renewable for r in data.resources):
        raise ValueError(f"{name}: only renewable resources are supported")
    owner: dict[int, int] = {}  # activity index -> project index
    position: dict[int, int] = {}  # activity index -> 1-based number inside its project
    for p, project in enumerate(data.projects):
        for k, a in enumerate(project.activities):
            owner[a], position[a] = p, k + 1
    dummies = {a for project in data.projects for a in project.activities if _is_dummy(data, a, project)}
    preds: dict[int, set[int]] = {a: set() for a in range(len(data.activities))}
    for a, act in enumerate(data.activities):
        for s in act.successors:
            preds[s].add(a)

    def real_preds(a: int) -> set[int]:
        """Predecessors of ``a``, looking through dropped dummies."""
        out, stack, seen = set(), list(preds[a]), set()
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            if p in dummies:
                stack.extend(preds[p])
            else:
                out.add(p)
        return out

    def task_id(a: int) -> str:
        return f"a{position[a]}"

    def ref(a: int, here: int) -> str:
        return task_id(a) if owner[a] == here else f"p{owner[a] + 1}.{task_id(a)}"

    roles = [{"id": f"R{r + 1}", "capacity": res.capacity} for r, res in enumerate(data.resources)]
    projects = []
    for p, project in enumerate(data.projects):
        tasks = []
        for a in project.activities:
            if a in dummies:
                continue
            mode = data.activities[a].modes[0]
            tasks.append(
                {
                    "id": task_id(a),
                    "duration": mode.duration,
                    "requires": [
                        {"role": f"R{r + 1}", "count": d} for r, d in enumerate(mode.demands) if d > 0
                    ],
                    "after": sorted((ref(q, p) for q in real_preds(a)), key=_natural),
                }
            )
        entry: dict = {"id": f"p{p + 1}", "tasks": tasks}
        if project.release_date:
            entry["release"] = start + dt.timedelta(days=project.release_date)
        projects.append(entry)
    return Program.model_validate(
        {
            "name": name,
            "start": start,
            "calendar": {"workdays": SEVEN_DAY_WEEK},
            "objective": {"secondary": "none"},
            "roles": roles,
            "projects": projects,
        }
    )


def _natural(ref: str) -> tuple:
    head, _, tail = ref.rpartition("a")
    return (head, int(tail))


def load(path: Path) -> Benchmark:
    """Read one instance file into a :class:`Benchmark`."""
    path = Path(path)
    data = parse(path)
    return Benchmark(
        name=path.stem,
        set=set_of(path),
        path=path,
        data=data,
        program=to_program(data, path.stem),
        origin=min(p.release_date for p in data.projects),
    )


def makespan(bench: Benchmark, schedule: Schedule) -> int:
    """Total makespan of a schedule, read from its dates: last end minus the earliest release.

    For single projects and for MPLIB (all releases 0) this is the plain makespan; for MPSPLIB it is
    the TMS of Homberger (2007).
    """
    end = 0
    for task in schedule.tasks:
        duration = bench.program.tasks[task.key][1].duration
        last = (task.finish - START).days
        end = max(end, last + 1 if duration > 0 else last)
    return end - bench.origin


# ------------------------------------------------------------------------------------------ data sets


def _sm_key(path: Path) -> tuple[int, int]:
    stem = path.stem  # j3012_4 -> group 12, instance 4
    size = next(s for s in ("j120", "j60", "j30") if stem.startswith(s))
    group, inst = stem[len(size) :].split("_")
    return int(group), int(inst)


def instance_paths(
    set_name: str, data: Path = DEFAULT_DATA, scope: str = "standard", pattern: str | None = None
) -> list[Path]:
    """Files of one set, in a stable order.

    ``scope`` is ``quick`` (a small subset for ``make bench``), ``standard`` (the issue's standard
    suite: all J30, J60 and J120 instance 1 of each group, the 139 MPSPLIB instances with an MS
    Project result, the 40 MPLIB1 Set 3 programs) or ``full`` (every file of the set).
    ``pattern`` is a glob on the instance name (e.g. ``j1201_*``).
    """
    data = Path(data)
    if set_name in ("j30", "j60", "j120"):
        files = sorted((data / "psplib" / set_name).glob("*.sm"), key=_sm_key)
        if scope == "standard" and set_name != "j30":
            files = [f for f in files if _sm_key(f)[1] == 1]
        elif scope == "quick":
            step = {"j30": 3, "j60": 8, "j120": 12}[set_name]
            files = [f for f in files if _sm_key(f)[1] == 1 and (_sm_key(f)[0] - 1) % step == 0]
    elif set_name == "mpsplib":
        files = sorted((data / "mpsplib" / "rcmp").glob("*.rcmp"))
        refs = references(data)
        if scope in ("standard", "quick"):
            files = [f for f in files if f.stem in refs]
        if scope == "quick":
            files = [f for f in files if f.stem.endswith("_nr1") and "a20" not in f.stem]
    elif set_name == "mplib":
        files = sorted(
            (data / "mplib" / "MPLIB1_Set3_subset").glob("*.rcmp"),
            key=lambda f: int(f.stem.rsplit("_", 1)[1]),
        )
        if scope == "quick":
            files = files[:3]
    else:
        raise ValueError(f"unknown set {set_name!r}; choose from {', '.join(SETS)}")
    if pattern:
        files = [f for f in files if fnmatch.fnmatch(f.stem, pattern)]
    return files


def references(data: Path = DEFAULT_DATA) -> dict[str, Reference]:
    """Reference value of every instance, per ``PROVENANCE.md``.

    PSPLIB: the optimum or best known upper bound; MPSPLIB: the TMS of the P-SGS/MINSLK heuristic
    run inside Microsoft Project; MPLIB1 Set 3: the best known TPM.
    """
    data = Path(data)
    out: dict[str, Reference] = {}
    with open(data / "psplib" / "psplib_reference.csv", newline="") as f:
        for row in csv.DictReader(f):
            kind = "optimal" if row["is_optimal_or_lower_bound"] == "optimal" else "best_known_upper_bound"
            out[row["instance"]] = Reference(int(row["best_known"]), kind)
    with open(data / "mpsplib" / "mpsplib_reference.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["ms_project_psgs_minslk_tms"]:
                out[row["instance"]] = Reference(
                    int(row["ms_project_psgs_minslk_tms"]), "ms_project_psgs_minslk_tms"
                )
    with open(data / "mplib" / "mplib1_set3_reference.csv", newline="") as f:
        for row in csv.DictReader(f):
            out[row["instance"]] = Reference(int(row["best_known"]), "best_known_tpm")
    return out
