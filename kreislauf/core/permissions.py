"""Who may see and change what: the rules the web pages and the JSON API share.

Four roles:

* ``admin`` -- everything, in every region, including accounts.
* ``facilitator`` -- everything in the regions they belong to (actors, streams, imports,
  exports, matches, the leads pipeline), with names and contacts.
* ``member`` -- a person of one firm (one actor of one region): edits only that actor and
  its streams; sees the other firms' offers and needs, but a confidential stream only
  anonymised as sector and municipality; sees another firm's contact data (and the name
  behind a confidential stream) only after a double opt-in introduction.
* ``viewer`` -- reads the regions they belong to, like a member without a firm.

The functions are pure: the caller passes who asks (a :class:`Principal`) and what the
storage holds; "introduced" is the set of actor ids the asking member's firm has been
introduced to (both sides accepted).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kreislauf.core.actors import Actor
from kreislauf.core.streams import Direction, Stream, StreamType
from kreislauf.errors import InputError


class Role(StrEnum):
    ADMIN = "admin"
    FACILITATOR = "facilitator"
    MEMBER = "member"
    VIEWER = "viewer"


def parse_role(value: str | Role) -> Role:
    """The :class:`Role` a text names; :class:`InputError` otherwise."""
    if isinstance(value, Role):
        return value
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InputError(
            '"{value}" is not a role; use one of {choices}',
            value=value,
            choices=", ".join(r.value for r in Role),
        ) from None


#: Keys of ``Actor.extra`` that hold contact data: shown only to those who may contact.
CONTACT_FIELDS: tuple[str, ...] = ("contact_person", "email", "phone", "address")


@dataclass(frozen=True, slots=True)
class Principal:
    """Who asks: an account with its role, its regions and (for a member) its firm."""

    user_id: int
    role: Role
    regions: frozenset[str] = frozenset()
    actor_region: str | None = None
    actor_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def owns(self, region_id: str, actor_id: str) -> bool:
        """True where the principal is a member of this very firm."""
        return (
            self.role is Role.MEMBER
            and self.actor_region == region_id
            and self.actor_id == actor_id
        )


def can_view_region(who: Principal, region_id: str) -> bool:
    if who.is_admin:
        return True
    if who.role is Role.MEMBER and who.actor_region == region_id:
        return True
    return region_id in who.regions


def can_edit_region(who: Principal, region_id: str) -> bool:
    """Add any actor, import, export in full, run matching, delete: admins and the
    region's facilitators."""
    if who.is_admin:
        return True
    return who.role is Role.FACILITATOR and region_id in who.regions


def can_create_region(who: Principal) -> bool:
    return who.role in (Role.ADMIN, Role.FACILITATOR)


def can_manage_users(who: Principal) -> bool:
    return who.is_admin


def sees_identities(who: Principal, region_id: str) -> bool:
    """True where the principal sees every name and contact of the region."""
    return can_edit_region(who, region_id)


def can_edit_actor(who: Principal, region_id: str, actor_id: str) -> bool:
    return can_edit_region(who, region_id) or who.owns(region_id, actor_id)


def can_edit_stream(who: Principal, region_id: str, stream: Stream) -> bool:
    return can_edit_actor(who, region_id, stream.actor)


def can_manage_leads(who: Principal, region_id: str) -> bool:
    """Move leads through the pipeline: admins and the region's facilitators."""
    return can_edit_region(who, region_id)


def can_request_contact(who: Principal, region_id: str) -> bool:
    """Ask for an introduction on a match: members for their own firm."""
    return who.role is Role.MEMBER and who.actor_region == region_id and who.actor_id is not None


def can_see_owner(
    who: Principal, region_id: str, stream: Stream, introduced: Collection[str] = ()
) -> bool:
    """True where the principal may see which actor a stream belongs to."""
    if not can_view_region(who, region_id):
        return False
    if sees_identities(who, region_id) or who.owns(region_id, stream.actor):
        return True
    return not stream.confidential or stream.actor in introduced


def can_see_contact(
    who: Principal, region_id: str, actor_id: str, introduced: Collection[str] = ()
) -> bool:
    """True where the principal may see an actor's contact data."""
    if not can_view_region(who, region_id):
        return False
    if sees_identities(who, region_id) or who.owns(region_id, actor_id):
        return True
    return actor_id in introduced


