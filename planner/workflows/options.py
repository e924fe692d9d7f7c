"""The options every use case takes, for the front doors: the solve's options and its progress
reports (defined with the solver, :mod:`planner.solvers.options`), so that the command line and the
service need no import of the solver itself."""

from __future__ import annotations

from planner.solvers.options import Progress, SolveOptions

__all__ = ["Progress", "SolveOptions"]
