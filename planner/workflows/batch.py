"""Batch runs: every scenario file of a folder or glob solved into one table, a row per file
(``planner batch``, :func:`run_batch`), and a program's stored scenarios replanned against one
baseline (the API's batch jobs, :func:`replan_scenarios`). A row is the same either way
(:func:`planner.workflows.batch_jobs.replan_row`).

Each scenario's root program (its base) is solved once; the scenarios over it are then replanned
against that schedule with minimal disruption, in parallel on an executor
(:mod:`planner.batch.executors`). A file that fails (bad input, no base, infeasible) gets its row
with the reason and the batch goes on. Results already in the cache (:mod:`planner.batch.cache`)
are reused, so a rerun solves only the scenarios whose inputs or options changed: solved,
infeasible, and refused for bad input alike (a crash or a time-out without a schedule is tried
again).

Examples
--------
>>> result = run_batch("scenarios/bank", SolveOptions(time_limit=20, workers=1), jobs=2,
...                    output="out/batch/results.csv")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from planner.analysis.facts.summary import Summary, summarize
from planner.batch.cache import ResultCache, cache_path, job_key
from planner.batch.executors import make_executor
from planner.batch.files import Bundle, Reader, Skip, bundle, discover
from planner.check import Violation, check
from planner.errors import PlannerError
from planner.io.scenario_file import parse_scenario
from planner.models import Program, Schedule
from planner.solvers import Progress, SolveOptions
from planner.solvers.stability import Stability
from planner.workflows.batch_jobs import Job, Row, error_row, replan_row, run_job
from planner.workflows.replan import replan_changes, solve_baseline

logger = logging.getLogger(__name__)

FAILED = ("error", "infeasible", "unknown")
"""Row statuses that count as failed."""
_KEPT = ("optimal", "feasible", "infeasible")  # statuses worth caching: the same inputs give them again


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch stands: rows done (of which failed and taken from the cache), jobs running,
    seconds since the start and an estimate of the seconds left (``None`` until one solve ends)."""

    total: int
    done: int
    failed: int
    cached: int
    running: int
    elapsed: float
    eta: float | None
    last: str | None = None


@dataclass
class BatchResult:
    """The rows of a batch, in order (each base, then its scenarios), and what happened.

    Attributes
    ----------
    rows
        One JSON-ready row per file (and per base program), see :func:`planner.workflows.batch_jobs.table_values`.
    solved, cached, failed
        Rows solved in this run, taken from the cache, and failed (error, infeasible, unknown).
    skipped
        Files that are neither programs nor scenarios.
    wall_time
        Seconds for the whole batch.
    """

    rows: list[Row] = field(default_factory=list)
    solved: int = 0
    cached: int = 0
    failed: int = 0
    skipped: list[str] = field(default_factory=list)
    wall_time: float = 0.0


def _failed_row(path: str, reason: str) -> Row:
    reason = "; ".join(line.strip() for line in reason.splitlines() if line.strip())
    return {
        "file": path,
        "kind": "scenario",
        "scenario": None,
        "base": None,
        "status": "error",
        "reason": reason,
        "solve_time_s": 0.0,
    }