@dataclass(frozen=True, slots=True)
class StreamView:
    """A stream as one principal may see it.

    Where ``owner_visible`` is false the actor's id, name, exact location and the
    stream's description are withheld; ``sector`` and ``municipality`` stand in for them.
    """

    id: str
    direction: Direction
    type: StreamType
    title: str
    ewc: str | None
    hazardous: bool
    quantity: float | None
    unit: str | None
    confidential: bool
    owner_visible: bool
    actor_id: str | None
    actor_name: str | None
    description: str | None
    sector: str | None
    municipality: str | None
    lat: float | None
    lon: float | None
    editable: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "direction": self.direction.value,
            "type": self.type.value,
            "title": self.title,
            "ewc": self.ewc,
            "hazardous": self.hazardous,
            "quantity": self.quantity,
            "unit": self.unit,
            "confidential": self.confidential,
            "owner_visible": self.owner_visible,
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "description": self.description,
            "sector": self.sector,
            "municipality": self.municipality,
            "lat": self.lat,
            "lon": self.lon,
            "editable": self.editable,
        }


def stream_view(
    who: Principal,
    region_id: str,
    stream: Stream,
    actor: Actor,
    introduced: Collection[str] = (),
) -> StreamView:
    """``stream`` of ``actor`` as ``who`` may see it (anonymised where it must be)."""
    visible = can_see_owner(who, region_id, stream, introduced)
    return StreamView(
        id=stream.id,
        direction=stream.direction,
        type=stream.type,
        title=stream.title,
        ewc=stream.ewc,
        hazardous=stream.hazardous,
        quantity=stream.quantity,
        unit=stream.unit,
        confidential=stream.confidential,
        owner_visible=visible,
        actor_id=actor.id if visible else None,
        actor_name=actor.name if visible else None,
        description=stream.description if visible else None,
        sector=actor.nace,
        municipality=actor.municipality,
        lat=actor.lat if visible else None,
        lon=actor.lon if visible else None,
        editable=can_edit_stream(who, region_id, stream),
    )


def visible_streams(
    who: Principal,
    region_id: str,
    streams: Collection[Stream],
    actors: Mapping[str, Actor],
    introduced: Collection[str] = (),
) -> list[StreamView]:
    """Every stream ``who`` may see, each as they may see it (empty where the region is
    not theirs)."""
    if not can_view_region(who, region_id):
        return []
    return [
        stream_view(who, region_id, s, actors[s.actor], introduced)
        for s in streams
        if s.actor in actors
    ]


def streams_listed_with_actor(
    who: Principal,
    region_id: str,
    actor_id: str,
    streams: Collection[Stream],
    introduced: Collection[str] = (),
) -> list[Stream]:
    """The streams shown on an actor's own page: those whose owner ``who`` may see (a
    confidential stream listed under its firm's name would give the firm away)."""
    return [
        s for s in streams if s.actor == actor_id and can_see_owner(who, region_id, s, introduced)
    ]


def public_contact(
    who: Principal, region_id: str, actor: Actor, introduced: Collection[str] = ()
) -> dict[str, Any]:
    """The contact fields of ``actor`` that ``who`` may see (empty where none)."""
    if not can_see_contact(who, region_id, actor.id, introduced):
        return {}
    return {k: actor.extra[k] for k in CONTACT_FIELDS if actor.extra.get(k)}


def non_contact_extra(actor: Actor) -> dict[str, Any]:
    """``actor.extra`` without its contact fields: what anyone who sees the actor sees."""
    return {k: v for k, v in actor.extra.items() if k not in CONTACT_FIELDS}


__all__ = [
    "CONTACT_FIELDS",
    "Principal",
    "Role",
    "StreamView",
    "can_create_region",
    "can_edit_actor",
    "can_edit_region",
    "can_edit_stream",
    "can_manage_leads",
    "can_manage_users",
    "can_request_contact",
    "can_see_contact",
    "can_see_owner",
    "can_view_region",
    "non_contact_extra",
    "parse_role",
    "public_contact",
    "sees_identities",
    "stream_view",
    "streams_listed_with_actor",
    "visible_streams",
]
