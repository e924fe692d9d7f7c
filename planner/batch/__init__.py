"""The batch engine: files bundled with their bases (:mod:`~planner.batch.files`), the results cache
(:mod:`~planner.batch.cache`), where jobs run (:mod:`~planner.batch.executors`: local processes or
Ray), and what one job does (:mod:`~planner.batch.jobs`). The use case, many files into one table,
is :mod:`planner.workflows.batch`."""
