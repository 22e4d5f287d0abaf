"""Units of the quantities in offers and needs, and conversions between them.

Every unit has a dimension (mass, volume, energy, count, time, area), a factor to the
dimension's base unit (kg, m3, kWh, pieces, h, m2) and says whether it is a rate per
year (``t/a``) or a stock / one-off amount (``t``). Converting across dimensions, or
between a rate and a stock, raises :class:`~kreislauf.errors.IncompatibleUnitsError`.

The region file accepts the canonical symbols only (``t/a``, ``m3``, ...); spreadsheets
and forms also accept the spellings firms use ("Tonnen/Jahr", "m³", "Stk.") through
:func:`parse_unit` with ``strict=False``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

from kreislauf.errors import IncompatibleUnitsError, UnitError


class Dimension(StrEnum):
    MASS = "mass"
    VOLUME = "volume"
    ENERGY = "energy"
    COUNT = "count"
    TIME = "time"
    AREA = "area"


BASE_SYMBOL = {
    Dimension.MASS: "kg",
    Dimension.VOLUME: "m3",
    Dimension.ENERGY: "kWh",
    Dimension.COUNT: "pieces",
    Dimension.TIME: "h",
    Dimension.AREA: "m2",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit: ``symbol`` as written in region files, its dimension, the factor to the
    dimension's base unit, and whether it is per year."""

    symbol: str
    dimension: Dimension
    factor: float
    per_year: bool

    def __str__(self) -> str:
        return self.symbol


_STOCK_UNITS: tuple[tuple[str, Dimension, float], ...] = (
    ("t", Dimension.MASS, 1000.0),
    ("kg", Dimension.MASS, 1.0),
    ("m3", Dimension.VOLUME, 1.0),
    ("MWh", Dimension.ENERGY, 1000.0),
    ("kWh", Dimension.ENERGY, 1.0),
    ("GWh", Dimension.ENERGY, 1_000_000.0),
    ("pieces", Dimension.COUNT, 1.0),
    ("h", Dimension.TIME, 1.0),
    ("m2", Dimension.AREA, 1.0),
)

UNITS: dict[str, Unit] = {}
for _symbol, _dim, _factor in _STOCK_UNITS:
    UNITS[_symbol] = Unit(_symbol, _dim, _factor, per_year=False)
    UNITS[f"{_symbol}/a"] = Unit(f"{_symbol}/a", _dim, _factor, per_year=True)

#: The units the region-file contract (kreislauf-region/1) lists. Other symbols in
#: :data:`UNITS` (kg, MWh, kWh, h, m2/a, GWh, ...) are accepted as documented extensions.
SPEC_UNITS: tuple[str, ...] = (
    "t/a",
    "t",
    "kg/a",
    "m3/a",
    "m3",
    "MWh/a",
    "kWh/a",
    "pieces",
    "pieces/a",
    "h/a",
    "m2",
)

# Spellings that firms write, mapped to the canonical stock symbol.
_BASE_ALIASES: dict[str, str] = {
    "t": "t",
    "to": "t",
    "tonne": "t",
    "tonnen": "t",
    "tonnes": "t",
    "tons": "t",
    "ton": "t",
    "kg": "kg",
    "kilogramm": "kg",
    "kilogram": "kg",
    "kilo": "kg",
    "m3": "m3",
    "m³": "m3",
    "cbm": "m3",
    "kubikmeter": "m3",
    "cubicmeter": "m3",
    "cubicmetres": "m3",
    "cubicmeters": "m3",
    "mwh": "MWh",
    "megawattstunden": "MWh",
    "kwh": "kWh",
    "kilowattstunden": "kWh",
    "gwh": "GWh",
    "pieces": "pieces",
    "piece": "pieces",
    "pcs": "pieces",
    "stück": "pieces",
    "stck": "pieces",
    "stk": "pieces",
    "stueck": "pieces",
    "units": "pieces",
    "einheiten": "pieces",
    "h": "h",
    "std": "h",
    "stunden": "h",
    "stunde": "h",
    "hours": "h",
    "hrs": "h",
    "m2": "m2",
    "m²": "m2",
    "qm": "m2",
    "quadratmeter": "m2",
    "sqm": "m2",
}
_PER_YEAR_RE = re.compile(
    r"^(?P<base>.+?)\s*(?:/\s*(?:a|jahr|j|yr|year|y|annum)|p\.?\s*a\.?|pro\s+jahr|per\s+year|im\s+jahr|jährlich)$",
    re.IGNORECASE,
)


