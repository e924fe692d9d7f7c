"""Settings of one solve, and the progress reports a solve sends while it runs."""

from __future__ import annotations

from dataclasses import dataclass

from planner.errors import InputError


@dataclass(frozen=True)
class SolveOptions:
    """How long and how hard to search.

    Parameters
    ----------
    time_limit
        Wall-clock seconds for the whole solve, shared among the objective tiers.
    workers
        CP-SAT search workers (threads); 0 lets CP-SAT choose from the machine's cores.
    seed
        Random seed; with one worker the same seed gives the same schedule.
    log
        Let CP-SAT log its search (to the ``planner.solvers`` logger at DEBUG level).
    """

    time_limit: float = 30.0
    workers: int = 0
    seed: int = 0
    log: bool = False

    def __post_init__(self) -> None:
        if not self.time_limit > 0:
            raise InputError(f"the time limit must be a positive number of seconds, not {self.time_limit}")
        if self.workers < 0:
            raise InputError(f"workers must be 0 (every core) or more, not {self.workers}")


@dataclass(frozen=True)
class Progress:
    """A new best schedule during a solve: the tier, its value, its bound and time so far."""

    tier: str
    value: int
    bound: int
    elapsed: float
