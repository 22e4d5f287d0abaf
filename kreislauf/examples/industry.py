"""Plastics, paper and packaging, printing and textiles of the demo region (fictional firms)."""

from __future__ import annotations

from kreislauf.examples.spec import (
    CAPACITY,
    CONT,
    DATA,
    ENERGY,
    EQUIPMENT,
    KNOWLEDGE,
    ONCE,
    SEAS,
    SERVICE,
    ActorSpec,
    actor,
    need,
    offer,
)

PLASTICS: tuple[ActorSpec, ...] = (
    actor(
        "kunststoff-burgstaedt",
        "Kunststofftechnik Burgstädt GmbH",
        "22.29",
        95,
        "Burgstädt",
        offer(
            "Angüsse und Fehlteile PP, sortenrein, gemahlen", 80, "t/a", ewc="07 02 13", avail=CONT
        ),
        offer(
            "Abwärme Spritzgießmaschinen (Kühlwasser ~35 °C)",
            1200,
            "MWh/a",
            type=ENERGY,
            temp=35,
            avail=CONT,
        ),
        need("PP-Rezyklat (Regranulat) schwarz, MFI 10–20", 300, "t/a", avail=CONT),
    ),
    actor(
        "folienwerk-penig",
        "Folienwerk Penig GmbH",
        "22.22",
        140,
        "Penig",
        offer("PE-Folienrandstreifen und Anfahrfolie", 250, "t/a", ewc="07 02 13", avail=CONT),
        need("LDPE-Regranulat transparent/natur", 600, "t/a", avail=CONT),
        need(
            "Strom-Lastgangdaten und Flexibilitätsvermarktung",
            type=DATA,
            desc="Suchen Partner für Lastmanagement (Extruder).",
        ),
    ),
    actor(
        "verpackung-mittweida",
        "Verpackungstechnik Mittweida GmbH",
        "22.22",
        70,
        "Mittweida",
        offer("PET-Stanzgitter aus Tiefziehen", 180, "t/a", ewc="07 02 13", avail=CONT),
        need("rPET-Flakes lebensmittelgeeignet", 900, "t/a", avail=CONT),
        need("Lagerhalle für Fertigware, ca. 1.500 m²", 1500, "m2", type=CAPACITY, avail=ONCE),
    ),
    actor(
        "kunststoffrecycling-lunzenau",
        "Kunststoffrecycling Lunzenau GmbH",
        "38.32",
        38,
        "Lunzenau",
        need("Agrarfolie / Silofolie gebraucht", 2500, "t/a", ewc="02 01 04", avail=SEAS),
        need("PE-Folien sauber (Stretch, Schrumpf)", 1500, "t/a", ewc="15 01 02", avail=CONT),
        need("PP-Mahlgut und Produktionsabfälle", 800, "t/a", ewc="07 02 13", avail=CONT),
        offer("LDPE-Regranulat aus Post-Consumer-Folie", 2000, "t/a", avail=CONT),
        offer("PP-Regranulat schwarz", 600, "t/a", avail=CONT),
        licences=("02 01 04", "15 01 02", "07 02 13", "19 12 04", "20 01 39"),
    ),
    actor(
        "profilwerk-niederwiesa",
        "Rohr- und Profilwerk Niederwiesa GmbH",
        "22.21",
        85,
        "Niederwiesa",
        offer("PVC-Profilabschnitte und Anfahrware", 120, "t/a", ewc="07 02 13", avail=CONT),
        need("PVC-Rezyklat (Fensterprofile) für Mittelschicht", 700, "t/a", avail=CONT),
        offer("Prüflabor Kunststoffe (MFI, Zugversuch) für Dritte", 150, "h/a", type=EQUIPMENT),
    ),
    actor(
        "schaumstoff-hartmannsdorf",
        "Schaumstofftechnik Hartmannsdorf GmbH",
        "22.29",
        33,
        "Hartmannsdorf",
        offer("PU-Schaumreste / Stanzreste", 90, "t/a", ewc="07 02 13", avail=CONT),
        offer("EPS-Verpackungsreste sauber", 12, "t/a", avail=CONT),
        need("Know-how Recycling von PU-Weichschaum (Flockenverbund)", type=KNOWLEDGE),
    ),
)

