"""What a program and its schedules mean, in three rooms and a lint.

- :mod:`planner.analysis.facts`: what one schedule says: its summary (:mod:`~.facts.summary`),
  daily load (:mod:`~.facts.load`), cost and money (:mod:`~.facts.cost`), the working days
  between two dates (:mod:`~.facts.working_days`), and where each task is and what holds it there
  (:mod:`~.facts.timeline`);
- :mod:`planner.analysis.comparison`: two schedules side by side: tasks moved and shift
  (:mod:`~.comparison.disruption`, the one definition), what differs between two programs
  (:mod:`~.comparison.program_changes`), how the load changed (:mod:`~.comparison.load_change`),
  why a milestone moved (:mod:`~.comparison.slip_cause`), and all of it together
  (:mod:`~.comparison.compare`);
- :mod:`planner.analysis.explanations`: why, found by solving again: why a program ends when it
  does (:mod:`~.explanations.finish`, :mod:`~.explanations.critical_chain`), why it cannot work
  and what each way out costs (:mod:`~.explanations.infeasibility`, :mod:`~.explanations.repairs`),
  why a solved program has no schedule (:mod:`~.explanations.no_schedule`), why a project was left
  out (:mod:`~.explanations.unfunded`), the answers as data (:mod:`~.explanations.explanation`)
  and the program's own words for all of them (:mod:`~.explanations.wording`);
- :mod:`planner.analysis.lint`: warnings about a program before it is solved.

Facts import neither of the other two rooms; explanations import facts; comparisons import facts
and explanations (a scenario without a schedule is explained). The packages import nothing
themselves: import the module that holds a name.
"""
