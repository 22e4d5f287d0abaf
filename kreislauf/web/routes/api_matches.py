"""API: matches of a region or of one offer or need, and introductions by double
opt-in (a firm asks, the other accepts, only then names and contacts are shown)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from kreislauf.core.permissions import Principal, Role, can_request_contact
from kreislauf.core.region import Region
from kreislauf.errors import InputError
from kreislauf.storage.accounts import ContactRequest
from kreislauf.web.access import (
    actor_for,
    cached_answer,
    introduced_for,
    region_for,
    region_state,
    repo_of,
    stream_for,
)
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.context import language
from kreislauf.web.response_cache import serial_of, validated_json
from kreislauf.web.schemas import (
    ERRORS,
    ContactDecision,
    ContactRequestCreate,
    ContactRequestPublic,
    MatchPublic,
)
from kreislauf.web.views import counterpart_hidden, stream_public

if TYPE_CHECKING:
    from kreislauf.core.matching import Match
    from kreislauf.core.streams import Stream
from kreislauf.web.security import AccessDeniedError, accounts_of

router = APIRouter(tags=["matches and introductions"], responses=ERRORS)


def request_public(r: ContactRequest, region: Region, own_actor: str) -> ContactRequestPublic:
    """A contact request as the firm ``own_actor`` sees it: the other firm's id is null
    while it must stay hidden (a confidential stream, not yet accepted)."""
    hidden = counterpart_hidden(region, r, own_actor)
    return ContactRequestPublic(
        id=r.id,
        region=r.region_id,
        from_actor=None if hidden and r.from_actor != own_actor else r.from_actor,
        to_actor=None if hidden and r.to_actor != own_actor else r.to_actor,
        offer=r.offer_id,
        need=r.need_id,
        message=r.message,
        status=r.status.value,
        created_at=r.created_at,
        decided_at=r.decided_at,
    )


def own_firm(who: Principal, region_id: str) -> str:
    if not can_request_contact(who, region_id) or who.actor_id is None:
        raise AccessDeniedError("only members of a firm may ask for an introduction")
    return who.actor_id


@router.get("/regions/{region_id}/contact-requests", response_model=list[ContactRequestPublic])
def list_contact_requests(
    request: Request, region_id: str, who: ApiWho
) -> list[ContactRequestPublic]:
    """Introductions the caller's firm asked for or was asked for."""
    region = region_for(request, who, region_id)
    firm = own_firm(who, region_id)
    return [
        request_public(r, region, firm)
        for r in accounts_of(request).contact_requests(region_id, firm)
    ]


@router.post(
    "/regions/{region_id}/contact-requests",
    response_model=ContactRequestPublic,
    status_code=201,
)
def ask_for_contact(
    request: Request, region_id: str, body: ContactRequestCreate, who: ApiWho
) -> ContactRequestPublic:
    """The caller's firm asks to be introduced to another firm: name it (``to_actor``) or,
    on a match, give the offer and need -- the firm behind a confidential stream is
    reached through the stream without its name being shown."""
    region = region_for(request, who, region_id)
    firm = own_firm(who, region_id)
    mentioned = [stream_for(region, who, s) for s in (body.offer, body.need) if s]
    others = {s.actor for s in mentioned} - {firm}
    if body.to_actor is not None:
        actor_for(region, body.to_actor)
        if others and others != {body.to_actor}:
            raise InputError("the offer or need belongs to another firm than to_actor")
        target = body.to_actor
    elif len(others) == 1:
        target = others.pop()
    else:
        raise InputError("name the firm (to_actor) or an offer or need of another firm")
    made = accounts_of(request).request_contact(
        region_id,
        firm,
        target,
        offer_id=body.offer,
        need_id=body.need,
        message=body.message,
        requested_by=who.user_id,
    )
    return request_public(made, region, firm)


