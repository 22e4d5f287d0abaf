"""Administrative boundaries from GeoJSON (the BKG VG250/VG5000 format and alike).

A BKG file is a ``FeatureCollection`` in WGS84 longitude/latitude (``CRS84``) whose
features carry the official regional key ``ARS`` (or ``AGS``), the name ``GEN`` and the
kind ``BEZ`` ("Landkreis", "Kreisfreie Stadt", "Land", ...). Each geometry is checked
with shapely (a broken ring is repaired, an empty one is refused) and simplified for the
map (about 100 m by default), so a district outline stays small enough for the browser.

``read_boundaries(path, prefix=...)`` keeps only the features whose key starts with
``prefix`` (a region's AGS, say); problems are collected and raised as one
:class:`~kreislauf.errors.ValidationError` naming the feature.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kreislauf.errors import InputError, Problem, ValidationError
from kreislauf.storage.boundaries import Boundary

#: Simplification tolerance in degrees (about 100 m in Germany's latitudes).
DEFAULT_TOLERANCE = 0.001
KEY_FIELDS = ("ARS", "AGS", "ags", "ars", "key", "id")
NAME_FIELDS = ("GEN", "name", "NAME")
KIND_FIELDS = ("BEZ", "kind", "type")
WGS84_NAMES = (
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
    "CRS84",
)


def _first(properties: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = properties.get(name)
        if value not in (None, "", "--"):
            return str(value).strip()
    return None


def _check_crs(document: dict[str, Any], source: str) -> None:
    crs = document.get("crs")
    if not isinstance(crs, dict):
        return  # RFC 7946: GeoJSON without a crs member is WGS84
    name = str((crs.get("properties") or {}).get("name", ""))
    if name and name not in WGS84_NAMES:
        raise InputError(
            "{source}: the coordinates are in {crs}; export the file in WGS84 "
            "longitude/latitude (EPSG:4326)",
            source=source,
            crs=name,
        )


def parse_boundaries(
    document: Any,
    *,
    source: str = "GeoJSON",
    prefix: str | None = None,
    region_id: str | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[Boundary]:
    """The boundaries of a GeoJSON ``FeatureCollection`` (already parsed)."""
    from shapely.geometry import mapping, shape  # type: ignore[import-untyped]
    from shapely.ops import unary_union  # type: ignore[import-untyped]
    from shapely.validation import make_valid  # type: ignore[import-untyped]

    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise InputError("{source} is not a GeoJSON FeatureCollection", source=source)
    _check_crs(document, source)
    features = document.get("features")
    if not isinstance(features, list):
        raise InputError("{source} has no list of features", source=source)
    problems: list[Problem] = []
    parts: dict[str, list[Any]] = {}
    names: dict[str, tuple[str, str | None]] = {}
    for index, feature in enumerate(features):
        where = f"features[{index}]"
        properties = (feature or {}).get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            problems.append(Problem(where, "has no properties"))
            continue
        key = _first(properties, KEY_FIELDS)
        if key is None:
            problems.append(Problem(where, "has no regional key (ARS or AGS)"))
            continue
        if prefix and not key.startswith(prefix):
            continue
        name = _first(properties, NAME_FIELDS)
        if name is None:
            problems.append(Problem(where, "has no name (GEN)"))
            continue
        try:
            geometry = shape(feature.get("geometry"))
        except (AttributeError, TypeError, ValueError, KeyError):
            problems.append(Problem(where, "has no valid polygon geometry"))
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty:
            problems.append(
                Problem(
                    where,
                    "has no valid polygon geometry (found {type})",
                    {"type": geometry.geom_type},
                )
            )
            continue
        if not geometry.is_valid:
            geometry = make_valid(geometry)
        min_lon, min_lat, max_lon, max_lat = geometry.bounds
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            problems.append(
                Problem(where, "has coordinates outside longitude/latitude (not WGS84?)")
            )
            continue
        # BKG files split some areas into several features with one key (land and water
        # parts, "Baden-Württemberg (Bodensee)"): they are one boundary, named by the first
        names.setdefault(key, (name, _first(properties, KIND_FIELDS)))
        parts.setdefault(key, []).append(geometry)
    found: list[Boundary] = []
    for key, pieces in parts.items():
        whole = pieces[0] if len(pieces) == 1 else unary_union(pieces)
        simple = whole.simplify(tolerance, preserve_topology=True) if tolerance > 0 else whole
        found.append(
            Boundary(
                key=key,
                name=names[key][0],
                kind=names[key][1],
                geometry=_rounded(mapping(simple)),
                bbox=tuple(whole.bounds),  # type: ignore[arg-type]
                region_id=region_id,
                source=source,
            )
        )
    if problems:
        raise ValidationError(problems)
    if not found:
        if prefix:
            raise InputError(
                '{source} has no boundary whose key starts with "{prefix}"',
                source=source,
                prefix=prefix,
            )
        raise InputError("{source} has no boundaries", source=source)
    return found


def _rounded(geometry: Any) -> dict[str, Any]:
    """The GeoJSON mapping with coordinates rounded to 5 decimals (about 1 m) and as
    plain lists (smaller JSON)."""

    def walk(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(float(v), 5) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def read_boundaries(
    path: Path | str,
    *,
    prefix: str | None = None,
    region_id: str | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[Boundary]:
    """The boundaries in a GeoJSON file (see :func:`parse_boundaries`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            "cannot read {path}: {reason}", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [
                Problem(
                    str(path),
                    "is not valid JSON (line {line}): {detail}",
                    {"line": exc.lineno, "detail": exc.msg},
                )
            ]
        ) from exc
    return parse_boundaries(
        document, source=path.name, prefix=prefix, region_id=region_id, tolerance=tolerance
    )


def import_boundary_file(
    repo: Any,
    path: Path | str,
    region_id: str | None = None,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[Boundary]:
    """Read a GeoJSON file and store its boundaries in ``repo``'s database. With
    ``region_id`` only the features inside the region's official key (its AGS) are kept
    and they are tied to the region; a region without an AGS keeps every feature."""
    from kreislauf.storage.boundaries import BoundaryStore

    prefix = None
    if region_id is not None:
        region = repo.load_region(region_id)  # NotFoundError names the known regions
        prefix = region.ags or None
    found = read_boundaries(path, prefix=prefix, region_id=region_id, tolerance=tolerance)
    BoundaryStore(repo.engine).save(found)
    return found


__all__ = ["DEFAULT_TOLERANCE", "import_boundary_file", "parse_boundaries", "read_boundaries"]
