"""A fast yes/no check of one actor or stream against the shipped JSON Schema.

``jsonschema`` takes about a third of a millisecond per item, which makes a file of a
hundred thousand streams wait half a minute. Almost every item is valid, so each item is
first checked by a predicate compiled from the same schema (the keywords it uses: type,
enum, const, minimum, maximum, minLength, pattern, items, required, properties); only
items that fail go through ``jsonschema`` for its detailed errors. A keyword the
compiler does not know raises at import, so a change of the schema cannot slip past.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

_DOC_KEYWORDS = {"description", "title", "default", "examples", "$comment"}


def _is_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name == "integer":
        if isinstance(value, bool):
            return False
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    raise ValueError(f"unknown JSON Schema type {name!r}")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def compile_value(schema: Mapping[str, Any]) -> Check:
    """A predicate equivalent to ``schema`` for the keywords listed in the module doc."""
    unknown = set(schema) - _DOC_KEYWORDS - {
        "type", "enum", "const", "minimum", "maximum", "minLength", "pattern", "items",
    }  # fmt: skip
    if unknown:
        raise ValueError(f"schema_fast cannot compile keywords {sorted(unknown)}")
    checks: list[Check] = []
    if "type" in schema:
        names = [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
        for name in names:
            _is_type(None, name)  # refuses unknown names now
        checks.append(lambda v: any(_is_type(v, n) for n in names))
    if "enum" in schema:
        allowed = list(schema["enum"])
        checks.append(lambda v: any(_same(v, a) for a in allowed))
    if "const" in schema:
        const = schema["const"]
        checks.append(lambda v: _same(v, const))
    number = (int, float)
    if "minimum" in schema:
        low = schema["minimum"]
        checks.append(lambda v: not isinstance(v, number) or isinstance(v, bool) or v >= low)
    if "maximum" in schema:
        high = schema["maximum"]
        checks.append(lambda v: not isinstance(v, number) or isinstance(v, bool) or v <= high)
    if "minLength" in schema:
        shortest = schema["minLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) >= shortest)
    if "pattern" in schema:
        pattern = re.compile(schema["pattern"])
        checks.append(lambda v: not isinstance(v, str) or pattern.search(v) is not None)
    if "items" in schema:
        item = compile_value(schema["items"])
        checks.append(lambda v: not isinstance(v, list) or all(item(x) for x in v))
    return lambda value: all(check(value) for check in checks)


def compile_object(schema: Mapping[str, Any]) -> Check:
    """A predicate for an object schema with required, properties, additionalProperties."""
    unknown = set(schema) - _DOC_KEYWORDS - {
        "type", "required", "properties", "additionalProperties",
    }  # fmt: skip
    if (
        unknown
        or schema.get("type") != "object"
        or schema.get("additionalProperties", True) is not True
    ):
        raise ValueError(f"schema_fast cannot compile {sorted(schema)}")
    required = tuple(schema.get("required", ()))
    properties = {k: compile_value(v) for k, v in schema.get("properties", {}).items()}

    def check(item: Any) -> bool:
        if not isinstance(item, dict):
            return False
        if any(name not in item for name in required):
            return False
        return all(test(item[key]) for key, test in properties.items() if key in item)

    return check


__all__ = ["Check", "compile_object", "compile_value"]