class _Batch:
    """The scheduling loop: bases first, each base's scenarios as soon as it is solved."""

    def __init__(
        self, options: SolveOptions, cache: ResultCache, progress: Callable[[BatchProgress], None] | None
    ) -> None:
        self.options = asdict(options)
        self.cpus = options.workers or os.cpu_count() or 1
        self.cache = cache
        self.progress = progress
        self.result = BatchResult()
        self.ready: deque[Job] = deque()
        self.waiting: dict[str, list[Bundle]] = {}
        self.bases: dict[str, Bundle] = {}
        self.total = 0
        self.started = time.perf_counter()
        self.solving_since: float | None = None
        self.in_flight: dict[Any, Job] = {}

    def add(self, item: Bundle, reader: Reader) -> None:
        program = item.base
        if program not in self.bases:
            base = item if item.kind == "program" else bundle(item.base, reader)
            self.bases[program] = base
            self.waiting[program] = []
            self.total += 1
        if item.kind == "scenario":
            self.waiting[program].append(item)
            self.total += 1

    def record(self, row: Row, cached: bool) -> None:
        row = {**row, "cached": cached}
        self.result.rows.append(row)
        if cached:
            self.result.cached += 1
        elif row.get("status") != "error" or row.get("solve_time_s"):
            self.result.solved += 1
        if row.get("status") in FAILED:
            self.result.failed += 1
        self.report(row.get("scenario") or row.get("file"))

    def report(self, last: str | None = None) -> None:
        if self.progress is None:
            return
        done = len(self.result.rows)
        eta = None
        solved = self.result.solved
        if self.solving_since is not None and solved:
            rate = solved / max(time.perf_counter() - self.solving_since, 1e-9)
            eta = (self.total - done) / rate
        self.progress(
            BatchProgress(
                total=self.total,
                done=done,
                failed=self.result.failed,
                cached=self.result.cached,
                running=len(self.in_flight),
                elapsed=time.perf_counter() - self.started,
                eta=eta,
                last=last,
            )
        )

    def start_base(self, program: str) -> None:
        base = self.bases[program]
        key = job_key(base, self.options)
        hit = self.cache.get(key)
        if hit is not None and hit.get("schedule"):
            self.record(hit["row"], cached=True)
            self.release(program, hit["schedule"], hit["row"])
        else:
            self.ready.append(Job("base", base, self.options, key=key))

    def release(self, program: str, schedule: str | None, base_row: Row) -> None:
        """The base of ``program`` is done: queue (or fail) its scenarios."""
        for item in self.waiting.pop(program, []):
            if schedule is None:
                reason = f"the base program {program} has no schedule ({base_row.get('reason') or base_row['status']})"
                self.record(error_row(item, reason), cached=False)
                continue
            key = job_key(item, self.options, schedule)
            hit = self.cache.get(key)
            if hit is not None:
                self.record(hit["row"], cached=True)
            else:
                self.ready.append(Job("scenario", item, self.options, base_schedule=schedule, key=key))

    def finish(self, job: Job, outcome: dict[str, Any]) -> None:
        row = outcome["row"]
        if row.get("status") in _KEPT or outcome.get("input_error"):
            self.cache.put(job.key, outcome)
        self.record(row, cached=False)
        if job.kind == "base":
            self.release(job.bundle.base, outcome.get("schedule"), row)

    def run(self, executor_kind: str, jobs: int, address: str | None) -> None:
        for program in list(self.bases):
            self.start_base(program)
        if not self.ready:
            return
        with make_executor(executor_kind, jobs, self.cpus, address) as executor:
            self.solving_since = time.perf_counter()
            while self.ready or self.in_flight:
                while self.ready and len(self.in_flight) < executor.slots:
                    job = self.ready.popleft()
                    self.in_flight[executor.submit(run_job, job, self.cpus)] = job
                self.report()
                for handle in executor.wait(list(self.in_flight)):
                    job = self.in_flight.pop(handle)
                    try:
                        outcome = executor.result(handle)
                    except Exception as error:  # noqa: BLE001  (a crashed worker: its row says so, the batch goes on)
                        logger.warning("job for %s failed: %s", job.bundle.path, error)
                        outcome = {
                            "row": error_row(
                                job.bundle,
                                f"internal error: {type(error).__name__}: {error}",
                                kind="base" if job.kind == "base" else None,
                            ),
                            "schedule": None,
                        }
                    self.finish(job, outcome)


def run_batch(
    target: str | Path,
    options: SolveOptions | None = None,
    jobs: int = 0,
    executor: str = "local",
    address: str | None = None,
    output: str | Path | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
) -> BatchResult:
    """Solve every program and scenario file of ``target`` and return one row per file.

    Parameters
    ----------
    target
        A folder (searched recursively) or a glob pattern of ``.yaml``/``.yml``/``.json`` files.
    options
        Options of each solve (default: 30 s, 1 worker).
    jobs
        Solves at once; 0 fills the machine (or the Ray cluster).
    executor
        ``local`` (worker processes) or ``ray``.
    address
        Ray cluster address, for ``executor="ray"``.
    output
        The results file the caller will write; the cache lives beside it
        (:func:`planner.batch.cache.cache_path`). ``None``: no cache.
    progress
        Called whenever a job starts or ends.

    Returns
    -------
    BatchResult
        The rows (each base program, then its scenarios, by file name), and counts.

    Raises
    ------
    InputError
        Nothing matches ``target``.
    ExecutorUnavailable
        The executor cannot run (e.g. Ray is not installed).
    """
    options = options or SolveOptions(time_limit=30.0, workers=1)
    files = discover(target)
    cache = ResultCache(cache_path(output) if output is not None else None)
    batch = _Batch(options, cache, progress)
    reader = Reader()
    early: list[Row] = []
    for path in files:
        try:
            batch.add(bundle(path, reader), reader)
        except Skip as skip:
            logger.info("%s", skip)
            batch.result.skipped.append(str(path))
        except PlannerError as error:
            early.append(_failed_row(str(path), str(error)))
    batch.total += len(early)
    for row in early:
        batch.record(row, cached=False)
    batch.run(executor, jobs, address)
    order = {b.base: i for i, b in enumerate(batch.bases.values())}
    batch.result.rows.sort(
        key=lambda r: (
            order.get(r.get("base") or "", len(order)),
            r.get("kind") != "base",
            str(r.get("file")),
        )
    )
    batch.result.wall_time = round(time.perf_counter() - batch.started, 3)
    logger.info(
        "batch of %d rows: %d solved, %d cached, %d failed in %.1f s",
        len(batch.result.rows),
        batch.result.solved,
        batch.result.cached,
        batch.result.failed,
        batch.result.wall_time,
    )
    return batch.result


