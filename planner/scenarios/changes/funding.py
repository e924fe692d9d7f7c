"""``funding``: the board changes the funding caps: scale them all, or set some."""

from __future__ import annotations

import decimal

from planner.errors import Problem, ProgramInvalid
from planner.models import Program
from planner.models.finance import Finance, normalise_label
from planner.models.scenario import FundingChange
from planner.scenarios.changes.base import ChangeKind, Edit, Item, NameCheck, Planned, where_change


def scaled(amount: int, scale: float) -> int:
    """``amount`` times ``scale`` in whole units, halves up: ``scaled(1001, 0.5) == 501``.

    The scale is taken as written (``0.8`` is exactly eight tenths), so ``scaled(6_500_000, 0.8)``
    is exactly ``5_200_000``.
    """
    exact = decimal.Decimal(amount) * decimal.Decimal(repr(scale))
    return int(exact.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def apply(edit: Edit, change: FundingChange) -> None:
    """Scale every cap, the default and the total; or set the caps listed, the total, carry-over."""
    current = (edit.program.finance or Finance()).budget
    finance = edit.data.get("finance")
    if finance is None:  # a program without money: a finance block with only the budget
        finance = edit.data["finance"] = {}
    budget = finance.setdefault("budget", {})
    if change.scale is not None:
        if not current.capped:
            raise edit.fail("scale", "the program has no funding caps to scale; set them with caps or total")
        budget["caps"] = {label: scaled(amount, change.scale) for label, amount in current.caps.items()}
        for fld in ("default", "total"):
            amount = getattr(current, fld)
            if amount is not None:
                budget[fld] = scaled(amount, change.scale)
        return
    if change.caps:
        kind = current.period
        example = "2027-Q1" if kind == "quarter" else "2027"
        wrong = [
            Problem(
                path=("changes", edit.index, "caps", label),
                where=where_change(edit.index, edit.kind, f"caps.{label}"),
                message=f"'{label}' is not a {kind}: the program's budget is per {kind} "
                f"(write it like {example})",
            )
            for label in change.caps
            if normalise_label(label, kind) is None
        ]
        if wrong:
            raise ProgramInvalid(wrong, source=edit.source)
        budget["caps"] = {**budget.get("caps", {}), **change.caps}
    if change.total is not None:
        budget["total"] = change.total
    if change.carry_over is not None:
        budget["carry_over"] = change.carry_over


def check(names: NameCheck, change: FundingChange) -> None:
    """Nothing to check: a funding change names no task, project, role or person."""


def words(change: FundingChange) -> str:
    """``every funding cap and the total x 0.8`` or ``funding: 2027-Q4 capped at 1,500,000; ...``."""
    if change.scale is not None:
        return f"every funding cap and the total x {change.scale:g}"
    parts = [f"{label} capped at {amount:,}" for label, amount in (change.caps or {}).items()]
    parts += [f"total capped at {change.total:,}"] if change.total is not None else []
    parts += [f"carry-over {'on' if change.carry_over else 'off'}"] if change.carry_over is not None else []
    return "funding: " + "; ".join(parts)


def touches(change: FundingChange, program: Program, planned: Planned | None) -> list[Item]:
    """No item: the caps are the program's."""
    return []


KIND = ChangeKind("funding", FundingChange, apply=apply, check=check, words=words, touches=touches)
"""The ``funding`` kind."""

__all__ = ["KIND", "apply", "check", "scaled", "touches", "words"]
