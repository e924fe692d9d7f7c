"""Batch solving of many scenario files into one table, on local processes or a Ray cluster."""

from planner.batch.run import BatchProgress, BatchResult, run_batch

__all__ = ["BatchProgress", "BatchResult", "run_batch"]
