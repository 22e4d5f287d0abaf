"""Checks of a region document (kreislauf-region/1) that name the place and the problem.

Two passes, both collecting every problem rather than stopping at the first:

1. the JSON Schema shipped as ``kreislauf/data/region.schema.json`` (structure, types,
   enumerations, ranges), its errors translated into short templates with the path a
   person finds in the file (``streams[3].unit``);
2. what a schema cannot say: unique ids, every stream's actor exists, waste codes and
   NACE codes exist in the official lists, the hazardous flag agrees with the code.

The functions return :class:`~kreislauf.errors.Problem` objects; :mod:`region_file`
raises them together as one :class:`~kreislauf.errors.ValidationError`.

Hazardous flag, decided here: a code with a star ("13 02 05*") is hazardous, so an
explicit ``hazardous: false`` on it is an error; ``hazardous: true`` on a code without
a star is allowed on a mirror entry (the holder has found the waste to contain
dangerous substances) and an error on an absolute non-hazardous entry; without a code
``hazardous`` is taken as written.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from kreislauf.core.units import SPEC_UNITS, parse_unit
from kreislauf.errors import InputError, Problem
from kreislauf.importers.schema_fast import Check, compile_object

FORMAT = "kreislauf-region/1"
#: The most problems one document reports; the rest are counted in a last line.
MAX_PROBLEMS = 500

MSG_MISSING = "required field is missing"
MSG_NOT_OBJECT = "the document must be a JSON object with format, region, actors and streams"
MSG_FORMAT = 'must be "{expected}", not {value}'
MSG_TYPE = {
    "string": "must be a text, not {value}",
    "number": "must be a number, not {value}",
    "integer": "must be a whole number, not {value}",
    "boolean": "must be true or false, not {value}",
    "array": "must be a list, not {value}",
    "object": "must be an object, not {value}",
}
MSG_ENUM = '"{value}" is not allowed; use one of {choices}'
MSG_ENUM_SUGGEST = '"{value}" is not allowed; did you mean "{suggestion}"?'
MSG_EMPTY = "must not be empty"
MSG_NEGATIVE = "must not be negative, is {value}"
MSG_RANGE = "{value} is out of range; allowed is {minimum} to {maximum}"
MSG_BELOW = "{value} is below the least allowed value {minimum}"
MSG_PATTERN = {
    "country": 'must be a two-letter country code such as "DE", not {value}',
    "nuts": 'must be a NUTS code such as "DEA5A", not {value}',
    "ags": 'must be an official municipality or district key of digits such as "05974", not {value}',
}
MSG_PATTERN_OTHER = "{value} does not have the expected form"
MSG_INVALID = "{value} is not valid here"
MSG_DUPLICATE = 'id "{id}" is used twice (first at {first})'
MSG_NO_ACTOR = 'no actor "{actor}" in this file; did you mean "{suggestion}"?'
MSG_NO_ACTOR_PLAIN = 'no actor "{actor}" in this file'
MSG_HAZ_FALSE = 'false contradicts waste code "{code}", which is hazardous'
MSG_HAZ_TRUE = 'true contradicts waste code "{code}", an absolute non-hazardous entry'
MSG_MORE = "{count} further problem(s) not shown"

MESSAGES: tuple[str, ...] = (
    MSG_MISSING,
    MSG_NOT_OBJECT,
    MSG_FORMAT,
    *MSG_TYPE.values(),
    MSG_ENUM,
    MSG_ENUM_SUGGEST,
    MSG_EMPTY,
    MSG_NEGATIVE,
    MSG_RANGE,
    MSG_BELOW,
    *MSG_PATTERN.values(),
    MSG_PATTERN_OTHER,
    MSG_INVALID,
    MSG_DUPLICATE,
    MSG_NO_ACTOR,
    MSG_NO_ACTOR_PLAIN,
    MSG_HAZ_FALSE,
    MSG_HAZ_TRUE,
    MSG_MORE,
)

# Document order of the fields, to sort problems the way a person reads the file.
_TOP_ORDER = ("format", "region", "actors", "streams")
_FIELD_ORDER = (
    "id", "name", "country", "nuts", "ags", "actor", "direction", "type", "kind", "title",
    "nace", "employees", "lat", "lon", "municipality", "licences", "description", "ewc",
    "hazardous", "quantity", "unit", "temperature_c", "availability", "confidential",
)  # fmt: skip


@lru_cache(maxsize=1)
def region_schema() -> dict[str, Any]:
    """The JSON Schema of kreislauf-region/1 shipped with the package."""
    text = (resources.files("kreislauf") / "data" / "region.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(region_schema())


_ITEM_DEFS = {"actors": "actor", "streams": "stream"}


@lru_cache(maxsize=2)
def _item_checks(section: str) -> tuple[Check, Draft202012Validator]:
    """The fast predicate and the detailed validator for one item of ``section``."""
    schema = region_schema()
    name = _ITEM_DEFS[section]
    detailed = Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{name}"})
    return compile_object(schema["$defs"][name]), detailed


def _schema_errors(document: dict[str, Any]) -> Iterator[SchemaError]:
    """The errors ``jsonschema`` finds, asking it only about items the fast check refuses."""
    shell = dict(document)
    lists: dict[str, list[Any]] = {}
    for section in _ITEM_DEFS:
        items = document.get(section)
        if isinstance(items, list):
            lists[section] = items
            shell[section] = []
    yield from _validator().iter_errors(shell)
    for section, items in lists.items():
        fast, detailed = _item_checks(section)
        for index, item in enumerate(items):
            if fast(item):
                continue
            for error in detailed.iter_errors(item):
                error.path.appendleft(index)
                error.path.appendleft(section)
                yield error


def format_path(parts: Iterable[str | int]) -> str:
    """``["streams", 3, "unit"]`` -> ``"streams[3].unit"``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def show(value: Any) -> str:
    """A value as it appears in the file, shortened for a message."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def schema_problems(document: Any) -> tuple[list[Problem], int]:
    """Problems the JSON Schema finds, translated into templates with paths.

    Keeps at most :data:`MAX_PROBLEMS`; returns them with the count of those left out,
    so that a huge broken file does not fill the memory with messages.
    """
    if not isinstance(document, dict):
        return [Problem("", MSG_NOT_OBJECT)], 0
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    dropped = 0
    for error in _schema_errors(document):
        for problem in _translate(error):
            key = (problem.path, problem.message)
            if key in seen:
                continue
            if len(problems) >= MAX_PROBLEMS:
                dropped += 1
                continue
            seen.add(key)
            problems.append(problem)
    return problems, dropped


def _translate(error: SchemaError) -> list[Problem]:
    parts = list(error.absolute_path)
    path = format_path(parts)
    field = parts[-1] if parts and isinstance(parts[-1], str) else ""
    keyword = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if keyword == "required":
        present = value if isinstance(value, Mapping) else {}
        required = error.validator_value if isinstance(error.validator_value, list) else []
        return [
            Problem(format_path([*parts, name]), MSG_MISSING)
            for name in required
            if name not in present
        ]
    if keyword == "const" and path == "format":
        return [Problem(path, MSG_FORMAT, {"expected": FORMAT, "value": show(value)})]
    if keyword == "type":
        wanted = error.validator_value
        kinds = [wanted] if isinstance(wanted, str) else [k for k in wanted if k != "null"]
        template = MSG_TYPE.get(kinds[0] if kinds else "", MSG_INVALID)
        return [Problem(path, template, {"value": show(value)})]
    if keyword == "enum":
        return [_enum_problem(path, field, value, error.validator_value)]
    if keyword == "minLength":
        return [Problem(path, MSG_EMPTY)]
    if keyword in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            return [Problem(path, MSG_RANGE, {"value": value, "minimum": low, "maximum": high})]
        if low == 0:
            return [Problem(path, MSG_NEGATIVE, {"value": value})]
        return [Problem(path, MSG_BELOW, {"value": value, "minimum": low})]
    if keyword == "pattern":
        template = MSG_PATTERN.get(str(field), MSG_PATTERN_OTHER)
        return [Problem(path, template, {"value": show(value)})]
    return [Problem(path, MSG_INVALID, {"value": show(value)})]


def _enum_problem(path: str, field: str, value: Any, allowed: Sequence[Any]) -> Problem:
    if field == "unit" and isinstance(value, str):
        try:
            parse_unit(value, strict=True)
        except InputError as exc:
            return Problem(path, exc.message, exc.params)
    choices = [c for c in allowed if c is not None]
    if field == "unit":
        choices = list(SPEC_UNITS)
    if isinstance(value, str):
        close = difflib.get_close_matches(value.lower(), [str(c) for c in choices], n=1)
        if close:
            return Problem(path, MSG_ENUM_SUGGEST, {"value": value, "suggestion": close[0]})
    return Problem(path, MSG_ENUM, {"value": value, "choices": ", ".join(str(c) for c in choices)})


def duplicate_ids(items: Any, section: str) -> Iterator[Problem]:
    """Every id that occurs a second time in ``actors`` or ``streams``."""
    if not isinstance(items, list):
        return
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in first:
            yield Problem(
                f"{section}[{index}].id",
                MSG_DUPLICATE,
                {"id": ident, "first": f"{section}[{first[ident]}]"},
            )
        else:
            first[ident] = index


def missing_actors(streams: Any, actor_ids: Sequence[str]) -> Iterator[Problem]:
    """Streams whose ``actor`` names no actor of the file, with a "did you mean"."""
    if not isinstance(streams, list):
        return
    known = set(actor_ids)
    for index, stream in enumerate(streams):
        actor = stream.get("actor") if isinstance(stream, dict) else None
        if not isinstance(actor, str) or not actor or actor in known:
            continue
        same_case = [k for k in known if k.casefold() == actor.casefold()]
        close = same_case or difflib.get_close_matches(actor, sorted(known), n=1, cutoff=0.6)
        path = f"streams[{index}].actor"
        if close:
            yield Problem(path, MSG_NO_ACTOR, {"actor": actor, "suggestion": close[0]})
        else:
            yield Problem(path, MSG_NO_ACTOR_PLAIN, {"actor": actor})


def sort_key(problem: Problem) -> tuple[Any, ...]:
    """Problems in the order of the document: format, region, actors, streams; by index."""
    path = problem.path
    head = path.split("[", 1)[0].split(".", 1)[0]
    top = _TOP_ORDER.index(head) if head in _TOP_ORDER else len(_TOP_ORDER)
    index = 0
    if "[" in path:
        digits = path.split("[", 1)[1].split("]", 1)[0]
        index = int(digits) if digits.isdigit() else 0
    tail = path.rsplit(".", 1)[-1].split("[", 1)[0] if "." in path else ""
    field = _FIELD_ORDER.index(tail) if tail in _FIELD_ORDER else len(_FIELD_ORDER)
    return (top, index, field, path)


def bounded(problems: list[Problem], dropped: int = 0) -> list[Problem]:
    """At most :data:`MAX_PROBLEMS` problems in document order, plus a count of the rest."""
    ordered = sorted(problems, key=sort_key)
    rest = dropped + max(0, len(ordered) - MAX_PROBLEMS)
    if rest == 0:
        return ordered
    return [*ordered[:MAX_PROBLEMS], Problem("", MSG_MORE, {"count": rest})]


__all__ = [
    "FORMAT",
    "MAX_PROBLEMS",
    "MESSAGES",
    "bounded",
    "duplicate_ids",
    "format_path",
    "missing_actors",
    "region_schema",
    "schema_problems",
    "show",
    "sort_key",
]