@router.post(
    "/regions/{region_id}/contact-requests/{request_id}",
    response_model=ContactRequestPublic,
)
def answer_contact(
    request: Request, region_id: str, request_id: int, body: ContactDecision, who: ApiWho
) -> ContactRequestPublic:
    """The asked firm accepts or declines."""
    region = region_for(request, who, region_id)
    firm = own_firm(who, region_id)
    decided = accounts_of(request).decide_contact(request_id, firm, accept=body.accept)
    return request_public(decided, region, firm)


def _scrub(texts: tuple[str, ...], hidden: list[str]) -> list[str]:
    """Reasons with the names of firms the caller may not know taken out."""
    out = []
    for text in texts:
        for name in hidden:
            if name and name in text:
                text = text.replace(name, "…")
        out.append(text)
    return out


def matches_public(
    request: Request,
    who: Principal,
    region_id: str,
    found: list[Match],
) -> list[dict[str, Any]]:
    """Matches as ``who`` may see them: members only those of their own firm; offers
    and needs anonymised where their firm must stay hidden."""
    region = region_for(request, who, region_id)
    introduced = introduced_for(request, who, region_id)
    lang = language(request)
    streams = region.streams_by_id
    result = []
    for match in found:
        offer, need = streams.get(match.offer), streams.get(match.need)
        if offer is None or need is None:
            continue
        if who.role is Role.MEMBER and not (
            who.owns(region_id, offer.actor) or who.owns(region_id, need.actor)
        ):
            continue
        offer_view = stream_public(who, region, offer, introduced, lang)
        need_view = stream_public(who, region, need, introduced, lang)
        hidden = [
            region.actors_by_id[s.actor].name
            for s, v in ((offer, offer_view), (need, need_view))
            if not v["owner_visible"]
        ]
        result.append(
            {
                "offer": offer_view,
                "need": need_view,
                "rank": match.rank,
                "score": match.score,
                "distance_km": match.distance_km,
                "reasons": _scrub(match.reasons(lang), hidden),
                "co2e_t_per_year": match.co2e_t_per_year,
                "eur_per_year": match.eur_per_year,
                "via": list(match.via),
                "pathway": match.pathway,
            }
        )
    return result


#: One-stream matching is pure Python work holding the interpreter lock: more than two
#: at once in one worker gain nothing and starve the event loop that answers every other
#: request, so further ones wait their turn here.
_MATCHING = asyncio.Semaphore(2)


@router.get("/regions/{region_id}/matches", response_model=list[MatchPublic])
async def region_matches(
    request: Request,
    region_id: str,
    who: ApiWho,
    top: Annotated[int, Query(ge=1, le=50)] = 5,
    stream: str | None = None,
) -> Any:
    """Ranked matches with reasons and impact: for the whole region, or for one offer or
    need (``stream``). Members see the matches of their own firm."""
    stamp, region = region_state(request, who, region_id)
    introduced = introduced_for(request, who, region_id)
    chosen = None if stream is None else stream_for(region, who, stream)
    async with _MATCHING:
        return await run_in_threadpool(
            _matches_answer, request, who, region_id, stamp, chosen, introduced, top
        )


def _matches_answer(
    request: Request,
    who: Principal,
    region_id: str,
    stamp: Any,
    chosen: Stream | None,
    introduced: frozenset[str],
    top: int,
) -> Any:
    from kreislauf.matching_service import match_one_stream, match_stored, stored_matcher

    repo = repo_of(request)
    if chosen is None:
        return matches_public(request, who, region_id, match_stored(repo, region_id, top_k=top))
    # one stream's matches follow from the region's state, the matcher in use (built
    # again when the region is matched) and the viewer: kept under all of them
    matcher = stored_matcher(repo, region_id)
    lang = language(request)

    def build() -> bytes:
        found = match_one_stream(repo, region_id, chosen, top_k=top)
        return validated_json(list[MatchPublic], matches_public(request, who, region_id, found))

    key = ("matches", region_id, stamp, serial_of(matcher), chosen.id, top, who, introduced, lang)
    return cached_answer(request, key, build)
