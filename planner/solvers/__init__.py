"""Compile a program into CP-SAT, solve it, and return a dated schedule.

The only package that imports ortools; its types and status codes never leave it.
"""

from planner.solvers.options import Progress, SolveOptions
from planner.solvers.solve import solve
from planner.solvers.stability import Stability

__all__ = ["Progress", "SolveOptions", "Stability", "solve"]