def _canonical(text: str) -> str | None:
    """Canonical symbol for a lenient spelling, or None."""
    cleaned = text.strip().rstrip(".").replace("³", "3").replace("²", "2")
    if cleaned in UNITS:
        return cleaned
    per_year = False
    match = _PER_YEAR_RE.match(cleaned)
    if match:
        cleaned, per_year = match.group("base").strip().rstrip("."), True
    key = cleaned.lower().replace(" ", "").rstrip(".")
    base = _BASE_ALIASES.get(key)
    if base is None:
        return None
    return f"{base}/a" if per_year else base


def suggest_unit(text: str) -> str | None:
    """The canonical unit a misspelt or lenient unit most likely means, or None."""
    canonical = _canonical(text)
    if canonical is not None:
        return canonical
    close = difflib.get_close_matches(text.strip(), list(UNITS), n=1, cutoff=0.6)
    if close:
        return close[0]
    lowered = {k.lower(): k for k in UNITS}
    close = difflib.get_close_matches(text.strip().lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def parse_unit(text: str, *, strict: bool = True) -> Unit:
    """The :class:`Unit` a text names.

    ``strict`` accepts canonical symbols only (region files); otherwise common German and
    English spellings are accepted too (spreadsheets, forms). Raises :class:`UnitError`
    with a "did you mean" where a near unit exists.
    """
    if text in UNITS:
        return UNITS[text]
    if not strict:
        canonical = _canonical(text)
        if canonical is not None:
            return UNITS[canonical]
    suggestion = suggest_unit(text)
    if suggestion is not None:
        raise UnitError(
            '"{value}" is not a unit; did you mean "{suggestion}"?',
            value=text,
            suggestion=suggestion,
        )
    raise UnitError(
        '"{value}" is not a unit; use one of {choices}',
        value=text,
        choices=", ".join(SPEC_UNITS),
    )


def convert(value: float, source: Unit | str, target: Unit | str) -> float:
    """``value`` in ``source`` units expressed in ``target`` units.

    Raises :class:`IncompatibleUnitsError` across dimensions or between a rate per year
    and a one-off amount.
    """
    src = parse_unit(source) if isinstance(source, str) else source
    dst = parse_unit(target) if isinstance(target, str) else target
    if src.dimension is not dst.dimension:
        raise IncompatibleUnitsError(
            "cannot convert {source} ({source_dim}) to {target} ({target_dim})",
            source=src.symbol,
            target=dst.symbol,
            source_dim=src.dimension.value,
            target_dim=dst.dimension.value,
        )
    if src.per_year != dst.per_year:
        raise IncompatibleUnitsError(
            "cannot convert {source} to {target}: one is per year, the other a one-off amount",
            source=src.symbol,
            target=dst.symbol,
        )
    return value * src.factor / dst.factor


def comparable(a: Unit, b: Unit) -> bool:
    """True where quantities in ``a`` and ``b`` measure the same thing (same dimension)."""
    return a.dimension is b.dimension


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount with its unit."""

    value: float
    unit: Unit

    @classmethod
    def of(cls, value: float, unit: str, *, strict: bool = True) -> Quantity:
        return cls(float(value), parse_unit(unit, strict=strict))

    def to(self, unit: Unit | str) -> Quantity:
        dst = parse_unit(unit) if isinstance(unit, str) else unit
        return Quantity(convert(self.value, self.unit, dst), dst)

    def in_base(self) -> float:
        """The amount in the dimension's base unit (kg, m3, kWh, pieces, h, m2)."""
        return self.value * self.unit.factor

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit.symbol}"


__all__ = [
    "BASE_SYMBOL",
    "SPEC_UNITS",
    "UNITS",
    "Dimension",
    "Quantity",
    "Unit",
    "comparable",
    "convert",
    "parse_unit",
    "suggest_unit",
]
