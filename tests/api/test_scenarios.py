"""Scenarios, what-ifs, comparisons, lint and explanations through the service."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.examples import QUICKSTART
from planner.check import verify
from planner.io.program_file import parse_program
from planner.io.scenario_file import parse_scenario
from planner.models import Schedule
from planner.scenarios import apply_changes
from tests.api.conftest import wait_for

SLIP = [{"kind": "slip", "project": "cards", "by": "2w"}]
CLASH: dict[str, Any] = {  # dana cannot do two 5-day tasks in the first 5 working days
    "name": "clash",
    "start": "2027-01-04",
    "people": [{"id": "dana", "skills": ["sql"]}],
    "projects": [
        {
            "id": "p",
            "tasks": [
                {"id": "a", "duration": 5, "requires": [{"person": "dana"}], "deadline": "2027-01-08"},
                {"id": "b", "duration": 5, "requires": [{"person": "dana"}], "deadline": "2027-01-08"},
            ],
        }
    ],
}


def run(client: TestClient, **job: Any) -> dict[str, Any]:
    """Submit a job, wait for it to end done, and return its result."""
    submitted = client.post("/jobs", json=job)
    assert submitted.status_code == 202, submitted.text
    finished = wait_for(client, submitted.json()["id"])
    assert finished["state"] == "done", finished
    return client.get(finished["result"]).json()  # type: ignore[no-any-return]


def test_store_read_list_delete_scenario(client: TestClient):
    """A scenario is stored against its program, listed, read back as sent, and deleted."""
    program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    document = {"name": "Cards late", "changes": SLIP, "disruption_budget": 3}
    created = client.post(f"/programs/{program_id}/scenarios", json=document)
    assert created.status_code == 201, created.text
    scenario_id = created.json()["id"]
    assert [s["id"] for s in client.get(f"/programs/{program_id}/scenarios").json()] == [scenario_id]
    assert client.get(f"/scenarios/{scenario_id}").json()["document"] == document
    assert client.delete(f"/scenarios/{scenario_id}").status_code == 204
    assert client.get(f"/scenarios/{scenario_id}").status_code == 404


def test_scenario_with_unknown_name_is_422_with_the_closest(client: TestClient):
    """A change naming an unknown project is refused at once, at its path, suggesting the closest name."""
    program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    response = client.post(
        f"/programs/{program_id}/scenarios",
        json={"name": "typo", "changes": [{"kind": "slip", "project": "crads", "by": 5}]},
    )
    assert response.status_code == 422 and response.json()["code"] == "scenario_invalid"
    (problem,) = response.json()["problems"]
    assert problem["path"][:2] == ["changes", 0] and "cards" in problem["message"]
    based = client.post(
        f"/programs/{program_id}/scenarios", json={"name": "x", "base": "a.yaml", "changes": SLIP}
    )
    assert based.status_code == 422 and based.json()["problems"][0]["path"] == ["base"]


def test_whatif_against_a_stored_baseline_and_comparison(client: TestClient):
    """A what-if on a stored result replans checked with its disruption; the comparison shows the moves."""
    program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    base = run(client, program_id=program_id, time_limit=10)
    scenario_id = client.post(
        f"/programs/{program_id}/scenarios", json={"name": "Cards late", "changes": SLIP}
    ).json()["id"]
    whatif = run(
        client,
        kind="whatif",
        program_id=program_id,
        scenario_id=scenario_id,
        baseline_job=base["job_id"],
        time_limit=10,
    )
    assert whatif["kind"] == "whatif" and whatif["baseline_job"] == base["job_id"]
    baseline = Schedule.model_validate(base["schedule"])
    changed = apply_changes(
        parse_program(QUICKSTART),
        parse_scenario({"name": "w", "base": "b", "changes": SLIP}).changes,
        baseline,
    )
    replanned = Schedule.model_validate(whatif["schedule"])
    verify(changed, replanned)
    assert whatif["disruption"]["moved"] >= 1
    design = {t.key: t for t in replanned.tasks}["cards.design"]
    assert design.start > baseline.by_key()["cards.design"].start  # cards slipped two weeks
    comparison = client.post(
        "/comparisons", json={"base": base["job_id"], "scenarios": [{"job_id": whatif["job_id"]}]}
    )
    assert comparison.status_code == 200, comparison.text
    (row,) = comparison.json()["scenarios"]
    assert row["name"] == "Cards late" and row["moved_count"] == whatif["disruption"]["moved"]


def test_whatif_inline_changes_without_baseline(client: TestClient):
    """Inline changes without a baseline job: the program is solved first and the replan is checked."""
    program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    whatif = run(client, kind="whatif", program_id=program_id, changes=SLIP, budget=10, time_limit=10)
    assert whatif["status"] in ("optimal", "feasible") and whatif["disruption"] is not None


def test_whatif_request_errors(client: TestClient):
    """Bad what-ifs are refused before they queue: unknown names, no changes, misplaced fields."""
    program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    unknown = client.post(
        "/jobs",
        json={
            "kind": "whatif",
            "program_id": program_id,
            "changes": [{"kind": "slip", "project": "crads", "by": 5}],
        },
    )
    assert unknown.status_code == 422 and unknown.json()["problems"][0]["path"][:3] == ["body", "changes", 0]
    neither = client.post("/jobs", json={"kind": "whatif", "program_id": program_id})
    assert neither.status_code == 422
    misplaced = client.post("/jobs", json={"program_id": program_id, "changes": SLIP})
    assert misplaced.status_code == 422 and misplaced.json()["problems"][0]["path"] == ["body", "changes"]
    assert (
        client.post(
            "/jobs",
            json={"kind": "whatif", "program_id": program_id, "changes": SLIP, "baseline_job": "nope"},
        ).status_code
        == 404
    )


def test_lint_and_explain(client: TestClient):
    """Lint names the overbooked person; an explain job and an infeasible solve both explain the clash."""
    program_id = client.post("/programs", json=CLASH).json()["id"]
    warnings = client.get(f"/programs/{program_id}/lint").json()
    assert any(w["rule"] == "person-overload" and w["where"] == "dana" for w in warnings)
    explained = run(client, kind="explain", program_id=program_id, time_limit=5)
    assert explained["status"] == "infeasible" and explained["schedule"] is None
    assert explained["explanation"]["infeasibility"]["conflicts"]
    solved = run(client, program_id=program_id, time_limit=5)
    assert solved["status"] == "infeasible" and solved["schedule"]["tasks"] == []
    assert solved["explanation"]["status"] == "infeasible"


def test_batch_of_stored_scenarios(client: TestClient):
    """A batch replans every stored scenario against one baseline: one row each, a bad one with its reason."""
    program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    late = client.post(
        f"/programs/{program_id}/scenarios", json={"name": "Cards late", "changes": SLIP}
    ).json()
    pinned = client.post(
        f"/programs/{program_id}/scenarios",
        json={"name": "Cards late, data pinned, nothing may move", "changes": SLIP, "disruption_budget": 0},
    ).json()
    batch = run(client, kind="batch", program_id=program_id, time_limit=5)
    assert batch["kind"] == "batch" and batch["schedule"]["tasks"]  # the baseline, solved first
    rows = {row["scenario_id"]: row for row in batch["rows"]}
    assert list(rows) == [late["id"], pinned["id"]]
    assert rows[late["id"]]["status"] in ("optimal", "feasible") and rows[late["id"]]["moved_tasks"] >= 1
    assert rows[pinned["id"]]["status"] == "infeasible" and "at most 0 tasks" in rows[pinned["id"]]["reason"]
    assert (
        client.post("/jobs", json={"kind": "batch", "program_id": program_id, "changes": SLIP}).status_code
        == 422
    )


def test_whatif_without_a_schedule_is_explained(client: TestClient):
    """A what-if that pulls cards.live to 1 February (its chain reaches 15 March) has no schedule; the
    result gives the conflict and the checked way out, 30 working days back to 15 March."""
    program_id = client.post("/programs", json=QUICKSTART).json()["id"]
    whatif = run(
        client,
        kind="whatif",
        program_id=program_id,
        time_limit=10,
        changes=[{"kind": "deadline", "task": "cards.live", "date": "2027-02-01"}],
    )
    assert whatif["status"] == "infeasible" and whatif["schedule"]["tasks"] == []
    (conflict,) = whatif["explanation"]["infeasibility"]["conflicts"]
    assert [c["id"] for c in conflict["commitments"]] == ["deadline:cards.live"]
    assert [(r["amount"], r["new_date"], r["verified"]) for r in conflict["repairs"]] == [
        (30, "2027-03-15", True)
    ]
    assert "cheapest checked way out" in whatif["reason"]
    replan = whatif["replan"]
    assert (
        replan["verified"] is False and replan["changes"][0]["text"] == "cards.live must finish by 2027-02-01"
    )
    assert len(replan["baseline"]["fingerprint"]) == 64
