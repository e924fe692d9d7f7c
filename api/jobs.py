"""The job runner: queued jobs go to worker processes; their outcome goes to the database.

States: ``queued`` -> ``running`` -> ``done`` | ``failed`` | ``cancelled`` (a queued job can be
cancelled too). The database is the queue: the runner claims the oldest queued job whenever a
worker is free, so jobs queued before a restart run after it. Progress (the tier, best value and
bound so far) is written to the job row while it runs. The final state is written in one
transaction with the result, only if the job is still running under this server's lease, so a
row is never half-written and a late message never overwrites a cancel.

Leases: a claim is one conditional update (``queued`` -> ``running``, with this server as
``lease_owner`` and an expiry ``job_lease_seconds`` ahead), so two servers on one database never
both start a job. A heartbeat renews the leases of the jobs this server runs; a job whose lease
expired (its server died) is requeued by whichever server looks next and runs again, and one
whose servers died :data:`MAX_ATTEMPTS` times while running it fails. A clean stop kills its
solves and requeues their jobs. A server that finds a job it runs no longer held by it (cancelled
through another server, or its lease taken over after a stall) kills that solve and stores nothing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from api.db import Database
from api.pool import WorkerProcess
from api.settings import Settings
from api.tables import JobRow, JobState, ProgramVersionRow, ResultRow, ScenarioRow, utcnow

logger = logging.getLogger(__name__)

SHUT_DOWN = "the server shut down while running it; requeued"
CANCELLED = "cancelled by request"
LOST = (
    "no longer held by this server (cancelled through another server, or its lease expired and was "
    "taken over)"
)
MAX_ATTEMPTS = 3
"""Starts after which a job whose server died while running it fails instead of being requeued
(a solve that takes its server down must not take down every server in turn)."""
GAVE_UP = (
    "the servers running this job stopped {attempts} times while it ran; resubmit, perhaps with a "
    "shorter time limit or a smaller program"
)
HEARTBEATS_PER_LEASE = 6
"""Lease renewals per lease span: a server misses five heartbeats in a row before it loses a job."""
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
    state: JobState = JobState.FAILED  # the state that reason leads to (queued: requeue)
    finishing: bool = False  # its outcome is being stored: the heartbeat leaves it alone


class JobRunner:
    """Runs the queued jobs of a database in at most ``settings.max_concurrent_jobs`` processes.

    Parameters
    ----------
    database
        Where jobs, programs and results live.
    settings
        Concurrency, lease and solver settings.
    """

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database, self.settings = database, settings
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        """This server's name in ``jobs.lease_owner``: host, process id and a token of this start."""
        self._lease = dt.timedelta(seconds=settings.job_lease_seconds)
        self._postgres = database.engine.dialect.name == "postgresql"
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake = asyncio.Event()
        self._idle: deque[WorkerProcess] = deque()
        self._running: dict[str, _Running] = {}
        self._dispatcher: asyncio.Task[None] | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self._renewed = time.monotonic()

    # ----------------------------------------------------------------------------------------
    # life cycle (event loop)

    async def start(self) -> None:
        """Start taking queued jobs (and those whose server died, once their lease has expired)."""
        self._loop = asyncio.get_running_loop()
        logger.info("job runner %s: leases of %g s", self.owner, self.settings.job_lease_seconds)
        await asyncio.to_thread(self._requeue_expired)
        self._renewed = time.monotonic()
        self._dispatcher = asyncio.create_task(self._dispatch(), name="planner-job-dispatcher")
        self._heartbeat = asyncio.create_task(self._beat(), name="planner-job-heartbeat")
        self._wake.set()

    async def stop(self) -> None:
        """Stop taking jobs, kill running solves and requeue their jobs, and close the workers."""
        for task in (self._dispatcher, self._heartbeat):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        for running in list(self._running.values()):
            if running.reason is None:
                running.reason, running.state = SHUT_DOWN, JobState.QUEUED
            running.worker.kill()
        tasks = [r.task for r in self._running.values() if r.task is not None]
        if tasks:
            await asyncio.wait(tasks, timeout=10)
        requeued = await asyncio.to_thread(self._requeue_held)  # any the tasks above could not store
        if requeued:
            logger.warning("%d jobs this server held were requeued as it stopped", requeued)
        while self._idle:
            await asyncio.to_thread(self._idle.popleft().close)

    # ----------------------------------------------------------------------------------------
    # thread-safe entry points for route handlers

    def notify(self) -> None:
        """Tell the runner a job was queued (safe from any thread)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    def cancel(self, job_id: str, timeout: float = 15.0) -> None:
        """Cancel a queued or running job: its row says so when this returns (safe from any thread).

        A job running on this server has its solve killed at once; one running on another server
        on the same database has it killed by that server's next heartbeat.
        """
        if self._loop is None or self._loop.is_closed():
            self._cancel_row(job_id)
            return
        future = asyncio.run_coroutine_threadsafe(self._cancel(job_id), self._loop)
        future.result(timeout)

    def worker_pids(self) -> dict[str, int | None]:
        """The process id solving each running job, by job id (for operators and tests)."""
        return {job_id: r.worker.pid for job_id, r in dict(self._running).items()}

    # ----------------------------------------------------------------------------------------
    # event loop internals

    async def _cancel(self, job_id: str) -> None:
        await asyncio.to_thread(self._cancel_row, job_id)
        running = self._running.get(job_id)
        if running is None or running.finishing:  # queued, finished, or running on another server
            return
        running.reason, running.state = CANCELLED, JobState.CANCELLED
        running.worker.kill()
        if running.task is not None:
            await asyncio.wait([running.task], timeout=10)

    async def _dispatch(self) -> None:
        while True:
            try:  # woken by a new job or a finished one; a look now and then for other servers' jobs
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

    async def _beat(self) -> None:
        """Renew this server's leases; requeue jobs whose server died; stop solves no longer ours."""
        interval = self.settings.job_lease_seconds / HEARTBEATS_PER_LEASE
        while True:
            await asyncio.sleep(interval)
            mine = [job_id for job_id, r in self._running.items() if not r.finishing]
            try:
                held = await asyncio.to_thread(self._renew, mine)
                self._renewed = time.monotonic()
                if await asyncio.to_thread(self._requeue_expired):
                    self._wake.set()
            except Exception:  # the database is away: the leases run out unless it comes back in time
                logger.exception("cannot renew the leases of %d running jobs", len(mine))
                if time.monotonic() - self._renewed < self.settings.job_lease_seconds:
                    continue
                held = set()
            for job_id in mine:
                running = self._running.get(job_id)
                if job_id in held or running is None or running.finishing or running.reason is not None:
                    continue
                logger.warning("job %s: %s; stopping its solve", job_id, LOST)
                running.reason, running.state = LOST, JobState.FAILED  # stored only if still ours: never
                running.worker.kill()

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
            running.finishing = True
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

    def _clock(self) -> tuple[Any, Any]:
        """Now and the expiry of a lease taken now, as values for SQL: the database's clock on
        PostgreSQL (servers on several machines then agree on it), this machine's for SQLite (a
        file only servers of one machine share)."""
        if self._postgres:
            return func.now(), func.now() + self._lease
        now = utcnow()
        return now, now + self._lease

    def _held(self) -> Any:
        """The condition of a job row this server runs: running, under its lease."""
        return (JobRow.state == JobState.RUNNING) & (JobRow.lease_owner == self.owner)

    def _claim_next(self) -> tuple[str, dict[str, Any]] | None:
        """Claim the oldest queued job with one conditional update; ``None`` when none is queued.

        The update's first act is a write, so on SQLite it waits for the database's write lock
        instead of failing on a stale read; on PostgreSQL a row another server is claiming is
        passed over (``SKIP LOCKED``), and the state is checked again on the locked row.
        """
        _, expiry = self._clock()
        queued = aliased(JobRow)
        oldest = (
            select(queued.id)
            .where(queued.state == JobState.QUEUED)
            .order_by(queued.created_at, queued.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        claim = (
            update(JobRow)
            .where(JobRow.id == oldest, JobRow.state == JobState.QUEUED)
            .values(
                state=JobState.RUNNING,
                started_at=utcnow(),
                lease_owner=self.owner,
                lease_expires_at=expiry,
                attempts=JobRow.attempts + 1,
            )
            .returning(JobRow.id)
            .execution_options(synchronize_session=False)
        )
        for _ in range(100):
            with self.database.session() as session:
                claimed = session.scalar(claim)
                if claimed is None:
                    if not session.scalar(select(func.count()).where(JobRow.state == JobState.QUEUED)):
                        return None
                    time.sleep(0.01)  # another server claimed the one this update picked: look again
                    continue
                job = session.get(JobRow, claimed, populate_existing=True)
                assert job is not None
                document = session.scalars(
                    select(ProgramVersionRow.document).where(
                        ProgramVersionRow.program_id == job.program_id,
                        ProgramVersionRow.version == job.program_version,
                    )
                ).one()
                payload = {
                    "kind": job.kind,
                    "program": document,
                    "time_limit": job.time_limit,
                    "workers": self.settings.solver_workers,
                    "seed": job.seed,
                    **self._extras(session, job),
                }
                logger.info(
                    "job %s: running (%s version %d, start %d)",
                    job.id,
                    job.program_id,
                    job.program_version,
                    job.attempts,
                )
                return job.id, payload
        return None  # every look lost a race: the next wake looks again

    def _renew(self, job_ids: list[str]) -> set[str]:
        """Extend the leases of ``job_ids``; return those this server still holds."""
        if not job_ids:
            return set()
        _, expiry = self._clock()
        with self.database.session() as session:
            renewed = session.scalars(
                update(JobRow)
                .where(self._held(), JobRow.id.in_(job_ids))
                .values(lease_expires_at=expiry)
                .returning(JobRow.id)
                .execution_options(synchronize_session=False)
            )
            return set(renewed)

    def _requeue_expired(self) -> int:
        """Requeue the running jobs whose lease has expired (their server died or lost the database),
        failing those started :data:`MAX_ATTEMPTS` times; return how many were requeued."""
        now, _ = self._clock()
        expired = (JobRow.state == JobState.RUNNING) & or_(
            JobRow.lease_expires_at.is_(None), JobRow.lease_expires_at < now
        )
        with self.database.session() as session:
            failed = (
                session.execute(
                    update(JobRow)
                    .where(expired, JobRow.attempts >= MAX_ATTEMPTS)
                    .values(
                        state=JobState.FAILED,
                        error=GAVE_UP.format(attempts=MAX_ATTEMPTS),
                        finished_at=utcnow(),
                        lease_owner=None,
                        lease_expires_at=None,
                    )
                    .returning(JobRow.id)
                    .execution_options(synchronize_session=False)
                )
                .scalars()
                .all()
            )
            requeued = session.execute(
                self._requeue_statement(expired).returning(JobRow.id, JobRow.lease_owner)
            ).all()
        for job_id in failed:
            logger.warning("job %s: its lease expired for the %d. time; failed", job_id, MAX_ATTEMPTS)
        for job_id, owner in requeued:
            logger.warning("job %s: the lease of %s expired; requeued", job_id, owner or "a server")
        return len(requeued)

    def _requeue_held(self) -> int:
        """Requeue every job this server holds (it is stopping); return how many."""
        with self.database.session() as session:
            return len(session.execute(self._requeue_statement(self._held()).returning(JobRow.id)).all())

    @staticmethod
    def _requeue_statement(condition: Any) -> Any:
        """An update putting the jobs matching ``condition`` back in the queue, as if never started."""
        return (
            update(JobRow)
            .where(condition)
            .values(
                state=JobState.QUEUED,
                started_at=None,
                lease_owner=None,
                lease_expires_at=None,
                progress_tier=None,
                progress_value=None,
                progress_bound=None,
                progress_elapsed=None,
            )
            .execution_options(synchronize_session=False)
        )

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
                .where(JobRow.id == job_id, self._held())
                .values(
                    progress_tier=data["tier"],
                    progress_value=data["value"],
                    progress_bound=data["bound"],
                    progress_elapsed=data["elapsed"],
                )
            )

    def _cancel_row(self, job_id: str) -> bool:
        """Mark a queued or running job cancelled, whichever server holds it; whether it was."""
        with self.database.session() as session:
            cancelled = session.scalar(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state.in_([JobState.QUEUED, JobState.RUNNING]))
                .values(
                    state=JobState.CANCELLED,
                    error=CANCELLED,
                    finished_at=utcnow(),
                    lease_owner=None,
                    lease_expires_at=None,
                )
                .returning(JobRow.id)
                .execution_options(synchronize_session=False)
            )
        if cancelled is not None:
            logger.info("job %s: cancelled", job_id)
        return cancelled is not None

    def _finish(self, job_id: str, outcome: tuple[str, Any]) -> None:
        try:
            self._store_outcome(job_id, outcome)
        except SQLAlchemyError as error:  # e.g. a value the database cannot hold: fail, never stay running
            logger.exception("job %s: cannot store its outcome", job_id)
            self._store_outcome(
                job_id, ("failed", f"the server could not store the job's outcome ({_described(error)})")
            )

    def _store_outcome(self, job_id: str, outcome: tuple[str, Any]) -> None:
        """Write a job's final state (and result), or requeue it, if this server still holds it.

        The job row is updated first and conditionally (running, under this server's lease): the
        write that decides comes before any read, so SQLite waits for its lock instead of failing
        on a stale snapshot, and a cancel or a takeover by another server is never overwritten.
        """
        kind, data = outcome
        if kind == "queued":
            with self.database.session() as session:
                requeued = session.execute(
                    self._requeue_statement((JobRow.id == job_id) & self._held()).returning(JobRow.id)
                ).first()
            if requeued is not None:
                logger.info("job %s: requeued (%s)", job_id, data)
            return
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
        values: dict[str, Any] = {
            "state": state,
            "error": error,
            "finished_at": utcnow(),
            "lease_owner": None,
            "lease_expires_at": None,
        }
        record = (data["schedule"] or {}).get("record") or {} if state is JobState.DONE else {}
        if record.get("tiers"):
            last = record["tiers"][-1]
            values |= {
                "progress_tier": last["name"],
                "progress_value": last["value"],
                "progress_bound": last["bound"],
                "progress_elapsed": record.get("wall_time"),
            }
        with self.database.session() as session:
            organisation = session.scalar(
                update(JobRow)
                .where(JobRow.id == job_id, self._held())
                .values(**values)
                .returning(JobRow.organisation)
                .execution_options(synchronize_session=False)
            )
            if organisation is None:  # cancelled, or no longer this server's: its outcome is not stored
                logger.info("job %s: not stored (%s), no longer held by this server", job_id, kind)
                return
            if state is JobState.DONE:
                session.add(
                    ResultRow(
                        job_id=job_id,
                        organisation=organisation,
                        status=data["status"],
                        schedule=data["schedule"],
                        summary=data["summary"],
                        details=data.get("details") or {},
                    )
                )
        logger.info("job %s: %s%s", job_id, state.value, f" ({error})" if error else "")
