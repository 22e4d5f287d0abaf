"""Research, municipalities, associations and services of the demo region (fictional names)."""

from __future__ import annotations

from kreislauf.core import ActorKind
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

PUBLIC = ActorKind.PUBLIC
RESEARCH = ActorKind.RESEARCH
ASSOCIATION = ActorKind.ASSOCIATION

RESEARCH_INSTITUTES: tuple[ActorSpec, ...] = (
    actor(
        "irk-freiberg",
        "Institut für Rohstoffkreislauf Freiberg",
        "72.19",
        85,
        "Freiberg",
        offer(
            "Analytik Schwermetalle und seltene Erden, Laborkapazität", 1500, "h/a", type=SERVICE
        ),
        offer("Know-how Metallrückgewinnung aus Schlämmen, Stäuben und Schlacken", type=KNOWLEDGE),
        need(
            "Probenmaterial Galvanikschlamm für Forschungsprojekt",
            5,
            "t",
            ewc="11 01 09*",
            desc="Für Laugungsversuche im Technikum, Chargen à 500 kg.",
            avail=ONCE,
        ),
        need("Industriepartner für Pilotanlage Batterierecycling", type=KNOWLEDGE),
        kind=RESEARCH,
        desc="Forschung zu Rohstoffgewinnung, Metallrecycling und Kreislaufwirtschaft.",
    ),
    actor(
        "ieep-mittweida",
        "Institut für Energieeffizienz und Prozesstechnik Mittweida e.V.",
        "72.19",
        40,
        "Mittweida",
        offer("Energieaudits und Abwärmekataster für KMU", 800, "h/a", type=SERVICE),
        offer("Messtechnik (Thermografie, Ultraschall-Leckortung) leihweise", type=EQUIPMENT),
        need(
            "Messdaten Energieverbrauch aus Industriebetrieben für Studie",
            type=DATA,
            desc="Anonymisierte Lastgänge, mindestens 1 Jahr.",
        ),
        kind=RESEARCH,
        desc="Angewandte Forschung zu Energieeffizienz in Produktion und Gebäuden.",
    ),
    actor(
        "biomasse-forschung-frankenberg",
        "Forschungsstelle Holz und Biomasse Sachsen e.V.",
        "72.19",
        18,
        "Frankenberg/Sa.",
        offer("Know-how Pelletierung, Torrefizierung, Holzvergasung", type=KNOWLEDGE),
        need(
            "Reststoffproben (Rinde, Späne, Gärreste) für Brennstoffanalysen", 2, "t/a", avail=CONT
        ),
        kind=RESEARCH,
        desc="Forschung und Prüfung zu Holzbrennstoffen und Biomasse.",
    ),
    actor(
        "aufbereitung-halsbruecke",
        "Institut für Aufbereitung und Recyclingtechnik Halsbrücke e.V.",
        "72.19",
        30,
        "Halsbrücke",
        offer("Technikum Sortierung und Zerkleinerung für Versuche", 400, "h/a", type=EQUIPMENT),
        need("RC-Baustoffe und Gießereialtsand für Versuchsreihen", 20, "t", avail=ONCE),
        offer("Gutachten zu Stoffstromanalysen", type=KNOWLEDGE),
        kind=RESEARCH,
        desc="Forschung zu Zerkleinern, Sortieren und Recycling mineralischer und metallischer Stoffe.",
    ),
    actor(
        "agrarforschung-zschaitz",
        "Versuchsstation Pflanzenbau Mittelsachsen",
        "72.19",
        12,
        "Zschaitz-Ottewig",
        offer("Feldversuche Düngung mit Gärresten und Kompost", type=KNOWLEDGE),
        need("Kompost und Gärrest für Exaktversuche", 50, "t/a", avail=SEAS),
        offer("Daten Nährstoffgehalte regionaler Wirtschaftsdünger", type=DATA),
        kind=RESEARCH,
        desc="Feldversuche zu Düngung, Humus und Fruchtfolgen.",
    ),
    actor(
        "kunststoff-technikum-burgstaedt",
        "Technikum Kunststoffrecycling Burgstädt",
        "72.19",
        9,
        "Burgstädt",
        offer("Extruder und Spritzgießmaschine für Rezyklat-Versuche", 300, "h/a", type=EQUIPMENT),
        need("Rezyklat-Muster von Recyclern der Region", 1, "t/a", avail=CONT),
        kind=RESEARCH,
        desc="Technikum für Kunststoffrecycling und Rezyklateinsatz.",
    ),
)

