"""One router per resource: health, programs, jobs, results."""
