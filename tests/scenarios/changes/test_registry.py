"""The registry: every kind the models know has its module, each module's functions are its own."""

from __future__ import annotations

from typing import get_args

from planner.models.scenario import CHANGE_KINDS, Change
from planner.scenarios.changes import KINDS
from tests.scenarios.changes.helpers import changes


def test_every_model_kind_has_its_module():
    """KINDS lists the kinds of CHANGE_KINDS, in order, each with the model whose kind it is."""
    assert tuple(KINDS) == CHANGE_KINDS
    for name, kind in KINDS.items():
        assert kind.kind == name
        assert kind.model.model_fields["kind"].annotation.__args__ == (name,)
        assert kind.apply.__module__ == f"planner.scenarios.changes.{name}"
        assert (
            kind.words.__module__ == kind.check.__module__ == kind.touches.__module__ == kind.apply.__module__
        )


def test_the_change_union_has_every_model_of_the_registry():
    """A change of each kind validates to the registry's model of that kind."""
    (slip,) = changes({"kind": "slip", "task": "p.a", "by": 1})
    assert isinstance(slip, KINDS["slip"].model)
    assert {k.model for k in KINDS.values()} == set(get_args(get_args(Change)[0]))
