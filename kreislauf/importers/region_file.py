"""Region files (kreislauf-region/1, JSON): read, validate, write.

``read_region(path)`` refuses files over the size limit before reading them, names the
byte of a file that is not UTF-8 and the line and column of invalid JSON;
``parse_region(document)`` collects every problem of a parsed document (schema first,
then ids, actors, codes and the hazardous flag, see :mod:`region_validation`) and raises
them together as one :class:`~kreislauf.errors.ValidationError`, or returns a
:class:`~kreislauf.core.region.Region` with codes in their normalised form ("02 07 02",
"13 02 05*", "10.51"). ``region_to_dict`` / ``dumps_region`` / ``write_region`` give the
file back in the field order of the spec, keeping fields beyond it.

Fields beyond the contract are kept in ``extra``: on the region, each actor and each
stream. Fields at the top level of the document beyond ``format``, ``region``,
``actors`` and ``streams`` are kept in ``Region.extra[DOCUMENT_EXTRA]``.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from kreislauf.core.actors import Actor, ActorKind
from kreislauf.core.region import Region
from kreislauf.core.streams import Availability, Direction, Stream, StreamType
from kreislauf.errors import InputError, NotFoundError, Problem, ValidationError
from kreislauf.importers.codes_check import check_licences, check_nace, check_stream_code
from kreislauf.importers.region_validation import (
    FORMAT,
    bounded,
    duplicate_ids,
    missing_actors,
    schema_problems,
)
from kreislauf.settings import get_settings

#: Key in ``Region.extra`` under which unknown top-level fields of a document are kept.
DOCUMENT_EXTRA = "_document"

REGION_FIELDS = ("id", "name", "country", "nuts", "ags")
ACTOR_FIELDS = (
    "id", "name", "kind", "nace", "employees", "lat", "lon", "municipality", "licences",
    "description",
)  # fmt: skip
STREAM_FIELDS = (
    "id", "actor", "direction", "type", "title", "description", "ewc", "hazardous",
    "quantity", "unit", "temperature_c", "availability", "confidential",
)  # fmt: skip

MSG_TOO_LARGE = (
    "the file is {size_mb} MB, more than the limit of {limit_mb} MB; "
    "raise KREISLAUF_MAX_IMPORT_MB to read it"
)
MSG_NOT_FOUND = "file {path} does not exist"
MSG_NOT_A_FILE = "{path} is not a file"
MSG_EMPTY_FILE = "the file is empty"
MSG_NOT_UTF8 = (
    "the file is not UTF-8: byte 0x{byte} at offset {offset} (line {line}) cannot be "
    "decoded; save it as UTF-8 (it may be Windows-1252 or Latin-1)"
)
MSG_UTF16 = "the file is UTF-16; save it as UTF-8"
MSG_BAD_JSON = "invalid JSON at line {line}, column {column}: {detail}"
MSG_NOT_FINITE = "{value} is not allowed in JSON; numbers must be finite"

MESSAGES: tuple[str, ...] = (
    MSG_TOO_LARGE,
    MSG_NOT_FOUND,
    MSG_NOT_A_FILE,
    MSG_EMPTY_FILE,
    MSG_NOT_UTF8,
    MSG_UTF16,
    MSG_BAD_JSON,
    MSG_NOT_FINITE,
)


# --------------------------------------------------------------------------- reading


def check_size(path: Path, max_bytes: int | None = None) -> int:
    """The size of ``path`` in bytes; refuses a missing file or one over the limit.

    The limit is ``max_bytes`` or ``settings.max_import_bytes``; nothing is read.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise NotFoundError(MSG_NOT_FOUND, path=str(path)) from None
    if not path.is_file():
        raise InputError(MSG_NOT_A_FILE, path=str(path))
    limit = get_settings().max_import_bytes if max_bytes is None else max_bytes
    if stat.st_size > limit:
        raise ValidationError(
            [
                Problem(
                    "",
                    MSG_TOO_LARGE,
                    {"size_mb": _mb(stat.st_size), "limit_mb": _mb(limit)},
                )
            ],
            source=str(path),
        )
    return stat.st_size


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def decode_utf8(data: bytes, source: str | None = None) -> str:
    """``data`` as text; a BOM is dropped, other encodings are refused with the byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError([Problem("", MSG_UTF16)], source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problem = Problem(
            "",
            MSG_NOT_UTF8,
            {"byte": f"{data[exc.start]:02X}", "offset": exc.start, "line": line},
        )
        raise ValidationError([problem], source=source) from None


def _refuse_constant(name: str) -> float:
    raise _NotFinite(name)


class _NotFinite(ValueError):
    pass


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def loads_document(text: str, source: str | None = None) -> Any:
    """Parse JSON text; invalid JSON gives its line and column, NaN and Infinity refused."""
    if not text.strip():
        raise ValidationError([Problem("", MSG_EMPTY_FILE)], source=source)
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except _NotFinite as exc:
        raise ValidationError(
            [Problem("", MSG_NOT_FINITE, {"value": str(exc)})], source=source
        ) from None
    except json.JSONDecodeError as exc:
        problem = Problem(
            "", MSG_BAD_JSON, {"line": exc.lineno, "column": exc.colno, "detail": exc.msg}
        )
        raise ValidationError([problem], source=source) from None


def read_region(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Region:
    """Read and validate a region file.

    Raises :class:`~kreislauf.errors.ValidationError` naming every problem (with
    ``source`` set to the path), :class:`~kreislauf.errors.NotFoundError` where the file
    does not exist. Files over ``max_bytes`` (default: the setting
    ``max_import_mb``) are refused before anything is read.
    """
    file = Path(path)
    source = str(file)
    size = check_size(file, max_bytes)
    if size == 0:
        raise ValidationError([Problem("", MSG_EMPTY_FILE)], source=source)
    text = decode_utf8(file.read_bytes(), source)
    return parse_region(loads_document(text, source), source=source)


def parse_region(document: Any, *, source: str | None = None) -> Region:
    """A :class:`Region` from a parsed region document, or every problem at once.

    Waste codes, licences and NACE codes are normalised; ``hazardous`` follows the
    waste code's star where the document leaves it out.
    """
    problems, dropped = schema_problems(document)
    if not isinstance(document, dict):
        raise ValidationError(problems, source=source)
    actors = document.get("actors")
    streams = document.get("streams")
    problems.extend(duplicate_ids(actors, "actors"))
    problems.extend(duplicate_ids(streams, "streams"))
    actor_ids = [a["id"] for _, a in _dicts(actors) if isinstance(a.get("id"), str)]
    problems.extend(missing_actors(streams, actor_ids))
    codes = _check_codes(actors, streams, problems)
    if problems or dropped:
        raise ValidationError(bounded(problems, dropped), source=source)
    # Nothing is wrong: every field has the type the schema says from here on.
    region = document["region"]
    extra = _extra(region, REGION_FIELDS)
    top = _extra(document, ("format", "region", "actors", "streams"))
    if top:
        extra[DOCUMENT_EXTRA] = top
    return Region(
        id=region["id"],
        name=region["name"],
        country=region.get("country") or "DE",
        nuts=region.get("nuts"),
        ags=region.get("ags"),
        actors=tuple(_actor(a, codes[f"actors[{i}]"]) for i, a in _dicts(actors)),
        streams=tuple(_stream(s, codes[f"streams[{i}]"]) for i, s in _dicts(streams)),
        extra=extra,
    )


def _check_codes(actors: Any, streams: Any, problems: list[Problem]) -> dict[str, Any]:
    """Normalised codes per item path (``actors[2]`` -> (nace, licences)); problems added."""
    out: dict[str, Any] = {}
    for index, actor in _dicts(actors):
        path = f"actors[{index}]"
        nace = check_nace(actor.get("nace"), f"{path}.nace", problems)
        licences = check_licences(actor.get("licences"), f"{path}.licences", problems)
        out[path] = (nace, licences)
    for index, stream in _dicts(streams):
        path = f"streams[{index}]"
        out[path] = check_stream_code(stream.get("ewc"), stream.get("hazardous"), path, problems)
    return out


def _dicts(items: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(items, list):
        yield from ((i, item) for i, item in enumerate(items) if isinstance(item, dict))


def _extra(obj: Mapping[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k not in known}


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _actor(obj: Mapping[str, Any], codes: tuple[str | None, tuple[str, ...]]) -> Actor:
    nace, licences = codes
    employees = obj.get("employees")
    return Actor(
        id=obj["id"],
        name=obj["name"],
        kind=ActorKind(obj.get("kind") or "company"),
        nace=nace,
        employees=None if employees is None else int(employees),
        lat=_float(obj.get("lat")),
        lon=_float(obj.get("lon")),
        municipality=obj.get("municipality"),
        licences=licences,
        description=obj.get("description"),
        extra=_extra(obj, ACTOR_FIELDS),
    )


def _stream(obj: Mapping[str, Any], codes: tuple[str | None, bool]) -> Stream:
    ewc, hazardous = codes
    availability = obj.get("availability")
    return Stream(
        id=obj["id"],
        actor=obj["actor"],
        direction=Direction(obj["direction"]),
        title=obj["title"],
        type=StreamType(obj.get("type") or "material"),
        description=obj.get("description"),
        ewc=ewc,
        hazardous=hazardous,
        quantity=_float(obj.get("quantity")),
        unit=obj.get("unit"),
        temperature_c=_float(obj.get("temperature_c")),
        availability=Availability(availability) if availability else None,
        confidential=bool(obj.get("confidential") or False),
        extra=_extra(obj, STREAM_FIELDS),
    )


# --------------------------------------------------------------------------- writing


def _number(value: float) -> int | float:
    """Whole numbers as integers (2500, not 2500.0), others as they are."""
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _put(out: dict[str, Any], key: str, value: Any, convert: Callable[[Any], Any] = str) -> None:
    if value is not None:
        out[key] = convert(value)


def region_to_dict(region: Region) -> dict[str, Any]:
    """The region as a kreislauf-region/1 document, fields in the order of the spec.

    Absent values are left out; ``kind`` and ``type`` are always written, ``hazardous``
    where there is a waste code or it is true, ``confidential`` where true,
    ``licences`` where there are any. Extra fields follow the spec's fields.
    """
    extra = dict(region.extra)
    top = extra.pop(DOCUMENT_EXTRA, None)
    head: dict[str, Any] = {"id": region.id, "name": region.name, "country": region.country}
    _put(head, "nuts", region.nuts)
    _put(head, "ags", region.ags)
    head.update({k: v for k, v in extra.items() if k not in head})
    document: dict[str, Any] = {
        "format": FORMAT,
        "region": head,
        "actors": [actor_to_dict(a) for a in region.actors],
        "streams": [stream_to_dict(s) for s in region.streams],
    }
    if isinstance(top, Mapping):
        document.update({k: v for k, v in top.items() if k not in document})
    return document


def actor_to_dict(actor: Actor) -> dict[str, Any]:
    out: dict[str, Any] = {"id": actor.id, "name": actor.name, "kind": actor.kind.value}
    _put(out, "nace", actor.nace)
    _put(out, "employees", actor.employees, int)
    _put(out, "lat", actor.lat, _number)
    _put(out, "lon", actor.lon, _number)
    _put(out, "municipality", actor.municipality)
    if actor.licences:
        out["licences"] = list(actor.licences)
    _put(out, "description", actor.description)
    out.update({k: v for k, v in actor.extra.items() if k not in out})
    return out


def stream_to_dict(stream: Stream) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": stream.id,
        "actor": stream.actor,
        "direction": stream.direction.value,
        "type": stream.type.value,
        "title": stream.title,
    }
    _put(out, "description", stream.description)
    _put(out, "ewc", stream.ewc)
    if stream.ewc is not None or stream.hazardous:
        out["hazardous"] = stream.hazardous
    _put(out, "quantity", stream.quantity, _number)
    _put(out, "unit", stream.unit)
    _put(out, "temperature_c", stream.temperature_c, _number)
    if stream.availability is not None:
        out["availability"] = stream.availability.value
    if stream.confidential:
        out["confidential"] = True
    out.update({k: v for k, v in stream.extra.items() if k not in out})
    return out


def dumps_region(region: Region, *, indent: int | None = 2) -> str:
    """The region file as text (UTF-8 characters kept, a final newline)."""
    return json.dumps(region_to_dict(region), ensure_ascii=False, indent=indent) + "\n"


def write_text_atomic(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``.

    A reader sees the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_region(region: Region, path: str | os.PathLike[str]) -> Path:
    """Write the region file atomically; returns the path written."""
    target = Path(path)
    write_text_atomic(target, dumps_region(region))
    return target


__all__ = [
    "DOCUMENT_EXTRA",
    "MESSAGES",
    "actor_to_dict",
    "check_size",
    "decode_utf8",
    "dumps_region",
    "loads_document",
    "parse_region",
    "read_region",
    "region_to_dict",
    "stream_to_dict",
    "write_region",
    "write_text_atomic",
]
