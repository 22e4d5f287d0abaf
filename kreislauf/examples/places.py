"""Towns and municipalities of Landkreis Mittelsachsen with the coordinates of their centres.

Coordinates are WGS84 degrees (4 decimals, about 10 m) of the town centre (market square
or town hall). Ostrau and Zschaitz-Ottewig are kept under their traditional names.
``spread_km`` is the largest distance an actor's marker is moved from the centre so that
markers do not stack; it is smaller for places close to the district boundary.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A municipality of the district: name as written locally, centre, postcode."""

    name: str
    lat: float
    lon: float
    postcode: str
    spread_km: float = 2.5


#: Every place the demo region uses, by name.
PLACES: dict[str, Place] = {
    p.name: p
    for p in (
        # Große Kreisstädte and towns
        Place("Freiberg", 50.9170, 13.3430, "09599"),
        Place("Döbeln", 51.1219, 13.1114, "04720"),
        Place("Mittweida", 50.9856, 12.9811, "09648"),
        Place("Flöha", 50.8564, 13.0728, "09557", 1.5),
        Place("Frankenberg/Sa.", 50.9108, 13.0378, "09669"),
        Place("Hainichen", 50.9697, 13.1253, "09661"),
        Place("Roßwein", 51.0656, 13.1833, "04741"),
        Place("Leisnig", 51.1578, 12.9281, "04703"),
        Place("Waldheim", 51.0719, 13.0236, "04736"),
        Place("Hartha", 51.0972, 12.9747, "04746"),
        Place("Brand-Erbisdorf", 50.8689, 13.3222, "09618"),
        Place("Oederan", 50.8603, 13.1683, "09569"),
        Place("Augustusburg", 50.8122, 13.1011, "09573", 1.5),
        Place("Rochlitz", 51.0467, 12.7994, "09306"),
        Place("Burgstädt", 50.9167, 12.8167, "09217"),
        Place("Penig", 50.9333, 12.7047, "09322", 1.5),
        Place("Geringswalde", 51.0767, 12.9075, "09326", 1.5),
        Place("Lunzenau", 50.9631, 12.7561, "09328"),
        Place("Großschirma", 50.9667, 13.2833, "09603"),
        Place("Sayda", 50.7086, 13.4203, "09619", 1.2),
        Place("Frauenstein", 50.8031, 13.5389, "09623", 0.8),
        # Gemeinden
        Place("Lichtenau", 50.9170, 12.9500, "09244", 1.5),
        Place("Striegistal", 51.0000, 13.2333, "09661", 0.6),
        Place("Reinsberg", 51.0072, 13.3644, "09629"),
        Place("Bobritzsch-Hilbersdorf", 50.9000, 13.4333, "09627", 1.2),
        Place("Halsbrücke", 50.9511, 13.3497, "09633"),
        Place("Niederwiesa", 50.8581, 13.0242, "09577", 1.0),
        Place("Ostrau", 51.2000, 13.1667, "04749", 1.5),
        Place("Großweitzschen", 51.1517, 13.0667, "04720"),
        Place("Zschaitz-Ottewig", 51.1600, 13.1000, "04720"),
        Place("Mühlau", 50.9000, 12.7667, "09241", 1.5),
        Place("Leubsdorf", 50.8000, 13.1667, "09573", 1.5),
        Place("Eppendorf", 50.8000, 13.2333, "09575", 2.0),
        Place("Großhartmannsdorf", 50.8000, 13.3333, "09618"),
        Place("Weißenborn/Erzgeb.", 50.8711, 13.3975, "09600"),
        Place("Lichtenberg/Erzgeb.", 50.8333, 13.4167, "09638"),
        Place("Mulda/Sa.", 50.8000, 13.4167, "09619"),
        Place("Rechenberg-Bienenmühle", 50.7333, 13.5333, "09623", 1.5),
        Place("Oberschöna", 50.9000, 13.2500, "09600"),
        Place("Kriebstein", 51.0500, 13.0167, "09648"),
        Place("Rossau", 50.9950, 13.0497, "09661"),
        Place("Erlau", 51.0167, 12.9500, "09306"),
        Place("Königshain-Wiederau", 51.0167, 12.8500, "09306"),
        Place("Seelitz", 51.0500, 12.8167, "09306"),
        Place("Wechselburg", 51.0000, 12.7667, "09306", 1.2),
        Place("Claußnitz", 50.9333, 12.8833, "09236"),
        Place("Hartmannsdorf", 50.8833, 12.8000, "09232", 1.0),
        Place("Taura", 50.9167, 12.8500, "09249", 1.5),
        Place("Altmittweida", 50.9667, 12.9667, "09648"),
        Place("Königsfeld", 51.0667, 12.7500, "09306", 1.5),
    )
}


__all__ = ["PLACES", "Place"]
