"""The use cases of the planner, one module each: what the command line, the HTTP API's worker and
Python users call.

Each takes plain inputs (programs, files, changes) and options, and returns a result object; the
callers only parse their input and render the result.

- :mod:`planner.workflows.solve`: solve a program, check and summarise the schedule, and say why
  there is none when there is none;
- :mod:`planner.workflows.replan`: a what-if or a scenario file replanned against a baseline with
  minimal disruption, with its report;
- :mod:`planner.workflows.compare`: a base program and scenario files solved and set side by side;
- :mod:`planner.workflows.explain`: why a program ends when it does, or why it cannot work;
- :mod:`planner.workflows.fund`: funding scenarios answered for a board;
- :mod:`planner.workflows.batch`: many scenario files into one table (local processes or Ray), and
  a program's stored scenarios replanned against one baseline.

The modules import the solver (OR-Tools), so this package imports none of them by itself.
"""
