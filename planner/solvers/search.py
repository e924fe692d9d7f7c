"""How CP-SAT is steered and where it starts: the branching order, and the warm start every solve
begins from (the best list schedule, the repaired baseline of a replan, the funded set), with the
share of the time limit each phase may take.

Measured on the public benchmark sets and the synthetic programs (see ``docs/benchmarks.md``);
each choice here is a lever recorded there with its effect.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from planner.models import Schedule
from planner.solvers.cpsat import found, new_solver, run, solution_values, solved_tiers
from planner.solvers.instance import Instance
from planner.solvers.list_scheduler import ListScheduler, Placement
from planner.solvers.objectives import Tier, ranked
from planner.solvers.options import SolveOptions
from planner.solvers.selection import always_funded, optional_projects
from planner.solvers.stability import baseline_starts
from planner.solvers.variables import Variables

logger = logging.getLogger(__name__)

WARM_START_TASKS = 300
"""Programs with at least this many tasks get a share of the time for list scheduling (random
restarts and shuffles); smaller ones only the plain priority rules, unless they have targets
(:data:`SMALL_TARGET_SHARE`). Every program gets a warm start."""
SMALL_TARGET_SHARE = 0.05
"""Share of the time limit a smaller program with targets gets for list scheduling. Measured: the
bank's full funding (172 tasks, targets, quarterly caps) has lateness 30 by the plain rules and 0
after 1 s of restarts, which CP-SAT under load did not reach in 20 s."""
SMALL_TARGET_MAX_SECONDS = 1.0
"""Most seconds a smaller program with targets gets for list scheduling."""

HINT_WARM_START = False
"""Whether CP-SAT starts from the warm start (a complete hint) or only has to beat its value.
Measured: a hint made CP-SAT stay near the list schedule; the bound alone did better."""

LIST_SHARE = 0.3
"""Share of the time limit given to list scheduling before CP-SAT (programs with a warm start)."""
LIST_MAX_SECONDS = 10.0
"""Most seconds list scheduling gets, whatever the time limit."""
FIRST_SHARE = 0.5
"""Share of the time left that the first complete list schedule may take (when it takes longer,
there is no warm start, and the record says how far it got)..."""
FIRST_MIN_SECONDS = 0.5
"""... but at least this long, so that a tiny limit still gets the obvious plan."""
REPAIR_SHARE = 0.3
"""Share of the time left that the repaired baseline (one serial schedule) may take."""
CONFIRM_SHARE = 0.5
"""Share of the time left that CP-SAT may take to confirm a list schedule (all decisions fixed)..."""
CONFIRM_MIN_SECONDS = 0.2
"""... but at least this long (a small model's check takes milliseconds), and when no schedule is
confirmed yet, :data:`CONFIRM_PER_CONSTRAINT` per CP-SAT constraint: a list schedule in hand is not
given up for lack of a second (10,000 tasks, 114,000 constraints: about 1 s under load)."""
CONFIRM_PER_CONSTRAINT = 3e-5
BUILD_PER_OPTION = 3e-5
"""Seconds of model build (and about as much again to confirm and load it) per task and staffing
option: 27-39 us at a load of about 2.5 on 10,000 tasks (70 us at a load of 6); list scheduling
leaves twice this much of the limit."""

REPAIRED = "repaired baseline"
LISTED = "list schedule"
SEEDED = "schedule of another scenario"
"""Where a warm start came from, as recorded in the run record (``start_from``)."""
SEED_SECONDS = 1.0
"""Most seconds CP-SAT may take to confirm or reject one seed (a schedule of another scenario)."""
BRANCH_MAX_TASKS = 1000
"""Programs with fewer tasks branch on starts (:func:`branch_on_starts`)."""

ORDER_BY_TAIL = True
"""Break ties in :func:`branch_on_starts` by the longest chain of work behind a task."""


@dataclass(frozen=True)
class Baseline:
    """What a replan's warm start keeps from the baseline: start and people per task key."""

    starts: dict[str, int]
    people: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, inst: Instance, schedule: Schedule) -> Baseline:
        """The baseline's starts (working-day numbers) and people for the tasks ``inst`` has."""
        starts = baseline_starts(inst, schedule)
        return cls(starts, {row.key: row.people for row in schedule.tasks if row.key in starts})


