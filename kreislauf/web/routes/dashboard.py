"""The impact dashboard of a region: implemented exchanges -- tonnes kept in the loop,
CO2e and EUR, the number of exchanges -- in total and by month and year, with
server-rendered SVG bar charts (no script needed, fine in print).

Tonnes are the implemented leads' actual quantities in a mass unit (t, kg; per year or
one-off). CO2e and EUR are the matching's estimate for the pair (per year for the
offered quantity), scaled to the actual quantity where both are in the same dimension;
an exchange without an estimate counts in the tonnes and the number but not in CO2e or
EUR, and the page says how many those are. Aggregates are shown to everyone who may see
the region; the list of exchanges with firm names only to its facilitators.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from kreislauf.core.leads import Lead, LeadStatus
from kreislauf.core.permissions import Principal, can_manage_leads
from kreislauf.core.region import Region
from kreislauf.core.units import Dimension, Quantity
from kreislauf.errors import KreislaufError
from kreislauf.web.access import region_for, repo_of
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.context import render
from kreislauf.web.security import require_principal

router = APIRouter(tags=["pages"], include_in_schema=False)
api_router = APIRouter(tags=["impact"])
Who = Annotated[Principal, Depends(require_principal)]

Estimate = Callable[[Lead], tuple[float | None, float | None]]


@dataclass(frozen=True, slots=True)
class Exchange:
    lead: Lead
    tonnes: float | None
    co2e_t: float | None
    eur: float | None
    month: str  # YYYY-MM

    @property
    def year(self) -> str:
        return self.month[:4]


def tonnes_of(quantity: float | None, unit: str | None) -> float | None:
    """``quantity`` in tonnes where ``unit`` is a mass (per year or one-off), else None."""
    if quantity is None or unit is None:
        return None
    try:
        amount = Quantity.of(quantity, unit)
    except KreislaufError:
        return None
    if amount.unit.dimension is not Dimension.MASS:
        return None
    return amount.in_base() / 1000.0


def scale_of(region: Region, lead: Lead) -> float | None:
    """Actual quantity / offered quantity (same dimension), None where not comparable."""
    offer = region.streams_by_id.get(lead.offer_id)
    if offer is None or offer.quantity in (None, 0) or offer.unit is None:
        return None
    if lead.actual_quantity is None or lead.unit is None:
        return None
    try:
        actual = Quantity.of(lead.actual_quantity, lead.unit)
        offered = Quantity.of(offer.quantity, offer.unit)  # type: ignore[arg-type]
    except KreislaufError:
        return None
    if actual.unit.dimension is not offered.unit.dimension or offered.in_base() == 0:
        return None
    return actual.in_base() / offered.in_base()


def exchanges(region: Region, leads: list[Lead], estimate: Estimate) -> list[Exchange]:
    """The implemented leads as exchanges with their figures."""
    out = []
    for lead in leads:
        if lead.status is not LeadStatus.IMPLEMENTED:
            continue
        co2e, eur = estimate(lead)
        scale = scale_of(region, lead)
        when = lead.updated_at or lead.created_at or datetime.now()
        out.append(
            Exchange(
                lead=lead,
                tonnes=tonnes_of(lead.actual_quantity, lead.unit),
                co2e_t=None if co2e is None or scale is None else co2e * scale,
                eur=None if eur is None or scale is None else eur * scale,
                month=when.strftime("%Y-%m"),
            )
        )
    return out


def _sum(values: list[float | None]) -> float:
    return round(sum(v for v in values if v is not None), 3)


def totals(items: list[Exchange]) -> dict[str, Any]:
    return {
        "exchanges": len(items),
        "tonnes": _sum([e.tonnes for e in items]),
        "co2e_t": _sum([e.co2e_t for e in items]),
        "eur": _sum([e.eur for e in items]),
        "without_estimate": sum(1 for e in items if e.co2e_t is None),
    }


def by_period(items: list[Exchange], key: Callable[[Exchange], str]) -> list[dict[str, Any]]:
    periods: dict[str, list[Exchange]] = {}
    for item in items:
        periods.setdefault(key(item), []).append(item)
    return [{"period": p, **totals(periods[p])} for p in sorted(periods)]


_ESTIMATES: dict[tuple[str, int, str], tuple[float | None, float | None]] = {}
_ESTIMATES_LOCK = threading.Lock()


def match_estimate(request: Request, region_id: str) -> Estimate:
    """The matching's CO2e and EUR estimate of a lead's pair (kept per lead and change)."""
    repo = repo_of(request)

    def estimate(lead: Lead) -> tuple[float | None, float | None]:
        from kreislauf.matching_service import match_one_stream

        key = (region_id, lead.id or 0, str(lead.updated_at))
        with _ESTIMATES_LOCK:
            if key in _ESTIMATES:
                return _ESTIMATES[key]
        try:
            found = match_one_stream(repo, region_id, lead.offer_id, top_k=50)
        except KreislaufError:
            found = []
        pair = next((m for m in found if m.need == lead.need_id), None)
        value = (None, None) if pair is None else (pair.co2e_t_per_year, pair.eur_per_year)
        with _ESTIMATES_LOCK:
            _ESTIMATES[key] = value
        return value

    return estimate


def impact(request: Request, region: Region) -> dict[str, Any]:
    leads = repo_of(request).list_leads(region.id, LeadStatus.IMPLEMENTED)
    items = exchanges(region, leads, match_estimate(request, region.id))
    return {
        "region": region.id,
        "totals": totals(items),
        "by_month": by_period(items, lambda e: e.month),
        "by_year": by_period(items, lambda e: e.year),
        "items": items,
    }


def bar_chart(
    rows: list[dict[str, Any]], field: str, title: str, fmt: Callable[[float], str]
) -> str:
    """A small SVG bar chart (escaped text; no script)."""
    from html import escape

    width, height, left, bottom, top = 640, 220, 60, 40, 24
    if not rows:
        return ""
    peak = max((float(r[field]) for r in rows), default=0.0) or 1.0
    step = (width - left - 10) / len(rows)
    bar = min(60.0, max(4.0, step * 0.7))
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<text x="{left}" y="14">{escape(title)}</text>',
        f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}"/>',
    ]
    for i, row in enumerate(rows):
        value = float(row[field])
        h = (height - bottom - top) * value / peak
        x = left + i * step + (step - bar) / 2
        y = height - bottom - h
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}">'
            f"<title>{escape(row['period'])}: {escape(fmt(value))}</title></rect>"
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{escape(fmt(value))}</text>'
        )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">{escape(row["period"])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@router.get("/regions/{region_id}/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, region_id: str, who: Who) -> Response:
    from markupsafe import Markup

    from kreislauf.web.context import format_number, language, tr

    region = region_for(request, who, region_id)
    data = impact(request, region)
    lang = language(request)
    rows = data["by_month"]

    def fmt(value: float) -> str:
        return format_number(value, lang, 1 if value < 100 else 0)

    charts = [
        Markup(bar_chart(rows, "tonnes", tr(request, "Tonnes kept in the loop per month"), fmt)),
        Markup(bar_chart(rows, "co2e_t", tr(request, "t CO2e saved per month"), fmt)),
    ]
    managers = can_manage_leads(who, region_id)
    from kreislauf.web.routes.leads import describe

    return render(
        request,
        "dashboard.html",
        {
            "region": region,
            "totals": data["totals"],
            "by_month": rows,
            "by_year": data["by_year"],
            "charts": [c for c in charts if c],
            "exchanges": [(e, describe(region, e.lead)) for e in data["items"]] if managers else [],
            "can_lead": managers,
        },
    )


@api_router.get("/regions/{region_id}/impact")
def impact_api(request: Request, region_id: str, who: ApiWho) -> dict[str, Any]:
    """Implemented exchanges: totals (exchanges, tonnes, t CO2e, EUR) and by month and
    year."""
    region = region_for(request, who, region_id)
    data = impact(request, region)
    data.pop("items")
    return data


__all__ = ["api_router", "bar_chart", "exchanges", "router", "tonnes_of", "totals"]
