"""Metal of the demo region: foundries, machining, surface treatment, steel construction,
machine building and the metal recycling around Freiberg (fictional firms)."""

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
    WATER,
    ActorSpec,
    actor,
    need,
    offer,
)

# Machining shops from one pattern: (id, name, place, employees, chips t/a, emulsion t/a).
_MACHINING: tuple[tuple[str, str, str, int, int, int], ...] = (
    ("cnc-mittweida", "CNC-Zerspanungstechnik Mittweida GmbH", "Mittweida", 65, 180, 24),
    ("drehteile-floeha", "Präzisionsdrehteile Flöha GmbH", "Flöha", 48, 140, 16),
    ("zerspanung-burgstaedt", "Zerspanung & Baugruppen Burgstädt GmbH", "Burgstädt", 90, 260, 35),
    (
        "metallbearbeitung-grossschirma",
        "Metallbearbeitung Großschirma GmbH",
        "Großschirma",
        27,
        70,
        9,
    ),
    ("cnc-hartmannsdorf", "Fertigungstechnik Hartmannsdorf GmbH", "Hartmannsdorf", 110, 320, 42),
    ("lohnfertigung-penig", "Lohnfertigung Penig GmbH", "Penig", 19, 45, 6),
)


def _machining(index: int, row: tuple[str, str, str, int, int, int]) -> ActorSpec:
    shop_id, name, place, employees, chips, emulsion = row
    steel = (
        "Stahlspäne (C45, 42CrMo4), ölbehaftet",
        "Drehspäne Stahl/Edelstahl getrennt gesammelt",
        "Eisen- und Stahlspäne, kurzbrüchig",
    )[index % 3]
    streams = [
        offer(steel, chips, "t/a", ewc="12 01 01" if index % 2 == 0 else None, avail=CONT),
        offer(
            (
                "Kühlschmierstoff-Emulsion (verbraucht)",
                "KSS-Emulsion verbraucht",
                "Altemulsion aus Bearbeitungszentren",
                "Verbrauchte Kühlschmieremulsion (wassermischbar)",
            )[index % 4],
            emulsion,
            "t/a",
            ewc="12 01 09*",
            desc="Wassermischbarer KSS, halogenfrei, aus zentraler Anlage, Abholung im IBC.",
            avail=CONT,
        ),
    ]
    if index % 2 == 0:
        streams.append(
            offer(
                (
                    "Abwärme Druckluftkompressor ~45 °C",
                    "Kompressorabwärme ca. 45 °C",
                    "Abwärme Drucklufterzeugung (Schraubenverdichter)",
                )[index % 3],
                round(employees * 2.5),
                "MWh/a",
                type=ENERGY,
                temp=45,
                desc="Schraubenkompressoren, Abwärme bisher über Dach abgeführt.",
                avail=CONT,
            )
        )
    else:
        streams.append(
            offer(
                (
                    "Aluminiumspäne sortenrein (AlMgSi)",
                    "Alu-Späne, trocken, sortenrein",
                    "Aluminium-Drehspäne",
                )[index % 3],
                round(chips * 0.2),
                "t/a",
                ewc="12 01 03",
                avail=CONT,
            )
        )
    if index % 3 == 0:
        streams.append(
            need(
                "Know-how Prozessoptimierung Druckluft",
                type=KNOWLEDGE,
                desc="Leckageortung, Wärmerückgewinnung, Steuerung.",
            )
        )
    elif index == 1:
        streams.append(
            offer("5-Achs-Fräszentrum, freie Kapazität Spätschicht", 900, "h/a", type=CAPACITY)
        )
    else:
        streams.append(
            need(
                (
                    "Härterei in der Nähe für Lohnhärten (Einsatzhärten)",
                    "Suchen Lohnhärterei (Vergüten, Nitrieren)",
                )[index % 2],
                300,
                "h/a",
                type=SERVICE,
            )
        )
    work = (
        "Dreh- und Frästeile in Klein- und Mittelserien",
        "Präzisionsdrehteile für Automobil- und Maschinenbau",
        "Zerspanung und Baugruppenmontage",
    )[index % 3]
    return actor(
        shop_id,
        name,
        "25.62",
        employees,
        place,
        *streams,
        desc=f"{work}, {employees} Beschäftigte.",
    )


