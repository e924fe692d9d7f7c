"""Solve a program tier by tier with CP-SAT and turn the answer into a dated schedule."""

from __future__ import annotations

import datetime as dt
import logging
import os
import platform
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version

from ortools.sat.python import cp_model

import planner
from planner.errors import SolverBug
from planner.models import Program, Schedule, SolveRecord, SolveStatus, TierResult
from planner.solvers import constraints, search
from planner.solvers.bounds import ProgramBounds, objective_floor
from planner.solvers.cpsat import (
    dated_tasks,
    new_solver,
    run,
    scheduled_tasks,
    solution_values,
    solved_tiers,
    unfunded,
)
from planner.solvers.funding import Funding, add_funding, board_tier, with_board_tier
from planner.solvers.instance import Instance, build_instance
from planner.solvers.objectives import (
    EARLY,
    EARLY_MAX_SHARE,
    EARLY_SHARE,
    Tier,
    before_early,
    build_tiers,
    early_floor,
    ranked,
    tier_values,
)
from planner.solvers.options import Progress, SolveOptions
from planner.solvers.selection import optional_projects
from planner.solvers.stability import (
    Stability,
    add_stability,
    baseline_starts,
    pinned_tasks,
    stability_values,
)
from planner.solvers.variables import Variables, build_variables

logger = logging.getLogger(__name__)

# Share of the remaining time each tier may use, by position, when more tiers follow it.
_TIER_SHARE = {"lateness": 0.5, "finish": 0.7}
BOUNDS_IN_MODEL = True
"""Whether each tier's bound from the program (:mod:`planner.solvers.bounds`) is also a constraint
of the model, so that CP-SAT proves a tier optimal as soon as it reaches the bound (measured in
``docs/benchmarks.md``). A tier whose schedule in hand already meets its bound is not searched."""
OUTPUT_SHARE = 0.1
"""Share of the time left that a solve answering with the list schedule (:func:`_listed_answer`) keeps
for its bounds and dated schedule, and in the command line for checking and writing it..."""
OUTPUT_PER_TASK = 1e-4
"""... but at least this many seconds per task: 0.7 s for 10,000 tasks at a load of 4 on 2 cores."""


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, tier: str, started: float, progress: Callable[[Progress], None], floor: int) -> None:
        super().__init__()
        self._tier, self._started, self._progress, self._floor = tier, started, progress, floor

    def on_solution_callback(self) -> None:
        bound = max(round(self.best_objective_bound), self._floor)
        self._progress(
            Progress(self._tier, round(self.objective_value), bound, time.perf_counter() - self._started)
        )


def build_model(
    program: Program, extra_funding: bool = False, inst: Instance | None = None
) -> tuple[cp_model.CpModel, Instance, Variables, Funding | None]:
    """The CP-SAT model of ``program``'s variables and every constraint family, with no objective.

    ``extra_funding`` gives every funding cap a variable amount of extra money (see
    :func:`planner.solvers.funding.add_funding`); ``inst`` is ``program``'s instance when built already.
    """
    inst = inst or build_instance(program)
    model = cp_model.CpModel()
    var = build_variables(model, inst)
    constraints.dependencies(model, inst, var)
    constraints.roles(model, inst, var)
    constraints.people(model, inst, var)
    return model, inst, var, add_funding(model, inst, var, extra=extra_funding)


def compile_program(
    program: Program, inst: Instance | None = None
) -> tuple[cp_model.CpModel, Instance, Variables, list[Tier]]:
    """Build the CP-SAT model of ``program``: variables, every constraint family, objective tiers."""
    model, inst, var, funding = build_model(program, inst=inst)
    tiers = with_board_tier(build_tiers(model, inst, var), board_tier(program, funding))
    return model, inst, var, tiers


