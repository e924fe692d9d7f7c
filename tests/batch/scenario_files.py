"""A folder of scenario files over the quickstart program, for batch and CLI tests.

The quickstart program (``scenarios/quickstart.yaml``) has its critical path design (10 working
days) -> build (30) -> test (10) -> live, so that cards.live is dated Monday 15 March 2027 (working
day 50). Slipping build by a week moves test, load and live by 5 working days (7 calendar days).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

QUICKSTART = Path(__file__).parents[2] / "scenarios" / "quickstart.yaml"

SCENARIOS = {
    "slip.yaml": "name: Build slips a week\nbase: ../quickstart.yaml\nchanges:\n"
    "  - {kind: slip, task: cards.build, by: 1w}\n",
    "bad.yaml": "name: Typo\nbase: ../quickstart.yaml\nchanges:\n  - {kind: slip, task: cards.buidl, by: 1w}\n",
    "infeasible.yaml": "name: Live by February\nbase: ../quickstart.yaml\nchanges:\n"
    "  - {kind: deadline, task: cards.live, date: 2027-02-01}\n",
}


def scenario_folder(root: Path) -> Path:
    """``root/quickstart.yaml`` and ``root/what-if/{slip,bad,infeasible}.yaml``, plus a schedule JSON
    (not an input) that the batch must skip; returns ``root``."""
    shutil.copy(QUICKSTART, root / "quickstart.yaml")
    folder = root / "what-if"
    folder.mkdir()
    for name, text in SCENARIOS.items():
        (folder / name).write_text(text)
    (root / "old-schedule.json").write_text(json.dumps({"program": "x", "status": "optimal", "tasks": []}))
    return root
