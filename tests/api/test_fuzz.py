"""Every route of the live OpenAPI fuzzed with schemathesis, API keys on: no server error, ever.

Half of the generated requests are pointed at objects that exist (a stored program, its scenario,
a finished job), so that the fuzzer reaches past the 404s into validation, scenario checking and
job submission. Bounded so the suite stays fast: a fixed number of examples per operation.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from api.examples import QUICKSTART
from api.main import create_app
from tests.api.conftest import make_settings

KEY = {"Authorization": "Bearer fuzz-key"}
EXAMPLES_PER_OPERATION = 12

APP = create_app(
    make_settings(
        Path(tempfile.mkdtemp(prefix="planner-fuzz-")),
        api_keys={"fuzz-key": "fuzzers", "other-key": "others"},
        default_job_seconds=1,
        max_job_seconds=2,
        max_concurrent_jobs=1,
        max_queued_jobs=5,
    )
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
KNOWN: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def running_service() -> Iterator[None]:
    """Start the service and store a program, a scenario and a finished solve for requests to point at."""
    with TestClient(APP) as client:
        program = client.post("/programs", json=QUICKSTART, headers=KEY).json()["id"]
        scenario = client.post(
            f"/programs/{program}/scenarios",
            json={"name": "slip", "changes": [{"kind": "slip", "project": "cards", "by": 2}]},
            headers=KEY,
        ).json()["id"]
        job = client.post("/jobs", json={"program_id": program, "time_limit": 1}, headers=KEY).json()["id"]
        deadline = time.monotonic() + 60
        while client.get(f"/jobs/{job}", headers=KEY).json()["state"] in ("queued", "running"):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        KNOWN.update(program_id=program, scenario_id=scenario, job_id=job, baseline_job=job)
        yield


def _point_at_known_objects(case: Any, rng: random.Random) -> None:
    for name in list(case.path_parameters or {}):
        if name in KNOWN and rng.random() < 0.5:
            case.path_parameters[name] = KNOWN[name]
    if isinstance(case.body, dict):
        for name in ("program_id", "baseline_job", "scenario_id"):
            if name in case.body and rng.random() < 0.5:
                case.body[name] = KNOWN[name]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=10_000,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_route_answers_a_server_error(case):
    """Generated requests with a valid key, half aimed at stored objects, never get a 5xx."""
    _point_at_known_objects(case, random.Random(str(case.path) + repr(case.body)[:200]))
    case.call_and_validate(headers=KEY, checks=[not_a_server_error])
