"""Minimal conflicts among a program's commitments: assumption cores shrunk by a deletion filter.

Follows docs/design.md, "Conflict explanations": assumption solves are pure feasibility solves (no
objective, no hints, one worker, a time limit per call); returned literals are read through the
board's own index table; the core CP-SAT returns is shrunk by a deletion filter that restarts from
each new core, so every member kept is proven necessary, except where a check timed out (then
the conflict says it is not proven minimal). Explanations come in two tiers: first the
commitments with every dependency held hard, then the dependencies that link those commitments.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from ortools.sat.python import cp_model

from planner.models import Program
from planner.models.commitments import CapacityCommitment, Commitment, LeaveCommitment, Overload
from planner.solvers.bounds import ProgramBounds, free_capacity
from planner.solvers.commitments import Board, bare_instance, build_board, list_commitments
from planner.solvers.cpsat import found, new_solver, run
from planner.solvers.instance import Instance, build_instance
from planner.solvers.options import SolveOptions

logger = logging.getLogger(__name__)

# Members tested first are dropped first when several minimal sets exist: keep the dates people
# negotiate most readily (deadlines) and test resources and pins first.
_TEST_ORDER = {
    "capacity": 0,
    "leave": 1,
    "pinned": 2,
    "project_release": 3,
    "release": 4,
    "end": 5,
    "project_deadline": 6,
    "deadline": 7,
}


class Verdict(str, Enum):
    """The answer of one feasibility check."""

    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CheckResult:
    """A check's verdict and, when infeasible, a (not necessarily minimal) core of assumed ids."""

    verdict: Verdict
    core: tuple[str, ...] = ()


@dataclass(frozen=True)
class Core:
    """A set shrunk by the deletion filter.

    ``proven`` is true when every member was shown necessary (dropping it alone makes the rest
    feasible); ``unproven`` lists the members kept because their check ran out of time.
    """

    members: tuple[str, ...]
    proven: bool
    unproven: tuple[str, ...]
    checks: int


@dataclass(frozen=True)
class Conflict:
    """One minimal conflict: commitment ids, then the dependency links that tie them together.

    ``links`` are positions in ``program.links``. ``proven``/``links_proven`` say whether each
    tier was proven minimal.
    """

    members: tuple[str, ...]
    links: tuple[int, ...]
    proven: bool
    links_proven: bool
    unproven: tuple[str, ...]
    checks: int
    seconds: float
    overload: Overload | None = None
    """When the conflict was proven by arithmetic: the work that does not fit before the deadline."""


@dataclass(frozen=True)
class ConflictSearch:
    """Every conflict found, one after another, each set aside before looking for the next.

    Attributes
    ----------
    status
        ``feasible`` (no conflict), ``infeasible`` (conflicts found) or ``unknown`` (the first
        check ran out of time).
    commitments
        Every commitment of the program, as the conflicts name them.
    conflicts
        Pairwise disjoint minimal conflicts, in the order found.
    complete
        True when, with every conflict found set aside, the remaining commitments were proven to
        hold together; false when the limit was reached first or a check timed out.
    seconds
        Wall time of the search.
    """

    status: Literal["feasible", "infeasible", "unknown"]
    commitments: tuple[Commitment, ...]
    conflicts: tuple[Conflict, ...]
    complete: bool
    seconds: float

    def commitment(self, ident: str) -> Commitment:
        """The commitment with id ``ident``."""
        return next(c for c in self.commitments if c.id == ident)


def check(board: Board, assumed: Sequence[str], time_limit: float, seed: int = 0) -> CheckResult:
    """Decide whether the commitments and links ``assumed`` hold together on ``board``.

    A pure feasibility solve: no objective, no hints, one worker, ``time_limit`` seconds, no
    probing (on 1,000 tasks probing alone takes about 5 s of a check that otherwise takes 0.4 s).

    Raises
    ------
    SolverBug
        When CP-SAT rejects the model.
    """
    model = board.model
    model.clear_assumptions()
    model.add_assumptions([board.literals[i] for i in assumed])
    # probing in presolve costs seconds on large models and rarely decides a check: skip it
    solver = new_solver(SolveOptions(workers=1, seed=seed), max(time_limit, 0.01), probing=False)
    code = run(solver, model, "commitment model")
    if found(code):
        return CheckResult(Verdict.FEASIBLE)
    if code == cp_model.UNKNOWN:
        return CheckResult(Verdict.UNKNOWN)
    wanted = set(assumed)
    # literals that were never assumptions can appear (OR-Tools issue 5141): read through our table
    core = tuple(
        dict.fromkeys(
            board.owner[abs(i)]
            for i in solver.sufficient_assumptions_for_infeasibility()
            if abs(i) in board.owner and board.owner[abs(i)] in wanted
        )
    )
    return CheckResult(Verdict.INFEASIBLE, core or tuple(assumed))


