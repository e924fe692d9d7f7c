"""The real thing: `planner serve` in its own process on a loopback port, stopped and started again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from planner.check import verify
from planner.io.program_file import load_program
from planner.models import Schedule

QUICKSTART = Path(__file__).resolve().parents[2] / "scenarios" / "quickstart.yaml"


def free_port() -> int:
    """A TCP port nobody listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(database: Path, port: int) -> Iterator[httpx.Client]:
    """Run `planner serve` on ``port`` until the block ends, then stop it as an operator would (SIGTERM)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PLANNER_DEFAULT_JOB_SECONDS": "10"}
    env.pop("PLANNER_API_KEYS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, f"server exited: {process.stderr.read() if process.stderr else ''}"
            assert time.monotonic() < deadline, "server did not start in 30 s"
            time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=30) as client:
            yield client
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            _, stderr = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
        assert "loopback" in stderr  # it said it serves loopback only, having no keys


def test_real_server_solves_and_keeps_results_across_a_restart(tmp_path: Path):
    """Submit the quickstart YAML, poll the job to done, verify the schedule; a restart keeps it all."""
    database, port = tmp_path / "planner.db", free_port()
    with server(database, port) as client:
        created = client.post(
            "/programs", content=QUICKSTART.read_text(), headers={"content-type": "application/yaml"}
        )
        assert created.status_code == 201, created.text
        program_id = created.json()["id"]
        job_id = client.post("/jobs", json={"program_id": program_id, "time_limit": 10}).json()["id"]
        deadline = time.monotonic() + 60
        while (job := client.get(f"/jobs/{job_id}").json())["state"] in ("queued", "running"):
            assert time.monotonic() < deadline, job
            time.sleep(0.2)
        assert job["state"] == "done", job
        first = client.get(f"/results/{job_id}").json()
    verify(load_program(QUICKSTART), Schedule.model_validate(first["schedule"]))
    with server(database, free_port()) as client:
        assert client.get(f"/jobs/{job_id}").json()["state"] == "done"
        assert client.get(f"/results/{job_id}").json() == first
        assert client.get(f"/programs/{program_id}").json()["version"] == 1