@dataclass
class WarmStart:
    """A complete, feasible solution of the model from list scheduling, and its tier values."""

    values: dict[str, int]  # start per task key, 0/1 per assignment and funding literal name
    tier_values: dict[str, int]
    seconds: float
    solution: list[int]  # every variable of the model, in proto order: a complete hint
    source: str = LISTED  # LISTED or REPAIRED

    def hint(self, model: cp_model.CpModel) -> None:
        """Make this solution the model's (complete) hint."""
        model.clear_hints()
        hint = model.proto.solution_hint
        hint.vars.extend(range(len(self.solution)))
        hint.values.extend(self.solution)


def branch_on_starts(model: cp_model.CpModel, inst: Instance, var: Variables) -> None:
    """Branch on the earliest possible start first, at its smallest value; ties go to the task with
    the longest chain of work behind it (small programs only).

    This is list scheduling inside the search: the first dive builds an active schedule and later
    dives stay close to it.
    """
    if len(var.start) >= BRANCH_MAX_TASKS:
        return
    order = var.start
    if ORDER_BY_TAIL:
        tails = ListScheduler(inst).tails()
        order = sorted(var.start, key=lambda k: -tails[k])  # type: ignore[assignment]
    model.add_decision_strategy(
        [var.start[k] for k in order], cp_model.CHOOSE_LOWEST_MIN, cp_model.SELECT_MIN_VALUE
    )


@dataclass
class Listed:
    """The list schedules of one funded set, before CP-SAT confirms them."""

    funded: frozenset[str]
    candidates: list[tuple[str, Placement]]  # (REPAIRED or LISTED, placement)
    seconds: float


def list_schedules(
    inst: Instance,
    funded: frozenset[str],
    seconds: float,
    seed: int = 0,
    improved: Callable[[str, int], None] | None = None,
    baseline: Baseline | None = None,
    notes: list[str] | None = None,
    first: str | None = None,
    listing: bool = True,
    alone: bool = False,
) -> Listed:
    """The obvious plans of ``inst`` with the projects in ``funded`` (of those that may be left
    out) funded: the repaired baseline (with a ``baseline``) and the best list schedule.

    Needs no CP-SAT model, so a solve can report the first schedule before building one.
    ``seconds`` is the time left of the solve's limit: programs of :data:`WARM_START_TASKS` tasks
    and more (with ``listing``) get :data:`LIST_SHARE` of it (at most :data:`LIST_MAX_SECONDS`, and
    leaving the model's build and check their estimated time, :data:`BUILD_PER_OPTION`) for list
    scheduling, smaller ones only the plain priority rules (milliseconds); no schedule may take
    more than :data:`FIRST_SHARE` of it. With ``alone`` no model follows (the list schedule is the
    answer, :func:`model_seconds`): list scheduling takes all of ``seconds``. ``improved`` is called with the first tier's name
    (``first``; default lateness when the program has targets, else finish) and value for every
    better list schedule. Schedules that miss a deadline or a pin are left out; why there is
    none is appended to ``notes``.
    """
    started = time.perf_counter()
    notes = notes if notes is not None else []
    optional = optional_projects(inst.program)
    omit = {k for k, t in inst.tasks.items() if t.project in optional and t.project not in funded}
    scheduler = ListScheduler(inst, omit)
    if first is None:
        first = "lateness" if scheduler.targets or scheduler.project_targets else "finish"

    def report(lateness: int, end: int) -> None:
        if improved is not None:
            improved(first, lateness if first == "lateness" else end)

    candidates: list[tuple[str, Placement]] = []
    if baseline is not None:
        repaired = scheduler.repair(
            baseline.starts, baseline.people, max(seconds * REPAIR_SHARE, FIRST_MIN_SECONDS)
        )
        if repaired is not None and not repaired.late:
            candidates.append((REPAIRED, repaired))
        elif scheduler.stopped:
            notes.append(scheduler.stopped)
    left = seconds - (time.perf_counter() - started)
    after = 0.0 if alone else model_seconds(inst)
    share = 0.0
    small = len(inst.tasks) < WARM_START_TASKS
    if alone:
        share = max(left, 0.0)
    elif listing and not small:
        share = max(min(left * LIST_SHARE, LIST_MAX_SECONDS, left - after), 0.0)
    elif listing and first == "lateness":  # targets: restarts around the due-date rule pay at once
        share = max(min(left * SMALL_TARGET_SHARE, SMALL_TARGET_MAX_SECONDS, left - after), 0.0)
    placement = scheduler.search(
        share, seed, report, first_seconds=None if small else max(left * FIRST_SHARE, FIRST_MIN_SECONDS)
    )
    if placement is not None and not placement.late:
        candidates.append((LISTED, placement))
    elif scheduler.stopped:
        notes.append(scheduler.stopped)
    else:
        logger.info(
            "warm start: list scheduling leaves %s tasks late or pinned elsewhere",
            placement.late if placement else "all",
        )
    return Listed(funded, candidates, time.perf_counter() - started)


