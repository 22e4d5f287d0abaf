"""Form fields -> actors and streams, with every problem tied to its field.

The pages pass strings from HTML forms, the JSON API typed values; both go through the
same checks, so a wrong sector code or unit gets the same message (in the user's
language) either way. Problems carry the field name as their ``path``.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kreislauf.core.actors import Actor, ActorKind
from kreislauf.core.permissions import CONTACT_FIELDS
from kreislauf.core.region import Region
from kreislauf.core.streams import Availability, Direction, Stream, StreamType
from kreislauf.errors import KreislaufError, Problem, ValidationError

MAX_NAME = 300
MAX_TEXT = 5000
MAX_ID = 200
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(
    fields: Mapping[str, Any],
    name: str,
    problems: list[Problem],
    *,
    low: float | None = None,
    high: float | None = None,
    integer: bool = False,
) -> Any:
    raw = fields.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        if isinstance(raw, bool):
            raise ValueError
        text = str(raw).strip().replace(" ", "")
        if isinstance(raw, str) and "," in text and "." not in text:
            text = text.replace(",", ".")  # German decimal comma
        number = float(text)
        if integer:
            if not number.is_integer():
                raise ValueError
            number = int(number)
    except (TypeError, ValueError):
        template = "enter a whole number" if integer else "enter a number"
        problems.append(Problem(name, template))
        return None
    if not math.isfinite(number):
        problems.append(Problem(name, "enter a number"))
        return None
    if low is not None and number < low:
        problems.append(Problem(name, "must be at least {low}", {"low": low}))
        return None
    if high is not None and number > high:
        problems.append(Problem(name, "must be at most {high}", {"high": high}))
        return None
    return number


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in {"1", "true", "on", "yes", "ja"}


def _choice(
    fields: Mapping[str, Any],
    name: str,
    enum: type[Any],
    problems: list[Problem],
    default: Any = None,
) -> Any:
    raw = _text(fields.get(name))
    if raw is None:
        return default
    try:
        return enum(raw.lower())
    except ValueError:
        problems.append(
            Problem(
                name,
                '"{value}" is not one of {choices}',
                {"value": raw, "choices": ", ".join(e.value for e in enum)},
            )
        )
        return default


def _limited(
    fields: Mapping[str, Any], name: str, limit: int, problems: list[Problem]
) -> str | None:
    value = _text(fields.get(name))
    if value is not None and len(value) > limit:
        problems.append(Problem(name, "at most {limit} characters", {"limit": limit}))
        return value[:limit]
    return value


def _from_error(name: str, error: KreislaufError) -> Problem:
    return Problem(name, error.message, error.params)


def slug(text: str) -> str:
    """A readable id part from a name: ascii, lower case, dashes."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60] or "x"


def free_id(base: str, taken: Iterable[str]) -> str:
    used = set(taken)
    if base not in used:
        return base
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def _check_id(value: str | None, name: str, problems: list[Problem]) -> None:
    if value is not None and not ID_PATTERN.match(value):
        problems.append(Problem(name, "an id has 1 to 200 letters, digits, '.', ':', '_' or '-'"))


def check_sector(code: str | None, problems: list[Problem]) -> str | None:
    if code is None:
        return None
    from kreislauf.catalogues import sector_catalogue

    try:
        return sector_catalogue().require(code).code
    except KreislaufError as exc:
        problems.append(_from_error("nace", exc))
        return code


def check_waste_code(code: str | None, name: str, problems: list[Problem]) -> str | None:
    if code is None:
        return None
    from kreislauf.catalogues import waste_catalogue

    try:
        return waste_catalogue().canonical(code)
    except KreislaufError as exc:
        problems.append(_from_error(name, exc))
        return code


def _licences(raw: Any, problems: list[Problem]) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = raw if isinstance(raw, list | tuple) else re.split(r"[,;\n]+", str(raw))
    codes = []
    for item in items:
        text = _text(item)
        if text:
            codes.append(check_waste_code(text, "licences", problems) or text)
    return tuple(dict.fromkeys(codes))


Locate = Callable[[str], tuple[float, float] | None]


