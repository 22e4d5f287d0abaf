"""The municipality table: names to coordinates without a geocoder, checked against the
official district boundaries (BKG VG5000 in ../shared)."""

from __future__ import annotations

import csv
import json

from kreislauf.web import municipalities
from tests.conftest import need_shared

#: Districts whose seat is a kreisfreie Stadt outside them (the city has its own row).
SEAT_IN_A_CITY = {
    "03459": "03404",  # LK Osnabrück -> Osnabrück
    "06432": "06411",  # Darmstadt-Dieburg -> Darmstadt
    "06633": "06611",  # LK Kassel -> Kassel
    "07137": "07111",  # Mayen-Koblenz -> Koblenz
    "07235": "07211",  # Trier-Saarburg -> Trier
    "07335": "07312",  # LK Kaiserslautern -> Kaiserslautern
    "07337": "07313",  # Südliche Weinstraße -> Landau
    "07338": "07314",  # Rhein-Pfalz-Kreis -> Ludwigshafen
    "07340": "07317",  # Südwestpfalz -> Pirmasens
    "08125": "08121",  # LK Heilbronn -> Heilbronn
    "08215": "08212",  # LK Karlsruhe -> Karlsruhe
    "08226": "08221",  # Rhein-Neckar-Kreis -> Heidelberg
    "08236": "08231",  # Enzkreis -> Pforzheim
    "08315": "08311",  # Breisgau-Hochschwarzwald -> Freiburg
    "08425": "08421",  # Alb-Donau-Kreis -> Ulm
    "09184": "09162",  # LK München -> München
    "09187": "09163",  # LK Rosenheim -> Rosenheim
    "09274": "09261",  # LK Landshut -> Landshut
    "09275": "09262",  # LK Passau -> Passau
    "09278": "09263",  # Straubing-Bogen -> Straubing
    "09371": "09361",  # Amberg-Sulzbach -> Amberg
    "09375": "09362",  # LK Regensburg -> Regensburg
    "09471": "09461",  # LK Bamberg -> Bamberg
    "09472": "09462",  # LK Bayreuth -> Bayreuth
    "09473": "09463",  # LK Coburg -> Coburg
    "09475": "09464",  # LK Hof -> Hof
    "09571": "09561",  # LK Ansbach -> Ansbach
    "09572": "09562",  # Erlangen-Höchstadt -> Erlangen
    "09671": "09661",  # LK Aschaffenburg -> Aschaffenburg
    "09678": "09662",  # LK Schweinfurt -> Schweinfurt
    "09679": "09663",  # LK Würzburg -> Würzburg
    "09772": "09761",  # LK Augsburg -> Augsburg
}


def _inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    x, y = point
    hit = False
    for i in range(len(ring)):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[i - 1][0], ring[i - 1][1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def _in_geometry(point: tuple[float, float], geometry: dict) -> bool:  # type: ignore[type-arg]
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return any(
        _inside(point, polygon[0]) and not any(_inside(point, hole) for hole in polygon[1:])
        for polygon in polygons
    )


def test_every_place_lies_inside_its_district() -> None:
    path = need_shared("data/geo/bkg_vg5000_2021-01-01_kreise.geojson")
    shapes = {
        f["properties"]["ARS"]: f["geometry"]
        for f in json.loads(path.read_text("utf-8"))["features"]
    }
    outside = [
        f"{m.name} ({m.district_ags})"
        for m in municipalities.municipalities()
        if not _in_geometry((m.lon, m.lat), shapes[m.district_ags])
    ]
    assert outside == []


def test_every_district_key_and_name_is_official_and_every_seat_is_there() -> None:
    path = need_shared("data/geo/bkg_vg5000_2021-01-01_kreise_ags_nuts3.csv")
    with path.open(encoding="utf-8") as handle:
        official = {row["ags"]: row for row in csv.DictReader(handle)}
    places = municipalities.municipalities()
    assert all(official[m.district_ags]["name"] == m.district for m in places)
    seats = {m.district_ags for m in places if m.kind in ("Kreisstadt", "kreisfreie Stadt")}
    missing = sorted(set(official) - seats - set(SEAT_IN_A_CITY))
    assert missing == []
    assert all(
        official[city]["type"] in ("Kreisfreie Stadt", "Stadtkreis")
        for city in SEAT_IN_A_CITY.values()
    )
    cities = {a for a, row in official.items() if row["type"] in ("Kreisfreie Stadt", "Stadtkreis")}
    assert {m.district_ags for m in places if m.kind == "kreisfreie Stadt"} == cities


def test_names_are_found_in_their_usual_spellings() -> None:
    assert municipalities.find("Frankenberg").name == "Frankenberg/Sa."  # type: ignore[union-attr]
    assert municipalities.find("halle").name == "Halle (Saale)"  # type: ignore[union-attr]
    assert municipalities.find("Stadt Freiberg").district == "Mittelsachsen"  # type: ignore[union-attr]
    assert municipalities.locate("Döbeln") == (51.1219, 13.1114)
    assert municipalities.find("Atlantis") is None
    assert municipalities.suggest("Freiburg im Breisgua") == "Freiburg im Breisgau"


def test_search_lists_names_that_start_with_the_text_first() -> None:
    found = [m.name for m in municipalities.search("Frei")]
    assert found[:3] == ["Freiberg", "Freiburg im Breisgau", "Freising"]
    assert municipalities.search("") == []


def test_every_row_names_a_five_digit_district_and_a_german_position() -> None:
    for m in municipalities.municipalities():
        assert len(m.district_ags) == 5 and m.district_ags.isdigit()
        assert 47.2 < m.lat < 55.1 and 5.8 < m.lon < 15.1, m
