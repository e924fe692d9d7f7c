"""The service's settings, read from the environment in this one place.

Every setting has an environment variable: ``DATABASE_URL`` for the database and ``PLANNER_*``
for the rest (``PLANNER_API_KEYS``, ``PLANNER_MAX_REQUEST_BYTES``, ...). Nothing is read at import
time: :func:`load_settings` reads the environment when the application is built.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

logger = logging.getLogger(__name__)

DEFAULT_DATABASE_FILE = "planner.db"
"""The SQLite file created in the working directory when ``DATABASE_URL`` is not set."""


def _default_database_url() -> str:
    return f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"


class Settings(BaseSettings):
    """Configuration of the planning service.

    Parameters
    ----------
    database_url
        SQLAlchemy URL (``DATABASE_URL``); by default an SQLite file ``planner.db`` in the
        working directory. ``postgresql+psycopg://...`` points the service at PostgreSQL.
    api_keys
        Bearer API keys and the organisation each belongs to (``PLANNER_API_KEYS`` as JSON,
        e.g. ``{"k3y-1": "acme"}``). Without keys the service is open but serves loopback only.
    max_request_bytes
        Largest request body accepted (413 beyond).
    max_tasks
        Most tasks a stored program may have (422 beyond).
    max_concurrent_jobs
        Solves running at once, each in its own worker process; more jobs wait in the queue.
    max_queued_jobs
        Jobs one organisation may have queued or running at once (429 beyond).
    max_job_seconds
        The longest time limit a job may ask for (422 beyond).
    default_job_seconds
        The time limit of a job that does not ask for one.
    solver_workers
        CP-SAT search threads per job.
    job_lease_seconds
        How long a server holds a running job without renewing its lease (its heartbeat renews
        it six times in that span); a job whose server died is requeued once its lease has expired.
    body_timeout_seconds
        How long a request's body may take to arrive, from the end of its headers (408 beyond, and
        the connection closed): a ``Content-Length`` that announces more than is sent, or a body
        trickled byte by byte, holds its connection no longer than this.
    request_seconds
        The time budget of a request once its body has arrived (503 beyond). Work already running
        in a worker thread cannot be stopped: it finishes, and its result is dropped; it takes no
        database connection after the budget is spent, so it stores nothing.
    """

    model_config = SettingsConfigDict(env_prefix="PLANNER_", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        default_factory=_default_database_url,
        validation_alias=AliasChoices("DATABASE_URL", "PLANNER_DATABASE_URL"),
    )
    api_keys: dict[str, str] = Field(default_factory=dict)
    max_request_bytes: int = Field(default=2_000_000, ge=1_000)
    max_tasks: int = Field(default=5_000, ge=1)
    max_concurrent_jobs: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1), ge=1)
    max_queued_jobs: int = Field(default=200, ge=1)
    max_job_seconds: float = Field(default=300.0, gt=0)
    default_job_seconds: float = Field(default=30.0, gt=0)
    solver_workers: int = Field(default=1, ge=0)
    job_lease_seconds: float = Field(default=30.0, ge=1.0, le=3600.0)
    body_timeout_seconds: float = Field(default=30.0, gt=0, le=3600.0)
    request_seconds: float = Field(default=30.0, gt=0, le=3600.0)

    @field_validator("api_keys")
    @classmethod
    def _keys_not_blank(cls, keys: dict[str, str]) -> dict[str, str]:
        for key, organisation in keys.items():
            if not key.strip() or not organisation.strip():
                raise ValueError("every API key and its organisation must be non-empty")
        return keys

    @property
    def open_access(self) -> bool:
        """Whether no API keys are configured (the service then answers loopback clients only)."""
        return not self.api_keys

    def check_host(self, host: str) -> None:
        """Refuse to serve on a non-loopback address without API keys.

        Parameters
        ----------
        host
            The address the server is to bind (``""``, ``"0"`` and ``"0.0.0.0"`` bind every interface).

        Raises
        ------
        ValueError
            When no keys are configured and ``host`` is not a loopback address.
        """
        from api.middleware import is_loopback

        if self.open_access and not is_loopback(host):
            raise ValueError(
                f"no API keys configured (PLANNER_API_KEYS): refusing to listen on {host!r}, which is not "
                "loopback; set keys, or listen on 127.0.0.1"
            )

    def job_seconds(self, requested: float | None) -> float:
        """The time limit a job gets: its request, or the default, never above the maximum."""
        return min(requested if requested is not None else self.default_job_seconds, self.max_job_seconds)


def load_settings() -> Settings:
    """Read the settings from the environment (the one place the service does so)."""
    settings = Settings()
    logger.debug(
        "settings: database %s, %d API keys", settings.database_url.split("@")[-1], len(settings.api_keys)
    )
    return settings
