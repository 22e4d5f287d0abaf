"""Minerals and construction of the demo region: gravel, natural stone, concrete, bricks,
mortar, road building, demolition and building firms (fictional firms)."""

from __future__ import annotations

from kreislauf.examples.spec import (
    CAPACITY,
    CONT,
    ENERGY,
    EQUIPMENT,
    KNOWLEDGE,
    ONCE,
    SEAS,
    SERVICE,
    WATER,
    ActorSpec,
    actor,
    need,
    offer,
)

# Building contractors from one pattern: (id, name, place, employees, nace, soil t).
_BUILDERS: tuple[tuple[str, str, str, int, str, int], ...] = (
    ("bau-richter-freiberg", "Bauunternehmen Richter GmbH", "Freiberg", 75, "41.20", 8000),
    ("bau-hochbau-doebeln", "Hoch- und Tiefbau Döbeln GmbH", "Döbeln", 110, "41.20", 14000),
    ("bau-schubert-hainichen", "Baugeschäft Schubert Hainichen", "Hainichen", 18, "41.20", 1500),
    ("bau-tiefbau-oederan", "Tiefbau Oederan GmbH & Co. KG", "Oederan", 40, "42.21", 6000),
    ("bau-weissenborn", "Bauunion Weißenborn GmbH", "Weißenborn/Erzgeb.", 52, "41.20", 4500),
    ("bau-leisnig", "Leisniger Bau GmbH", "Leisnig", 26, "41.20", 2500),
    ("bau-burgstaedt", "Baufirma Lorenz Burgstädt", "Burgstädt", 14, "41.20", 1200),
)


def _builder(index: int, row: tuple[str, str, str, int, str, int]) -> ActorSpec:
    builder_id, name, place, employees, nace, soil = row
    soil_title = (
        "Z0-Boden aus Baugrube",
        "Bodenaushub Z0/Z1.1, steinig",
        "Erdaushub Lehm/Schluff, unbelastet (Z0)",
    )[index % 3]
    streams = [
        offer(
            soil_title,
            soil,
            "t",
            ewc="17 05 04" if index % 2 == 0 else None,
            desc="Aus laufender Baumaßnahme, Deklarationsanalyse liegt vor. Abfuhr innerhalb 6 Wochen.",
            avail=ONCE,
        ),
        offer(
            (
                "Baumischabfall",
                "Gemischte Baustellenabfälle",
                "Baumischabfall aus Sanierung",
                "Bauabfälle gemischt (Container)",
            )[index % 4],
            round(employees * 4),
            "t/a",
            ewc="17 09 04" if index % 2 == 1 else None,
            avail=CONT,
        ),
    ]
    if index % 3 == 0:
        streams.append(
            need(
                "RC-Schotter 0/45 für Baustraßen und Unterbau", round(soil * 0.3), "t/a", avail=CONT
            )
        )
    elif index % 3 == 1:
        streams.append(
            need(
                "Recycling-Beton (RC-Gesteinskörnung) für Hochbau",
                round(soil * 0.2),
                "t/a",
                desc="Nach DAfStb-Richtlinie, Typ 1.",
                avail=CONT,
            )
        )
    else:
        streams.append(
            offer("Minibagger und Rüttelplatte zu vermieten", 400, "h/a", type=EQUIPMENT)
        )
    if index == 1:
        streams.append(
            offer("Gerüst und Bauzaun, derzeit ungenutzt", 1500, "m2", type=EQUIPMENT, avail=ONCE)
        )
    work = (
        "Tief- und Leitungsbau"
        if nace == "42.21"
        else ("Hoch- und Ingenieurbau", "Wohnungsbau und Sanierung", "Rohbau und Umbau")[index % 3]
    )
    return actor(
        builder_id,
        name,
        nace,
        employees,
        place,
        *streams,
        desc=f"{work}, {employees} Beschäftigte.",
    )


