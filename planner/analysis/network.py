"""The dependency network in working days, for the analyses: its home is :mod:`planner.models.network`
(the one statement of the link rule and the forward and backward passes), re-exported here for the
analyses that import it from this path."""

from __future__ import annotations

from planner.models.network import (
    Network,
    bound_on_end,
    bound_on_start,
    latest_end_of_date,
    network,
    own_deadline,
    own_release,
)

__all__ = ["Network", "bound_on_end", "bound_on_start", "latest_end_of_date", "network", "own_deadline",
           "own_release"]
