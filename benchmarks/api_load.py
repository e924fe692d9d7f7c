"""Bounded load check of the planning service: many concurrent what-if jobs from a second process.

Starts ``planner serve`` on a free loopback port with a fresh SQLite file, stores an example
program, solves it once as the baseline, then submits ``--jobs`` what-if jobs at once (each slips
one project by a different number of working days against that baseline) and follows them to
the end. It reports throughput, p50/p95 latency (submit to finished, as the client sees it), and
checks that every job finished done with a schedule that passes the planner's independent checker
against the changed program, and that no job was lost. Everything stays on 127.0.0.1; the run is
bounded by ``--deadline`` and stops the server when done.

Usage::

    .venv/bin/python -m benchmarks.api_load [--jobs 50] [--program scenarios/bank_core_replacement.yaml]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from planner.check import check
from planner.io.program_file import load_program
from planner.io.scenario_file import parse_scenario
from planner.models import Program, Schedule
from planner.scenarios import apply_changes

logger = logging.getLogger("benchmarks.api_load")

ROOT = Path(__file__).resolve().parents[1]
FINISHED = ("done", "failed", "cancelled")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(database: Path, port: int, concurrent: int, log: Path) -> subprocess.Popen[bytes]:
    """``planner serve`` on ``port`` (open access, loopback), logging to ``log``."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "PLANNER_MAX_CONCURRENT_JOBS": str(concurrent),
        "PLANNER_SOLVER_WORKERS": "1",
        "PLANNER_MAX_QUEUED_JOBS": "1000",
    }
    env.pop("PLANNER_API_KEYS", None)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "planner", "serve", "--port", str(port)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"the server did not start; see {log}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the server as an operator would (SIGTERM), killing it if it hangs."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def follow(client: httpx.AsyncClient, job_id: str, deadline: float) -> dict[str, Any]:
    """Poll a job until it finishes or the run's deadline passes."""
    while True:
        job: dict[str, Any] = (await client.get(f"/jobs/{job_id}")).json()
        if job["state"] in FINISHED or time.monotonic() > deadline:
            return job
        await asyncio.sleep(0.2)


def what_ifs(program: Program, count: int) -> list[list[dict[str, Any]]]:
    """``count`` distinct one-change what-ifs: slip project i by 1, 2, ... working days."""
    projects = [p.id for p in program.projects]
    return [
        [{"kind": "slip", "project": projects[i % len(projects)], "by": 1 + i // len(projects)}]
        for i in range(count)
    ]


async def run_load(
    base_url: str, program_file: Path, jobs: int, time_limit: float, deadline_s: float
) -> dict[str, Any]:
    """Store the program, solve the baseline, run the what-ifs; return the figures."""
    program = load_program(program_file)
    deadline = time.monotonic() + deadline_s
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        created = await client.post(
            "/programs", content=program_file.read_text(), headers={"content-type": "application/yaml"}
        )
        created.raise_for_status()
        program_id = created.json()["id"]
        base = (await client.post("/jobs", json={"program_id": program_id, "time_limit": time_limit})).json()
        base = await follow(client, base["id"], deadline)
        if base["state"] != "done":
            raise RuntimeError(f"the baseline solve ended {base['state']}: {base.get('error')}")
        baseline = Schedule.model_validate((await client.get(f"/results/{base['id']}")).json()["schedule"])
        changes = what_ifs(program, jobs)

        async def one(change: list[dict[str, Any]]) -> tuple[dict[str, Any], float]:
            sent = time.monotonic()
            response = await client.post(
                "/jobs",
                json={
                    "kind": "whatif",
                    "program_id": program_id,
                    "changes": change,
                    "baseline_job": base["id"],
                    "time_limit": time_limit,
                },
            )
            response.raise_for_status()
            job = await follow(client, response.json()["id"], deadline)
            return job, time.monotonic() - sent

        started = time.monotonic()
        outcomes = await asyncio.gather(*(one(c) for c in changes))
        wall = time.monotonic() - started
        listed = {j["id"]: j for j in (await client.get("/jobs", params={"limit": 1000})).json()}
        checked, violations, statuses = 0, 0, []
        for (job, _), change in zip(outcomes, changes):
            if job["state"] != "done":
                continue
            result = (await client.get(f"/results/{job['id']}")).json()
            statuses.append(result["status"])
            changed = apply_changes(
                program, parse_scenario({"name": "w", "base": "b", "changes": change}).changes, baseline
            )
            found = check(changed, Schedule.model_validate(result["schedule"]))
            violations += len(found)
            checked += bool(result["schedule"]["tasks"]) and not found
    latencies = sorted(latency for _, latency in outcomes)
    states = [job["state"] for job, _ in outcomes]
    return {
        "program": program.name,
        "tasks": len(program.tasks),
        "jobs": jobs,
        "time_limit": time_limit,
        "wall_seconds": round(wall, 2),
        "throughput_per_minute": round(60 * jobs / wall, 1),
        "latency_p50": round(statistics.median(latencies), 2),
        "latency_p95": round(latencies[max(0, round(0.95 * len(latencies)) - 1)], 2),
        "latency_max": round(latencies[-1], 2),
        "done": states.count("done"),
        "failed": states.count("failed"),
        "cancelled": states.count("cancelled"),
        "unfinished": sum(s not in FINISHED for s in states),
        "lost": sum(job["id"] not in listed for job, _ in outcomes),
        "checked_schedules": checked,
        "violations": violations,
        "optimal": statuses.count("optimal"),
        "feasible": statuses.count("feasible"),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the load check and print its figures; exit status 1 if any job was lost, failed or unchecked."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=50)
    parser.add_argument("--program", type=Path, default=ROOT / "scenarios" / "bank_core_replacement.yaml")
    parser.add_argument("--time-limit", type=float, default=10.0, help="Seconds per solve of each job.")
    parser.add_argument(
        "--concurrent", type=int, default=os.cpu_count() or 2, help="Server's solve processes."
    )
    parser.add_argument("--deadline", type=float, default=900.0, help="Give up after this many seconds.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="planner-api-load-") as tmp:
        port = _free_port()
        server = start_server(Path(tmp) / "planner.db", port, args.concurrent, Path(tmp) / "server.log")
        try:
            figures = asyncio.run(
                run_load(f"http://127.0.0.1:{port}", args.program, args.jobs, args.time_limit, args.deadline)
            )
        finally:
            stop_server(server)
    figures["concurrent"] = args.concurrent
    for key, value in figures.items():
        logger.info("%-22s %s", key, value)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    ok = figures["done"] == args.jobs and figures["lost"] == 0 and figures["checked_schedules"] == args.jobs
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