def shrink(
    check_fn: Callable[[list[str]], CheckResult],
    core: Sequence[str],
    fixed: Sequence[str] = (),
    deadline: float | None = None,
) -> Core:
    """Deletion filter: drop members; a member whose removal alone makes the rest feasible is kept.

    Members are dropped in blocks first (all of them, then halves, quarters ...), so that a long
    core of which few members matter needs few checks; a member is only ever kept after a check
    that drops it alone, so every member kept is proven necessary.

    Parameters
    ----------
    check_fn
        Decides a list of assumed ids.
    core
        An infeasible set (with ``fixed``), in the order members are tried.
    fixed
        Ids always assumed and never dropped.
    deadline
        ``time.perf_counter()`` value after which untested members are kept unproven.

    Returns
    -------
    Core
        When a check is infeasible the filter restarts from the new, smaller core it returns;
        when feasible the member is necessary; when unknown the member is kept unproven.
    """
    candidates, kept, unproven, checks = list(core), [], [], 0
    block = len(candidates)
    while candidates:
        if deadline is not None and time.perf_counter() > deadline:
            kept.extend(candidates)
            unproven.extend(candidates)
            break
        dropped, rest = candidates[:block], candidates[block:]
        result = check_fn([*fixed, *kept, *rest])
        checks += 1
        if result.verdict is Verdict.INFEASIBLE:
            new = set(result.core)
            candidates = [c for c in rest if c in new]
            lost = [k for k in unproven if k not in new]
            kept = [k for k in kept if k not in lost]
            unproven = [k for k in unproven if k not in lost]
            block = max(len(candidates) // 2, 1)
        elif block > 1:
            block = max(block // 2, 1)  # something in the block is needed: try smaller blocks
        else:
            kept.append(dropped[0])
            if result.verdict is Verdict.UNKNOWN:
                unproven.append(dropped[0])
            candidates = rest
            block = max(len(candidates) // 2, 1)
    return Core(tuple(kept), not unproven, tuple(unproven), checks)


def find_conflicts(
    program: Program, *, limit: int = 3, check_time: float = 5.0, budget: float = 60.0, links: bool = True
) -> ConflictSearch:
    """Find up to ``limit`` disjoint minimal conflicts among the commitments of ``program``.

    Parameters
    ----------
    program
        A validated program.
    limit
        Most conflicts to report; after each, its members are set aside and the rest checked.
    check_time
        Seconds per feasibility check.
    budget
        Seconds for the whole search; checks not run in time leave members unproven.
    links
        Also find, for each conflict, a minimal set of dependencies linking its members.

    Returns
    -------
    ConflictSearch
        The conflicts, each proven minimal or saying where it is not.
    """
    started = time.perf_counter()
    deadline = started + budget
    inst = bare_instance(program)
    commitments = list_commitments(program, inst)
    board = build_board(program, commitments, {c.id: "switch" for c in commitments}, inst=inst)
    order = sorted(commitments, key=lambda c: _TEST_ORDER[c.kind])
    active = [c.id for c in order]
    logger.info("conflict search: %d commitments, %d links", len(commitments), len(program.links))

    def decide(assumed: list[str]) -> CheckResult:
        return check(board, assumed, min(check_time, max(deadline - time.perf_counter(), 0.05)))

    found = overload_conflicts(program, commitments, inst, decide, deadline)[:limit]
    if links:
        found = [
            dataclasses.replace(c, links=linked[0], links_proven=linked[1])
            for c in found
            for linked in [_linking(program, commitments, c.members, inst, check_time, deadline)]
        ]
    status: Literal["feasible", "infeasible", "unknown"] = "infeasible" if found else "feasible"
    active = [i for i in active if not any(i in c.members for c in found)]
    complete = False
    while True:
        first = decide(active)
        if first.verdict is Verdict.FEASIBLE:
            complete = True
            break
        if first.verdict is Verdict.UNKNOWN or len(found) >= limit:
            break
        status = "infeasible"
        t0 = time.perf_counter()
        ranked = [i for i in active if i in set(first.core)]
        core = shrink(decide, ranked, deadline=deadline)
        link_ids: tuple[int, ...] = ()
        links_proven = True
        if links:
            link_ids, links_proven = _linking(program, commitments, core.members, inst, check_time, deadline)
        found.append(
            Conflict(
                core.members,
                link_ids,
                core.proven,
                links_proven,
                core.unproven,
                core.checks,
                round(time.perf_counter() - t0, 3),
            )
        )
        logger.info(
            "conflict %d: %s (%s)",
            len(found),
            ", ".join(core.members),
            "proven minimal" if core.proven else "not proven minimal",
        )
        if not core.members:
            break  # the hard facts alone clash: nothing to set aside
        active = [i for i in active if i not in core.members]
    if not found and status == "feasible" and not complete:
        status = "unknown"
    return ConflictSearch(
        status, tuple(commitments), tuple(found), complete, round(time.perf_counter() - started, 3)
    )


def overload_conflicts(
    program: Program,
    commitments: Sequence[Commitment],
    bare: Instance,
    decide: Callable[[list[str]], CheckResult],
    deadline: float,
) -> list[Conflict]:
    """Conflicts proven by arithmetic: deadlines before which some resource cannot deliver the
    work they depend on (:meth:`planner.solvers.bounds.ProgramBounds.overloads`).

    The deadline alone is the conflict (minimal, with no search) when people's work does not fit
    even with their leave waived and from the first day; otherwise the leave, the role's
    capacity windows and the releases of the tasks involved join it and the deletion
    filter (:func:`shrink`) drops the ones that are not needed, as far as its time allows.
    """
    ids = {c.id: c for c in commitments}
    out: list[Conflict] = []
    used: set[str] = set()
    bounds = ProgramBounds(build_instance(program))
    for overload in bounds.overloads():
        started = time.perf_counter()
        energy = overload.energy
        if overload.commitment not in ids or overload.commitment in used:
            continue
        others: list[str] = []
        if energy is None:  # the chain before the deadline: the releases and pins behind it
            behind = set(bounds.ancestors(set(overload.held)))
            others = [
                c.id
                for c in commitments
                if c.id not in used
                and c.kind in ("release", "project_release", "pinned")
                and behind & set(c.tasks)
            ]
        # a role's head-count is itself negotiable (capacity commitments); people's time is not
        elif energy.resource.startswith("role:") or energy.work <= free_capacity(
            bare, energy.resource, 0, overload.end - energy.after
        ):
            subjects = set(energy.resource.split(":", 1)[1].split(","))
            involved = set(energy.tasks)
            others = [
                c.id
                for c in commitments
                if c.id not in used
                and (
                    (
                        isinstance(c, CapacityCommitment | LeaveCommitment)
                        and c.subject in subjects
                        and c.first < overload.end - energy.after
                    )
                    or (c.kind in ("release", "project_release") and involved & set(c.tasks))
                )
            ]
        core = shrink(decide, [*others, overload.commitment], deadline=deadline) if others else None
        members = core.members if core else (overload.commitment,)
        if not members:
            continue
        used.update(members)
        out.append(
            Conflict(
                members,
                (),
                core.proven if core else True,
                True,
                core.unproven if core else (),
                core.checks if core else 0,
                round(time.perf_counter() - started, 3),
                overload,
            )
        )
        logger.info("conflict by arithmetic: %s", ", ".join(members))
    return out


def _linking(
    program: Program,
    commitments: list[Commitment],
    members: Sequence[str],
    inst: object,
    check_time: float,
    deadline: float,
) -> tuple[tuple[int, ...], bool]:
    """A minimal set of dependency links that, with ``members`` held hard, still clash."""
    board = build_board(program, commitments, {m: "hard" for m in members}, links="switch", inst=inst)  # type: ignore[arg-type]
    ids = [f"link:{i}" for i in range(len(program.links))]
    if not ids:
        return (), True

    def decide(assumed: list[str]) -> CheckResult:
        return check(board, assumed, min(check_time, max(deadline - time.perf_counter(), 0.05)))

    first = decide(ids)
    if first.verdict is not Verdict.INFEASIBLE:
        return (), False
    core = shrink(decide, [i for i in ids if i in set(first.core)], deadline=deadline)
    return tuple(sorted(int(i.split(":")[1]) for i in core.members)), core.proven
