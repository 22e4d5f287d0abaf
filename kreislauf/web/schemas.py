"""The JSON API's shapes: ``*Create`` and ``*Update`` come in, ``*Public`` go out."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"


class UserPublic(BaseModel):
    id: int
    email: str
    role: str
    regions: list[str]
    actor_region: str | None
    actor_id: str | None


class RegionSummary(BaseModel):
    id: str
    name: str
    actors: int
    offers: int
    needs: int


class RegionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="Short id: lower-case letters, digits, - and _.")
    name: str
    country: str = "DE"
    nuts: str | None = None
    ags: str | None = None


class RegionPublic(RegionSummary):
    country: str
    nuts: str | None
    ags: str | None
    confidential_streams: int
    can_edit: bool


class ActorFields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str | None = Field(None, description="company, research, public, association, other")
    nace: str | None = Field(None, description="NACE Rev. 2 / WZ 2008 code")
    employees: int | None = None
    lat: float | None = None
    lon: float | None = None
    municipality: str | None = Field(
        None, description="Coordinates come from the municipality table where none are given."
    )
    licences: list[str] | None = None
    description: str | None = None
    contact_person: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None


class ActorCreate(ActorFields):
    id: str | None = Field(None, description="Made from the name where left out.")
    name: str


class ActorUpdate(ActorFields):
    """Fields to change; fields left out keep their value, null clears one."""

    name: str | None = None


class ActorPublic(BaseModel):
    id: str
    region: str
    name: str
    kind: str
    nace: str | None
    sector: str | None
    employees: int | None
    lat: float | None
    lon: float | None
    municipality: str | None
    licences: list[str]
    description: str | None
    extra: dict[str, Any]
    contact: dict[str, Any] = Field(
        description="Contact data: only for the firm itself, facilitators, and firms "
        "introduced by double opt-in."
    )
    editable: bool


class StreamFields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str | None = Field(None, description="material, energy, water, equipment, ...")
    description: str | None = None
    ewc: str | None = Field(None, description='Waste code, "02 07 02" or "13 02 05*"')
    hazardous: bool | None = None
    quantity: float | None = None
    unit: str | None = Field(None, description="t/a, t, kg/a, m3/a, m3, MWh/a, ...")
    temperature_c: float | None = None
    availability: str | None = Field(None, description="continuous, seasonal, one-off")
    confidential: bool | None = None


class StreamCreate(StreamFields):
    id: str | None = None
    actor: str
    direction: Literal["offer", "need"]
    title: str


class StreamUpdate(StreamFields):
    """Fields to change; fields left out keep their value, null clears one."""

    title: str | None = None
    direction: Literal["offer", "need"] | None = None


class StreamPublic(BaseModel):
    id: str
    region: str
    direction: str
    type: str
    title: str
    description: str | None
    ewc: str | None
    ewc_title: str | None
    hazardous: bool
    quantity: float | None
    unit: str | None
    temperature_c: float | None
    availability: str | None
    confidential: bool
    owner_visible: bool = Field(
        description="False where the stream is confidential and the asker may not know "
        "its firm: actor, actor_name, description, lat and lon are then null."
    )
    actor: str | None
    actor_name: str | None
    sector: str | None
    sector_title: str | None
    municipality: str | None
    lat: float | None
    lon: float | None
    editable: bool


class MatchPublic(BaseModel):
    offer: StreamPublic
    need: StreamPublic
    rank: int
    score: float
    distance_km: float | None
    reasons: list[str] = Field(description="Why, in the caller's language.")
    co2e_t_per_year: float | None
    eur_per_year: float | None
    via: list[str]
    pathway: str | None


class LeadCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    offer: str
    need: str
    status: str = "suggested"
    reason: str | None = None
    via: list[str] = []


class LeadUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: str
    reason: str | None = None
    actual_quantity: float | None = None
    unit: str | None = None


class LeadPublic(BaseModel):
    id: int
    region: str
    offer: str
    need: str
    status: str
    reason: str | None
    actual_quantity: float | None
    unit: str | None
    via: list[str]
    created_at: datetime | None
    updated_at: datetime | None


class ContactRequestCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to_actor: str | None = Field(
        None, description="The firm to be introduced to (or give the offer and need of a match)."
    )
    offer: str | None = None
    need: str | None = None
    message: str | None = Field(None, max_length=2000)


class ContactDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    accept: bool


class ContactRequestPublic(BaseModel):
    id: int
    region: str
    from_actor: str | None = Field(description="Null while the other firm stays anonymous.")
    to_actor: str | None = Field(description="Null while the other firm stays anonymous.")
    offer: str | None
    need: str | None
    message: str | None
    status: str
    created_at: datetime
    decided_at: datetime | None


class ImportResult(BaseModel):
    region: str
    stored: bool = Field(description="False for a dry run (validation and preview only).")
    mode: str
    new_actors: int
    changed_actors: int
    new_streams: int
    changed_streams: int
    removed_actors: int
    removed_streams: int


class Problem(BaseModel):
    path: str
    message: str


class ErrorBody(BaseModel):
    detail: str
    problems: list[Problem] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad input"},
    401: {"model": ErrorBody, "description": "Not authenticated"},
    403: {"model": ErrorBody, "description": "Not allowed"},
    404: {"model": ErrorBody, "description": "Not found (or not visible to you)"},
    409: {"model": ErrorBody, "description": "Conflicts with what is stored"},
    422: {"model": ErrorBody, "description": "Invalid fields"},
}
