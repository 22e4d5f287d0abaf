"""The region's map: actors as clustered markers, district boundaries, matches and
implemented exchanges as flow lines; filters by sector, stream type and material.

The page is a shell; its data comes from two JSON endpoints, so thousands of actors load
in one compact answer:

- ``GET /api/v1/regions/{id}/map-data?sector=&direction=&type=&material=``: actors as
  rows ``[id, name, lat, lon, section, nace, offers, needs]`` and flows as rows
  ``[lat1, lon1, lat2, lon2, kind, label]`` (``kind`` ``match`` or ``exchange``);
- ``GET /api/v1/regions/{id}/boundaries``: a GeoJSON FeatureCollection.

Confidentiality: a stream whose owner the caller may not see is neither counted at its
firm nor used to filter firms (that would tie it to the firm), and no flow is drawn to
or from it. Implemented exchanges are drawn for the region's facilitators only.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from kreislauf.core.leads import LeadStatus
from kreislauf.core.permissions import Principal, can_manage_leads, can_see_owner
from kreislauf.core.region import Region
from kreislauf.core.streams import StreamType
from kreislauf.storage.boundaries import BoundaryStore
from kreislauf.web.access import introduced_for, region_for, region_state, repo_of
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.context import language, render, translate
from kreislauf.web.response_cache import ResponseCache, to_json
from kreislauf.web.security import require_principal
from kreislauf.web.views import sector_title

router = APIRouter(tags=["pages"], include_in_schema=False)
api_router = APIRouter(tags=["map"])

Who = Annotated[Principal, Depends(require_principal)]


@lru_cache(maxsize=4096)
def section_of(nace: str | None) -> str | None:
    """The NACE section letter of a code ("16.10" -> "C"); None where unknown."""
    if not nace:
        return None
    from kreislauf.catalogues import sector_catalogue

    catalogue = sector_catalogue()
    found = catalogue.get(nace)
    if found is None:
        return None
    if found.parent is None:
        return found.code
    chain = catalogue.ancestors(found.code)
    return chain[0].code if chain else None


def _sector_matches(nace: str | None, wanted: str) -> bool:
    """``wanted`` is a section letter ("C") or a code prefix ("16", "16.1")."""
    if wanted.isalpha():
        return section_of(nace) == wanted.upper()
    return bool(nace) and (nace == wanted or str(nace).startswith(wanted.rstrip(".") + "."))


def _text_of(stream: Any) -> str:
    return " ".join(
        part for part in (stream.title, stream.description or "", stream.ewc or "") if part
    ).casefold()


def map_data(
    region: Region,
    who: Principal,
    introduced: frozenset[str],
    *,
    sector: str | None = None,
    direction: str | None = None,
    stream_type: str | None = None,
    material: str | None = None,
    flows: list[list[Any]] | None = None,
) -> dict[str, Any]:
    """The compact map document (see the module text)."""
    needle = (material or "").strip().casefold()
    stream_filter = bool(direction or stream_type or needle)
    visible: dict[str, list[Any]] = {}
    for stream in region.streams:
        if not can_see_owner(who, region.id, stream, introduced):
            continue
        visible.setdefault(stream.actor, []).append(stream)
    rows: list[list[Any]] = []
    without_location = 0
    for actor in region.actors:
        if sector and not _sector_matches(actor.nace, sector):
            continue
        streams = visible.get(actor.id, [])
        if stream_filter:
            streams = [
                s
                for s in streams
                if (not direction or s.direction.value == direction)
                and (not stream_type or s.type.value == stream_type)
                and (not needle or needle in _text_of(s))
            ]
            if not streams:
                continue
        if actor.lat is None or actor.lon is None:
            without_location += 1
            continue
        offers = sum(1 for s in streams if s.is_offer)
        rows.append(
            [
                actor.id,
                actor.name,
                round(actor.lat, 5),
                round(actor.lon, 5),
                section_of(actor.nace),
                actor.nace,
                offers,
                len(streams) - offers,
            ]
        )
    return {
        "region": region.id,
        "columns": ["id", "name", "lat", "lon", "section", "nace", "offers", "needs"],
        "actors": rows,
        "without_location": without_location,
        "flows": flows or [],
    }


def _flow(region: Region, offer_id: str, need_id: str, kind: str, label: str) -> list[Any] | None:
    offer, need = region.streams_by_id.get(offer_id), region.streams_by_id.get(need_id)
    if offer is None or need is None:
        return None
    a, b = region.actors_by_id.get(offer.actor), region.actors_by_id.get(need.actor)
    if a is None or b is None or None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return [round(a.lat, 5), round(a.lon, 5), round(b.lat, 5), round(b.lon, 5), kind, label]  # type: ignore[arg-type]


def flows_for(
    request: Request, region: Region, who: Principal, introduced: frozenset[str]
) -> list[list[Any]]:
    """Lines: the best match of every offer from the region's latest matching run, and
    (for facilitators) implemented exchanges. Only pairs whose two firms the caller may
    see."""
    from kreislauf.storage.job_store import JobStatus
    from kreislauf.web.jobs import latest_job, matches_of, runner_of

    out: list[list[Any]] = []
    runner = runner_of(request.app)
    job = latest_job(runner, region.id, "match", JobStatus.DONE)
    if job is not None:
        for match in matches_of(runner, job):
            if match.rank != 1:
                continue
            offer = region.streams_by_id.get(match.offer)
            need = region.streams_by_id.get(match.need)
            if offer is None or need is None:
                continue
            if (
                who.actor_id is not None
                and who.actor_region == region.id
                and who.actor_id not in (offer.actor, need.actor)
            ):
                continue
            if not (
                can_see_owner(who, region.id, offer, introduced)
                and can_see_owner(who, region.id, need, introduced)
            ):
                continue
            line = _flow(region, match.offer, match.need, "match", offer.title)
            if line is not None:
                out.append(line)
    if can_manage_leads(who, region.id):
        for lead in repo_of(request).list_leads(region.id, LeadStatus.IMPLEMENTED):
            offer = region.streams_by_id.get(lead.offer_id)
            label = offer.title if offer is not None else lead.offer_id
            line = _flow(region, lead.offer_id, lead.need_id, "exchange", label)
            if line is not None:
                out.append(line)
    return out


@api_router.get("/regions/{region_id}/map-data")
async def map_data_api(
    request: Request,
    region_id: str,
    who: ApiWho,
    sector: Annotated[str | None, Query(max_length=10)] = None,
    direction: Annotated[str | None, Query(pattern="^(offer|need)?$")] = None,
    type: Annotated[str | None, Query(max_length=20)] = None,
    material: Annotated[str | None, Query(max_length=100)] = None,
    flows: bool = True,
) -> Response:
    """The region's actors for the map (compact rows), filtered by sector (NACE section
    letter or code prefix), stream direction, stream type and material (a word in the
    title, description or waste code), with flow lines of matches and exchanges."""
    stamp, region = region_state(request, who, region_id)
    introduced = introduced_for(request, who, region_id)
    chosen_type = type if type in {t.value for t in StreamType} else None
    chosen_sector = (sector or "").strip() or None

    def build() -> bytes:
        document = map_data(
            region,
            who,
            introduced,
            sector=chosen_sector,
            direction=direction or None,
            stream_type=chosen_type,
            material=material,
        )
        del document["flows"]
        return to_json(document)

    # the actors' rows follow from the region's state and the viewer (kept); the flow
    # lines from the latest matching run and the leads (built on every request)
    key = (
        "map-rows",
        region_id,
        stamp,
        who,
        introduced,
        chosen_sector,
        direction,
        chosen_type,
        material,
    )
    cache: ResponseCache = request.app.state.responses
    rows = cache.body(key, build)
    lines = flows_for(request, region, who, introduced) if flows else []
    return Response(rows[:-1] + b',"flows":' + to_json(lines) + b"}", media_type="application/json")


@api_router.get("/regions/{region_id}/boundaries")
def boundaries_api(request: Request, region_id: str, who: ApiWho) -> dict[str, Any]:
    """The region's boundaries (imported with ``kreislauf geo import``) as GeoJSON."""
    region = region_for(request, who, region_id)
    found = BoundaryStore(repo_of(request).engine).for_region(region.id, region.ags)
    return {"type": "FeatureCollection", "features": [b.as_feature() for b in found]}


def sections_in(region: Region, lang: str) -> list[tuple[str, str]]:
    codes = sorted({s for s in (section_of(a.nace) for a in region.actors) if s})
    return [(code, sector_title(code, lang) or code) for code in codes]


@router.get("/regions/{region_id}/map", response_class=HTMLResponse)
def map_page(request: Request, region_id: str, who: Who) -> Response:
    region = region_for(request, who, region_id)
    lang = language(request)
    t = translate(request)
    settings = request.app.state.settings
    return render(
        request,
        "map.html",
        {
            "region": region,
            "sections": sections_in(region, lang),
            "types": [(k.value, t(k.value)) for k in StreamType],
            "tile_url": getattr(settings, "map_tile_url", None) or "",
            "tile_attribution": getattr(settings, "map_tile_attribution", None) or "",
            "form": {
                "sector": request.query_params.get("sector", ""),
                "direction": request.query_params.get("direction", ""),
                "type": request.query_params.get("type", ""),
                "material": request.query_params.get("material", ""),
            },
        },
    )


__all__ = ["api_router", "flows_for", "map_data", "router", "section_of"]
