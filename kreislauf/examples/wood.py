"""Wood of the demo region: sawmills, pallets, pellets, joinery, furniture (fictional firms)."""

from __future__ import annotations

from kreislauf.examples.spec import (
    CAPACITY,
    CONT,
    DATA,
    ENERGY,
    EQUIPMENT,
    KNOWLEDGE,
    SEAS,
    SERVICE,
    ActorSpec,
    actor,
    need,
    offer,
)

# Joiner's and carpenter's shops from one pattern: (id, name, place, employees, nace, chips t/a).
_JOINERS: tuple[tuple[str, str, str, int, str, int], ...] = (
    ("tischlerei-penig", "Tischlerei Hofmann Penig", "Penig", 12, "16.23", 40),
    (
        "tischlerei-geringswalde",
        "Bau- und Möbeltischlerei Geringswalde GmbH",
        "Geringswalde",
        21,
        "31.09",
        65,
    ),
    ("tischlerei-lunzenau", "Tischlerei Vogel Lunzenau", "Lunzenau", 7, "16.23", 18),
    ("zimmerei-eppendorf", "Zimmerei & Holzbau Eppendorf GmbH", "Eppendorf", 24, "16.23", 90),
    ("tischlerei-niederwiesa", "Innenausbau Niederwiesa GmbH", "Niederwiesa", 16, "43.32", 35),
    ("zimmerei-lichtenau", "Holzbau Lichtenau GmbH & Co. KG", "Lichtenau", 30, "16.23", 110),
    (
        "tischlerei-kriebstein",
        "Tischlerei an der Talsperre Kriebstein",
        "Kriebstein",
        6,
        "16.23",
        15,
    ),
)


def _joiner(index: int, row: tuple[str, str, str, int, str, int]) -> ActorSpec:
    joiner_id, name, place, employees, nace, chips = row
    carpentry = "Holzbau" in name or "Zimmerei" in name
    streams = [
        offer(
            "Hobelspäne und Sägemehl, Massivholz unbehandelt"
            if index % 2 == 0
            else "Späne aus Absauganlage (Fichte/Kiefer, Eiche), trocken",
            chips,
            "t/a",
            ewc="03 01 05" if index % 3 != 2 else None,
            desc="Im Silo bzw. in Big Bags, Abholung nach Absprache.",
            avail=CONT,
        )
    ]
    if carpentry:
        streams.append(
            offer(
                "Abschnitte Konstruktionsvollholz (KVH) und Brettschichtholz",
                round(chips * 0.6),
                "t/a",
                desc="Längen 20–120 cm, unbehandelt, gut für Brennholz oder Kleinteile.",
                avail=CONT,
            )
        )
    elif index % 2 == 0:
        streams.append(
            offer(
                (
                    "Spanplatten- und MDF-Verschnitt",
                    "Plattenreste Span/MDF, beschichtet",
                    "Verschnitt Holzwerkstoffplatten",
                    "Reststücke Spanplatte/MDF",
                )[index % 4],
                round(chips * 0.5),
                "t/a",
                ewc="03 01 05",
                desc="Beschichtet (Melamin), nicht mit Holzschutzmittel behandelt.",
            )
        )
        streams.append(
            offer(
                (
                    "CNC-Bearbeitungszentrum, freie Maschinenstunden",
                    "Freie Kapazität CNC-Plattenbearbeitung",
                    "Maschinenzeit CNC-Fräse zu vergeben",
                    "CNC-Lohnfertigung Plattenzuschnitt",
                )[index % 4],
                400,
                "h/a",
                type=CAPACITY,
                desc="5-Achs-Fräse, Platten bis 3.100 x 1.500 mm, Bediener kann gestellt werden.",
            )
        )
    else:
        streams.append(
            need(
                "Lackierkabine zur Mitbenutzung gesucht",
                200,
                "h/a",
                type=CAPACITY,
                desc="Wasserlacke, Kleinserien Türen und Fronten.",
            )
        )
    trade = (
        "Zimmerei und Holzbau"
        if carpentry
        else ("Bau- und Möbeltischlerei", "Tischlerei, Innenausbau und Möbel")[index % 2]
    )
    return actor(
        joiner_id,
        name,
        nace,
        employees,
        place,
        *streams,
        desc=f"{trade}, {employees} Beschäftigte.",
    )


