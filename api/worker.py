"""The code a worker process runs: parse a job, call its use case (:mod:`planner.workflows`), send
back the result as JSON.

A worker is a separate process (``python -m api.worker``) that serves one job at a time: a job
is one JSON line on its stdin, and its messages are JSON lines on its stdout. It calls only the
planner's public functions and sends back plain JSON-ready data, so no solver type ever crosses
into the service. Messages to the parent are ``[kind, data]`` pairs:

- ``("progress", {"tier", "value", "bound", "elapsed"})`` at most a few times a second;
- ``("done", {"status", "schedule", "summary", "violations", "details"})`` once at the end; a
  what-if's details carry the replan's report under ``replan`` (changes as written, baseline
  hash, disruption, milestones, ``verified``, and why there is no schedule), a batch's rows say
  why a scenario has none (``reason``, ``conflict``, ``ways_out``);
- ``("failed", message)`` when the program cannot be read or the planner raised.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from planner.analysis.facts.summary import Summary
from planner.check import Violation
from planner.errors import PlannerError
from planner.io.program_file import parse_program
from planner.io.scenario_file import parse_scenario
from planner.models import Program, Schedule
from planner.solvers import Progress, SolveOptions
from planner.workflows.batch import StoredScenario, replan_scenarios
from planner.workflows.explain import ExplainOptions, explain
from planner.workflows.replan import whatif
from planner.workflows.solve import solve_program

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.25
"""Seconds between two progress messages of one job."""


def run_job(payload: dict[str, Any], send: Callable[[tuple[str, Any]], None]) -> tuple[str, Any]:
    """Run one job and return its final message; progress goes to ``send`` as it comes.

    Parameters
    ----------
    payload
        ``kind`` (``solve``, ``whatif`` or ``explain``), ``program`` (the stored document),
        ``time_limit``, ``workers``, ``seed``; for a what-if also ``changes``, ``labels``,
        ``baseline`` (a schedule, or ``None`` to solve the program first), ``budget`` and ``pin``;
        for an explanation ``milestone``; for a batch ``scenarios`` (id, name, changes, budget,
        pin each) and ``baseline``.
    send
        Called with ``("progress", data)`` messages.

    Returns
    -------
    tuple
        ``("done", data)`` or ``("failed", message)``.
    """
    try:
        program = parse_program(payload["program"])
        kind = payload.get("kind", "solve")
        if kind == "whatif":
            return "done", _whatif(program, payload, _progress(send))
        if kind == "explain":
            return "done", _explain(program, payload)
        if kind == "batch":
            return "done", _batch(program, payload, _progress(send))
        return "done", _solve(program, payload, _progress(send))
    except PlannerError as error:
        return "failed", f"{type(error).__name__}: {error}"
    except Exception as error:  # a defect of the planner: report it, keep the worker alive
        logger.exception("job failed")
        return "failed", f"internal error in the planner: {type(error).__name__}: {error}"


def _progress(send: Callable[[tuple[str, Any]], None]) -> Callable[[Progress], None]:
    last = 0.0

    def progress(p: Progress) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_INTERVAL:
            last = now
            send(
                (
                    "progress",
                    {"tier": p.tier, "value": p.value, "bound": p.bound, "elapsed": round(p.elapsed, 3)},
                )
            )

    return progress


def _options(payload: dict[str, Any], share: float = 1.0) -> SolveOptions:
    return SolveOptions(
        time_limit=payload["time_limit"] * share, workers=payload["workers"], seed=payload["seed"]
    )


def _explain_time(payload: dict[str, Any]) -> float:
    """Seconds to explain a program without a schedule: half the job's time limit, at least 5."""
    return max(payload["time_limit"] / 2, 5.0)


def _outcome(
    schedule: Schedule,
    summary: Summary,
    violations: Sequence[Violation],
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "status": schedule.status.value,
        "schedule": schedule.model_dump(mode="json"),
        "summary": summary.model_dump(mode="json"),
        "violations": [asdict(v) for v in violations],
        "details": details or {},
    }


def _solve(program: Program, payload: dict[str, Any], progress: Callable[[Progress], None]) -> dict[str, Any]:
    solved = solve_program(
        program, _options(payload), progress, explain_time=_explain_time(payload), explain_lint=True
    )
    explanation = solved.no_schedule.explanation if solved.no_schedule is not None else None
    return _outcome(
        solved.schedule,
        solved.summary,
        solved.violations,
        {"explanation": explanation.model_dump(mode="json")} if explanation is not None else None,
    )


def _whatif(
    program: Program, payload: dict[str, Any], progress: Callable[[Progress], None]
) -> dict[str, Any]:
    scenario = parse_scenario({"name": "what-if", "base": "stored program", "changes": payload["changes"]})
    given = Schedule.model_validate(payload["baseline"]) if payload.get("baseline") else None
    options = _options(payload, 1.0 if given is not None else 0.5)  # without a baseline: two solves
    replanned = whatif(
        program,
        scenario.changes,
        payload.get("labels") or (),
        options,
        progress,
        given,
        payload.get("budget"),
        payload.get("pin") or (),
        written=payload["changes"],
        explain_time=_explain_time(payload),
    )
    result, report = replanned.result, replanned.report
    details: dict[str, Any] = {
        "program": result.program.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        "baseline_source": result.baseline_source,
        "reason": report.no_schedule.message if report.no_schedule is not None else result.reason,
        "disruption": result.disruption.model_dump(mode="json") if result.disruption else None,
        "replan": report.model_dump(mode="json"),
    }
    if (
        report.no_schedule is not None and report.no_schedule.explanation is not None
    ):  # served as the explanation
        details["explanation"] = report.no_schedule.explanation.model_dump(mode="json")
    if given is None:
        details["baseline"] = result.baseline.model_dump(mode="json")
    # the summary says so when only the budget or the pins block
    return _outcome(result.schedule, replanned.summary(), replanned.violations(), details)


def _batch(program: Program, payload: dict[str, Any], progress: Callable[[Progress], None]) -> dict[str, Any]:
    given = Schedule.model_validate(payload["baseline"]) if payload.get("baseline") else None
    scenarios = [
        StoredScenario(
            id=s["id"],
            name=s["name"],
            changes=s["changes"],
            budget=s.get("budget"),
            pin=tuple(s.get("pin") or ()),
        )
        for s in payload["scenarios"]
    ]
    batch = replan_scenarios(program, scenarios, _options(payload), progress, given)
    return _outcome(batch.baseline, batch.summary, batch.violations, {"rows": list(batch.rows)})


def _explain(program: Program, payload: dict[str, Any]) -> dict[str, Any]:
    options = ExplainOptions(
        time_limit=payload["time_limit"],
        workers=max(payload["workers"], 1),
        milestone=payload.get("milestone"),
    )
    explanation = explain(program, options)
    return {
        "status": explanation.status.value,
        "schedule": None,
        "summary": None,
        "violations": [],
        "details": {"explanation": explanation.model_dump(mode="json")},
    }


def main() -> None:
    """Serve jobs read as JSON lines on stdin; write messages as JSON lines to the original stdout.

    File descriptor 1 is pointed at stderr first, so that nothing else printed (a library's
    output) can get into the messages.
    """
    logging.basicConfig(level=logging.WARNING, format="solve worker: %(message)s")
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)

    def send(message: tuple[str, Any]) -> None:
        channel.write(json.dumps(message) + "\n")
        channel.flush()

    for line in sys.stdin:
        if not line.strip():
            continue
        send(run_job(json.loads(line), send))


if __name__ == "__main__":
    main()
