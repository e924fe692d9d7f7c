"""Moved to :mod:`planner.workflows.batch`; this name stays only until ``benchmarks/batch_speedup.py``
uses the new one."""

from planner.workflows.batch import FAILED, BatchProgress, BatchResult, run_batch

__all__ = ["FAILED", "BatchProgress", "BatchResult", "run_batch"]
