"""What one schedule says: summary, load, cost, working days between dates, and the timeline of
tight links that holds each task where it is. Plain Python over a program and a schedule: no
solving, and nothing of the comparison or explanation rooms."""
