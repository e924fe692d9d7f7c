"""Benchmarks: public instance sets and synthetic programs run through the planner's own solve path.

Not tests: these print figures and are run on purpose (``python -m benchmarks.run``,
``python -m benchmarks.scale``). See ``docs/benchmarks.md``.
"""