def solve(
    program: Program,
    options: SolveOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    baseline: Schedule | None = None,
    stability: Stability | None = None,
    seeds: Sequence[Schedule] = (),
) -> Schedule:
    """Find an integrated schedule of ``program``.

    Tiers are optimised in turn (weighted lateness, program finish, then the secondary aim):
    each tier's best value is kept as a bound while the next is optimised, hinted with the last
    schedule. The time limit is shared among the tiers.

    Parameters
    ----------
    program
        A validated program.
    options
        Time limit, workers, seed.
    progress
        Called with every improving schedule.
    baseline
        A schedule to stay close to: after the business tiers, the tiers ``moved`` and ``shift``
        (:mod:`planner.solvers.stability`) move as few tasks as possible, as little as possible.
    stability
        Disruption budget and pins, with a baseline.
    seeds
        Schedules of other scenarios solved alongside: each is a candidate warm start
        (:func:`planner.solvers.search.warm_start`), kept when this program allows it and it is
        better by the tiers, so a scenario never ends worse than a seed it allows.

    Returns
    -------
    Schedule
        Status ``optimal`` or ``feasible`` with every task placed, or ``infeasible`` /
        ``unknown`` with no tasks. The record carries versions, parameters and per-tier values.

    Raises
    ------
    SolverBug
        When CP-SAT rejects the model (a defect of the planner, never of the input).
    """
    options = options or SolveOptions()
    started = time.perf_counter()
    inst = build_instance(program)
    program_bounds = ProgramBounds(inst)
    proof = program_bounds.overloads()
    if proof:  # no schedule can exist: say so at once, whatever the program's size
        logger.info(
            "infeasible by arithmetic: %s (%s)",
            proof[0].commitment,
            f"{proof[0].energy.resource} short of capacity" if proof[0].energy else "its chain of work",
        )
        return Schedule(
            program=program.name,
            status=SolveStatus.INFEASIBLE,
            record=_record(
                options, started, SolveStatus.INFEASIBLE, (), {"infeasible_by": proof[0].commitment}
            ),
        )
    instance_s = time.perf_counter() - started
    # the obvious plan before the model: list schedules need none, so the first is reported at once
    notes: list[str] = []  # why the warm start took no schedule, when it did not
    plan_from = search.Baseline.of(inst, baseline) if baseline is not None else None
    left = options.time_limit - instance_s
    model_s = search.model_seconds(inst)
    alone = _model_too_slow(inst, left, model_s)
    if alone:
        left -= max(left * OUTPUT_SHARE, OUTPUT_PER_TASK * len(inst.tasks))
    listed = search.list_schedules(
        inst,
        search.funded_sets(inst)[0],
        left,
        options.seed,
        _early(progress, started),
        plan_from,
        notes,
        alone=alone,
    )
    if alone:
        return _listed_answer(
            inst, options, started, listed, program_bounds, baseline, stability, notes, model_s
        )
    building = time.perf_counter()
    model, inst, var, tiers = compile_program(program, inst)
    if baseline is not None:
        tiers = before_early(tiers, add_stability(model, inst, var, baseline, stability))
    build_s = time.perf_counter() - building + instance_s
    size = {"constraints": str(len(model.proto.constraints)), "variables": str(len(model.proto.variables))}
    logger.info(
        "model built: %d tasks, %d assignment options, horizon %d working days, %.2f s",
        len(inst.tasks),
        len(var.assignments),
        inst.horizon,
        build_s,
    )
    search.branch_on_starts(model, inst, var)
    known = program_bounds.tier_bounds((t.name for t in tiers), options.time_limit)
    floors = _floors(model, tiers, known)
    if BOUNDS_IN_MODEL:  # the program's bounds only: a floor from the variables' domains is implied already
        for tier in tiers:
            if tier.name in known:
                model.add(tier.expr >= floors[tier.name])
    solver = new_solver(options)

    results: list[TierResult] = []
    status = SolveStatus.OPTIMAL
    values: dict[str, int] | None = None
    tier_values: dict[str, int] = {}

    def reported(tier: str, value: int) -> None:
        if progress:
            progress(Progress(tier, value, floors[tier], time.perf_counter() - started))

    warm = search.warm_start(
        model,
        inst,
        var,
        tiers,
        options.time_limit - (time.perf_counter() - started),
        options.seed,
        reported,
        plan_from,
        notes,
        listed,
        seeds,
    )
    if warm is not None:  # a confirmed fallback; CP-SAT then only looks for something at least as good
        values, tier_values = warm.values, warm.tier_values
        model.add(tiers[0].expr <= tier_values[tiers[0].name])
        if search.HINT_WARM_START:
            warm.hint(model)
        if progress:
            progress(
                Progress(
                    tiers[0].name,
                    tier_values[tiers[0].name],
                    floors[tiers[0].name],
                    time.perf_counter() - started,
                )
            )
    for i, tier in enumerate(tiers):
        remaining = options.time_limit - (time.perf_counter() - started)
        if values is not None and remaining < build_s:
            # CP-SAT needs about as long as the build just to load the model: keep the schedule,
            # whose tiers then have the bounds proven from the program
            logger.warning("no time left for tier %s and after; keeping the schedule found", tier.name)
            spent = options.time_limit - remaining
            notes.append(
                f"no time left for tier {tier.name} and after at {spent:.1f} s (model build {build_s:.1f} s); "
                f"a limit of about {max(spent + 3 * build_s, 2 * options.time_limit):.0f} s would give "
                "CP-SAT time to load the model and search"
            )
            status = SolveStatus.FEASIBLE
            results.extend(
                TierResult(name=t.name, value=tier_values[t.name], bound=floors[t.name], optimal=False)
                for t in tiers[i:]
            )
            break
        if values is not None and tier_values[tier.name] <= floors[tier.name]:
            # the schedule in hand meets the tier's bound: proven, nothing to search
            results.append(
                TierResult(
                    name=tier.name, value=tier_values[tier.name], bound=floors[tier.name], optimal=True
                )
            )
            model.add(tier.expr <= tier_values[tier.name])
            continue
        last = i == len(tiers) - 1
        # the tier before early gets nearly what it would as the last; early gets what is left,
        # up to a share of the time limit (it only places work with slack)
        share = (
            1 - EARLY_SHARE if not last and tiers[i + 1].name == EARLY else _TIER_SHARE.get(tier.name, 0.5)
        )
        budget = remaining if last else remaining * share
        if tier.name == EARLY:
            budget = min(budget, options.time_limit * EARLY_MAX_SHARE)
        solver.parameters.max_time_in_seconds = max(budget, 0.05)
        model.minimize(tier.expr)
        callback = _Reporter(tier.name, started, progress, floors[tier.name]) if progress else None
        code = run(solver, model, "model", callback)
        if code in (cp_model.INFEASIBLE, cp_model.UNKNOWN):
            if values is None:
                status = SolveStatus.INFEASIBLE if code == cp_model.INFEASIBLE else SolveStatus.UNKNOWN
                break
            # nothing better in its time: keep the schedule, hold its value, go on to the next tier
            logger.warning(
                "tier %s found nothing better in its time; keeping the previous schedule", tier.name
            )
            status = SolveStatus.FEASIBLE
            # CP-SAT's bound is only proven when it found a solution (UNKNOWN reports 0, which is
            # false for a negative objective), or when it proved there is nothing better (INFEASIBLE)
            kept = tier_values[tier.name]
            bound = kept if code == cp_model.INFEASIBLE else floors[tier.name]
            results.append(TierResult(name=tier.name, value=kept, bound=bound, optimal=False))
            model.add(tier.expr <= kept)
            _hint(model, var, values)
            continue
        value, bound = (
            round(solver.objective_value),
            max(round(solver.best_objective_bound), floors[tier.name]),
        )
        optimal = code == cp_model.OPTIMAL
        if not optimal:
            status = SolveStatus.FEASIBLE
        found = solved_tiers(solver, tiers)
        if values is not None and ranked(tier_values, tiers[i:]) < ranked(found, tiers[i:]):
            value, bound = (
                tier_values[tier.name],
                min(bound, tier_values[tier.name]),
            )  # the one in hand is better
        else:
            tier_values, values = found, solution_values(solver, var)
        results.append(TierResult(name=tier.name, value=value, bound=bound, optimal=optimal))
        model.add(tier.expr <= value)
        _hint(model, var, values)

    # a later tier may improve an earlier, unproven one (it is only held as a bound): report
    # the value every tier has in the schedule returned
    results = [_proven(r.model_copy(update={"value": tier_values.get(r.name, r.value)})) for r in results]
    if values is not None and all(r.optimal for r in results if r.name != EARLY):
        # the last bound met the value: nothing better exists (the early tier only places work
        # with slack, and says nothing of how good the schedule is)
        status = SolveStatus.OPTIMAL
    record = _record(
        options,
        started,
        status,
        tuple(results),
        {
            "tiers": ",".join(t.name for t in tiers),
            "horizon": str(inst.horizon),
            "build_s": f"{build_s:.3f}",
            **size,
            "warm_start_s": f"{warm.seconds:.3f}" if warm else "none",
            **search.start_record(warm, [tier_values.get(t.name) for t in tiers], notes),
        },
    )
    if values is None:
        return Schedule(program=program.name, status=status, record=record)
    return Schedule(
        program=program.name,
        status=status,
        tasks=scheduled_tasks(inst, var, values),
        record=record,
        unfunded=unfunded(var, values),
    )