ACTORS: tuple[ActorSpec, ...] = (
    actor(
        "holzwerk-mulde",
        "Holzwerk Mulde GmbH",
        "16.10",
        85,
        "Leisnig",
        offer(
            "Sägespäne Fichte unbehandelt",
            6000,
            "t/a",
            ewc="03 01 05",
            desc="Frisch, Feuchte ca. 50 %, Abholung per Schubboden-Lkw, täglich ca. 25 t.",
            avail=CONT,
        ),
        offer(
            "Rinde Fichte/Kiefer",
            4000,
            "t/a",
            ewc="03 01 01",
            desc="Auch als Rindenmulch gesiebt möglich.",
            avail=CONT,
        ),
        offer(
            "Hackschnitzel aus Sägerestholz (Schwarten, Spreißel)",
            5000,
            "t/a",
            ewc="03 01 05",
            avail=CONT,
        ),
        need(
            "Wärme für Holztrocknungskammern 70–90 °C",
            6000,
            "MWh/a",
            type=ENERGY,
            temp=80,
            desc="12 Trockenkammern, derzeit Rindenfeuerung am Limit.",
            avail=CONT,
        ),
        need("Rundholz Fichte/Kiefer", 60000, "m3/a", avail=CONT),
        desc="Nadelholzsägewerk mit Hobelwerk und Trocknung, Einschnitt ca. 60.000 fm/Jahr.",
    ),
    actor(
        "schnittholz-sayda",
        "Erzgebirgisches Schnittholz Sayda GmbH",
        "16.10",
        38,
        "Sayda",
        offer("Sägemehl Fichte, frisch", 2200, "t/a", ewc="03 01 05", avail=CONT),
        offer("Schwarten und Spreißel", 1200, "t/a", avail=CONT),
        offer("Rinde", 1500, "t/a", avail=CONT),
        desc="Sägewerk für Fichte aus dem Erzgebirge, Bauholz und Kistenware.",
    ),
    actor(
        "pelletwerk-brand",
        "Pelletwerk Mittelsachsen GmbH",
        "16.29",
        22,
        "Brand-Erbisdorf",
        need(
            "Sägespäne / Hobelspäne, unbehandelt, frisch oder trocken",
            20000,
            "t/a",
            ewc="03 01 05",
            desc="Nadelholz bevorzugt, ENplus-Zertifizierung – nur naturbelassenes Holz.",
            avail=CONT,
        ),
        need(
            "Trocknungswärme Bandtrockner ~90 °C", 8000, "MWh/a", type=ENERGY, temp=90, avail=CONT
        ),
        offer("Pelletbruch / Feinanteil aus Absiebung", 300, "t/a", avail=CONT),
        offer("Holzpellets ENplus A1 lose und Sackware", 12000, "t/a", avail=CONT),
        desc="Herstellung von Holzpellets ENplus A1, Kapazität 15.000 t/Jahr.",
    ),
    actor(
        "paletten-hartha",
        "Paletten Mittelsachsen GmbH",
        "16.24",
        40,
        "Hartha",
        offer("Kantholz-Abschnitte Kiefer, frisch", 400, "t/a", ewc="03 01 05", avail=CONT),
        offer(
            "Defekte Paletten, nicht reparabel (Altholz A I)",
            250,
            "t/a",
            ewc="15 01 03",
            avail=CONT,
        ),
        need("Gebrauchte Europaletten zur Aufbereitung", 30000, "pieces/a", avail=CONT),
        desc="Herstellung und Reparatur von Europaletten und Sonderpaletten.",
    ),
    actor(
        "fenster-oederan",
        "Holzfenster Oederan GmbH",
        "16.23",
        55,
        "Oederan",
        offer("Lackschlamm wasserbasiert aus Lackieranlage", 8, "t/a", ewc="08 01 20", avail=CONT),
        offer("Hobelspäne Kiefer/Meranti", 150, "t/a", ewc="03 01 05", avail=CONT),
        offer("Glasbruch Isolierglas (Fehlproduktion)", 12, "t/a", ewc="10 11 12"),
        need("Know-how Trocknung mit Abwärme / Wärmepumpe", type=KNOWLEDGE),
        desc="Holz- und Holz-Alu-Fenster, Haustüren.",
    ),
    actor(
        "moebel-waldheim",
        "Möbelwerkstätten Zschopautal GmbH",
        "31.09",
        120,
        "Waldheim",
        offer("MDF- und Spanplattenreste", 350, "t/a", ewc="03 01 05", avail=CONT),
        offer("Altholz A II aus Verpackung und Gestellen", 90, "t/a", ewc="15 01 03"),
        offer(
            "Messdaten Energieverbrauch Produktion (15-min-Lastgang)",
            type=DATA,
            desc="Gerne für Forschungsprojekt oder Energienetzwerk, anonymisiert.",
        ),
        need(
            "Know-how Prozessoptimierung Druckluft",
            type=KNOWLEDGE,
            desc="Druckluftnetz 1980er Jahre, hohe Leckagen vermutet.",
        ),
        need(
            "Wärme für Holztrocknung und Hallenheizung",
            1800,
            "MWh/a",
            type=ENERGY,
            temp=70,
            avail=SEAS,
        ),
        desc="Serienfertigung von Kasten- und Büromöbeln.",
    ),
    actor(
        "biomassehof-frankenberg",
        "Biomassehof Frankenberg GmbH",
        "46.73",
        11,
        "Frankenberg/Sa.",
        need("Waldrestholz, Landschaftspflegeholz", 9000, "t/a", avail=CONT),
        offer(
            "Holzhackschnitzel G30/G50 für Heizwerke",
            8000,
            "t/a",
            desc="Wassergehalt W30–W35, Lieferung per Schubboden, auch kleine Mengen.",
            avail=CONT,
        ),
        offer("Mobiler Hacker mit Kran zu vermieten", 300, "h/a", type=EQUIPMENT),
        desc="Handel mit Hackschnitzeln, Brennholz und Pellets, eigenes Lager.",
    ),
    actor(
        "holzkunst-sayda",
        "Holzkunst und Drechslerei Sayda GmbH",
        "32.40",
        26,
        "Sayda",
        offer("Buchen- und Lindenholz-Abschnitte", 25, "t/a", avail=CONT),
        offer("Drechselspäne Buche/Linde", 40, "t/a", ewc="03 01 05", avail=CONT),
        desc="Erzgebirgische Holzkunst, Drechslerei und Kleinserien.",
    ),
    actor(
        "treppenbau-hainichen",
        "Treppenbau Hainichen GmbH",
        "16.23",
        33,
        "Hainichen",
        offer("Eichen- und Buchenabschnitte, kammergetrocknet", 60, "t/a", avail=CONT),
        offer("Schleifstaub Hartholz", 15, "t/a", ewc="03 01 05"),
        need("Holzreste-Abnehmer für Brikettierung", 75, "t/a", type=SERVICE),
        desc="Holztreppen aus Eiche und Buche, Massivholzverarbeitung.",
    ),
    actor(
        "brikett-mittweida",
        "Holzbrikett-Manufaktur Mittweida",
        "16.29",
        5,
        "Altmittweida",
        need(
            "Trockene Hobelspäne und Schleifstaub Hartholz", 900, "t/a", ewc="03 01 05", avail=CONT
        ),
        offer("Holzbriketts (RUF) Buche/Eiche", 700, "t/a", avail=CONT),
        desc="Kleinbetrieb für Holzbriketts aus Spänen.",
    ),
    *(_joiner(i, row) for i, row in enumerate(_JOINERS)),
)

__all__ = ["ACTORS"]
