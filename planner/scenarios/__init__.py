"""Scenarios: apply a scenario's changes to a base program, and load scenario files.

``apply_changes`` turns a list of changes into a new program (each kind of change, with its
words, name checks and command-line text, is a module of :mod:`planner.scenarios.changes`), and
``load_scenario`` follows a scenario file's chain of bases. Replanning a changed program against a
baseline, so that the rest of the plan moves as little as possible, is a use case:
:mod:`planner.workflows.replan`.
"""

from planner.scenarios.apply import apply_changes
from planner.scenarios.load import ResolvedScenario, load_scenario

__all__ = ["ResolvedScenario", "apply_changes", "load_scenario"]