def _model_too_slow(inst: Instance, seconds: float, model_s: float) -> bool:
    """Whether building and loading ``inst``'s model (``model_s``, :func:`search.model_seconds`) would
    take longer than the ``seconds`` left, so that the list schedule is the answer (only for a program
    without money or projects that may be left out, whose tiers
    :func:`planner.solvers.objectives.tier_values` computes without a model)."""
    program = inst.program
    return program.finance is None and not optional_projects(program) and seconds < model_s


def _listed_answer(
    inst: Instance,
    options: SolveOptions,
    started: float,
    listed: search.Listed,
    bounds: ProgramBounds,
    baseline: Schedule | None,
    stability: Stability | None,
    notes: list[str],
    model_s: float,
) -> Schedule:
    """The best list schedule as the answer, for a program whose model would not be built and loaded
    within the time limit (:func:`_model_too_slow`); its tiers are computed without a model, their
    bounds are the program's (:class:`ProgramBounds`), and the record says what limit would let the
    optimiser search."""
    program = inst.program
    spent = time.perf_counter() - started
    notes.append(
        f"the optimiser was not run: the model of {len(inst.tasks)} tasks needs about {model_s:.0f} s to "
        f"build and load, more than the {options.time_limit - spent + listed.seconds:.1f} s this limit left "
        f"after the program's checks; a limit of about {max(2 * (spent + model_s), 2 * options.time_limit):.0f}"
        " s would give it time to search"
    )
    planned = baseline_starts(inst, baseline) if baseline is not None else {}
    pins = pinned_tasks(inst, stability.pin, planned) if stability is not None and planned else []
    best: tuple[list[int], dict[str, int], str, search.Placement] | None = None
    for source, placement in listed.candidates:
        values = tier_values(inst, placement.start)
        if baseline is not None:
            kept = stability_values(inst, baseline, placement.start, placement.people)
            budget = stability.budget if stability is not None else None
            if budget is not None and kept.get("moved", 0) > budget:
                notes.append(
                    f"the {source} moves {kept['moved']} tasks, more than the disruption budget of {budget}"
                )
                continue
            if any(placement.start[key] != planned[key] for key in pins):
                notes.append(f"the {source} moves a pinned task")
                continue
            values = {**{k: v for k, v in values.items() if k != EARLY}, **kept, EARLY: values[EARLY]}
        if best is None or list(values.values()) < best[0]:
            best = (list(values.values()), values, source, placement)
    if best is None:
        return Schedule(
            program=program.name,
            status=SolveStatus.UNKNOWN,
            record=_record(
                options,
                started,
                SolveStatus.UNKNOWN,
                (),
                {"start_from": "none", "time_notes": "; ".join(notes)},
            ),
        )
    _, values, source, placement = best
    known = bounds.tier_bounds(values, options.time_limit)
    floors = {name: known.get(name, early_floor(inst) if name == EARLY else 0) for name in values}
    results = tuple(
        _proven(TierResult(name=name, value=value, bound=floors[name], optimal=False))
        for name, value in values.items()
    )
    status = (
        SolveStatus.OPTIMAL if all(r.optimal for r in results if r.name != EARLY) else SolveStatus.FEASIBLE
    )
    start = search.WarmStart({}, values, listed.seconds, [], source)
    record = _record(
        options,
        started,
        status,
        results,
        {
            "tiers": ",".join(values),
            "horizon": str(inst.horizon),
            "warm_start_s": f"{listed.seconds:.3f}",
            **search.start_record(start, list(values.values()), notes),
        },
    )
    people: dict[str, list[str]] = {}
    for (key, _), chosen in sorted(placement.people.items()):
        people.setdefault(key, []).extend(chosen)
    return Schedule(
        program=program.name, status=status, record=record, tasks=dated_tasks(inst, placement.start, people)
    )


