"""Why: why a program ends when it does, why it cannot work and what each way out costs, why a
solved program has no schedule, why a project was left out; each reason checked by solving again
and verified by the independent checker, and said in the program's own words."""
