"""The code a solve worker process runs: parse, solve, check, summarise, send back.

A worker is a separate process (``python -m api.worker``) that serves one job at a time: a job
is one JSON line on its stdin, and its messages are JSON lines on its stdout. It calls only the planner's public functions and sends back plain JSON-ready data, so no
solver type ever crosses into the service. Messages to the parent are ``[kind, data]`` pairs:

- ``("progress", {"tier", "value", "bound", "elapsed"})`` at most a few times a second;
- ``("done", {"status", "schedule", "summary", "violations"})`` once at the end;
- ``("failed", message)`` when the program cannot be read or the planner raised.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import asdict
from typing import Any

from planner.analysis.summary import summarize
from planner.check import check
from planner.errors import PlannerError
from planner.io.program_file import parse_program
from planner.solvers import Progress, SolveOptions, solve

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.25
"""Seconds between two progress messages of one job."""


def solve_job(payload: dict[str, Any], send: Any) -> tuple[str, Any]:
    """Solve one job and return its final message; progress goes to ``send`` as it comes.

    Parameters
    ----------
    payload
        ``program`` (the stored document), ``time_limit``, ``workers`` and ``seed``.
    send
        Called with ``("progress", data)`` messages.

    Returns
    -------
    tuple
        ``("done", data)`` or ``("failed", message)``.
    """
    last = 0.0

    def progress(p: Progress) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_INTERVAL:
            last = now
            send(("progress", {"tier": p.tier, "value": p.value, "bound": p.bound,
                               "elapsed": round(p.elapsed, 3)}))

    try:
        program = parse_program(payload["program"])
        options = SolveOptions(time_limit=payload["time_limit"], workers=payload["workers"], seed=payload["seed"])
        schedule = solve(program, options, progress)
        violations = check(program, schedule)
        summary = summarize(program, schedule)
    except PlannerError as error:
        return "failed", f"{type(error).__name__}: {error}"
    except Exception as error:  # a defect of the planner: report it, keep the worker alive
        logger.exception("solve failed")
        return "failed", f"internal error in the planner: {type(error).__name__}: {error}"
    return "done", {
        "status": schedule.status.value,
        "schedule": schedule.model_dump(mode="json"),
        "summary": summary.model_dump(mode="json"),
        "violations": [asdict(v) for v in violations],
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
        send(solve_job(json.loads(line), send))


if __name__ == "__main__":
    main()
