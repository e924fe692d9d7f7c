"""The JSON Schema of what files may say, beyond the validated types: the shorthands the readers take.

Pydantic describes the types a model holds once validated (a duration is an integer, a holiday an
object). Program and scenario files also say ``duration: 2w``, ``after: [design]``,
``milestone: true``, bare holiday dates and ``cost: 1.5m``: the validators turn those into the
types. The hooks here put each shorthand into the *validation* JSON Schema (``planner schema``,
``planner scenario-schema``, the service's OpenAPI), as exactly as JSON Schema can say what the
validator takes, so that an editor checking a file against the schema accepts every file the
planner reads and still flags most that it refuses. They change no validation; serialization
schemas are left alone where the mode is known.

Each regular expression below mirrors one in the validators (:mod:`planner.models.quantities`,
:mod:`planner.models.finance`, :mod:`planner.models.calendar`), written without flags (ECMA-262 has
no inline ``(?i)``), so case-insensitive letters are spelt as classes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

DATE: JsonSchemaValue = {"type": "string", "format": "date"}
"""A date as files write it (YAML's unquoted ``2027-01-04`` is this string to a JSON Schema)."""

_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def caseless(word: str) -> str:
    """``word`` as a regular expression matching it in any case: ``fy`` gives ``[fF][yY]``."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


def up_to(n: int) -> str:
    """A regular expression for the whole numbers 0 .. ``n`` in decimal, leading zeros allowed.

    For example ``up_to(2000)`` is ``0*(\\d{1,3}|1\\d{3}|2000)``.
    """
    digits = str(n)
    if len(digits) == 1:
        return f"0*[0-{n}]"
    parts = [r"\d" if len(digits) == 2 else rf"\d{{1,{len(digits) - 1}}}"]
    for i, digit in enumerate(digits):
        low, top, rest = (1 if i == 0 else 0), int(digit) - 1, len(digits) - i - 1
        if top >= low:
            head = f"[{low}-{top}]" if top > low else str(low)
            parts.append(digits[:i] + head + (rf"\d{{{rest}}}" if rest else ""))
    parts.append(digits)
    return "0*(" + "|".join(parts) + ")"


def _plain_bounds(schema: JsonSchemaValue) -> JsonSchemaValue:
    """``schema`` with pydantic's raw ``ge``/``le`` keys (left by a constraint on a validated
    ``Annotated`` type) renamed to JSON Schema's ``minimum``/``maximum``."""
    return {_BOUNDS.get(key, key): value for key, value in schema.items()}


