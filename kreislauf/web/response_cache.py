"""Finished JSON answers of the read API, kept in memory per region state and viewer.

Lists of a region's actors and streams and one stream's matches are the same bytes for
every request of one viewer until the region changes: building them (permission
filtering, anonymising, titles, validation, JSON) costs milliseconds each time. An
answer is kept under a key that holds everything it depends on:

- the region's stamp (``updated_at``, set by every change of actors, streams or imports,
  in any worker or the CLI; checked against the database on every request by
  :class:`~kreislauf.web.region_cache.RegionCache`), so a change makes a new key;
- the viewer (the whole :class:`~kreislauf.core.permissions.Principal`: role, regions,
  own firm) and the firms the viewer's firm was introduced to (read on every request),
  so permission and confidentiality rules are applied exactly as without the cache;
- the language and the request's parameters;
- for matches, the matcher object in use (built again when the region is matched).

Old keys are never hit again and age out (least recently used first, bounded by total
bytes). Nothing here decides what a viewer may see: the cached bytes are what the
endpoint built for that viewer.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import Response
from pydantic import TypeAdapter

try:  # orjson is several times faster; the standard library is the fallback
    import orjson

    def to_json(value: Any) -> bytes:
        """``value`` as compact UTF-8 JSON."""
        return orjson.dumps(value)

except ImportError:  # pragma: no cover - exercised where orjson is absent
    import json

    def to_json(value: Any) -> bytes:
        """``value`` as compact UTF-8 JSON."""
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


#: Bytes kept at most (all answers together).
DEFAULT_BUDGET = 64 * 1024 * 1024

_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def validated_json(model: Any, value: Any) -> bytes:
    """``value`` validated and serialised through ``model`` (a response model such as
    ``list[ActorPublic]``), as FastAPI's ``response_model`` would: fields outside the
    model are refused, never passed on."""
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    return adapter.dump_json(adapter.validate_python(value))


_SERIALS: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
_COUNTER = itertools.count(1)
_SERIALS_LOCK = threading.Lock()


def serial_of(thing: Any) -> int:
    """A number naming ``thing`` for as long as it lives, never reused for another
    object (unlike ``id()``), without keeping ``thing`` alive."""
    with _SERIALS_LOCK:
        found = _SERIALS.get(thing)
        if found is None:
            found = _SERIALS[thing] = next(_COUNTER)
        return found


class ResponseCache:
    """``answer(key, build)``: a JSON response with the bytes kept under ``key``, built
    by ``build()`` where there are none."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()

    def body(self, key: Hashable, build: Callable[[], bytes]) -> bytes:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found
            self.misses += 1
        made = build()
        if len(made) > self.budget:
            return made
        with self._lock:
            if key not in self._items:
                self._items[key] = made
                self.size += len(made)
                while self.size > self.budget:
                    _, dropped = self._items.popitem(last=False)
                    self.size -= len(dropped)
        return made

    def answer(self, key: Hashable, build: Callable[[], bytes]) -> Response:
        return Response(self.body(key, build), media_type="application/json")

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._items)


__all__ = ["DEFAULT_BUDGET", "ResponseCache", "serial_of", "to_json", "validated_json"]