# Town building yards from one pattern: (town, employees, green waste t/a).
_BAUHOEFE: tuple[tuple[str, int, int], ...] = (
    ("Freiberg", 65, 2200),
    ("Döbeln", 48, 1500),
    ("Mittweida", 30, 900),
    ("Flöha", 18, 500),
    ("Frankenberg/Sa.", 22, 650),
    ("Hainichen", 15, 420),
    ("Roßwein", 12, 350),
    ("Leisnig", 14, 400),
    ("Waldheim", 13, 380),
    ("Brand-Erbisdorf", 16, 480),
    ("Oederan", 11, 300),
    ("Rochlitz", 12, 360),
    ("Burgstädt", 14, 420),
    ("Penig", 12, 330),
    ("Hartha", 10, 290),
    ("Geringswalde", 6, 170),
    ("Augustusburg", 7, 210),
)


def _slug(town: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "/": "-", ".": "", " ": "-"})
    return town.lower().translate(table).strip("-")


def _bauhof(index: int, row: tuple[str, int, int]) -> ActorSpec:
    town, employees, green = row
    label = town.removesuffix("/Sa.")
    streams = [
        offer(
            (
                "Grünschnitt, Laub und Baumschnitt aus Grünflächenpflege",
                "Grünschnitt und Laub (Parks, Friedhöfe)",
                "Baum- und Strauchschnitt städtische Grünanlagen",
                "Laub und Rasenschnitt",
                "Grüngut aus Straßenbegleitgrün",
            )[index % 5],
            green,
            "t/a",
            ewc="20 02 01" if index % 2 == 0 else None,
            avail=SEAS,
        ),
    ]
    if index % 3 == 0:
        streams.append(
            offer(
                (
                    "Straßenkehricht",
                    "Kehricht aus Straßenreinigung",
                    "Streugut / Straßenkehricht nach Winter",
                )[index // 3 % 3],
                round(green / 3),
                "t/a",
                ewc="20 03 03",
                avail=CONT,
            )
        )
    if index % 3 == 0:
        streams.append(
            need(
                (
                    "RC-Schotter für Wirtschaftswege und Parkplätze",
                    "Recyclingschotter für Feldwege",
                    "RC-Material 0/32 für Wegebau",
                )[index // 3 % 3],
                round(green * 1.5),
                "t/a",
                avail=SEAS,
            )
        )
    elif index % 3 == 1:
        streams.append(
            need(
                (
                    "Holzhackschnitzel für Heizung Schule/Turnhalle",
                    "Hackschnitzel für kommunale Holzheizung",
                    "Holzhackgut für Heizanlage Bauhof",
                )[index // 3 % 3],
                round(green / 4),
                "t/a",
                avail=SEAS,
            )
        )
    else:
        streams.append(
            offer(
                (
                    "Kehrmaschine und Winterdienstfahrzeug im Sommer verfügbar",
                    "Multicar mit Anbaugeräten zu vermieten",
                    "Häcksler und Hubsteiger stundenweise",
                )[index // 3 % 3],
                300,
                "h/a",
                type=EQUIPMENT,
                avail=SEAS,
            )
        )
    if index == 0:
        streams.append(
            need("Kompost für Grünanlagen und Friedhöfe", round(green / 5), "t/a", avail=SEAS)
        )
    if index == 2:
        streams.append(
            offer("Leerstehende Halle ehem. Bauhof, 800 m²", 800, "m2", type=CAPACITY, avail=ONCE)
        )
    return actor(
        f"bauhof-{_slug(town)}",
        f"Stadt {label} – Bauhof",
        "84.11",
        employees,
        town,
        *streams,
        kind=PUBLIC,
        desc="Städtischer Bauhof: Grünflächenpflege, Straßenunterhaltung, Winterdienst.",
    )


# Sewage works from one pattern: (town, population equivalents, sludge t/a).
_KLAERANLAGEN: tuple[tuple[str, int, int], ...] = (
    ("Freiberg", 70000, 3200),
    ("Döbeln", 45000, 2100),
    ("Mittweida", 30000, 1400),
    ("Frankenberg/Sa.", 20000, 900),
    ("Rochlitz", 12000, 550),
    ("Leisnig", 10000, 460),
    ("Brand-Erbisdorf", 15000, 700),
    ("Flöha", 25000, 1150),
)


def _klaeranlage(index: int, row: tuple[str, int, int]) -> ActorSpec:
    town, pe, sludge = row
    label = town.removesuffix("/Sa.")
    streams = [
        offer(
            (
                "Klärschlamm entwässert (TS ca. 25 %)",
                "Klärschlamm, entwässert (Zentrifuge)",
                "Faulschlamm entwässert, ca. 25 % TS",
                "Kommunaler Klärschlamm zur Verwertung",
            )[index % 4],
            sludge,
            "t/a",
            ewc="19 08 05",
            desc="Phosphorrückgewinnungspflicht ab 2029 beachten.",
            avail=CONT,
        ),
    ]
    if index % 2 == 0:
        streams.append(
            offer(
                (
                    "Gereinigtes Abwasser / Brauchwasser aus Ablauf",
                    "Brauchwasser aus Kläranlagenablauf",
                    "Klarwasser für Bewässerung oder Kühlung",
                )[index % 3],
                pe * 50,
                "m3/a",
                type=WATER,
                desc="Für Bewässerung, Reinigung oder Kühlung, Qualität nach Abstimmung.",
                avail=CONT,
            )
        )
        streams.append(
            offer(
                (
                    "Faulgas / Klärgas Überschuss",
                    "Klärgas, zeitweise Überschuss",
                    "Faulgas ungenutzt (Fackel)",
                )[index % 3],
                round(pe * 0.02),
                "MWh/a",
                type=ENERGY,
                avail=CONT,
            )
        )
        streams.append(
            need(
                (
                    "Co-Substrat für Faulturm (Fette, Flotate)",
                    "Fettabscheiderinhalte zur Co-Vergärung gesucht",
                    "Co-Substrate für Faulung (Flotatfett)",
                )[index % 3],
                round(pe / 50),
                "m3/a",
                ewc="19 08 09",
                avail=CONT,
            )
        )
    else:
        streams.append(
            offer(
                (
                    "Abwasserwärme Ablauf ~12–18 °C (Wärmepumpe)",
                    "Wärme aus Abwasser für Wärmepumpe",
                    "Abwasserwärme im Ablauf (ganzjährig 12–18 °C)",
                )[index % 3],
                round(pe * 0.05),
                "MWh/a",
                type=ENERGY,
                temp=15,
                avail=CONT,
            )
        )
    if index == 0:
        streams.append(
            offer(
                "Rechengut und Sandfanggut", round(sludge / 20), "t/a", ewc="19 08 01", avail=CONT
            )
        )
    if index == 0:
        streams.append(
            need("Know-how Phosphorrückgewinnung aus Klärschlamm(asche)", type=KNOWLEDGE)
        )
    return actor(
        f"klaeranlage-{_slug(town)}",
        f"Kläranlage {label} (Abwasserzweckverband)",
        "37.00",
        max(4, pe // 5000),
        town,
        *streams,
        kind=PUBLIC,
        desc=f"Ausbaugröße {pe:,} EW.".replace(",", "."),
    )


MUNICIPALITIES: tuple[ActorSpec, ...] = (
    actor(
        "landratsamt-mittelsachsen",
        "Landratsamt Mittelsachsen – Kreisentwicklung und Klimaschutz",
        "84.11",
        60,
        "Freiberg",
        offer("Energie- und Klimadaten Landkreis, Wärmekataster", type=DATA),
        offer("Fördermittelberatung Kreislaufwirtschaft", 500, "h/a", type=KNOWLEDGE),
        need("Daten zu Abfall- und Reststoffströmen der Unternehmen", type=DATA, confidential=True),
        kind=PUBLIC,
        desc="Stabsstelle Kreisentwicklung, Klimaschutzmanagement und Kreislaufwirtschaft.",
    ),
    actor(
        "stadt-freiberg-wirtschaft",
        "Stadtverwaltung Freiberg – Wirtschaftsförderung",
        "84.11",
        12,
        "Freiberg",
        offer("Freie Gewerbeflächen Gewerbegebiet Süd", 45000, "m2", type=CAPACITY),
        offer("Gewerbeflächenkataster und Leerstandsdaten", type=DATA),
        kind=PUBLIC,
        desc="Wirtschaftsförderung und Gewerbeflächenmanagement der Stadt.",
    ),
    actor(
        "stadt-doebeln-wirtschaft",
        "Stadtverwaltung Döbeln – Amt für Stadtentwicklung",
        "84.11",
        9,
        "Döbeln",
        offer(
            "Leerstehende Industriehalle Döbeln-Ost, 5.000 m²",
            5000,
            "m2",
            type=CAPACITY,
            avail=ONCE,
        ),
        need(
            "Abwärme für Quartierswärmenetz Innenstadt",
            4000,
            "MWh/a",
            type=ENERGY,
            temp=70,
            avail=SEAS,
        ),
        kind=PUBLIC,
        desc="Stadtentwicklung, Quartierskonzepte und Leerstandsmanagement.",
    ),
    actor(
        "gemeinde-striegistal",
        "Gemeindeverwaltung Striegistal",
        "84.11",
        20,
        "Striegistal",
        need(
            "Nahwärme für Grundschule und Gemeindezentrum",
            600,
            "MWh/a",
            type=ENERGY,
            temp=70,
            avail=SEAS,
        ),
        offer("Gemeindeflächen für Agri-PV / Blühstreifen", 80000, "m2", type=CAPACITY),
        kind=PUBLIC,
        desc="Gemeindeverwaltung mit Schule, Kita und Gemeindezentrum.",
    ),
    actor(
        "klinikum-zellwald",
        "Fachklinik am Zellwald gGmbH",
        "86.10",
        420,
        "Großschirma",
        offer("Speiseabfälle Klinikküche", 90, "t/a", ewc="20 01 08", avail=CONT),
        offer(
            "Abwärme Kältemaschinen / Sterilisation", 600, "MWh/a", type=ENERGY, temp=45, avail=CONT
        ),
        need(
            "Grünstrom und Wärme aus der Region (Contracting)",
            3500,
            "MWh/a",
            type=ENERGY,
            avail=CONT,
        ),
        kind=PUBLIC,
        desc="Reha- und Fachklinik mit 300 Betten.",
    ),
    *(_bauhof(i, row) for i, row in enumerate(_BAUHOEFE)),
    *(_klaeranlage(i, row) for i, row in enumerate(_KLAERANLAGEN)),
)

ASSOCIATIONS: tuple[ActorSpec, ...] = (
    actor(
        "handwerkerverband-mittelsachsen",
        "Handwerkerverband Mittelsachsen e.V.",
        "94.12",
        14,
        "Döbeln",
        offer(
            "Beratung Betriebsabfälle und Gewerbeabfallverordnung für Handwerksbetriebe",
            400,
            "h/a",
            type=KNOWLEDGE,
        ),
        offer("Schulungsräume und Werkstatt für Kurse", 300, "m2", type=CAPACITY),
        need("Daten: welche Reststoffe fallen in Handwerksbetrieben an?", type=DATA),
        kind=ASSOCIATION,
        desc="Interessenvertretung von Handwerksbetrieben im Landkreis.",
    ),
    actor(
        "bauernbund-mittelsachsen",
        "Bauernbund Mittelsachsen e.V.",
        "94.11",
        6,
        "Mittweida",
        offer("Vermittlung Gülle- und Gärrestbörse unter Mitgliedsbetrieben", type=SERVICE),
        offer("Know-how Düngeverordnung und Nährstoffbilanzen", type=KNOWLEDGE),
        kind=ASSOCIATION,
        desc="Interessenverband landwirtschaftlicher Betriebe.",
    ),
    actor(
        "netzwerk-zschopautal",
        "Unternehmernetzwerk Zschopautal e.V.",
        "94.11",
        3,
        "Waldheim",
        offer("Moderation Ressourceneffizienz-Tische für Unternehmen", 200, "h/a", type=SERVICE),
        need("Räume für Netzwerktreffen (20–40 Personen)", 40, "m2", type=CAPACITY),
        kind=ASSOCIATION,
        desc="Netzwerk von 60 Unternehmen im Zschopautal.",
    ),
    actor(
        "energieagentur-mittelsachsen",
        "Energieagentur Mittelsachsen e.V.",
        "94.99",
        7,
        "Freiberg",
        offer("Energieberatung und Fördermittel-Lotse für KMU", 900, "h/a", type=KNOWLEDGE),
        offer("Daten Abwärmepotenziale Landkreis (Kataster)", type=DATA),
        need("Meldungen ungenutzter Abwärme von Unternehmen", type=DATA),
        kind=ASSOCIATION,
        desc="Regionale Energieberatung für Kommunen und Unternehmen.",
    ),
    actor(
        "wirtschaftsinitiative-mittelsachsen",
        "Wirtschaftsinitiative Mittelsachsen e.V.",
        "94.11",
        5,
        "Hainichen",
        offer("Matchmaking-Veranstaltungen Industriesymbiose", 100, "h/a", type=SERVICE),
        kind=ASSOCIATION,
        desc="Unternehmerverein für regionale Wertschöpfung.",
    ),
)

SERVICES: tuple[ActorSpec, ...] = (
    actor(
        "spedition-hartha",
        "Spedition & Logistik Hartha GmbH",
        "49.41",
        85,
        "Hartha",
        offer(
            "Leerfahrten Richtung Chemnitz/Dresden/Leipzig",
            300,
            "pieces/a",
            type=CAPACITY,
            desc="Planen-Lkw und Schubboden, Rückladungen gesucht.",
        ),
        offer("Freie Lagerhalle 800 m²", 800, "m2", type=CAPACITY),
        offer("Altreifen Lkw", 25, "t/a", ewc="16 01 03", avail=CONT),
        desc="Spedition mit 60 Lkw und Lager, Schwerpunkt Sachsen.",
    ),
    actor(
        "logistik-freiberg",
        "Logistikzentrum Freiberg-Süd GmbH",
        "52.10",
        60,
        "Freiberg",
        offer("Kartonagen und Folien aus Kommissionierung", 250, "t/a", ewc="15 01 06", avail=CONT),
        offer("Paletten (Einweg) und Kanthölzer", 120, "t/a", ewc="15 01 03", avail=CONT),
        offer("Dachfläche 12.000 m² für PV", 12000, "m2", type=CAPACITY),
        desc="Kontraktlogistik und Lagerhaltung, 25.000 m² Halle.",
    ),
    actor(
        "ib-energie-freiberg",
        "Ingenieurbüro Energie & Verfahrenstechnik Freiberg",
        "71.12",
        11,
        "Freiberg",
        offer(
            "Know-how Prozessoptimierung Druckluft und Wärmerückgewinnung",
            600,
            "h/a",
            type=KNOWLEDGE,
        ),
        offer("Planung Nahwärmenetze und Abwärmeauskopplung", 800, "h/a", type=SERVICE),
        need("Messdaten Energieverbrauch als Referenz für Benchmark", type=DATA),
        desc="Ingenieurbüro für Energie- und Verfahrenstechnik.",
    ),
    actor(
        "labor-mittweida",
        "Umweltlabor Mittweida GmbH",
        "71.20",
        28,
        "Mittweida",
        offer(
            "Deklarationsanalysen Boden, Bauschutt, Abfälle (LAGA, DepV)", 3000, "h/a", type=SERVICE
        ),
        offer("Laborabfälle, Chemikalienreste", 1, "t/a", ewc="16 05 06*", avail=CONT),
        desc="Akkreditiertes Umweltlabor.",
    ),
    actor(
        "reinigung-floeha",
        "Industriereinigung Flöhatal GmbH",
        "81.22",
        70,
        "Flöha",
        offer("Saugwagen, Hochdruckreinigung, Tankreinigung", 4000, "h/a", type=SERVICE),
        offer(
            "Ölhaltige Schlämme aus Öl-/Wasserabscheidern", 60, "t/a", ewc="13 05 02*", avail=CONT
        ),
        desc="Industriereinigung, Tank- und Abscheiderreinigung.",
    ),
    actor(
        "integrationswerkstaetten-rosswein",
        "Integrationswerkstätten Roßwein gGmbH",
        "88.10",
        140,
        "Roßwein",
        offer("Montage- und Verpackungsdienstleistung, Demontage", 5000, "h/a", type=SERVICE),
        need("Aufträge Zerlegung / Sortierung (z. B. Elektroaltgeräte)", 2000, "h/a", type=SERVICE),
        kind=ActorKind.OTHER,
        desc="Werkstatt für Menschen mit Behinderung: Montage, Verpackung, Demontage.",
    ),
)

ACTORS: tuple[ActorSpec, ...] = (*RESEARCH_INSTITUTES, *MUNICIPALITIES, *ASSOCIATIONS, *SERVICES)

__all__ = ["ACTORS"]
