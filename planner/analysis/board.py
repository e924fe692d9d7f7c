"""Moved to :mod:`planner.workflows.fund`; this name stays only until ``benchmarks/answers.py`` and
``docs/funding.md`` use the new one."""

from planner.workflows.fund import FundingAnswer, Milestone, answer_funding, solve_scenarios

__all__ = ["FundingAnswer", "Milestone", "answer_funding", "solve_scenarios"]
