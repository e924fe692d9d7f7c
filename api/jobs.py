"""The job runner: queued jobs go to worker processes; their outcome goes to the database.

States: ``queued`` -> ``running`` -> ``done`` | ``failed`` | ``cancelled`` (a queued job can be
cancelled too). The database is the queue: the runner claims the oldest queued job whenever a
worker is free, so jobs queued before a restart run after it. Progress (the tier, best value and
bound so far) is written to the job row while it runs. The final state is written in one
transaction with the result, only if the job is still running, so a row is never half-written and
a late message never overwrites a cancel.

Only one service process may run jobs against a database at a time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from api.db import Database
from api.pool import WorkerProcess
from api.settings import Settings
from api.tables import JobRow, JobState, ProgramVersionRow, ResultRow, ScenarioRow, utcnow

logger = logging.getLogger(__name__)

RESTARTED = "server restarted while running; resubmit"
SHUT_DOWN = "server shut down while running; resubmit"
CANCELLED = "cancelled by request"
GRACE_SECONDS = 30.0
"""Time a job may run past its limit (model building, checking) before its worker is killed."""
PROGRESS_WRITE_INTERVAL = 0.5
POLL_SECONDS = 5.0


def _described(error: BaseException) -> str:
    """An error in words fit for a job's ``error``: a database error names its kind only, never the
    SQL statement and values SQLAlchemy puts in its message (those go to the log)."""
    if isinstance(error, SQLAlchemyError):
        origin = getattr(error, "orig", None)
        return f"database error {type(origin or error).__name__}"
    return f"{type(error).__name__}: {error}"


def _solves(payload: dict[str, Any]) -> int:
    """How many time limits a job may use: a what-if solves its baseline first and an infeasible
    solve is explained (two), a batch replans each scenario after its baseline."""
    return 1 + len(payload["scenarios"]) if payload.get("kind") == "batch" else 2


@dataclass
class _Running:
    job_id: str
    worker: WorkerProcess
    task: asyncio.Task[None] | None = None
    reason: str | None = None  # why the runner killed the worker, if it did
    state: JobState = JobState.FAILED  # the state that reason leads to


class JobRunner:
    """Runs the queued jobs of a database in at most ``settings.max_concurrent_jobs`` processes.

    Parameters
    ----------
    database
        Where jobs, programs and results live.
    settings
        Concurrency and solver settings.
    """

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database, self.settings = database, settings
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake = asyncio.Event()
        self._idle: deque[WorkerProcess] = deque()
        self._running: dict[str, _Running] = {}
        self._dispatcher: asyncio.Task[None] | None = None

    # ----------------------------------------------------------------------------------------
    # life cycle (event loop)

    async def start(self) -> None:
        """Mark jobs left running by a previous server failed, then start taking queued jobs."""
        self._loop = asyncio.get_running_loop()
        orphans = await asyncio.to_thread(self._fail_all_running, RESTARTED)
        if orphans:
            logger.warning("%d jobs were running when the server stopped; marked failed", orphans)
        self._dispatcher = asyncio.create_task(self._dispatch(), name="planner-job-dispatcher")
        self._wake.set()

    async def stop(self) -> None:
        """Stop taking jobs, kill running solves (their jobs fail: resubmit) and close the workers."""
        if self._dispatcher is not None:
            self._dispatcher.cancel()
            await asyncio.gather(self._dispatcher, return_exceptions=True)
        for running in list(self._running.values()):
            running.reason, running.state = SHUT_DOWN, JobState.FAILED
            running.worker.kill()
        tasks = [r.task for r in self._running.values() if r.task is not None]
        if tasks:
            await asyncio.wait(tasks, timeout=10)
        await asyncio.to_thread(self._fail_all_running, SHUT_DOWN)
        while self._idle:
            await asyncio.to_thread(self._idle.popleft().close)

    # ----------------------------------------------------------------------------------------
    # thread-safe entry points for route handlers

    def notify(self) -> None:
        """Tell the runner a job was queued (safe from any thread)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    def cancel(self, job_id: str, timeout: float = 15.0) -> None:
        """Cancel a queued or running job and wait until its row says so (safe from any thread)."""
        if self._loop is None or self._loop.is_closed():
            return
        future = asyncio.run_coroutine_threadsafe(self._cancel(job_id), self._loop)
        future.result(timeout)

    def worker_pids(self) -> dict[str, int | None]:
        """The process id solving each running job, by job id (for operators and tests)."""
        return {job_id: r.worker.pid for job_id, r in dict(self._running).items()}

    # ----------------------------------------------------------------------------------------
    # event loop internals

    async def _cancel(self, job_id: str) -> None:
        running = self._running.get(job_id)
        while running is None:  # queued, or claimed a moment ago and not yet handed to a worker
            if await asyncio.to_thread(self._finish_queued, job_id):
                return
            if await asyncio.to_thread(self._state, job_id) is not JobState.RUNNING:
                return
            await asyncio.sleep(0.05)
            running = self._running.get(job_id)
        running.reason, running.state = CANCELLED, JobState.CANCELLED
        running.worker.kill()
        if running.task is not None:
            await asyncio.wait([running.task], timeout=10)

    async def _dispatch(self) -> None:
        while True:
            try:  # woken by a new job or a finished one; a look now and then in case of a missed wake
                await asyncio.wait_for(self._wake.wait(), timeout=POLL_SECONDS)
            except TimeoutError:
                pass
            self._wake.clear()
            try:
                await self._start_queued()
            except Exception:  # a database hiccup must not stop the runner for good
                logger.exception("cannot start queued jobs; retrying in 5 s")
                await asyncio.sleep(5)
                self._wake.set()

    async def _start_queued(self) -> None:
        while len(self._running) < self.settings.max_concurrent_jobs:
            claimed = await asyncio.to_thread(self._claim_next)
            if claimed is None:
                return
            job_id, payload = claimed
            try:
                worker = self._idle.popleft() if self._idle else WorkerProcess(asyncio.get_running_loop())
            except Exception as error:
                logger.exception("cannot start a solve process")
                await asyncio.to_thread(
                    self._finish,
                    job_id,
                    ("failed", f"the server could not start a solve process ({error}); resubmit later"),
                )
                return
            running = _Running(job_id, worker)
            self._running[job_id] = running
            running.task = asyncio.create_task(self._run(running, payload), name=f"planner-job-{job_id}")

    async def _run(self, running: _Running, payload: dict[str, Any]) -> None:
        job_id, worker = running.job_id, running.worker
        outcome: tuple[str, Any] = ("failed", "the job ended without an answer")
        try:
            solves = _solves(payload)
            deadline = time.monotonic() + solves * payload["time_limit"] + GRACE_SECONDS
            if running.reason is None:  # not cancelled before it started
                worker.submit(payload)
            last_write = 0.0
            while running.reason is None or worker.alive:
                left = deadline - time.monotonic()
                try:
                    kind, data = await asyncio.wait_for(worker.messages.get(), timeout=max(left, 0.01))
                except TimeoutError:
                    if running.reason is not None:  # killed, and not even the exit was reported
                        break
                    running.reason = (
                        f"did not finish within {solves} times its time limit of "
                        f"{payload['time_limit']:g} s (+{GRACE_SECONDS:g} s grace); the solve was stopped"
                    )
                    running.state = JobState.FAILED
                    worker.kill()
                    deadline = time.monotonic() + 10
                    continue
                if kind == "progress":
                    if time.monotonic() - last_write >= PROGRESS_WRITE_INTERVAL:
                        last_write = time.monotonic()
                        try:
                            await asyncio.to_thread(self._write_progress, job_id, data)
                        except SQLAlchemyError:  # progress is a courtesy: the job goes on without it
                            logger.exception("job %s: cannot write its progress", job_id)
                    continue
                outcome = (kind, data)
                break
        except Exception as error:  # never leave a row running because of a bug here
            logger.exception("job %s: runner error", job_id)
            if running.reason is None:
                running.reason = f"internal error in the job runner: {_described(error)}"
            worker.kill()
        finally:
            if running.reason is not None:
                outcome = (running.state.value, running.reason)
            elif outcome[0] == "crashed":
                outcome = (
                    "failed",
                    (
                        f"the solve process died (exit code {outcome[1]}); resubmit, "
                        "perhaps with a shorter time limit or a smaller program"
                    ),
                )
            await asyncio.to_thread(self._finish, job_id, outcome)
            del self._running[job_id]
            if outcome[0] in ("done", "failed") and running.reason is None and worker.alive:
                self._idle.append(worker)
            else:
                await asyncio.to_thread(worker.close)
            self._wake.set()

    # ----------------------------------------------------------------------------------------
    # database (worker threads)

    def _fail_all_running(self, reason: str) -> int:
        with self.database.session() as session:
            result = session.execute(
                update(JobRow)
                .where(JobRow.state == JobState.RUNNING)
                .values(state=JobState.FAILED, error=reason, finished_at=utcnow())
            )
            return result.rowcount or 0  # type: ignore[attr-defined]

    def _claim_next(self) -> tuple[str, dict[str, Any]] | None:
        with self.database.session() as session:
            job = session.scalars(
                select(JobRow)
                .where(JobRow.state == JobState.QUEUED)
                .order_by(JobRow.created_at, JobRow.id)
                .limit(1)
            ).first()
            if job is None:
                return None
            document = session.scalars(
                select(ProgramVersionRow.document).where(
                    ProgramVersionRow.program_id == job.program_id,
                    ProgramVersionRow.version == job.program_version,
                )
            ).one()
            job.state, job.started_at = JobState.RUNNING, utcnow()
            payload = {
                "kind": job.kind,
                "program": document,
                "time_limit": job.time_limit,
                "workers": self.settings.solver_workers,
                "seed": job.seed,
                **self._extras(session, job),
            }
            logger.info("job %s: running (%s version %d)", job.id, job.program_id, job.program_version)
            return job.id, payload

    @staticmethod
    def _extras(session: Session, job: JobRow) -> dict[str, Any]:
        """What a what-if or explain job needs besides the program: changes, baseline, budget ..."""
        options = dict(job.options or {})
        if job.scenario_id is not None:
            scenario = session.get(ScenarioRow, job.scenario_id)
            document = scenario.document if scenario is not None else {}
            options.setdefault("changes", document.get("changes", []))
            options.setdefault("budget", document.get("disruption_budget"))
            options["pin"] = list(dict.fromkeys([*document.get("pin", []), *options.get("pin", [])]))
        if job.kind == "batch":
            rows = [session.get(ScenarioRow, i) for i in options.pop("scenario_ids", [])]
            options["scenarios"] = [
                {
                    "id": r.id,
                    "name": r.name,
                    "changes": r.document.get("changes", []),
                    "budget": r.document.get("disruption_budget"),
                    "pin": r.document.get("pin", []),
                }
                for r in rows
                if r is not None
            ]
        baseline_job = options.pop("baseline_job", None)
        if baseline_job is not None:
            result = session.get(ResultRow, baseline_job)
            options["baseline"] = result.schedule if result is not None else None
        return options

    def _write_progress(self, job_id: str, data: dict[str, Any]) -> None:
        with self.database.session() as session:
            session.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == JobState.RUNNING)
                .values(
                    progress_tier=data["tier"],
                    progress_value=data["value"],
                    progress_bound=data["bound"],
                    progress_elapsed=data["elapsed"],
                )
            )

    def _finish_queued(self, job_id: str) -> bool:
        with self.database.session() as session:
            result = session.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == JobState.QUEUED)
                .values(state=JobState.CANCELLED, error=CANCELLED, finished_at=utcnow())
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def _state(self, job_id: str) -> JobState | None:
        with self.database.session() as session:
            return session.scalar(select(JobRow.state).where(JobRow.id == job_id))

    def _finish(self, job_id: str, outcome: tuple[str, Any]) -> None:
        try:
            self._store_outcome(job_id, outcome)
        except SQLAlchemyError as error:  # e.g. a value the database cannot hold: fail, never stay running
            logger.exception("job %s: cannot store its outcome", job_id)
            self._store_outcome(
                job_id, ("failed", f"the server could not store the job's outcome ({_described(error)})")
            )

    def _store_outcome(self, job_id: str, outcome: tuple[str, Any]) -> None:
        kind, data = outcome
        state, error = JobState(kind) if kind in ("failed", "cancelled") else JobState.DONE, None
        if kind == "done" and data["violations"]:
            state = JobState.FAILED
            first = "; ".join(v["message"] for v in data["violations"][:3])
            error = (
                f"the checker found {len(data['violations'])} violations in the solver's schedule "
                f"(a planner bug; please report it): {first}"
            )
        elif kind != "done":
            error = str(data)
        with self.database.session() as session:
            job = session.get(JobRow, job_id, with_for_update=True)
            if job is None or job.state is not JobState.RUNNING:
                return
            if state is JobState.DONE:
                session.add(
                    ResultRow(
                        job_id=job_id,
                        organisation=job.organisation,
                        status=data["status"],
                        schedule=data["schedule"],
                        summary=data["summary"],
                        details=data.get("details") or {},
                    )
                )
                record = (data["schedule"] or {}).get("record") or {}
                if record.get("tiers"):
                    last = record["tiers"][-1]
                    job.progress_tier, job.progress_value, job.progress_bound = (
                        last["name"],
                        last["value"],
                        last["bound"],
                    )
                    job.progress_elapsed = record.get("wall_time")
            job.state, job.error, job.finished_at = state, error, utcnow()
        logger.info("job %s: %s%s", job_id, state.value, f" ({error})" if error else "")
