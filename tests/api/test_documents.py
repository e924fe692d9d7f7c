"""Request bodies: YAML sent without its content type, and JSON errors that say how to send YAML."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.examples import QUICKSTART_YAML


def test_yaml_without_its_content_type_is_read_as_yaml(client: TestClient):
    """The small YAML example posted as application/json is not JSON but a YAML mapping: stored, 2 tasks."""
    created = client.post("/programs", content=QUICKSTART_YAML, headers={"content-type": "application/json"})
    assert created.status_code == 201, created.text
    assert created.json()["tasks"] == 2  # cards.build and cards.live


def test_broken_json_says_how_to_send_yaml(client: TestClient):
    """'{"name": ' is broken JSON: 400 with the JSON error and the Content-Type hint."""
    bad = client.post("/programs", content='{"name": ', headers={"content-type": "application/json"})
    assert bad.status_code == 400
    message = bad.json()["message"]
    assert "invalid JSON" in message and message.endswith(
        "; to send YAML, set the header Content-Type: application/yaml"
    )
