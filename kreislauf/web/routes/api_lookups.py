"""API: suggestions for the pickers (sectors, waste codes, municipalities)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from kreislauf.web.api_deps import ApiWho
from kreislauf.web.context import language
from kreislauf.web.routes.lookups import municipality_options, sector_options, waste_options
from kreislauf.web.schemas import ERRORS

router = APIRouter(tags=["lookups"], responses=ERRORS)


@router.get("/lookup/sectors")
def sectors(request: Request, q: str, who: ApiWho) -> list[dict[str, Any]]:
    """NACE/WZ sectors whose German or English title or common name is nearest to ``q``."""
    del who
    return sector_options(q[:200], language(request))


@router.get("/lookup/waste-codes")
def waste_codes(request: Request, q: str, who: ApiWho) -> list[dict[str, Any]]:
    """Waste codes (EWC/AVV) whose title is nearest to ``q``, or under a code prefix."""
    del who
    return waste_options(q[:200], language(request))


@router.get("/lookup/municipalities")
def municipality_lookup(q: str, who: ApiWho) -> list[dict[str, Any]]:
    """Municipalities of the table, with the coordinates of their centres."""
    del who
    return municipality_options(q[:200])