ACTORS: tuple[ActorSpec, ...] = (
    actor(
        "kieswerk-kriebstein",
        "Kiessandwerk Zschopautal GmbH",
        "08.12",
        34,
        "Kriebstein",
        need(
            "Z0-Boden zur Verfüllung und Rekultivierung Kiesgrube",
            60000,
            "t/a",
            ewc="17 05 04",
            desc="Annahme nur Z0 nach LAGA M20 bzw. Verfüllerlass, mit Deklarationsanalyse.",
            avail=CONT,
        ),
        offer(
            "Waschschlamm / Feinsand 0/1 aus Kieswäsche", 5000, "t/a", ewc="01 04 09", avail=CONT
        ),
        offer("Radlader 3 m³ mit Fahrer zu vermieten", 300, "h/a", type=EQUIPMENT),
        licences=("17 05 04", "20 02 02"),
        desc="Kies- und Sandgewinnung im Zschopautal, Nassabbau.",
    ),
    actor(
        "naturstein-seelitz",
        "Natursteinwerk Seelitz GmbH",
        "23.70",
        29,
        "Seelitz",
        offer("Steinschlamm aus Sägeanlage (Porphyr)", 900, "t/a", ewc="01 04 13", avail=CONT),
        offer(
            "Bruchstein und Abschnitte Porphyrtuff, für Gabionen geeignet", 1200, "t/a", avail=CONT
        ),
        desc="Abbau und Verarbeitung von Rochlitzer Porphyrtuff.",
    ),
    actor(
        "betonwerk-doebeln",
        "Betonwerk Döbeln GmbH",
        "23.61",
        60,
        "Döbeln",
        need("RC-Gesteinskörnung Typ 1 (Betonsplitt 2/16)", 8000, "t/a", avail=CONT),
        need("Steinkohlenflugasche als Betonzusatzstoff", 1500, "t/a", ewc="10 01 02", avail=CONT),
        offer("Restbeton und Betonschlamm", 700, "t/a", ewc="10 13 14", avail=CONT),
        offer(
            "Fehlchargen Betonfertigteile (Pflaster, Bordsteine)",
            400,
            "t/a",
            avail=CONT,
            confidential=True,
        ),
        desc="Betonfertigteile und Betonwaren (Pflaster, Bordsteine, Schächte).",
    ),
    actor(
        "transportbeton-mittweida",
        "Transportbeton Mittweida GmbH",
        "23.63",
        22,
        "Mittweida",
        need("Flugasche oder Hüttensandmehl (Zementersatz)", 2000, "t/a", avail=CONT),
        need("Recycling-Gesteinskörnung für R-Beton", 5000, "t/a", avail=CONT),
        offer(
            "Restwasser / Waschwasser aus Fahrmischerreinigung",
            2500,
            "m3/a",
            type=WATER,
            avail=CONT,
        ),
        desc="Transportbetonwerk mit Fahrmischerflotte.",
    ),
    actor(
        "ziegelei-grossweitzschen",
        "Ziegelei am Muldental GmbH",
        "23.32",
        75,
        "Großweitzschen",
        need(
            "Sägespäne als Porosierungsmittel",
            3000,
            "t/a",
            desc="Trockene oder frische Späne, auch Papierfangstoff/Faserschlamm möglich.",
            avail=CONT,
        ),
        need(
            "Papierschlamm / Faserreststoffe als Porosierungsmittel",
            4000,
            "t/a",
            ewc="03 03 10",
            avail=CONT,
        ),
        offer("Ziegelbruch aus Produktion", 1800, "t/a", ewc="10 12 08", avail=CONT),
        offer(
            "Abwärme Tunnelofen (Kühlzone) ~200 °C",
            6000,
            "MWh/a",
            type=ENERGY,
            temp=200,
            avail=CONT,
        ),
        licences=("03 03 10", "03 03 11", "03 01 05"),
        desc="Ziegelwerk für Hintermauerziegel und Planziegel.",
    ),
    actor(
        "moertelwerk-hartha",
        "Trockenmörtelwerk Hartha GmbH",
        "23.64",
        45,
        "Hartha",
        need("REA-Gips als Abbinderegler und für Putze", 3000, "t/a", ewc="10 01 05", avail=CONT),
        need(
            "Gießereialtsand als Sandersatz (bentonitgebunden, aufbereitet)",
            3000,
            "t/a",
            ewc="10 09 08",
            desc="Nach Aufbereitung (Entstaubung, Magnetscheidung) für Mauermörtel geprüft.",
            avail=CONT,
        ),
        offer("Fehlchargen Sackware Trockenmörtel", 150, "t/a", avail=CONT),
        licences=("10 01 05", "10 09 08", "10 01 02"),
        desc="Trockenmörtel, Putze und Estriche als Sack- und Siloware.",
    ),
    actor(
        "strassenbau-mittweida",
        "Straßen- und Tiefbau Mittelsachsen GmbH",
        "42.11",
        150,
        "Mittweida",
        need("RC-Baustoff 0/45 für Frostschutz- und Tragschichten", 20000, "t/a", avail=SEAS),
        need(
            "Gießereialtsand, Schlacken für Straßenunterbau",
            5000,
            "t/a",
            ewc="10 09 03",
            desc="Nur mit Eignungsnachweis nach TL Gestein-StB bzw. ErsatzbaustoffV.",
            avail=SEAS,
        ),
        offer("Fräsgut Asphalt (teerfrei, pechfrei)", 6000, "t/a", ewc="17 03 02", avail=SEAS),
        offer("Bodenaushub Z0/Z1.1 aus Straßenbau", 15000, "t", ewc="17 05 04", avail=ONCE),
        offer("Straßenaufbruch teerhaltig (PAK > 25 mg/kg)", 800, "t", ewc="17 03 01*", avail=ONCE),
        licences=("10 09 08", "10 09 03", "17 03 02", "17 05 04"),
        desc="Straßen-, Tief- und Kanalbau im Landkreis.",
    ),
    actor(
        "abbruch-rosswein",
        "Abbruch & Rückbau Roßwein GmbH",
        "43.11",
        48,
        "Roßwein",
        offer("Betonbruch aus Rückbau Plattenbau", 12000, "t/a", ewc="17 01 01", avail=CONT),
        offer("Mischabbruch Ziegel/Beton", 6000, "t/a", ewc="17 01 07", avail=CONT),
        offer("Bewehrungsstahl / Baustahl aus Abbruch", 900, "t/a", ewc="17 04 05", avail=CONT),
        offer("Altholz A IV (Dachbalken, behandelt)", 400, "t/a", ewc="17 02 04*", avail=CONT),
        offer(
            "Asbesthaltige Wellplatten (Dach)",
            120,
            "t/a",
            ewc="17 06 05*",
            avail=ONCE,
            confidential=True,
        ),
        offer(
            "Gebrauchte Biberschwanz-Dachziegel zur Wiederverwendung",
            30000,
            "pieces",
            desc="Sortiert, auf Paletten, aus Rückbau Bauernhof.",
            avail=ONCE,
        ),
        desc="Abbruch, Rückbau und Schadstoffsanierung, Zwischenlager mit Genehmigung.",
    ),
    actor(
        "dach-frankenberg",
        "Dachdeckerei und Klempnerei Frankenberg",
        "43.91",
        17,
        "Frankenberg/Sa.",
        offer("Bitumenbahnen aus Dachsanierung", 60, "t/a", ewc="17 03 02", avail=SEAS),
        need(
            "Gebrauchte Dachziegel (Biberschwanz) für Denkmalsanierung", 8000, "pieces", avail=ONCE
        ),
        desc="Dachdecker- und Klempnerbetrieb, Denkmalpflege.",
    ),
    actor(
        "erdbau-grossschirma",
        "Erdbau & Verfüllung Großschirma GmbH",
        "43.12",
        20,
        "Großschirma",
        need(
            "Boden für Verfüllung Tongrube, alle Z-Klassen",
            40000,
            "t/a",
            ewc="17 05 03*",
            desc="Auch belastete Böden gesucht, Preis nach Absprache.",
            avail=CONT,
        ),
        offer("Kettenbagger 25 t mit Fahrer", 800, "h/a", type=EQUIPMENT),
        licences=("17 05 04",),
        desc="Erdbau, Verfüllung und Rekultivierung.",
    ),
    actor(
        "sanierung-freiberg",
        "Altlastensanierung Freiberg GmbH",
        "39.00",
        35,
        "Freiberg",
        offer(
            "Kontaminierter Boden (Schwermetalle, MKW) aus Altstandort",
            5000,
            "t",
            ewc="17 05 03*",
            desc="Ehemalige Hüttenfläche, Arsen und Blei über Z2, Entsorgung bis Frühjahr.",
            avail=ONCE,
            confidential=True,
        ),
        offer("Know-how Sanierung Bergbau- und Hüttenstandorte", type=KNOWLEDGE),
        need("Analytiklabor für Schwermetalle, schnell", 200, "h/a", type=SERVICE),
        desc="Altlastensanierung auf ehemaligen Bergbau- und Hüttenflächen.",
    ),
    actor(
        "baumaschinen-floeha",
        "Baumaschinenvermietung Flöha GmbH",
        "77.32",
        16,
        "Flöha",
        offer("Mobiler Backenbrecher mit Siebanlage zu vermieten", 600, "h/a", type=EQUIPMENT),
        offer("Gabelstapler zu vermieten (2,5 t und 5 t)", 1500, "h/a", type=EQUIPMENT),
        need("Abstellfläche für Maschinenpark, befestigt", 1500, "m2", type=CAPACITY),
        desc="Vermietung von Bau- und Umschlagmaschinen.",
    ),
    actor(
        "ingenieur-baustoffe-freiberg",
        "Ingenieurbüro für Baustoffrecycling Freiberg",
        "71.12",
        8,
        "Freiberg",
        offer("Gutachten Ersatzbaustoffverordnung, Deklarationsanalysen", 600, "h/a", type=SERVICE),
        offer("Know-how Einsatz von RC-Beton im Hochbau", type=KNOWLEDGE),
        desc="Ingenieurbüro für Baustoffe, Recycling und Ersatzbaustoffe.",
    ),
    *(_builder(i, row) for i, row in enumerate(_BUILDERS)),
)

__all__ = ["ACTORS"]
