"""Why a program already solved has no schedule: the funding missing, the minimal conflicts and
their priced ways out (:func:`explain_unsolved`, :func:`explain_no_schedule`).

Every use case that can end without a schedule (solve, what-if, scenario, compare, fund, batch)
explains it with these; the use case ``planner explain`` itself, which lints and solves first,
is :func:`planner.workflows.explain.explain`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from planner.analysis.explanations.explanation import Explanation
from planner.analysis.explanations.infeasibility import explain_infeasible, funding_shortfall
from planner.analysis.lint import LintWarning
from planner.models import Program, SolveStatus
from planner.solvers.conflicts import find_conflicts

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExplainOptions:
    """How an explanation is computed.

    Parameters
    ----------
    time_limit
        Rough wall-clock seconds for the whole explanation (solve, pull early, re-solves).
    workers
        CP-SAT workers (conflict checks always use one).
    milestone
        A task key whose date to explain instead of the program's end.
    conflicts
        Most independent conflicts to report for an infeasible program.
    check_time
        Seconds per feasibility check of the conflict search.
    one_more
        Specialists or roles to value by re-solving with one more of them.
    """

    time_limit: float = 30.0
    workers: int = 2
    milestone: str | None = None
    conflicts: int = 3
    check_time: float = 5.0
    one_more: int = 3


def explain_unsolved(
    program: Program,
    status: SolveStatus,
    options: ExplainOptions,
    warnings: tuple[LintWarning, ...] = (),
    started: float | None = None,
    searched: float | None = None,
) -> Explanation:
    """Explain a program already solved without a schedule: the funding missing, its minimal
    conflicts and their priced ways out.

    The conflict search (a third of the time) relaxes dates, capacities, leave and pins but not
    funding caps; when it finds the commitments hold together, an infeasible program with caps is
    blocked by its caps, and the rest of the time goes to the least extra funding that makes it
    work (:func:`planner.analysis.explanations.infeasibility.funding_shortfall`). Otherwise the minimal
    conflicts are priced and their ways out checked
    (:func:`planner.analysis.explanations.infeasibility.explain_infeasible`).

    Parameters
    ----------
    program
        A program whose solve found no schedule.
    status
        That solve's status (``unknown``: no schedule in time, no proof there is none).
    options
        The time limit (counted from ``started``), workers and conflict limits.
    warnings
        Lint warnings to carry.
    started
        When the explanation started (``time.perf_counter()``; default: now).
    searched
        Seconds the solve that found no schedule had, for the message when the commitments hold.
    """
    started = time.perf_counter() if started is None else started

    def spent() -> float:
        return round(time.perf_counter() - started, 3)

    def remaining(least: float = 5.0) -> float:
        return max(options.time_limit - (time.perf_counter() - started), least)

    search = find_conflicts(
        program, limit=options.conflicts, check_time=options.check_time, budget=remaining() / 3
    )
    capped = program.finance is not None and program.finance.budget.capped
    funding = None
    if search.status == "feasible" and capped and status is SolveStatus.INFEASIBLE:
        # every dated, staffed and linked commitment holds without the caps: the caps block it
        funding = funding_shortfall(program, time_limit=remaining(), workers=options.workers)
        assert funding is not None
        if funding.status == "short":
            return Explanation(
                program=program.name,
                status=status,
                lint=warnings,
                funding=funding,
                message=funding.text,
                seconds=spent(),
            )
        return Explanation(
            program=program.name,
            status=status,
            lint=warnings,
            funding=funding,
            seconds=spent(),
            message="the funding caps block the program: without them its commitments hold "
            f"together (dates, people, dependencies); {funding.text}",
        )
    if search.status == "feasible":
        return Explanation(
            program=program.name,
            status=SolveStatus.UNKNOWN,
            lint=warnings,
            funding=funding,
            message="the commitments hold together, but no schedule was found"
            + (f" in {searched:g} s" if searched is not None else "")
            + "; try a longer --time-limit",
            seconds=spent(),
        )
    if search.status == "unknown":
        return Explanation(
            program=program.name,
            status=SolveStatus.UNKNOWN,
            lint=warnings,
            funding=funding,
            message="no schedule and no conflict found within the time limit; try a longer --time-limit",
            seconds=spent(),
        )
    infeasibility = explain_infeasible(
        program,
        limit=options.conflicts,
        time_limit=remaining(),
        workers=options.workers,
        check_time=options.check_time,
        search=search,
    )
    return Explanation(
        program=program.name,
        status=SolveStatus.INFEASIBLE,
        lint=warnings,
        funding=funding,
        infeasibility=infeasibility,
        seconds=spent(),
    )


class NoSchedule(BaseModel):
    """Why a program has no schedule, wherever that is answered (what-if, scenario, compare, fund, batch).

    Parameters
    ----------
    status
        The solve's status: ``infeasible``, or ``unknown`` (nothing found in time).
    message
        The answer in one line: the funding missing, or the first conflict and its cheapest
        checked way out, or what is known.
    explanation
        The funding missing, the minimal conflicts and the priced ways out, as ``planner explain``
        gives them (``None`` when nothing was searched: no schedule in time).
    """

    model_config = ConfigDict(frozen=True)

    status: SolveStatus
    message: str
    explanation: Explanation | None = None


def explain_no_schedule(
    program: Program,
    status: SolveStatus,
    time_limit: float = 30.0,
    workers: int = 2,
    warnings: tuple[LintWarning, ...] = (),
) -> NoSchedule:
    """Explain why ``program`` has no schedule, within about ``time_limit`` seconds.

    Parameters
    ----------
    program
        The program that has no schedule.
    status
        Its solve's status. An infeasible program is explained (:func:`explain_unsolved`); one
        without a schedule found in time is not searched again: more time is the answer.
    time_limit
        Rough seconds for the whole explanation (callers give a share of the user's limit).
    workers
        CP-SAT workers.
    warnings
        Lint warnings the explanation carries (none by default: callers usually show them already).
    """
    if status is not SolveStatus.INFEASIBLE:
        return NoSchedule(
            status=status,
            message="no schedule found within the time limit (and no proof that "
            "none exists); allow more time",
        )
    explanation = explain_unsolved(
        program, status, ExplainOptions(time_limit=time_limit, workers=max(workers, 1)), warnings
    )
    logger.info("%s has no schedule: explained in %.1f s", program.name, explanation.seconds)
    return NoSchedule(status=status, message=headline(explanation), explanation=explanation)


def headline(e: Explanation) -> str:
    """An explanation of a program without a schedule in one line: the first conflict and its
    cheapest checked way out, or the funding missing, or what is known."""
    if e.infeasibility is None or not e.infeasibility.conflicts:
        return e.message or "the commitments cannot all hold together"
    conflict = e.infeasibility.conflicts[0]
    text = "these commitments cannot all hold: " + "; ".join(m.text for m in conflict.commitments)
    ways = [r for r in conflict.repairs if r.verified]
    if ways:
        text += f"; cheapest checked way out: {ways[0].text}"
    more = len(e.infeasibility.conflicts) - 1
    if more:
        text += f" ({more} more independent conflict{'s' if more != 1 else ''})"
    return text


__all__ = ["ExplainOptions", "NoSchedule", "explain_no_schedule", "explain_unsolved", "headline"]
