"""Synthetic programs shaped like real ones, for the scale benchmark.

A program of ``n`` tasks: projects of 50 to 500 tasks released over time, each a layered network of
phases (finish-to-start mostly, some start-to-start and finish-to-finish links with lags, a few
milestones), links from earlier projects into later ones, role pools whose size grows with the
program and sometimes steps up (hiring), named specialists with one to three skills, some part-time,
most with leave, a Monday-Friday calendar with public holidays, and targets on every project and on
some milestones. Seeded, so the same ``n`` and ``seed`` always give the same program.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from planner.models import Program
from planner.solvers.bounds import ProgramBounds
from planner.solvers.instance import build_instance

START = dt.date(2026, 1, 5)
ROLES = ("developer", "analyst", "tester", "architect", "ops", "pm")
SKILLS = ("backend", "frontend", "data", "sql", "cloud", "security", "ux", "sap", "network", "integration")
_HOLIDAYS = (
    (1, 1, "New Year"),
    (5, 1, "Labour Day"),
    (12, 25, "Christmas"),
    (12, 26, "Boxing Day"),
    (10, 3, "Unity Day"),
)


def _project_sizes(n: int, rng: random.Random) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(rng.randint(50, 500))
    excess = sum(sizes) - n
    while excess:
        i = max(range(len(sizes)), key=lambda k: sizes[k])
        cut = min(excess, sizes[i] - 50)
        if cut <= 0:
            sizes.pop(i)
            excess = sum(sizes) - n
            continue
        sizes[i] -= cut
        excess -= cut
    return sizes


def synthetic_program(n: int, seed: int = 0) -> Program:
    """A valid program of exactly ``n`` tasks (``n`` >= 50)."""
    rng = random.Random(seed)
    sizes = _project_sizes(n, rng)
    months = max(6, 2 * len(sizes))  # projects released over this many months
    concurrency = max(1.0, n / 300)
    roles = []
    for role in ROLES:
        cap = max(3, round(concurrency * rng.uniform(1.5, 3.0)))
        changes = (
            [{"from": START + dt.timedelta(days=rng.randint(90, 400)), "capacity": cap + rng.randint(1, 3)}]
            if rng.random() < 0.5
            else []
        )
        roles.append({"id": role, "capacity": cap, "changes": changes})
    people = []
    n_people = max(2 * len(SKILLS) + 5, n // 60)
    # bigger programs have more specialised skills, so that each skill has about 16 holders
    skill_names = list(SKILLS) + [
        f"{SKILLS[k % len(SKILLS)]}-{k // len(SKILLS)}"
        for k in range(len(SKILLS), max(len(SKILLS), n_people // 8))
    ]
    for k in range(n_people):
        skills = rng.sample(skill_names, rng.randint(1, 3))
        if k < 2 * len(skill_names):  # two full-time people per skill at least
            own = skill_names[k % len(skill_names)]
            skills = [own, *[s for s in skills if s != own]]
        person: dict = {"id": f"person{k:04d}", "skills": skills}
        if k >= 2 * len(skill_names) and rng.random() < 0.1:
            person["part_time"] = [
                {
                    "from": START + dt.timedelta(days=rng.randint(0, 300)),
                    "to": START + dt.timedelta(days=rng.randint(320, 700)),
                    "percent": 50,
                }
            ]
        leave = []
        for _ in range(rng.randint(0, 2)):
            first = START + dt.timedelta(days=rng.randint(10, 30 * months))
            leave.append({"from": first, "to": first + dt.timedelta(days=rng.randint(4, 15))})
        if leave:
            person["leave"] = leave
        people.append(person)
    years = range(START.year, START.year + 40)
    holidays = [{"date": dt.date(y, m, d), "name": name} for y in years for m, d, name in _HOLIDAYS]

    projects: list[dict] = []
    for p, size in enumerate(sizes):
        projects.append(_project(p, size, months, len(sizes), skill_names, rng))
    dependencies = []
    for p in range(1, len(projects)):
        for _ in range(rng.randint(1, 3)):
            q = rng.randrange(0, p)
            src = projects[q]["tasks"][
                rng.randrange(len(projects[q]["tasks"]) * 2 // 3, len(projects[q]["tasks"]))
            ]
            dst = projects[p]["tasks"][rng.randrange(0, max(1, len(projects[p]["tasks"]) // 3))]
            dependencies.append(
                {
                    "from": f"{projects[q]['id']}.{src['id']}",
                    "to": f"{projects[p]['id']}.{dst['id']}",
                    "lag": rng.randint(0, 5),
                }
            )
    return Program.model_validate(
        {
            "name": f"synthetic-{n}-seed{seed}",
            "start": START,
            "calendar": {"workdays": ["mon", "tue", "wed", "thu", "fri"], "holidays": holidays},
            "roles": roles,
            "people": people,
            "projects": projects,
            "dependencies": dependencies,
        }
    )


def _project(p: int, size: int, months: int, n_projects: int, skills: list[str], rng: random.Random) -> dict:
    release = START + dt.timedelta(days=int(30 * months * p / max(1, n_projects)))
    phases = max(4, round(size**0.5))
    tasks: list[dict] = []
    layers: list[list[str]] = []
    for phase in range(phases):
        width = max(1, size // phases + (1 if phase < size % phases else 0))
        layer = []
        for _ in range(width):
            if len(tasks) >= size:
                break
            tid = f"t{len(tasks):03d}"
            milestone = rng.random() < 0.03
            duration = 0 if milestone else min(30, max(1, int(rng.lognormvariate(1.4, 0.6))))
            task: dict = {"id": tid, "duration": duration}
            if layers:
                preds = rng.sample(layers[-1], min(len(layers[-1]), rng.randint(1, 3)))
                if len(layers) > 1 and rng.random() < 0.2:
                    preds.append(rng.choice(layers[-2]))
                after: list[str | dict[str, object]] = []
                for q in dict.fromkeys(preds):
                    kind = rng.random()
                    if kind < 0.85:
                        after.append(q)
                    elif kind < 0.95:
                        after.append({"task": q, "type": "SS", "lag": rng.randint(1, 3)})
                    else:
                        after.append({"task": q, "type": "FF", "lag": rng.randint(0, 2)})
                task["after"] = after
            if not milestone:
                needs: list[dict] = [{"role": rng.choice(ROLES), "count": rng.choice((1, 1, 1, 2))}]
                draw = rng.random()
                if draw < 0.25:
                    needs.append({"skill": rng.choice(skills), "allocation": rng.choice((100, 100, 50))})
                elif draw < 0.28:
                    needs.append({"person": f"person{rng.randrange(2 * len(skills)):04d}"})
                task["requires"] = needs
            elif rng.random() < 0.5:  # a milestone with a target about 1.4 x its phase's reach
                task["target"] = {
                    "date": release + dt.timedelta(days=int(1.4 * 14 * (phase + 1))),
                    "weight": rng.randint(1, 5),
                }
            tasks.append(task)
            layer.append(tid)
        if layer:
            layers.append(layer)
    span_days = int(1.3 * 14 * len(layers))  # about 14 calendar days per phase, plus 30 %
    return {
        "id": f"proj{p:03d}",
        "release": release,
        "tasks": tasks,
        "target": {"date": release + dt.timedelta(days=span_days), "weight": rng.randint(1, 5)},
    }


PHASES = ("discover", "design", "build", "test", "deploy")
"""The phases of every project of :func:`realistic_program`, in order."""
REALISTIC_ROLES = ("business_analyst", "architect", "developer", "tester", "devops", "project_manager")
_PHASE_ROLES = {
    "discover": ("business_analyst", "project_manager"),
    "design": ("architect", "business_analyst"),
    "build": ("developer", "developer", "devops"),
    "test": ("tester", "tester", "developer"),
    "deploy": ("devops", "project_manager"),
}
_PHASE_SHARE = {"discover": 0.1, "design": 0.2, "build": 0.35, "test": 0.25, "deploy": 0.1}
_REALISTIC_SKILLS = ("sap", "mainframe", "payments", "data", "cloud", "network", "ux", "integration")


def realistic_program(n: int, seed: int = 0, overload: bool = False) -> Program:
    """A program of about ``n`` tasks shaped like a real portfolio (``n`` >= 60).

    Projects of 60 to 400 tasks run through discover, design, build, test and deploy phases
    (parallel workstreams of chained tasks, a gate milestone closing each phase). Work needs role
    pools (analysts, architects, developers, testers, devops, project managers) and named people
    with one to three skills, most with leave. Two scarce specialists serve every project: the
    single DBA (``dba``, a data-migration task in each build phase) and the single security
    architect (``security_architect``, a review in each design phase). Later projects' designs
    wait for earlier projects' builds; each project has a weighted target on its deploy gate, and
    the program's go-live milestone (``pmo.go_live``, after every project) a hard deadline.

    Parameters
    ----------
    n
        Tasks, approximately (within a few per cent).
    seed
        The same ``n`` and ``seed`` always give the same program.
    overload
        Make the deadline impossible by the DBA's work alone: every project also gets a data audit
        by the DBA (from its release, before its deploy gate), each short enough for its own
        chain to meet the deadline, together 30 % more working days than the deadline leaves.
    """
    rng = random.Random(seed)
    sizes = [s for s in _project_sizes(max(n - 1, 60), rng)]
    n_projects = len(sizes)
    concurrency = max(1.0, n / 400)
    roles = [
        {"id": r, "capacity": max(2, round(concurrency * rng.uniform(1.5, 3.0)))} for r in REALISTIC_ROLES
    ]
    people: list[dict] = [
        {"id": "dba", "name": "The DBA", "skills": ["dba", "sql"]},
        {"id": "security_architect", "name": "The security architect", "skills": ["security"]},
    ]
    n_people = max(3 * len(_REALISTIC_SKILLS), n // 50)
    for k in range(n_people):
        own = _REALISTIC_SKILLS[k % len(_REALISTIC_SKILLS)]
        extra = rng.sample(_REALISTIC_SKILLS, rng.randint(0, 2))
        person: dict = {"id": f"person{k:04d}", "skills": list(dict.fromkeys([own, *extra]))}
        leave = []
        for _ in range(rng.randint(0, 2)):
            first = START + dt.timedelta(
                days=rng.randint(10, 60 * n_projects // max(1, round(concurrency)) + 400)
            )
            leave.append({"from": first, "to": first + dt.timedelta(days=rng.randint(4, 15))})
        if leave:
            person["leave"] = leave
        people.append(person)
    people[0]["leave"] = [{"from": START + dt.timedelta(days=200), "to": START + dt.timedelta(days=214)}]
    years = range(START.year, START.year + 40)
    holidays = [{"date": dt.date(y, m, d), "name": name} for y in years for m, d, name in _HOLIDAYS]

    projects: list[dict] = []
    spans: list[int] = []
    stagger = max(1, round(n_projects / concurrency))  # projects started per release wave
    dba_days = 0
    for p, size in enumerate(sizes):
        release = START + dt.timedelta(days=30 * (p // stagger) + 7 * (p % stagger))
        project, span, migration = _phased_project(p, size, release, rng)
        dba_days += migration
        projects.append(project)
        spans.append(span)
    dependencies = []
    for p in range(1, n_projects):
        for q in rng.sample(range(p), min(p, rng.randint(1, 2))):
            dependencies.append(
                {
                    "from": f"proj{q:03d}.build_gate",
                    "to": f"proj{p:03d}.design_start",
                    "lag": rng.randint(0, 10),
                }
            )
    # the deadline: generous for the critical work
    waves = (n_projects + stagger - 1) // stagger
    deadline = START + dt.timedelta(
        days=30 * waves + 7 * stagger + int(1.4 * 7 / 5 * max(max(spans), dba_days)) + 365
    )
    go_live = {"id": "go_live", "milestone": True, "after": [f"{p['id']}.deploy_gate" for p in projects]}
    projects.append({"id": "pmo", "tasks": [go_live]})
    data = {
        "name": f"realistic-{n}-seed{seed}{'-overload' if overload else ''}",
        "start": START,
        "calendar": {"workdays": ["mon", "tue", "wed", "thu", "fri"], "holidays": holidays},
        "roles": roles,
        "people": people,
        "projects": projects,
        "dependencies": dependencies,
    }
    # chains of cross-project waits may outgrow the estimate: a quarter more than the path
    draft = Program.model_validate(data)
    chain = ProgramBounds(build_instance(draft)).end_of({"pmo.go_live"}, energy=False)
    deadline = max(deadline, draft.working_days.date(min(int(chain * 1.25) + 20, len(years) * 250)))
    go_live["deadline"] = deadline
    if overload:
        window = draft.working_days.index_on_or_before(deadline)
        audit = max(1, math.ceil(1.3 * (window - dba_days) / n_projects))
        for project in projects[:-1]:
            project["tasks"].append({"id": "data_audit", "duration": audit, "requires": [{"person": "dba"}]})
            project["tasks"][-2]["after"].append("data_audit")  # the deploy gate
    return Program.model_validate(data)


def _phased_project(p: int, size: int, release: dt.date, rng: random.Random) -> tuple[dict, int, int]:
    """One project through the five phases, the working days of its longest chain of phases (about),
    and the DBA's working days in it."""
    tasks: list[dict] = [{"id": "design_start", "milestone": True}]
    previous_gate: str | None = None
    span = 0
    dba = 0
    made = 8  # design_start, the five gates, the security review and the data migration
    for phase in PHASES:
        count = max(3, round(size * _PHASE_SHARE[phase]) - 1)
        if phase == PHASES[-1]:
            count = max(3, size - made)  # the project has ``size`` tasks
        made += count
        streams = max(1, min(6, count // 6))
        ends: list[str] = []
        longest = 0
        for s in range(streams):
            last = previous_gate
            length = 0
            for k in range(count // streams + (1 if s < count % streams else 0)):
                tid = f"{phase}_{s}_{k}"
                duration = min(25, max(1, int(rng.lognormvariate(1.3, 0.6))))
                task: dict = {"id": tid, "duration": duration}
                after: list = [last] if last else []
                if phase == "design" and k == 0:
                    after.append("design_start")
                if after:
                    task["after"] = after
                needs: list[dict] = [{"role": rng.choice(_PHASE_ROLES[phase])}]
                if rng.random() < 0.2:
                    needs.append(
                        {"skill": rng.choice(_REALISTIC_SKILLS), "allocation": rng.choice((100, 50))}
                    )
                task["requires"] = needs
                tasks.append(task)
                last = tid
                length += duration
            if last:
                ends.append(last)
            longest = max(longest, length)
        if phase == "design":  # the security architect reviews every design
            review_days = rng.randint(2, 5)
            tasks.append(
                {
                    "id": "security_review",
                    "duration": review_days,
                    "after": ends[:2],
                    "requires": [{"person": "security_architect"}],
                }
            )
            ends.append("security_review")
            longest += review_days
        if phase == "build":  # the DBA migrates every project's data
            days = rng.randint(3, 8)
            tasks.append(
                {
                    "id": "data_migration",
                    "duration": days,
                    "after": ends[:1],
                    "requires": [{"person": "dba"}, {"role": "developer"}],
                }
            )
            ends.append("data_migration")
            dba += days
            longest += days
        gate = f"{phase}_gate"
        tasks.append({"id": gate, "milestone": True, "after": ends})
        previous_gate = gate
        span += longest
    deploy_target = release + dt.timedelta(days=int(span * 7 / 5 * 1.2))
    tasks[-1]["target"] = {"date": deploy_target, "weight": rng.randint(1, 5)}
    return {"id": f"proj{p:03d}", "release": release, "tasks": tasks}, span, dba
