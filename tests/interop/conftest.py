"""Shared for the interop tests: the JVM started once for the session, and the real plan files."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.interop import session
from tests.interop.plans import SHARED


@pytest.fixture(scope="session", autouse=True)
def jvm() -> None:
    """Start the JVM with MPXJ once for every interop test (a process can start it only once)."""
    session.start()


@pytest.fixture
def shared() -> Path:
    """The folder of real plan files beside the repository; the test is skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"no plan files at {SHARED}")
    return SHARED
