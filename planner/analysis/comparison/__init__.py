"""Two schedules side by side: tasks moved and shift (:mod:`planner.analysis.comparison.disruption`,
the one definition every command, the API and the reports count with), what differs between two
programs, how the load changed, why each milestone moved, and the whole comparison. No solving."""
