"""Program planner: integrated, resource-feasible schedules for programs of projects."""

__version__ = "0.1.0"