def model_seconds(inst: Instance) -> float:
    """Estimated seconds to build ``inst``'s CP-SAT model, confirm a warm start and load the model
    (:data:`BUILD_PER_OPTION` per task and staffing option, twice)."""
    options = sum(len(eligible) for t in inst.tasks.values() for _, eligible in t.people_reqs)
    return 2 * BUILD_PER_OPTION * (len(inst.tasks) + options)


def warm_start(
    model: cp_model.CpModel,
    inst: Instance,
    var: Variables,
    tiers: list[Tier],
    seconds: float,
    seed: int = 0,
    improved: Callable[[str, int], None] | None = None,
    baseline: Baseline | None = None,
    notes: list[str] | None = None,
    listed: Listed | None = None,
    seeds: Sequence[Schedule] = (),
) -> WarmStart | None:
    """The obvious plan: list-schedule the program, confirm it with CP-SAT with every decision fixed.

    Every program gets one (see :func:`list_schedules`, which ``listed`` may hold already for
    the first funded set). With a ``baseline`` (a replan) the baseline repaired under the change
    is built too (:meth:`ListScheduler.repair`), both are confirmed, and the better by the tiers
    in order (business tiers first, then the stability tiers) is kept.

    With projects that may be left out, the funded set tried first is every project that may be
    funded; when no schedule of it is confirmed (a spending cap, say), the mandatory projects
    only (with what they need). Only funded projects' tasks are list-scheduled.

    ``seeds`` are schedules of other scenarios solved alongside (:func:`seed_values`: their
    starts, people and funded set); each is confirmed like a list schedule, in at most
    :data:`SEED_SECONDS`, and kept when it is better by the tiers. A seed this program does not
    allow is rejected by the confirmation.

    ``seconds`` is the time left of the solve's limit; each confirmation may take
    :data:`CONFIRM_SHARE` of what is left. Returns ``None`` when no list schedule meets every
    deadline and pin or none is confirmed in time; the reasons are logged and appended to
    ``notes``. ``improved`` is called with the first tier's name and value for every better list
    schedule (before it is confirmed).
    """
    started = time.perf_counter()
    deadline = started + seconds
    notes = notes if notes is not None else []
    best: WarmStart | None = None
    spent = 0.0
    for k, funded in enumerate(funded_sets(inst)):
        if k == 0 and listed is not None and listed.funded == funded:
            found, spent = listed, listed.seconds  # list scheduling before this call
        else:
            found = list_schedules(
                inst,
                funded,
                deadline - time.perf_counter(),
                seed,
                improved,
                baseline,
                notes,
                tiers[0].name,
                listing=k == 0,
            )
        for source, placement in found.candidates:
            left = deadline - time.perf_counter()
            floor = CONFIRM_PER_CONSTRAINT * len(model.proto.constraints) if best is None else 0.0
            confirmed = _confirm(
                model, var, tiers, _values(var, placement, funded), max(left * CONFIRM_SHARE, floor), seed
            )
            if confirmed is None:
                notes.append(
                    f"the {source} was not confirmed by CP-SAT in {max(left * CONFIRM_SHARE, floor):.1f} s"
                )
                continue
            tier_values, solution, values = confirmed
            if best is None or ranked(tier_values, tiers) < ranked(best.tier_values, tiers):
                best = WarmStart(values, tier_values, 0.0, solution, source)
        if best is not None:
            break
    for n, other in enumerate(seeds, start=1):
        seeded = seed_values(inst, var, other)
        left = deadline - time.perf_counter()
        confirmed = (
            None
            if seeded is None
            else _confirm(model, var, tiers, seeded, min(max(left * CONFIRM_SHARE, 0.0), SEED_SECONDS), seed)
        )
        if confirmed is None:
            logger.info("warm start: seed %d of %d (%s) rejected", n, len(seeds), other.program)
            continue
        tier_values, solution, values = confirmed
        if best is None or ranked(tier_values, tiers) < ranked(best.tier_values, tiers):
            logger.info(
                "warm start: seed %d of %d (%s) is the best start: %s",
                n,
                len(seeds),
                other.program,
                tier_values,
            )
            best = WarmStart(values, tier_values, 0.0, solution, SEEDED)
    if best is None:
        if not notes:
            notes.append("no list schedule meets every deadline and pin")
        logger.warning("warm start: none (%s)", "; ".join(notes))
        return None
    best.seconds = spent + time.perf_counter() - started
    logger.info("warm start from the %s: %s in %.2f s", best.source, best.tier_values, best.seconds)
    return best


