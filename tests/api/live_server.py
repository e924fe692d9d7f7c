"""`planner serve` as a real process for the tests of leases and deploys: started on a loopback port
with its log in a file, stopped as an operator would (SIGTERM) or killed outright (SIGKILL)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Self

import httpx

from tests.api.test_server import free_port


class LiveServer:
    """One `planner -v serve` process on ``database_url``; ``env`` adds or overrides variables.

    Parameters
    ----------
    database_url
        The database (``DATABASE_URL``) the server uses.
    log
        The file its standard error (its log) goes to.
    env
        Further settings, e.g. ``{"PLANNER_JOB_LEASE_SECONDS": "5"}``.
    """

    def __init__(self, database_url: str, log: Path, env: dict[str, str] | None = None) -> None:
        self.port, self.log = free_port(), log
        variables = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PLANNER_MAX_CONCURRENT_JOBS": "1",
            "PLANNER_SOLVER_WORKERS": "1",
            "COLUMNS": "300",  # log lines unwrapped, one per line
            **(env or {}),
        }
        variables.pop("PLANNER_API_KEYS", None)
        with log.open("w") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "planner", "-v", "serve", "--port", str(self.port)],
                env=variables,
                stdout=subprocess.DEVNULL,
                stderr=sink,
            )
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=30)
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.client.get("/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert self.process.poll() is None, f"server exited:\n{self.log_text()}"
            assert time.monotonic() < deadline, f"server did not start in 60 s:\n{self.log_text()}"
            time.sleep(0.1)

    def log_text(self) -> str:
        """What the server logged so far."""
        return self.log.read_text(errors="replace")

    def runs(self, job_id: str) -> int:
        """How many times this server's log says it started ``job_id``."""
        return len(re.findall(rf"job {job_id}: running", self.log_text()))

    def solve_processes(self) -> list[int]:
        """The process ids of this server's solve processes (its children running api.solve_process)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                command = (entry / "cmdline").read_bytes()
            except (OSError, IndexError, ValueError):
                continue
            if ppid == self.process.pid and b"api.solve_process" in command:
                found.append(int(entry.name))
        return found

    def kill(self) -> None:
        """Kill the server outright (SIGKILL), as the out-of-memory killer or a pulled plug would."""
        self.client.close()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> int:
        """Stop the server as an operator would (SIGTERM) and wait for it; return its exit status."""
        self.client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"server did not stop within 60 s of SIGTERM:\n{self.log_text()}") from None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        if self.process.poll() is None:
            self.stop()


def gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (exited, or a zombie nobody has reaped yet)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def poll(condition: Any, timeout: float, what: str) -> Any:
    """Call ``condition`` until it returns something true; fail saying ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what}: not within {timeout:g} s"
        time.sleep(0.2)