# Car repair shops: small sources of hazardous waste. (id, name, place, employees, waste oil t/a)
_GARAGES: tuple[tuple[str, str, str, int, float], ...] = (
    ("kfz-doebeln", "Autohaus & Kfz-Meisterbetrieb Döbeln", "Döbeln", 22, 6.5),
    ("kfz-frankenberg", "Kfz-Werkstatt Richter Frankenberg", "Frankenberg/Sa.", 6, 1.8),
    ("kfz-hainichen", "Nutzfahrzeugservice Hainichen GmbH", "Hainichen", 31, 11.0),
    ("kfz-rochlitz", "Autoservice Rochlitz GmbH", "Rochlitz", 9, 2.4),
)


def _garage(index: int, row: tuple[str, str, str, int, float]) -> ActorSpec:
    garage_id, name, place, employees, oil = row
    streams = [
        offer(
            (
                "Altöl (Motoren- und Getriebeöl)",
                "Altöl aus Ölwechsel",
                "Motorenöl gebraucht (Altöl)",
                "Altöl aus Werkstatt",
            )[index % 4],
            oil,
            "t/a",
            ewc="13 02 05*",
            desc="Im 1.000-l-Tank gesammelt, nicht vermischt.",
            avail=CONT,
        ),
        offer(
            (
                "Altreifen Pkw/Lkw",
                "Altreifen aus Reifenwechsel",
                "Gebrauchte Reifen (nicht mehr fahrbereit)",
                "Altreifen ohne Felge",
            )[index % 4],
            round(oil * 3),
            "t/a",
            ewc="16 01 03" if index % 2 == 0 else None,
            avail=SEAS,
        ),
    ]
    if index % 2 == 1:
        streams.append(
            offer(
                "Starterbatterien (Bleiakkus) aus Werkstatt",
                round(oil / 2, 1),
                "t/a",
                ewc="16 06 01*",
                avail=CONT,
            )
        )
    if index % 2 == 0:
        streams.append(
            offer(
                "Ölfilter und ölverschmierte Betriebsmittel",
                round(oil / 5, 1),
                "t/a",
                ewc="16 01 07*",
                avail=CONT,
            )
        )
    if index == 0:
        streams.append(
            need(
                "Altöl für Altölofen Werkstattheizung",
                4,
                "t/a",
                ewc="13 02 05*",
                desc="Suchen zusätzliches Altöl für unsere Werkstattheizung im Winter.",
                avail=SEAS,
            )
        )
    if index == 2:
        streams.append(
            offer("Lkw-Hebebühne und Prüfgrube stundenweise", 200, "h/a", type=EQUIPMENT)
        )
    return actor(
        garage_id,
        name,
        "45.20",
        employees,
        place,
        *streams,
        desc="Kfz-Reparatur, Wartung und Reifenservice.",
    )


