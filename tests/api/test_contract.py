"""The OpenAPI contract, fuzzed with schemathesis: no server errors, every response as documented.

Bounded for the test suite: a few generated requests per operation and a deadline per example.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import create_app
from tests.api.conftest import make_settings

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


APP = create_app(make_settings(Path(tempfile.mkdtemp(prefix="planner-contract-")), default_job_seconds=2))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def running_service() -> Iterator[None]:
    """Start the application's lifespan (database, job runner) for schemathesis' requests."""
    with TestClient(APP):
        yield


@schema.parametrize()
@settings(
    max_examples=4,
    deadline=5_000,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_openapi_contract(case):
    """Generated requests never get a 5xx, and every response matches its documented status and schema."""
    case.call_and_validate(checks=CHECKS)