def funded_sets(inst: Instance) -> list[frozenset[str]]:
    """The funded sets a warm start tries, in order: every project that may be funded, then the
    mandatory projects with what they need (one empty set when no project may be left out)."""
    program = inst.program
    optional = optional_projects(program)
    if not optional:
        return [frozenset()]
    needs = program.project_needs
    every = {p.id for p in program.projects if p.funding != "excluded"}
    if program.finance is not None:
        for group in program.finance.alternatives:  # at most one of each group: the first
            every -= set([p for p in group if p in every][1:])
    changed = True
    while changed:  # a project needing one that is not funded cannot be funded either
        changed = False
        for p in sorted(every):
            if needs[p] - every:
                every.discard(p)
                changed = True
    mandatory = always_funded(program)
    sets = [frozenset(every & optional)]
    if frozenset(mandatory & optional) != sets[0]:
        sets.append(frozenset(mandatory & optional))
    return sets


def seed_values(inst: Instance, var: Variables, schedule: Schedule) -> dict[str, int] | None:
    """The model's values of another scenario's ``schedule``: its starts (working days of this
    program), its people (each to the first requirement of the task they are eligible for, with
    room) and its funded set; tasks of projects it leaves out at their earliest start. ``None``
    when it has no plan or misses a task of a project it funds."""
    if not schedule.has_plan:
        return None
    starts = baseline_starts(inst, schedule)
    people = {row.key: row.people for row in schedule.tasks}
    unfunded = set(schedule.unfunded) | (
        optional_projects(inst.program) - {row.project for row in schedule.tasks}
    )
    values: dict[str, int] = {}
    for key, task in inst.tasks.items():
        if key in starts:
            values[key] = starts[key]
        elif task.project in unfunded and task.project in var.funded:
            values[key] = var.start[key].proto.domain[0]
        else:
            return None
    chosen: set[tuple[str, int, str]] = set()
    for key, task in inst.tasks.items():
        left = list(people.get(key, ()))
        for r, (req, eligible) in enumerate(task.people_reqs):
            pick = [p for p in left if p in eligible][: req.count]
            chosen.update((key, r, p) for p in pick)
            left = [p for p in left if p not in pick]
    for a in var.assignments:
        values[a.literal.name] = int((a.task, a.req, a.person) in chosen)
    for project, lit in var.funded.items():
        values[lit.name] = int(project not in unfunded)
    return values


