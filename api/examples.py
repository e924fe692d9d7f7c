"""Example requests shown in the OpenAPI documentation (and used by the tests)."""

from __future__ import annotations

from typing import Any

QUICKSTART: dict[str, Any] = {
    "name": "Card platform refresh",
    "start": "2027-01-04",
    "calendar": {"holidays": [{"date": "2027-04-02", "name": "Good Friday"}, {"date": "2027-04-05"}]},
    "roles": [
        {
            "id": "developer",
            "name": "Developer",
            "capacity": 3,
            "changes": [{"from": "2027-03-01", "capacity": 4}],
        }
    ],
    "people": [
        {
            "id": "dana",
            "name": "Dana Okafor",
            "skills": ["data_architecture", "sql"],
            "leave": [{"from": "2027-02-15", "to": "2027-02-19", "reason": "winter break"}],
        },
        {"id": "lee", "name": "Lee Park", "skills": ["sql"], "availability": 50},
    ],
    "projects": [
        {
            "id": "cards",
            "name": "Card processing",
            "target": {"date": "2027-04-30", "weight": 5},
            "tasks": [
                {"id": "design", "name": "Solution design", "duration": 10, "requires": [{"person": "dana"}]},
                {
                    "id": "build",
                    "name": "Build card services",
                    "duration": 30,
                    "requires": [{"role": "developer", "count": 2}],
                    "after": [{"task": "design"}],
                },
                {
                    "id": "test",
                    "duration": 10,
                    "requires": [{"role": "developer"}, {"skill": "sql", "allocation": 50}],
                    "after": [{"task": "build"}],
                },
                {
                    "id": "live",
                    "name": "Cards live",
                    "duration": 0,
                    "deadline": "2027-06-30",
                    "after": [{"task": "test"}],
                },
            ],
        },
        {
            "id": "data",
            "name": "Data migration",
            "tasks": [
                {"id": "mapping", "duration": 15, "requires": [{"skill": "sql", "allocation": 50}]},
                {
                    "id": "load",
                    "duration": 5,
                    "requires": [{"person": "dana"}],
                    "after": [{"task": "mapping"}, {"task": "cards.test", "type": "SS", "lag": 5}],
                },
            ],
        },
    ],
    "dependencies": [{"from": "data.load", "to": "cards.live"}],
}
"""The quickstart program of the README, as JSON: two projects sharing a data architect."""

QUICKSTART_YAML = """\
name: Card platform refresh
start: 2027-01-04
roles:
  - {id: developer, capacity: 3}
projects:
  - id: cards
    tasks:
      - {id: build, duration: 2w, requires: [{role: developer, count: 2}]}
      - {id: live, milestone: true, after: [build], deadline: 2027-06-30}
"""
"""A small program in YAML, the other format the programs routes accept."""

INVALID: dict[str, Any] = {
    "name": "Broken",
    "start": "2027-01-04",
    "projects": [{"id": "p", "tasks": [{"id": "a", "duration": -1}, {"id": "b", "duration": "three"}]}],
}
"""A program with two problems: a negative duration and a duration that is not a number of days."""

PROGRAM_BODY: dict[str, Any] = {
    "required": True,
    "description": "A program document, the same as a program file: JSON, or YAML with "
    "`Content-Type: application/yaml`. Invalid documents get 422 listing every problem.",
    "content": {
        "application/json": {
            "schema": {"$ref": "#/components/schemas/ProgramDocument"},
            "examples": {
                "quickstart": {"summary": "Two projects sharing a data architect", "value": QUICKSTART}
            },
        },
        "application/yaml": {
            "schema": {"type": "string"},
            "examples": {"small": {"summary": "A small program in YAML", "value": QUICKSTART_YAML}},
        },
    },
}
"""The OpenAPI request body of the routes that take a program document."""
