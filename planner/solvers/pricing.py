"""The price of relaxing one commitment: the smallest slip, extra capacity or leave given up.

Each member of a conflict is priced by a small optimisation in which that member becomes a slack
and every other commitment given stays hard (docs/design.md, "Conflict explanations"):

- a deadline or the program end: the smallest slip in working days;
- a release: how many working days earlier it must be;
- a pinned start: the smallest move, earlier or later;
- leave: the fewest leave days the person would have to work;
- a role's capacity over a window: the fewest extra people, found by feasibility checks with a
  constant capacity (never a capacity variable), and the days on which they are needed.

The solution of the pricing solve is returned as a schedule of the repaired program, so the
caller can check it independently.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from planner.models import Program, Schedule
from planner.models.commitments import CapacityCommitment, Commitment
from planner.solvers.commitments import Board, Mode, bare_instance, build_board, role_demand
from planner.solvers.conflicts import ConflictSearch
from planner.solvers.cpsat import FOUND, new_solver, run
from planner.solvers.instance import Instance
from planner.solvers.options import SolveOptions

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Price:
    """The cheapest way to relax one commitment with the others held.

    Attributes
    ----------
    commitment
        The commitment priced.
    amount
        Working days (deadline slip, earlier release, pin move), extra people (capacity) or leave
        days worked; ``None`` when relaxing this member alone does not help or nothing was found.
    proven
        The amount was proven the smallest possible.
    shift
        Pinned starts: the signed move in working days (positive: later).
    window
        Capacity: the working days ``[first, end)`` on which the extra people are used.
    days
        Leave: the working days the person works during the leave.
    schedule
        A schedule of the program with this repair, from the pricing solve.
    note
        Why there is no amount, when there is none.
    """

    commitment: Commitment
    amount: int | None
    proven: bool = False
    shift: int = 0
    window: tuple[int, int] | None = None
    days: tuple[int, ...] = ()
    schedule: Schedule | None = None
    note: str = ""


def _solver(time_limit: float, workers: int) -> cp_model.CpSolver:
    return new_solver(SolveOptions(workers=workers), max(time_limit, 0.05))


def _run(board: Board, solver: cp_model.CpSolver) -> Any:
    return run(solver, board.model, "pricing model")


def price(
    program: Program,
    commitments: list[Commitment],
    member: Commitment,
    hard: Iterable[str],
    *,
    inst: Instance | None = None,
    time_limit: float = 5.0,
    workers: int = 1,
) -> Price:
    """The smallest relaxation of ``member`` that lets it hold with the commitments ``hard``.

    Parameters
    ----------
    program
        A validated program.
    commitments
        Every commitment of the program.
    member
        The commitment to relax.
    hard
        Ids of the commitments held as they are (``member`` is ignored if listed).
    inst
        The bare instance of ``program``, when the caller has it.
    time_limit
        Seconds for the pricing (shared by the checks of a capacity search).
    workers
        CP-SAT workers.
    """
    inst = inst or bare_instance(program)
    modes: dict[str, Mode] = {i: "hard" for i in hard if i != member.id}
    if isinstance(member, CapacityCommitment):
        return _price_capacity(program, commitments, member, modes, inst, time_limit, workers)
    modes[member.id] = "slack"
    board = build_board(program, commitments, modes, inst=inst)
    board.model.minimize(sum(board.slacks))
    solver = _solver(time_limit, workers)
    code = _run(board, solver)
    if code == cp_model.INFEASIBLE:
        return Price(member, None, True, note="relaxing this commitment alone is not enough")
    if code not in FOUND:
        return Price(member, None, False, note=f"no repair found within {time_limit:g} s")
    amount = round(solver.objective_value)
    shift, days = 0, tuple[int, ...]()
    if member.kind == "pinned":
        shift = solver.value(board.var.start[member.subject]) - member.day
    if member.kind == "leave":
        days = tuple(d for d, here in board.leave_days.get(member.id, ()) if not solver.boolean_value(here))
    return Price(
        member, amount, code == cp_model.OPTIMAL, shift=shift, days=days, schedule=board.schedule(solver)
    )


def _price_capacity(
    program: Program,
    commitments: list[Commitment],
    member: CapacityCommitment,
    modes: dict[str, Mode],
    inst: Instance,
    time_limit: float,
    workers: int,
) -> Price:
    """Fewest extra people in the window, by doubling then bisection over constant capacities."""
    modes[member.id] = "hard"
    most = role_demand(inst)[member.subject] - member.level  # beyond this the window never binds
    share = time_limit / max(2 * most.bit_length(), 1)
    results: dict[int, tuple[int, Board | None, cp_model.CpSolver | None]] = {}

    def feasible(k: int) -> int:
        board = build_board(program, commitments, modes, extra={member.id: k}, inst=inst)
        solver = _solver(share, workers)
        code = _run(board, solver)
        results[k] = (code, board, solver) if code in FOUND else (code, None, None)
        return code

    proven = True
    low, high, k = 0, None, 1
    while True:
        code = feasible(k)
        if code in FOUND:
            high = k
            break
        proven &= code == cp_model.INFEASIBLE
        low = k
        if k >= most:
            break
        k = min(2 * k, most)
    if high is None:
        if proven:
            return Price(member, None, True, note="even unlimited capacity in this window is not enough")
        return Price(member, None, False, note="no repair found within the time limit")
    while high - low > 1:
        mid = (low + high) // 2
        code = feasible(mid)
        if code in FOUND:
            high = mid
        else:
            proven &= code == cp_model.INFEASIBLE
            low = mid
    _, board, solver = results[high]
    assert board is not None and solver is not None
    window = _overload_window(board, solver, member)
    return Price(member, high, proven, window=window, schedule=board.schedule(solver))


def _overload_window(
    board: Board, solver: cp_model.CpSolver, member: CapacityCommitment
) -> tuple[int, int] | None:
    """The first and one-past-last day in the member's window where use exceeds its level."""
    use: dict[int, int] = {}
    for key, task in board.inst.tasks.items():
        count = sum(n for r, n in task.roles if r == member.subject)
        if count and task.duration > 0:
            s = solver.value(board.var.start[key])
            for d in range(max(s, member.first), min(s + task.duration, member.end)):
                use[d] = use.get(d, 0) + count
    over = [d for d, n in use.items() if n > member.level]
    return (min(over), max(over) + 1) if over else None


def price_conflicts(
    program: Program, search: ConflictSearch, *, time_limit: float = 5.0, workers: int = 1
) -> dict[str, Price]:
    """Price every member of every conflict found by :func:`planner.solvers.conflicts.find_conflicts`.

    Each member is relaxed with every other commitment hard, except the members of the other
    conflicts, which are set aside (conflicts are independent: each is repaired on its own).

    Parameters
    ----------
    program
        The program searched.
    search
        Its conflicts.
    time_limit
        Seconds per member.
    workers
        CP-SAT workers per pricing solve.

    Returns
    -------
    dict[str, Price]
        By commitment id.
    """
    inst = bare_instance(program)
    commitments = list(search.commitments)
    aside = {m for c in search.conflicts for m in c.members}
    out: dict[str, Price] = {}
    for conflict in search.conflicts:
        others = aside - set(conflict.members)
        hard = [c.id for c in commitments if c.id not in others]
        for member in conflict.members:
            out[member] = price(
                program,
                commitments,
                search.commitment(member),
                hard,
                inst=inst,
                time_limit=time_limit,
                workers=workers,
            )
            logger.info("priced %s: %s", member, out[member].amount)
    return out