def _confirm(
    model: cp_model.CpModel,
    var: Variables,
    tiers: list[Tier],
    values: dict[str, int],
    seconds: float,
    seed: int,
) -> tuple[dict[str, int], list[int], dict[str, int]] | None:
    """Tier values, the complete solution and the decision values of ``values`` confirmed by CP-SAT,
    or None when it rejects them or cannot tell in ``seconds``.

    First every decision is fixed; when that is infeasible (the people chosen break a spending
    cap, say), the starts and funding are fixed and CP-SAT chooses the people.
    """
    started = time.perf_counter()
    decided = [(v.index, values[k]) for k, v in var.start.items()]
    decided += [(lit.index, values[lit.name]) for lit in var.funded.values()]
    staffed = [(a.literal.index, values[a.literal.name]) for a in var.assignments]
    for index, value in decided:  # a value outside its variable's domain breaks a rule the domain holds
        bounds = list(model.proto.variables[index].domain)
        if not any(lo <= value <= hi for lo, hi in zip(bounds[::2], bounds[1::2], strict=True)):
            logger.info("warm start: a value is outside its variable's domain; not confirmed")
            return None
    for staff in (True, False):
        fixed = model.clone()
        domains = fixed.proto.variables
        for index, value in decided + staffed if staff else decided:
            domain = domains[index].domain
            domain.clear()
            domain.extend((value, value))
        solver = new_solver(
            SolveOptions(workers=1, seed=seed),
            max(seconds - (time.perf_counter() - started), CONFIRM_MIN_SECONDS),
        )
        code = run(solver, fixed, "confirmation model")
        if found(code):
            return (
                solved_tiers(solver, tiers),
                list(solver.response_proto.solution),
                {**values, **solution_values(solver, var)},
            )
        logger.info(
            "warm start: a list schedule was not confirmed %s (%s)",
            "with its people" if staff else "with CP-SAT choosing the people",
            solver.status_name(code),
        )
        if code != cp_model.INFEASIBLE:
            break
    return None


def _values(var: Variables, placement: Placement, funded: frozenset[str] = frozenset()) -> dict[str, int]:
    """The model's values of a placement: starts, assignments, funding literals."""
    values = dict(placement.start)
    for a in var.assignments:
        values[a.literal.name] = int(a.person in placement.people.get((a.task, a.req), ()))
    for project, lit in var.funded.items():
        values[lit.name] = int(project in funded)
    return values


def start_record(warm: WarmStart | None, final: list[int | None], notes: list[str]) -> dict[str, str]:
    """The run record's parameters about the start: where it came from (``start_from``: the
    repaired baseline, the list schedule or none), whether CP-SAT improved on it
    (``improved_on_start``, comparing the tiers in order), the start's own tier values
    (``start_tiers``, ``name=value,...``, so anyone can check the answer is no worse), and
    ``time_notes``: why there was no start, and any phase that had no time, with the limit that
    would give it time."""
    out = {"start_from": warm.source if warm else "none"}
    if warm is not None:
        out["improved_on_start"] = "yes" if final < list(warm.tier_values.values()) else "no"
        out["start_tiers"] = ",".join(f"{name}={value}" for name, value in warm.tier_values.items())
    if notes:
        out["time_notes"] = "; ".join(notes)
    return out
