"""Pickers: sector, waste-code and municipality suggestions as ``<option>`` lists for
HTMX (``/lookup/...``); the JSON API has the same under ``/api/v1/lookup``."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kreislauf.web import municipalities
from kreislauf.web.context import language, render
from kreislauf.web.security import require_user

router = APIRouter(tags=["pages"], include_in_schema=False)

LIMIT = 12


def sector_options(text: str, lang: str) -> list[dict[str, Any]]:
    from kreislauf.catalogues import sector_catalogue

    if len(text.strip()) < 2:
        return []
    language: Literal["de", "en"] = "en" if lang == "en" else "de"
    return [
        {"code": hit.sector.code, "title": hit.sector.title(language), "score": hit.score}
        for hit in sector_catalogue().search(text.strip(), None, limit=LIMIT)
    ]


def waste_options(text: str, lang: str) -> list[dict[str, Any]]:
    from kreislauf.catalogues import waste_catalogue

    if len(text.strip()) < 2:
        return []
    language: Literal["de", "en"] = "en" if lang == "en" else "de"
    return [
        {
            "code": hit.code.notation,
            "title": hit.code.title(language),
            "hazardous": hit.code.hazardous,
            "score": hit.score,
        }
        for hit in waste_catalogue().search(text.strip(), None, limit=LIMIT)
    ]


def municipality_options(text: str) -> list[dict[str, Any]]:
    return [
        {"name": m.name, "district": m.district, "lat": m.lat, "lon": m.lon}
        for m in municipalities.search(text, LIMIT)
    ]


def _query(request: Request, *names: str) -> str:
    for name in ("q", *names):
        value = request.query_params.get(name)
        if value:
            return value[:200]
    return ""


@router.get("/lookup/sectors", response_class=HTMLResponse)
def sectors(request: Request) -> Response:
    require_user(request)
    options = [
        {"value": o["code"], "label": f"{o['code']} {o['title']}"}
        for o in sector_options(_query(request, "nace"), language(request))
    ]
    return render(request, "_options.html", {"options": options})


@router.get("/lookup/waste-codes", response_class=HTMLResponse)
def waste_codes(request: Request) -> Response:
    require_user(request)
    options = [
        {"value": o["code"], "label": f"{o['code']} {o['title']}"}
        for o in waste_options(_query(request, "ewc", "licences"), language(request))
    ]
    return render(request, "_options.html", {"options": options})


@router.get("/lookup/municipalities", response_class=HTMLResponse)
def municipality_lookup(request: Request) -> Response:
    require_user(request)
    options = [
        {"value": o["name"], "label": f"{o['name']} ({o['district']})"}
        for o in municipality_options(_query(request, "municipality"))
    ]
    return render(request, "_options.html", {"options": options})