def _record(
    options: SolveOptions,
    started: float,
    status: SolveStatus,
    tiers: tuple[TierResult, ...],
    parameters: dict[str, str],
) -> SolveRecord:
    """The run record of a solve: versions, options, wall time, status and tier results."""
    return SolveRecord(
        planner_version=planner.__version__,
        ortools_version=version("ortools"),
        python_version=platform.python_version(),
        time_limit=options.time_limit,
        workers=options.workers or os.cpu_count() or 1,
        seed=options.seed,
        wall_time=round(time.perf_counter() - started, 3),
        status=status,
        tiers=tiers,
        parameters={"num_workers": str(options.workers), **parameters},
        solved_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )


def _floors(model: cp_model.CpModel, tiers: list[Tier], known: dict[str, int]) -> dict[str, int]:
    """The best bound known before the search for each tier: from the program, or from the
    variables' domains (:mod:`planner.solvers.bounds`)."""
    floors: dict[str, int] = {}
    for tier in tiers:
        model.minimize(tier.expr)
        floor = objective_floor(model)
        floors[tier.name] = max(floor, known.get(tier.name, floor))
    model.clear_objective()
    return floors


def _proven(result: TierResult) -> TierResult:
    """A tier whose value meets its bound is optimal, whoever proved the bound."""
    if result.bound > result.value:
        raise SolverBug(f"tier {result.name}: bound {result.bound} above the value {result.value} found")
    return result.model_copy(update={"optimal": True}) if result.bound == result.value else result


def _early(progress: Callable[[Progress], None] | None, started: float) -> Callable[[str, int], None] | None:
    """Progress reports of list schedules found before the model is built (no bound known yet: 0)."""
    if progress is None:
        return None
    return lambda tier, value: progress(Progress(tier, value, 0, time.perf_counter() - started))


def _hint(model: cp_model.CpModel, var: Variables, values: dict[str, int]) -> None:
    """Make the schedule in ``values`` the starting point of the next tier's search."""
    model.clear_hints()
    for key, v in var.start.items():
        model.add_hint(v, values[key])
    for a in var.assignments:
        model.add_hint(a.literal, values[a.literal.name])
    for lit in var.funded.values():
        model.add_hint(lit, values[lit.name])
