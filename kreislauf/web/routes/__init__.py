"""One router module per area: pages (auth, regions, actors, streams, imports, lookups)
and the JSON API (``api_*``)."""