PAPER: tuple[ActorSpec, ...] = (
    actor(
        "papier-kriebstein",
        "Spezialpapiere Zschopautal GmbH",
        "17.12",
        140,
        "Kriebstein",
        offer(
            "Papierschlamm / Faserreststoffe",
            6000,
            "t/a",
            ewc="03 03 10",
            avail=CONT,
            confidential=True,
        ),
        offer("Spuckstoffe aus Altpapieraufbereitung", 1500, "t/a", ewc="03 03 07", avail=CONT),
        offer(
            "Abwärme Trockenpartie (Brüden ~60 °C)", 9000, "MWh/a", type=ENERGY, temp=60, avail=CONT
        ),
        need("Altpapier Sorte 1.02 / 1.04", 30000, "t/a", ewc="20 01 01", avail=CONT),
        need("Prozessdampf 12 bar", 40000, "MWh/a", type=ENERGY, temp=190, avail=CONT),
    ),
    actor(
        "wellpappe-doebeln",
        "Wellpappenwerk Döbeln GmbH",
        "17.21",
        110,
        "Döbeln",
        offer("Wellpappe-Stanzabfälle und Randbeschnitt", 1800, "t/a", ewc="15 01 01", avail=CONT),
        need(
            "Dampf / Wärme für Wellpappenanlage ~180 °C",
            7000,
            "MWh/a",
            type=ENERGY,
            temp=180,
            avail=CONT,
        ),
    ),
    actor(
        "druckerei-hainichen",
        "Druckerei Hainichen GmbH",
        "18.12",
        46,
        "Hainichen",
        offer("Makulatur und Druckbogen", 120, "t/a", ewc="20 01 01", avail=CONT),
        offer("Druckplatten Aluminium, gebraucht", 8, "t/a", ewc="12 01 03", avail=CONT),
        offer("Farbreste und lösemittelhaltige Waschmittel", 3, "t/a", ewc="08 03 12*", avail=CONT),
    ),
    actor(
        "papierverarbeitung-floeha",
        "Papierverarbeitung Flöhatal GmbH",
        "17.29",
        55,
        "Flöha",
        offer("Papier- und Kartonreste, sortenrein weiß", 300, "t/a", ewc="15 01 01", avail=CONT),
        need("Recyclingkarton (GD2) für Faltschachteln", 1200, "t/a", avail=CONT),
    ),
)

TEXTILES: tuple[ActorSpec, ...] = (
    actor(
        "textil-mittweida",
        "Technische Textilien Mittweida GmbH",
        "13.96",
        120,
        "Mittweida",
        offer("Glasfaser-Gewebereste und Kantenabschnitte", 90, "t/a", ewc="04 02 22", avail=CONT),
        offer("Polyester-Garnreste", 40, "t/a", ewc="04 02 22", avail=CONT),
        need(
            "Abwärme ~80 °C für Spannrahmen/Trockner",
            2500,
            "MWh/a",
            type=ENERGY,
            temp=80,
            avail=CONT,
        ),
    ),
    actor(
        "vlies-hainichen",
        "Vliesstoffwerk Hainichen GmbH",
        "13.95",
        65,
        "Hainichen",
        need("Reißfasern / Textilfasern aus Recycling", 1500, "t/a", ewc="04 02 22", avail=CONT),
        need("PET-Flakes (Flaschen), auch bunt", 800, "t/a", avail=CONT),
        offer("Vliesstoff-Randstreifen", 150, "t/a", avail=CONT),
    ),
    actor(
        "weberei-frankenberg",
        "Weberei Frankenberg GmbH",
        "13.20",
        58,
        "Frankenberg/Sa.",
        offer("Webkanten und Garnreste Baumwolle", 35, "t/a", ewc="04 02 22", avail=CONT),
        need("Strom aus PV vom Nachbardach", 1800, "MWh/a", type=ENERGY, avail=CONT),
    ),
    actor(
        "waescherei-doebeln",
        "Großwäscherei Döbeln GmbH",
        "96.01",
        75,
        "Döbeln",
        offer(
            "Abwasserwärme aus Waschstraße ~35 °C", 1400, "MWh/a", type=ENERGY, temp=35, avail=CONT
        ),
        offer("Wäschereidienstleistung für Hotels und Gastronomie", 3000, "h/a", type=SERVICE),
        need("Prozessdampf oder Heißwasser 90 °C", 2800, "MWh/a", type=ENERGY, temp=90, avail=CONT),
    ),
    actor(
        "bekleidung-rochlitz",
        "Arbeitsbekleidung Rochlitz GmbH",
        "14.12",
        40,
        "Rochlitz",
        offer(
            "Stoffverschnitt Mischgewebe (Baumwolle/Polyester)",
            30,
            "t/a",
            ewc="04 02 22",
            avail=CONT,
        ),
        need("Reparatur- und Recyclingpartner für gebrauchte Arbeitskleidung", type=SERVICE),
    ),
)

ACTORS: tuple[ActorSpec, ...] = (*PLASTICS, *PAPER, *TEXTILES)

__all__ = ["ACTORS"]
