"""Tables and documents built from schedules, for people and spreadsheets."""