@dataclass(frozen=True)
class StoredScenario:
    """A scenario kept with a program (the API's): its changes as documents, its budget and pins.

    Parameters
    ----------
    id
        The scenario's identifier, carried into its row as ``scenario_id``.
    name
        Its name.
    changes
        Its changes as written (scenario change documents, e.g. ``{"kind": "slip", ...}``).
    budget
        At most this many tasks may move (``None``: no limit).
    pin
        Tasks or projects kept at their baseline starts.
    """

    id: str
    name: str
    changes: Sequence[object]
    budget: int | None = None
    pin: Sequence[str] = ()


@dataclass(frozen=True)
class ScenarioBatch:
    """A program's scenarios replanned against one baseline.

    Attributes
    ----------
    program
        The program.
    baseline
        The schedule every scenario was replanned against (given, or solved first and verified).
    summary
        The baseline's summary.
    violations
        The rules the baseline breaks (a given baseline may; a solved one does not).
    rows
        One row per scenario, in order: ``scenario_id``, ``scenario``, then the columns of
        :func:`planner.workflows.batch_jobs.replan_row`, or ``status`` ``error`` and the ``reason``.
    """

    program: Program
    baseline: Schedule
    summary: Summary
    violations: tuple[Violation, ...]
    rows: tuple[Row, ...]


def replan_scenarios(
    program: Program,
    scenarios: Sequence[StoredScenario],
    options: SolveOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    baseline: Schedule | None = None,
) -> ScenarioBatch:
    """Replan every scenario of ``program`` against one baseline, a row each.

    A scenario that cannot be read or applied gets a row with status ``error`` and the reason, and
    the batch goes on; one without a schedule is explained in its row (``reason``, ``conflict``,
    ``ways_out``). The scenarios are solved in turn, each trying the schedules found before it as
    starts, so a scenario that only removes options never ends better than one it tightens that
    came before it.

    Parameters
    ----------
    program
        The program the scenarios change.
    scenarios
        The scenarios.
    options
        Options of every solve.
    progress
        Called with every improving schedule of every solve.
    baseline
        The schedule to replan against; without one the program is solved first.

    Raises
    ------
    NoBaseline
        No baseline is given and the program has no schedule.
    """
    options = options or SolveOptions()
    if baseline is None:
        baseline = solve_baseline(program, options, progress)
    rows = []
    found: list[Schedule] = []
    for scenario in scenarios:
        row: Row = {"scenario_id": scenario.id, "scenario": scenario.name}
        try:
            changes = parse_scenario(
                {"name": scenario.name, "base": "stored program", "changes": list(scenario.changes)}
            ).changes
            stability = Stability(budget=scenario.budget, pin=tuple(scenario.pin))
            result = replan_changes(
                program, changes, (), options, progress, baseline, stability, seeds=tuple(found)
            )
            row.update(replan_row(result, scenario.name, changes, options))
            if result.schedule.has_plan:
                found.append(result.schedule)
        except PlannerError as error:
            row.update(status="error", reason=" ".join(str(error).split()))
        rows.append(row)
    return ScenarioBatch(
        program, baseline, summarize(program, baseline), tuple(check(program, baseline)), tuple(rows)
    )


__all__ = [
    "FAILED",
    "BatchProgress",
    "BatchResult",
    "ScenarioBatch",
    "StoredScenario",
    "replan_scenarios",
    "run_batch",
]