def days_pattern(minimum: int | None, maximum: int | None, week: int) -> JsonSchemaValue:
    """The string form of a number of working days (``"10"``, ``"10d"``, ``"2w"``) within the bounds.

    Mirrors :func:`planner.models.quantities.parse_days`: an optional sign, digits, an optional
    ``d`` or ``w`` in either case, spaces around; a week is ``week`` working days. The sign is allowed
    only when the bounds allow negative numbers, zero only when they allow it, and the magnitude
    is bounded by the larger of the bounds (exact for the planner's symmetric lags). For example
    ``days_pattern(0, 10, 5)["pattern"]`` is ``^\\s*(-0+\\s*[dDwW]?|(0*(\\d|10))\\s*[dD]?|(0*[0-2])\\s*[wW])\\s*$``.
    """
    signed = minimum is None or minimum < 0
    limit = None if maximum is None else max(maximum, -minimum if minimum is not None else 0)
    days = r"\d+" if limit is None else up_to(limit)
    weeks = r"\d+" if limit is None else up_to(limit // max(week, 1))
    sign = "-?" if signed else ""
    zero = r"-0+\s*[dDwW]?|" if minimum == 0 else ""  # the reader reads "-0" as 0
    pattern = rf"^\s*({zero}{sign}({days})\s*[dD]?|{sign}({weeks})\s*[wW])\s*$"
    schema: JsonSchemaValue = {"type": "string", "pattern": pattern}
    if minimum is not None and minimum >= 1:
        schema["not"] = {"pattern": r"^\s*-?0+\s*[dDwW]?\s*$"}
    return schema


MONEY_PATTERN = r"^\s*[^\d\s.+-]{0,3}\s*\+?\d[\d,_ ]*(\.\d+)?\s*([kKmM]|[bB][nN]?)?\s*$"
"""A non-negative amount as text (``"2.5m"``, ``"650k"``, ``"£1,200"``), as
:func:`planner.models.finance.parse_money` reads it (its check for a whole number of units and its
upper bound are not told by the pattern)."""


@dataclass(frozen=True)
class TextForm:
    """``Annotated`` metadata: an integer that files may also write as text.

    The validation schema becomes ``anyOf`` the integer (with its bounds) and a string matching
    the text form; the serialization schema stays the integer.

    Parameters
    ----------
    kind
        ``days`` (``"2w"``, :func:`days_pattern`, bounded like the integer) or ``money``
        (``"1.5m"``, :data:`MONEY_PATTERN`).
    week
        Working days in a week, for ``days``.
    """

    kind: Literal["days", "money"]
    week: int = 0

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The integer's schema, or in validation mode either it or the text form."""
        number = _plain_bounds(handler(core_schema))
        if handler.mode != "validation":
            return number
        if self.kind == "days":
            text = days_pattern(number.get("minimum"), number.get("maximum"), self.week)
            description = f"a number of working days: 10, '10d' or '2w' (a week is {self.week} working days)"
        else:
            text = {"type": "string", "pattern": MONEY_PATTERN}
            description = "an amount in whole currency units: 2500000, '2.5m', '650k' or '1,200'"
        return {"anyOf": [number, text], "description": description}


def or_bare(handler: GetJsonSchemaHandler, core_schema: CoreSchema, bare: JsonSchemaValue) -> JsonSchemaValue:
    """A model's schema that, in validation mode, also takes its shorthand ``bare`` (a model
    validator in ``before`` mode turns the shorthand into the model's fields).

    The model's title and description move to the ``anyOf`` that holds both forms.
    """
    schema = handler(core_schema)
    if handler.mode != "validation":
        return schema
    full = dict(handler.resolve_ref_schema(schema))
    outer: JsonSchemaValue = {key: full.pop(key) for key in ("title", "description") if key in full}
    return {**outer, "anyOf": [bare, full]}


def given(name: str) -> JsonSchemaValue:
    """A schema for "the field ``name`` is present and not null" (how validators tell it given)."""
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


def exactly_one(names: Iterable[str]) -> JsonSchemaValue:
    """A schema for "exactly one of ``names`` is given" (present and not null)."""
    return {"oneOf": [given(name) for name in names]}


def _numbers_as_text(schema: JsonSchemaValue) -> None:
    """Let every plain text field (and list of text) of ``schema`` take numbers too, in place."""
    for prop in schema.get("properties", {}).values():
        for node in (prop, prop.get("items"), *prop.get("anyOf", ())):
            plain = isinstance(node, dict) and not {"format", "pattern", "enum", "const"} & set(node)
            if plain and node.get("type") == "string":
                node["type"] = ["string", "number"]


def schema_extra(
    *, numbers_as_text: bool = False, rules: Iterable[JsonSchemaValue] = ()
) -> Callable[[JsonSchemaValue], None]:
    """A ``json_schema_extra`` for a model's config, told what its validators accept.

    Parameters
    ----------
    numbers_as_text
        The model coerces numbers to text (``coerce_numbers_to_str``): ``id: 2027`` is the text
        ``"2027"``, so its text fields take numbers too.
    rules
        Schemas every instance must also match (``allOf``), e.g. :func:`exactly_one` for a model
        validator that wants exactly one of some fields.
    """
    extra = list(rules)

    def update(schema: JsonSchemaValue) -> None:
        if numbers_as_text:
            _numbers_as_text(schema)
        if extra:
            schema["allOf"] = [*schema.get("allOf", ()), *extra]

    return update


__all__ = [
    "DATE",
    "MONEY_PATTERN",
    "TextForm",
    "caseless",
    "days_pattern",
    "exactly_one",
    "given",
    "or_bare",
    "schema_extra",
    "up_to",
]
