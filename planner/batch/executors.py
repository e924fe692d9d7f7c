"""Where batch jobs run: local worker processes (the default) or a Ray cluster (optional extra).

Both executors keep at most :attr:`Executor.slots` jobs in flight, so the batch always knows how
many are running. Ray is imported only when asked for; each job declares the CPUs its solve uses
(``num_cpus`` = the solver's workers), so Ray places as many solves per node as fit.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
from abc import ABC, abstractmethod
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from planner.errors import PlannerError

logger = logging.getLogger(__name__)

EXECUTORS = ("local", "ray")
"""The executor names ``planner batch --executor`` accepts."""


class ExecutorUnavailable(PlannerError):
    """The executor asked for cannot run here (Ray not installed, cluster not reachable ...)."""


class Executor(ABC):
    """Runs jobs somewhere and says when they finish.

    Parameters
    ----------
    slots
        At most this many jobs run at once.
    """

    def __init__(self, slots: int) -> None:
        self.slots = max(1, slots)

    @abstractmethod
    def submit(self, fn: Callable[[Any], Any], job: Any, cpus: int) -> Any:
        """Start ``fn(job)`` using ``cpus`` CPUs; return a handle."""

    @abstractmethod
    def wait(self, handles: list[Any]) -> list[Any]:
        """Block until at least one of ``handles`` has finished; return the finished ones."""

    @abstractmethod
    def result(self, handle: Any) -> Any:
        """The value of a finished job (raises what the job raised)."""

    def close(self) -> None:
        """Release the workers."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


class LocalExecutor(Executor):
    """Worker processes on this machine (``spawn``: a fresh interpreter each, safe with threads).

    Parameters
    ----------
    slots
        Number of worker processes.
    """

    def __init__(self, slots: int) -> None:
        super().__init__(slots)
        self._pool = cf.ProcessPoolExecutor(
            max_workers=self.slots, mp_context=multiprocessing.get_context("spawn")
        )

    def submit(self, fn: Callable[[Any], Any], job: Any, cpus: int) -> cf.Future[Any]:
        return self._pool.submit(fn, job)

    def wait(self, handles: list[Any]) -> list[Any]:
        done, _ = cf.wait(handles, return_when=cf.FIRST_COMPLETED)
        return list(done)

    def result(self, handle: Any) -> Any:
        return handle.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class RayExecutor(Executor):
    """Jobs as Ray tasks, each declaring ``num_cpus`` = the CPUs its solve uses.

    Parameters
    ----------
    slots
        Jobs in flight; 0 fills the cluster (its CPUs divided by the CPUs per job).
    cpus
        CPUs each job declares.
    address
        A Ray cluster to join (``ray://host:10001`` or ``host:6379``); ``None`` uses the Ray already
        started in this process, or starts a local one.

    Raises
    ------
    ExecutorUnavailable
        When Ray is not installed or the cluster cannot be reached.
    """

    def __init__(self, slots: int, cpus: int, address: str | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise ExecutorUnavailable(
                "the Ray executor needs Ray: pip install 'planner[ray]' (or pip install 'ray[default]')"
            ) from None
        self._ray = ray
        self._started = False
        if not ray.is_initialized():
            try:
                ray.init(
                    address=address,
                    ignore_reinit_error=True,
                    logging_level=logging.WARNING,
                    include_dashboard=False,
                )
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise ExecutorUnavailable(
                    f"cannot reach the Ray cluster at {address or 'local'}: {error}"
                ) from None
            self._started = True
        if slots <= 0:
            total = int(ray.cluster_resources().get("CPU", 1))
            slots = max(1, total // max(1, cpus))
        super().__init__(slots)
        self._cpus = max(1, cpus)
        self._remote: dict[Callable[[Any], Any], Any] = {}

    def submit(self, fn: Callable[[Any], Any], job: Any, cpus: int) -> Any:
        if fn not in self._remote:
            self._remote[fn] = self._ray.remote(fn)
        return self._remote[fn].options(num_cpus=max(1, cpus)).remote(job)

    def wait(self, handles: list[Any]) -> list[Any]:
        done, _ = self._ray.wait(list(handles), num_returns=1)
        return list(done)

    def result(self, handle: Any) -> Any:
        return self._ray.get(handle)

    def close(self) -> None:
        if self._started:
            self._ray.shutdown()


def make_executor(kind: str, jobs: int, cpus: int, address: str | None = None) -> Executor:
    """The executor ``kind`` (``local`` or ``ray``) with ``jobs`` jobs in flight.

    Parameters
    ----------
    kind
        ``local`` or ``ray``.
    jobs
        Jobs at once; 0 means as many as fit: this machine's cores (local) or the cluster's
        (Ray), divided by ``cpus``.
    cpus
        CPUs each solve uses (its search workers).
    address
        Ray cluster address (Ray only).

    Raises
    ------
    ExecutorUnavailable
        An unknown kind, Ray missing, or an address given for local processes.
    """
    if kind == "local":
        if address:
            raise ExecutorUnavailable("--address is for --executor ray")
        return LocalExecutor(jobs if jobs > 0 else max(1, (os.cpu_count() or 1) // max(1, cpus)))
    if kind == "ray":
        return RayExecutor(jobs, cpus, address)
    raise ExecutorUnavailable(f"unknown executor '{kind}'; use {' or '.join(EXECUTORS)}")


__all__ = ["EXECUTORS", "Executor", "ExecutorUnavailable", "LocalExecutor", "RayExecutor", "make_executor"]
