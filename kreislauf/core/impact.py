"""CO2e and EUR estimates of an exchange, from a versioned table of factors and prices.

The estimate for one exchange (an offer that serves a need along a pathway):

* **avoided route**: the offer would otherwise go to ``avoided_route`` (landfill,
  combustion, ...); its emissions per tonne (``disposal`` factor of the offer's material
  key) are saved, and so is the disposal fee;
* **avoided primary production**: the receiver no longer buys ``ratio`` units of the
  primary good ``substitutes`` per unit offered; its production emissions (``primary``
  factor) and its price are saved;
* **transport**: the exchange adds ``distance_km`` x tonnes of lorry (or rail) transport.
  Energy (heat, steam, electricity, natural gas) and water/wastewater move by pipe or
  grid: no truck transport is counted for them (building a pipe is not estimated).

``CO2e saved = avoided route + avoided primary x ratio - transport``. Every term names
the factor it used (``parts``). Where the quantity, a unit conversion or a needed factor
is missing the figure is ``None`` and ``notes`` say why: nothing is invented. Figures
are per year where the quantity is a rate per year (``t/a``); a one-off amount
(``t``) gives a one-off figure and ``Impact.one_off`` is true.

Not included: emissions of the receiver's own processing, of building pipes, and
market effects. Units: factors in kg CO2e per ``per`` unit (``t``, ``MWh``, ``m3``,
``t.km``); results in tonnes CO2e and EUR.

This module is pure: the table is built from rows that the adapter
:mod:`kreislauf.impact_factors` reads from the package data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from kreislauf.core.units import Dimension, Quantity, Unit
from kreislauf.errors import IncompatibleUnitsError, Problem, ValidationError

#: Impact material keys (shared contract with the knowledge base, see knowledge-schema).
MATERIAL_KEYS: tuple[str, ...] = (
    "aggregates", "asphalt", "bricks", "concrete", "soils", "gypsum", "cement", "sand",
    "insulation", "wood", "paper_board", "glass", "plastics", "steel", "aluminium",
    "metals", "textiles", "tyres", "mineral_oil", "solvents", "chemicals", "food_waste",
    "garden_waste", "organic_mixed", "animal_feed", "fertiliser", "electrical",
    "batteries", "mixed_commercial", "ash_slag",
    "heat", "steam", "electricity", "natural_gas", "fuel_oil", "water", "wastewater",
)  # fmt: skip

#: Where an offer would otherwise go. ``none`` means no disposal is avoided.
ROUTES: tuple[str, ...] = (
    "landfill",
    "combustion",
    "composting",
    "anaerobic_digestion",
    "wastewater_treatment",
    "hazardous_treatment",
    "none",
)

TRANSPORT_MODES: tuple[str, ...] = ("hgv", "rail")

#: Material keys that move by pipe or grid: no truck transport is counted.
PIPED_KEYS: frozenset[str] = frozenset(
    {"heat", "steam", "electricity", "natural_gas", "water", "wastewater"}
)

#: The units factors and prices are given per, with their dimension.
PER_UNITS: dict[str, Dimension] = {
    "t": Dimension.MASS,
    "MWh": Dimension.ENERGY,
    "m3": Dimension.VOLUME,
}
TKM = "t.km"

#: Displayed unit of each dimension, used to express flows and per-unit values.
STANDARD_UNIT: dict[Dimension, str] = {
    Dimension.MASS: "t",
    Dimension.ENERGY: "MWh",
    Dimension.VOLUME: "m3",
    Dimension.COUNT: "pieces",
    Dimension.TIME: "h",
    Dimension.AREA: "m2",
}


class FactorKind(StrEnum):
    PRIMARY = "primary"
    DISPOSAL = "disposal"
    TRANSPORT = "transport"


class PriceKind(StrEnum):
    DISPOSAL_FEE = "disposal_fee"
    PRIMARY_PRICE = "primary_price"
    TRANSPORT = "transport"


@dataclass(frozen=True, slots=True)
class Factor:
    """An emission factor: ``kg_co2e`` per ``per`` (t, MWh, m3 or t.km)."""

    id: str
    kind: FactorKind
    key: str
    route: str | None
    kg_co2e: float
    per: str
    source: str
    reference: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Price:
    """A price: ``eur`` per ``per``, the central estimate of the range ``low``..``high``.

    ``key`` is a material key, a transport mode, or ``*`` for a disposal fee that applies
    to any material on that route unless a specific one exists.
    """

    id: str
    kind: PriceKind
    key: str
    route: str | None
    eur: float
    per: str
    source: str
    year: str = ""
    low: float | None = None
    high: float | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Part:
    """One term of an estimate: its name, the factor or price used and the amount."""

    term: str
    factor_id: str
    amount: float
    amount_unit: str
    factor: float
    factor_unit: str
    value: float
    value_unit: str


@dataclass(frozen=True, slots=True)
class Note:
    """Why a figure is missing or how it was made: an English template with parameters
    (German in ``locale/de/impact.json``); ``str(note)`` gives the English text."""

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, template: str, **params: Any) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "params", params)

    def render(self, translate: Callable[[str], str] = str) -> str:
        try:
            return translate(self.template).format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True, slots=True)
class Impact:
    """What an exchange saves. ``co2e_t_per_year`` and ``eur_per_year`` are ``None``
    where they cannot be estimated (``notes`` say why); for a one-off quantity they
    hold a one-off figure and ``one_off`` is true."""

    co2e_t_per_year: float | None
    eur_per_year: float | None
    parts: tuple[Part, ...] = ()
    notes: tuple[Note, ...] = ()
    one_off: bool = False
    version: str = ""

    @property
    def co2e_t(self) -> float | None:
        return self.co2e_t_per_year

    @property
    def eur(self) -> float | None:
        return self.eur_per_year


def _number(text: str | None) -> float | None:
    if text is None or str(text).strip() == "":
        return None
    return float(str(text).strip())


@dataclass
class FactorTable:
    """Emission factors and prices of one version, looked up by material key."""

    factors: tuple[Factor, ...]
    prices: tuple[Price, ...] = ()
    version: str = ""
    _primary: dict[str, list[Factor]] = field(default_factory=dict, init=False, repr=False)
    _disposal: dict[tuple[str, str], list[Factor]] = field(
        default_factory=dict, init=False, repr=False
    )
    _transport: dict[str, Factor] = field(default_factory=dict, init=False, repr=False)
    _prices: dict[tuple[str, str, str], list[Price]] = field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        ids: set[str] = set()
        for f in self.factors:
            if f.id in ids:
                problems.append(Problem(f.id, 'duplicate id "{id}"', {"id": f.id}))
            ids.add(f.id)
            if f.kind is FactorKind.TRANSPORT:
                self._transport[f.key] = f
            elif f.kind is FactorKind.PRIMARY:
                self._primary.setdefault(f.key, []).append(f)
            else:
                self._disposal.setdefault((f.key, f.route or ""), []).append(f)
        for p in self.prices:
            if p.id in ids:
                problems.append(Problem(p.id, 'duplicate id "{id}"', {"id": p.id}))
            ids.add(p.id)
            self._prices.setdefault((p.kind.value, p.key, p.route or ""), []).append(p)
        if problems:
            raise ValidationError(problems)

    # -- construction from text rows (CSV) -------------------------------------------

    @classmethod
    def from_rows(
        cls,
        factor_rows: Iterable[Mapping[str, str]],
        price_rows: Iterable[Mapping[str, str]] = (),
        *,
        version: str,
        source: str = "factors",
    ) -> FactorTable:
        """Build a table from text rows. Rows with an empty value record a gap (no
        credible factor) and are left out. Problems are collected and raised together
        as one :class:`ValidationError`."""
        problems: list[Problem] = []
        factors: list[Factor] = []
        for n, row in enumerate(factor_rows, start=2):
            factor = _factor_from_row(row, f"{source} row {n}", problems)
            if factor is not None:
                factors.append(factor)
        prices: list[Price] = []
        for n, row in enumerate(price_rows, start=2):
            price = _price_from_row(row, f"prices row {n}", problems)
            if price is not None:
                prices.append(price)
        if not version.strip():
            problems.append(Problem(source, "the factor table has no version", {}))
        if problems:
            raise ValidationError(problems)
        return cls(tuple(factors), tuple(prices), version.strip())

    # -- lookups -----------------------------------------------------------------------

    def primary(self, key: str, per: str | None = None) -> Factor | None:
        """The primary-production factor of ``key`` (per ``per`` where given)."""
        return _pick(self._primary.get(key, []), per)

    def primary_all(self, key: str) -> tuple[Factor, ...]:
        return tuple(self._primary.get(key, []))

    def disposal(self, key: str, route: str, per: str | None = None) -> Factor | None:
        """The factor of disposing of ``key`` along ``route`` (per ``per`` where given)."""
        return _pick(self._disposal.get((key, route), []), per)

    def disposal_all(self, key: str, route: str) -> tuple[Factor, ...]:
        return tuple(self._disposal.get((key, route), []))

    def transport(self, mode: str = "hgv") -> Factor | None:
        return self._transport.get(mode)

    def transport_per_tkm(self, mode: str = "hgv") -> float | None:
        """kg CO2e per tonne-kilometre for ``mode`` (``hgv`` average laden, ``rail``)."""
        factor = self._transport.get(mode)
        return None if factor is None else factor.kg_co2e

    def price(
        self,
        key: str,
        *,
        kind: PriceKind | str = PriceKind.PRIMARY_PRICE,
        route: str | None = None,
        per: str | None = None,
    ) -> Price | None:
        """A price for ``key``: a primary price, a disposal fee on ``route`` (falling back
        to the route's ``*`` fee), or a transport price (key = mode, per t.km)."""
        kind = PriceKind(kind)
        found = _pick(self._prices.get((kind.value, key, route or ""), []), per)
        if found is None and kind is PriceKind.DISPOSAL_FEE:
            found = _pick(self._prices.get((kind.value, "*", route or ""), []), per)
        return found

    def keys(self) -> tuple[str, ...]:
        """Material keys with at least one factor."""
        found = set(self._primary) | {k for k, _ in self._disposal}
        return tuple(k for k in MATERIAL_KEYS if k in found)


_T = TypeVar("_T", Factor, Price)


def _pick(items: list[_T], per: str | None) -> _T | None:
    if not items:
        return None
    if per is None:
        return items[0]
    for item in items:
        if item.per == per:
            return item
    return None


def _check_common(
    row: Mapping[str, str], where: str, problems: list[Problem], *, transport: bool
) -> tuple[str, str | None, str] | None:
    key = (row.get("key") or "").strip()
    route = (row.get("route") or "").strip() or None
    per = (row.get("per") or "").strip()
    ok = True
    if transport:
        if key not in TRANSPORT_MODES:
            problems.append(Problem(where, '"{key}" is not a transport mode', {"key": key}))
            ok = False
        if per != TKM:
            problems.append(Problem(where, 'transport is per "t.km", not "{per}"', {"per": per}))
            ok = False
    else:
        if key not in MATERIAL_KEYS and key != "*":
            problems.append(Problem(where, '"{key}" is not an impact material key', {"key": key}))
            ok = False
        if per not in PER_UNITS:
            problems.append(
                Problem(where, '"{per}" is not a factor unit; use t, MWh or m3', {"per": per})
            )
            ok = False
    if route is not None and route not in ROUTES:
        problems.append(Problem(where, '"{route}" is not a disposal route', {"route": route}))
        ok = False
    if not (row.get("source") or "").strip():
        problems.append(Problem(where, "every row needs a source", {}))
        ok = False
    return (key, route, per) if ok else None


def _factor_from_row(row: Mapping[str, str], where: str, problems: list[Problem]) -> Factor | None:
    try:
        kind = FactorKind((row.get("kind") or "").strip())
    except ValueError:
        problems.append(Problem(where, '"{kind}" is not a factor kind', {"kind": row.get("kind")}))
        return None
    common = _check_common(row, where, problems, transport=kind is FactorKind.TRANSPORT)
    if kind is FactorKind.DISPOSAL and not (row.get("route") or "").strip():
        problems.append(Problem(where, "a disposal factor needs a route", {}))
        return None
    try:
        value = _number(row.get("kg_co2e"))
    except ValueError:
        problems.append(Problem(where, '"{value}" is not a number', {"value": row.get("kg_co2e")}))
        return None
    if common is None or value is None:
        return None
    key, route, per = common
    return Factor(
        id=(row.get("id") or "").strip(),
        kind=kind,
        key=key,
        route=route,
        kg_co2e=value,
        per=per,
        source=(row.get("source") or "").strip(),
        reference=" ".join(
            part
            for part in ((row.get("desnz_id") or "").strip(), (row.get("reference") or "").strip())
            if part
        ),
        note=(row.get("note") or "").strip(),
    )


def _price_from_row(row: Mapping[str, str], where: str, problems: list[Problem]) -> Price | None:
    try:
        kind = PriceKind((row.get("kind") or "").strip())
    except ValueError:
        problems.append(Problem(where, '"{kind}" is not a price kind', {"kind": row.get("kind")}))
        return None
    common = _check_common(row, where, problems, transport=kind is PriceKind.TRANSPORT)
    try:
        value = _number(row.get("eur"))
        low = _number(row.get("low"))
        high = _number(row.get("high"))
    except ValueError:
        problems.append(Problem(where, '"{value}" is not a number', {"value": row.get("eur")}))
        return None
    if common is None or value is None:
        return None
    if low is not None and high is not None and not low <= value <= high:
        problems.append(
            Problem(
                where,
                "the central value {value} lies outside its range {low}..{high}",
                {"value": value, "low": low, "high": high},
            )
        )
        return None
    key, route, per = common
    return Price(
        id=(row.get("id") or "").strip(),
        kind=kind,
        key=key,
        route=route,
        eur=value,
        per=per,
        source=(row.get("source") or "").strip(),
        year=(row.get("year") or "").strip(),
        low=low,
        high=high,
        note=(row.get("note") or "").strip(),
    )


# -- transport -----------------------------------------------------------------------


def transport_co2e_t(
    table: FactorTable, distance_km: float, tonnes: float, mode: str = "hgv"
) -> float | None:
    """Tonnes CO2e of moving ``tonnes`` over ``distance_km`` by ``mode`` (the DESNZ
    average-laden lorry or freight-train factor per t.km), or None where the table has
    no factor."""
    per_tkm = table.transport_per_tkm(mode)
    if per_tkm is None:
        return None
    return distance_km * tonnes * per_tkm / 1000.0


def transport_cost_eur(
    table: FactorTable,
    distance_km: float,
    tonnes: float,
    mode: str = "hgv",
    *,
    eur_per_tkm: float | None = None,
) -> float | None:
    """EUR of moving ``tonnes`` over ``distance_km``: ``eur_per_tkm`` where the caller
    gives one (a regional freight rate), else the table's transport price, else None."""
    rate = eur_per_tkm
    if rate is None:
        price = table.price(mode, kind=PriceKind.TRANSPORT, per=TKM)
        rate = None if price is None else price.eur
    if rate is None:
        return None
    return distance_km * tonnes * rate


# -- the estimate ----------------------------------------------------------------------


def _amount(quantity: Quantity, per: str) -> float | None:
    """``quantity`` in ``per`` (t, MWh, m3), keeping rate or stock; None across dimensions."""
    unit = quantity.unit
    if PER_UNITS.get(per) is not unit.dimension:
        return None
    target = Unit(per, unit.dimension, _PER_FACTOR[per], unit.per_year)
    try:
        return quantity.to(target).value
    except IncompatibleUnitsError:  # pragma: no cover - same dimension and rate flag
        return None


_PER_FACTOR = {"t": 1000.0, "MWh": 1000.0, "m3": 1.0}


def _unit_label(per: str, per_year: bool) -> str:
    return f"{per}/a" if per_year else per


def estimate_impact(
    table: FactorTable,
    *,
    material_key: str | None,
    avoided_route: str | None,
    substitutes: str | None,
    ratio: float | None,
    quantity: Quantity | None,
    distance_km: float | None,
    mode: str = "hgv",
    eur_per_tkm: float | None = None,
) -> Impact:
    """Estimate CO2e (t) and EUR saved by one exchange; see the module text.

    ``material_key`` is the offer's impact key (the concept's ``family``),
    ``avoided_route``/``substitutes``/``ratio`` come from the pathway, ``quantity`` is
    the exchanged amount (the offer's, or the smaller of offer and need), ``distance_km``
    the road distance between the sites. ``eur_per_tkm`` overrides the table's freight
    rate (the table ships none where no credible published rate exists).

    ``ratio`` is per t, MWh or m3 offered; the displaced good is counted in the unit of
    its factor in the offer's dimension (t for t), else of its first factor (waste wood in
    t substituting ``heat``: MWh per t). Every term is proportional to the quantity, so
    ``co2e / quantity`` is a value per unit that allocation can use.
    """
    notes: list[Note] = []
    parts: list[Part] = []
    if quantity is None:
        return Impact(
            None, None, (), (Note("quantity missing: no estimate"),), version=table.version
        )
    per_year = quantity.unit.per_year
    one_off = not per_year
    if one_off:
        notes.append(Note("one-off amount: the figures are one-off, not per year"))
    dim = quantity.unit.dimension
    offer_per = next((p for p, d in PER_UNITS.items() if d is dim), None)
    if offer_per is None:
        notes.append(
            Note(
                "quantity in {unit} cannot be converted to t, MWh or m3", unit=quantity.unit.symbol
            )
        )
        return Impact(None, None, (), tuple(notes), one_off, table.version)
    amount = _amount(quantity, offer_per)
    assert amount is not None
    label = _unit_label(offer_per, per_year)

    co2e_kg: float | None = 0.0
    eur: float | None = 0.0

    # 1. avoided disposal route
    route = avoided_route if avoided_route not in (None, "") else "none"
    if route != "none":
        if material_key is None:
            notes.append(Note("no material key for the offer: the avoided route cannot be valued"))
            co2e_kg = eur = None
        else:
            factor = table.disposal(material_key, route, offer_per)
            if factor is None:
                notes.append(
                    Note(
                        "no {route} factor for {key} per {per}",
                        route=route,
                        key=material_key,
                        per=offer_per,
                    )
                )
                co2e_kg = None
            else:
                value = amount * factor.kg_co2e
                parts.append(
                    Part("avoided_route", factor.id, amount, label, factor.kg_co2e,
                         f"kg CO2e/{offer_per}", value / 1000.0, "t CO2e")
                )  # fmt: skip
                if co2e_kg is not None:
                    co2e_kg += value
            fee = table.price(material_key, kind=PriceKind.DISPOSAL_FEE, route=route, per=offer_per)
            if fee is None:
                notes.append(
                    Note(
                        "no {route} fee for {key} per {per}",
                        route=route,
                        key=material_key,
                        per=offer_per,
                    )
                )
                eur = None
            else:
                parts.append(
                    Part("avoided_fee", fee.id, amount, label, fee.eur, f"EUR/{offer_per}",
                         amount * fee.eur, "EUR")
                )  # fmt: skip
                if eur is not None:
                    eur += amount * fee.eur
    else:
        notes.append(Note("no avoided disposal route"))

    # 2. avoided primary production
    if substitutes not in (None, ""):
        assert substitutes is not None
        if ratio is None:
            notes.append(Note("no ratio for substituting {key}", key=substitutes))
            co2e_kg = eur = None
        else:
            candidates = table.primary_all(substitutes)
            factor = table.primary(substitutes, offer_per) or (
                candidates[0] if candidates else None
            )
            if factor is None:
                notes.append(Note("no primary-production factor for {key}", key=substitutes))
                co2e_kg = None
                sub_per = offer_per
            else:
                sub_per = factor.per
            displaced = amount * ratio
            sub_label = _unit_label(sub_per, per_year)
            if factor is not None:
                value = displaced * factor.kg_co2e
                parts.append(
                    Part("avoided_primary", factor.id, displaced, sub_label, factor.kg_co2e,
                         f"kg CO2e/{sub_per}", value / 1000.0, "t CO2e")
                )  # fmt: skip
                if co2e_kg is not None:
                    co2e_kg += value
            price = table.price(substitutes, kind=PriceKind.PRIMARY_PRICE, per=sub_per)
            if price is None:
                notes.append(Note("no price for {key} per {per}", key=substitutes, per=sub_per))
                eur = None
            else:
                parts.append(
                    Part("avoided_purchase", price.id, displaced, sub_label, price.eur,
                         f"EUR/{sub_per}", displaced * price.eur, "EUR")
                )  # fmt: skip
                if eur is not None:
                    eur += displaced * price.eur
    else:
        notes.append(Note("no primary good substituted"))

    # 3. transport
    piped = dim is Dimension.ENERGY or (material_key in PIPED_KEYS)
    if piped:
        notes.append(Note("moved by pipe or grid: no truck transport counted"))
    elif distance_km is None:
        notes.append(Note("distance missing: transport cannot be estimated"))
        co2e_kg = eur = None
    elif dim is not Dimension.MASS:
        notes.append(
            Note(
                "transport needs tonnes; {unit} cannot be converted without a density",
                unit=quantity.unit.symbol,
            )
        )
        co2e_kg = eur = None
    else:
        factor = table.transport(mode)
        tkm = distance_km * amount
        tkm_label = "t.km/a" if per_year else "t.km"
        if factor is None:
            notes.append(Note("no transport factor for {mode}", mode=mode))
            co2e_kg = None
        else:
            value = tkm * factor.kg_co2e
            parts.append(
                Part("transport", factor.id, tkm, tkm_label, factor.kg_co2e, "kg CO2e/t.km",
                     -value / 1000.0, "t CO2e")
            )  # fmt: skip
            if co2e_kg is not None:
                co2e_kg -= value
        freight = table.price(mode, kind=PriceKind.TRANSPORT, per=TKM)
        rate = (
            eur_per_tkm if eur_per_tkm is not None else (None if freight is None else freight.eur)
        )
        if rate is None:
            notes.append(Note("no freight rate for {mode}: EUR needs one", mode=mode))
            eur = None
        else:
            cost = tkm * rate
            price_id = "caller" if eur_per_tkm is not None or freight is None else freight.id
            parts.append(
                Part("transport_cost", price_id, tkm, tkm_label, rate, "EUR/t.km", -cost, "EUR")
            )
            if eur is not None:
                eur -= cost

    co2e_t = None if co2e_kg is None else co2e_kg / 1000.0
    if co2e_t is not None and not math.isfinite(co2e_t):  # pragma: no cover - defensive
        co2e_t = None
    return Impact(co2e_t, eur, tuple(parts), tuple(notes), one_off, table.version)


__all__ = [
    "MATERIAL_KEYS",
    "PER_UNITS",
    "PIPED_KEYS",
    "ROUTES",
    "STANDARD_UNIT",
    "TRANSPORT_MODES",
    "Factor",
    "FactorKind",
    "FactorTable",
    "Impact",
    "Note",
    "Part",
    "Price",
    "PriceKind",
    "estimate_impact",
    "transport_co2e_t",
    "transport_cost_eur",
]