ACTORS: tuple[ActorSpec, ...] = (
    actor(
        "gusswerk-hainichen",
        "Gusswerk Hainichen GmbH",
        "24.51",
        240,
        "Hainichen",
        offer(
            "Altsand aus Gießerei (bentonitgebunden)",
            9000,
            "t/a",
            ewc="10 09 08",
            desc="Formstoff aus Grünsandanlage, Eisenguss, Analysen nach LAGA vorhanden.",
            avail=CONT,
        ),
        offer("Kupolofenschlacke, granuliert", 1200, "t/a", ewc="10 09 03", avail=CONT),
        offer("Filterstaub aus Entstaubung", 300, "t/a", ewc="10 09 10", avail=CONT),
        offer(
            "Abwärme Kupolofen / Kühlwasser ~70 °C",
            7000,
            "MWh/a",
            type=ENERGY,
            temp=70,
            desc="Kühlwasserkreislauf Schmelzbetrieb, 2-Schicht, Wärmeauskopplung technisch möglich.",
            avail=CONT,
        ),
        need("Stahlschrott / Neuschrott sortenrein (Stanzabfälle)", 15000, "t/a", avail=CONT),
        desc="Eisengießerei (Grau- und Sphäroguss) für Maschinenbau und Fahrzeugbau, ca. 25.000 t Guss pro Jahr.",
    ),
    actor(
        "leichtmetallguss-rosswein",
        "Leichtmetallguss Roßwein GmbH",
        "24.53",
        180,
        "Roßwein",
        offer("Aluminium-Krätze", 150, "t/a", ewc="10 03 16", avail=CONT, confidential=True),
        offer("Aluspäne aus Putzerei", 90, "t/a", ewc="12 01 03", avail=CONT),
        offer(
            "Trennmittel-Öl-Wasser-Gemisch aus Druckgießmaschinen",
            60,
            "t/a",
            ewc="12 01 09*",
            avail=CONT,
        ),
        offer(
            "Abwärme Schmelz- und Warmhalteöfen", 3500, "MWh/a", type=ENERGY, temp=90, avail=CONT
        ),
        need("Aluminium-Profilschrott, sortenrein", 2500, "t/a", avail=CONT),
        desc="Aluminium-Druckguss und Kokillenguss für die Automobilindustrie.",
    ),
    actor(
        "galvanik-floeha",
        "Galvanotechnik Flöha GmbH",
        "25.61",
        60,
        "Flöha",
        offer(
            "Galvanikschlamm (Metallhydroxidschlamm), Ni/Cu/Cr-haltig",
            180,
            "t/a",
            ewc="11 01 09*",
            desc="Filterkuchen aus Kammerfilterpresse, TS ca. 35 %.",
            avail=CONT,
            confidential=True,
        ),
        offer(
            "Spülwasser aus Nickelbad (Standspüle)",
            400,
            "m3/a",
            ewc="11 01 11*",
            type=WATER,
            avail=CONT,
        ),
        offer("Verbrauchte Beizsäure (Salzsäure)", 70, "t/a", ewc="11 01 05*", avail=CONT),
        need(
            "Prozesswärme für Galvanikbäder ~60 °C", 900, "MWh/a", type=ENERGY, temp=60, avail=CONT
        ),
        need(
            "Verwertungsweg für Nickel aus Galvanikschlamm",
            type=KNOWLEDGE,
            desc="Suchen Partner/Forschung zur Metallrückgewinnung statt Deponierung.",
            confidential=True,
        ),
        desc="Lohngalvanik: Vernickeln, Verkupfern, Verchromen, Verzinken.",
    ),
    actor(
        "verzinkerei-brand",
        "Feuerverzinkerei Brand-Erbisdorf GmbH",
        "25.61",
        70,
        "Brand-Erbisdorf",
        offer("Hartzink", 60, "t/a", ewc="11 05 01", avail=CONT),
        offer("Zinkasche", 90, "t/a", ewc="11 05 02", avail=CONT),
        offer("Altbeize (Eisen(II)-chlorid-Lösung)", 250, "t/a", ewc="11 01 05*", avail=CONT),
        offer(
            "Abwärme Rauchgas Zinkkessel ~450 °C", 1500, "MWh/a", type=ENERGY, temp=450, avail=CONT
        ),
        desc="Stückverzinkerei für Stahlbau und Landtechnik.",
    ),
    actor(
        "stahlbau-oederan",
        "Stahlbau Oederan GmbH",
        "25.11",
        95,
        "Oederan",
        offer("Stahlschrott Verschnitt S235/S355 (Brennteile, Reste)", 400, "t/a", avail=CONT),
        offer("Strahlmittel verbraucht (Stahlkies)", 35, "t/a", ewc="12 01 17", avail=CONT),
        need("Freifläche befestigt für Stahlbauteile, 2.000 m²", 2000, "m2", type=CAPACITY),
        need("Pulverbeschichtung im Lohn, große Teile bis 8 m", 800, "h/a", type=SERVICE),
        desc="Stahl- und Hallenbau, Schweißkonstruktionen bis 30 t.",
    ),
    actor(
        "maschinenbau-frankenberg",
        "Werkzeugmaschinenbau Frankenberg GmbH",
        "28.41",
        220,
        "Frankenberg/Sa.",
        offer("Holzkisten und Transportgestelle, Einweg", 70, "t/a", ewc="15 01 03", avail=CONT),
        offer(
            "Messdaten Energieverbrauch Werkhallen und Maschinen",
            type=DATA,
            desc="Lastgänge 2021–2024, Druckluft, Hallenheizung.",
        ),
        offer(
            "Ölverschmutzte Putzlappen und Aufsaugmaterial", 6, "t/a", ewc="15 02 02*", avail=CONT
        ),
        need("Know-how Wärmerückgewinnung aus Druckluft und Härterei", type=KNOWLEDGE),
        desc="Bau von Werkzeugmaschinen und Sondermaschinen.",
    ),
    actor(
        "bergbautechnik-freiberg",
        "Bergbau- und Aufbereitungstechnik Freiberg GmbH",
        "28.92",
        140,
        "Freiberg",
        offer(
            "Verschleißteile Brecher (Manganstahl), Altteile", 45, "t/a", ewc="16 01 17", avail=CONT
        ),
        offer(
            "Testanlage Brechen/Sieben für Versuche Dritter",
            250,
            "h/a",
            type=EQUIPMENT,
            desc="Backenbrecher, Prallmühle, Siebmaschine im Technikum.",
        ),
        need(
            "Versuchsmaterial: Schlacken und RC-Baustoffe für Aufbereitungsversuche",
            50,
            "t",
            avail=ONCE,
        ),
        desc="Maschinen und Anlagen für Aufbereitung, Brechen und Sieben.",
    ),
    actor(
        "werkzeugbau-burgstaedt",
        "Werkzeug- und Formenbau Burgstädt GmbH",
        "25.73",
        42,
        "Burgstädt",
        offer("Hartmetallschrott (Wendeplatten, Fräser)", 3, "t/a", ewc="12 01 03", avail=CONT),
        offer("Erodierschlamm / Drahterodierdraht Messing", 4, "t/a"),
        need("Regionaler Partner Härten/Beschichten von Werkzeugen", 200, "h/a", type=SERVICE),
        desc="Spritzgieß- und Stanzwerkzeuge.",
    ),
    actor(
        "schmiede-penig",
        "Gesenkschmiede Penig GmbH",
        "25.50",
        130,
        "Penig",
        offer("Schmiedezunder", 250, "t/a", ewc="10 02 10", avail=CONT),
        offer(
            "Abwärme Schmiedeöfen ~300 °C (Abgas)", 5000, "MWh/a", type=ENERGY, temp=300, avail=CONT
        ),
        offer("Stanzgrat / Stahlabschnitte", 900, "t/a", ewc="12 01 01", avail=CONT),
        desc="Gesenkschmiede für Stahlteile 0,5–50 kg.",
    ),
    actor(
        "sekundaermetall-halsbruecke",
        "Sekundärmetall Halsbrücke GmbH",
        "24.45",
        160,
        "Halsbrücke",
        need("Bleiakkus / Starterbatterien", 12000, "t/a", ewc="16 06 01*", avail=CONT),
        need(
            "Galvanikschlämme mit Ni, Cu, Zn zur Metallrückgewinnung",
            2000,
            "t/a",
            ewc="11 01 09*",
            avail=CONT,
        ),
        need(
            "Leiterplatten und Elektronikschrott (edelmetallhaltig)",
            800,
            "t/a",
            ewc="16 02 16",
            avail=CONT,
        ),
        need("Hartmetallschrott, Wolfram", 50, "t/a", avail=CONT),
        offer(
            "Schlacke aus Blei-Recycling (verglast)",
            3000,
            "t/a",
            ewc="10 04 01*",
            avail=CONT,
            confidential=True,
        ),
        offer("Abwärme Schachtofen ~90 °C", 9000, "MWh/a", type=ENERGY, temp=90, avail=CONT),
        licences=(
            "16 06 01*",
            "11 01 09*",
            "16 02 16",
            "16 02 15*",
            "10 04 01*",
            "12 01 03",
            "16 08 01",
        ),
        desc="Recycling von Blei und Edelmetallen, Genehmigung nach BImSchG.",
    ),
    actor(
        "schrott-kunze",
        "Schrott- und Metallhandel Kunze GmbH",
        "46.77",
        28,
        "Döbeln",
        need(
            "Altmetalle aller Art, auch Akkus und Batterien",
            20000,
            "t/a",
            ewc="16 06 01*",
            desc="Kaufen Stahlschrott, Späne, Kabel, Buntmetalle, Batterien. Container-Stellung kostenlos.",
            avail=CONT,
        ),
        need("Stahl- und Eisenspäne", 3000, "t/a", ewc="12 01 01", avail=CONT),
        offer(
            "Stahlschrott sortiert (Sorte E3, E8) für Gießereien",
            15000,
            "t/a",
            ewc="19 12 02",
            avail=CONT,
        ),
        offer("Containerdienst für Metallschrott", 2000, "h/a", type=SERVICE),
        licences=(
            "17 04 05",
            "17 04 01",
            "17 04 02",
            "12 01 01",
            "12 01 03",
            "16 01 17",
            "19 12 02",
            "20 01 40",
        ),
        desc="Schrott- und Metallhandel mit Annahmeplatz, Schere und Containerdienst.",
    ),
    *(_machining(i, row) for i, row in enumerate(_MACHINING)),
    *(_garage(i, row) for i, row in enumerate(_GARAGES)),
)

__all__ = ["ACTORS"]