def actor_from_fields(
    fields: Mapping[str, Any],
    *,
    region: Region,
    existing: Actor | None = None,
    locate: Locate | None = None,
    suggest_place: Callable[[str], str | None] | None = None,
) -> Actor:
    """An actor from form or JSON fields; :class:`ValidationError` with one problem per
    wrong field. ``locate`` turns a municipality into coordinates where none are given."""
    problems: list[Problem] = []
    name = _limited(fields, "name", MAX_NAME, problems)
    if name is None:
        problems.append(Problem("name", "a name is required"))
    kind = _choice(fields, "kind", ActorKind, problems, ActorKind.COMPANY)
    nace = check_sector(_text(fields.get("nace")), problems)
    employees = _number(fields, "employees", problems, low=0, integer=True)
    lat = _number(fields, "lat", problems, low=-90, high=90)
    lon = _number(fields, "lon", problems, low=-180, high=180)
    if (lat is None) != (lon is None) and not any(p.path in ("lat", "lon") for p in problems):
        missing = "lon" if lon is None else "lat"
        problems.append(Problem(missing, "give both latitude and longitude, or neither"))
    municipality = _limited(fields, "municipality", MAX_NAME, problems)
    if municipality and lat is None and lon is None and locate is not None:
        found = locate(municipality)
        if found is not None:
            lat, lon = found
        elif suggest_place is not None:
            near = suggest_place(municipality)
            if near is not None:
                problems.append(
                    Problem(
                        "municipality",
                        '"{name}" is not in the municipality table; did you mean "{suggestion}"? '
                        "Or give coordinates.",
                        {"name": municipality, "suggestion": near},
                    )
                )
    licences = _licences(fields.get("licences"), problems)
    description = _limited(fields, "description", MAX_TEXT, problems)
    extra: dict[str, Any] = dict(existing.extra) if existing else {}
    for key in CONTACT_FIELDS:
        if key in fields:
            value = _limited(fields, key, MAX_NAME, problems)
            if value is None:
                extra.pop(key, None)
            else:
                extra[key] = value
    email = extra.get("email")
    if email and ("@" not in email or " " in email):
        problems.append(Problem("email", '"{email}" is not an e-mail address', {"email": email}))
    actor_id: str | None
    if existing is not None:
        actor_id = existing.id
    else:
        actor_id = _text(fields.get("id"))
        _check_id(actor_id, "id", problems)
        if actor_id is None:
            actor_id = free_id(slug(name or "actor"), region.actors_by_id)
        elif actor_id in region.actors_by_id:
            problems.append(
                Problem("id", 'the region has an actor "{id}" already', {"id": actor_id})
            )
    if problems:
        raise ValidationError(problems)
    assert actor_id is not None
    return Actor(
        id=actor_id,
        name=name or "",
        kind=kind,
        nace=nace,
        employees=employees,
        lat=lat,
        lon=lon,
        municipality=municipality,
        licences=licences,
        description=description,
        extra=extra,
    )


def stream_from_fields(
    fields: Mapping[str, Any],
    *,
    region: Region,
    actor_id: str,
    existing: Stream | None = None,
) -> Stream:
    """An offer or need from form or JSON fields; :class:`ValidationError` with one
    problem per wrong field."""
    from kreislauf.core.units import parse_unit

    problems: list[Problem] = []
    title = _limited(fields, "title", MAX_NAME, problems)
    if title is None:
        problems.append(Problem("title", "a title is required"))
    default_direction = existing.direction if existing else None
    direction = _choice(fields, "direction", Direction, problems, default_direction)
    if direction is None and not any(p.path == "direction" for p in problems):
        problems.append(Problem("direction", "choose offer or need"))
    kind = _choice(fields, "type", StreamType, problems, StreamType.MATERIAL)
    ewc = check_waste_code(_text(fields.get("ewc")), "ewc", problems)
    hazardous = _flag(fields.get("hazardous")) or bool(ewc and ewc.endswith("*"))
    quantity = _number(fields, "quantity", problems, low=0)
    unit = _text(fields.get("unit"))
    if unit is not None:
        try:
            unit = parse_unit(unit, strict=False).symbol
        except KreislaufError as exc:
            problems.append(_from_error("unit", exc))
    if quantity is not None and unit is None and not any(p.path == "unit" for p in problems):
        problems.append(Problem("unit", "a quantity needs its unit"))
    temperature = _number(fields, "temperature_c", problems, low=-273.15, high=5000)
    availability = _choice(fields, "availability", Availability, problems)
    description = _limited(fields, "description", MAX_TEXT, problems)
    stream_id: str | None
    if existing is not None:
        stream_id = existing.id
    else:
        stream_id = _text(fields.get("id"))
        _check_id(stream_id, "id", problems)
        if stream_id is None:
            prefix = "o" if direction is Direction.OFFER else "n"
            stream_id = free_id(f"{actor_id}-{prefix}1", region.streams_by_id)
        elif stream_id in region.streams_by_id:
            problems.append(
                Problem("id", 'the region has an offer or need "{id}" already', {"id": stream_id})
            )
    if problems:
        raise ValidationError(problems)
    assert stream_id is not None
    base = existing or Stream(stream_id, actor_id, direction, title or "")
    return dataclasses.replace(
        base,
        id=stream_id,
        actor=actor_id,
        direction=direction,
        title=title or "",
        type=kind,
        description=description,
        ewc=ewc,
        hazardous=hazardous,
        quantity=quantity,
        unit=unit,
        temperature_c=temperature,
        availability=availability,
        confidential=_flag(fields.get("confidential")),
    )


def field_errors(error: ValidationError, translate: Callable[[str], str]) -> dict[str, str]:
    """Field name -> its first problem, in the user's language."""
    found: dict[str, str] = {}
    for problem in error.problems:
        found.setdefault(
            problem.path or "_form", problem.render(translate).removeprefix(f"{problem.path}: ")
        )
    return found


__all__ = [
    "actor_from_fields",
    "field_errors",
    "free_id",
    "slug",
    "stream_from_fields",
]
