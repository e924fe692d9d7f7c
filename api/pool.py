"""Worker processes that solve one job at a time, seen from the service's event loop.

Each :class:`WorkerProcess` is a fresh interpreter running ``python -m api.worker`` (through
:mod:`api.solve_process`, so that it dies with the server even when the server is killed outright),
fed one JSON line per job, with a thread that reads its output and hands every message to the event loop. A
solve therefore never blocks the loop; a worker that is killed (cancel, time limit) or dies shows
up as a ``("crashed", exit code)`` message instead of a hang.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import threading
from typing import Any

logger = logging.getLogger(__name__)


class WorkerProcess:
    """One solve process and the queue its messages arrive on.

    Parameters
    ----------
    loop
        The event loop that receives the messages. Make workers on that loop's thread: on Linux a
        worker is killed when the thread that started it ends.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.messages: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "api.solve_process", str(os.getpid())],  # dies with this server
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self._reader = threading.Thread(
            target=self._read, daemon=True, name=f"planner-worker-{self.process.pid}"
        )
        self._reader.start()
        logger.info("started solve worker process %s", self.process.pid)

    @property
    def pid(self) -> int:
        """The process id."""
        return self.process.pid

    @property
    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process.poll() is None

    def submit(self, payload: dict[str, Any]) -> None:
        """Send a job; its messages then arrive on :attr:`messages`."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(payload) + "\n")
        self.process.stdin.flush()

    def kill(self) -> None:
        """Stop the process at once (cancel, time limit, shutdown)."""
        if self.alive:
            self.process.kill()

    def close(self) -> None:
        """Ask an idle process to exit, and make sure it does."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
            self.process.wait(timeout=2)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            self.kill()
            self.process.wait(timeout=5)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                kind, data = json.loads(line)
            except ValueError:
                logger.warning("worker %s wrote a line that is not a message: %.200s", self.process.pid, line)
                continue
            self._put((kind, data))
        self._put(("crashed", self.process.wait()))

    def _put(self, message: tuple[str, Any]) -> None:
        try:
            self._loop.call_soon_threadsafe(self.messages.put_nowait, message)
        except RuntimeError:  # the loop has closed: nobody is waiting any more
            pass
