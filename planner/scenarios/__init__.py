"""Scenarios: apply a scenario's changes to a base program, and replan against a baseline.

``apply_changes`` turns a list of changes into a new program (each kind of change, with its
words, name checks and command-line text, is a module of :mod:`planner.scenarios.changes`),
``load_scenario`` follows a scenario file's chain of bases, and :mod:`planner.scenarios.replan`
solves a scenario so that the rest of the plan moves as little as possible.
"""

from planner.scenarios.apply import apply_changes
from planner.scenarios.load import ResolvedScenario, load_scenario

__all__ = ["ResolvedScenario", "apply_changes", "load_scenario"]
