"""The batch engine: files bundled with their bases (:mod:`~planner.batch.files`), the results cache
(:mod:`~planner.batch.cache`) and where jobs run (:mod:`~planner.batch.executors`: local processes or
Ray). The use case, many files into one table, is :mod:`planner.workflows.batch`, and what one job
does (solve a base, replan a scenario, into a row) is :mod:`planner.workflows.batch_jobs`."""
