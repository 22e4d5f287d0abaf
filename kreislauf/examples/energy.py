"""Energy of the demo region: biogas, biomass, district heating, power plants, solar, wind,
data centre heat (fictional firms)."""

from __future__ import annotations

from kreislauf.examples.spec import (
    CAPACITY,
    CONT,
    ENERGY,
    KNOWLEDGE,
    SEAS,
    SERVICE,
    ActorSpec,
    actor,
    need,
    offer,
)

# Agricultural biogas plants from one pattern: (id, name, place, kW electric, manure m3/a).
_BIOGAS: tuple[tuple[str, str, str, int, int], ...] = (
    ("biogas-ostrau", "Biogas Ostrau GmbH & Co. KG", "Ostrau", 750, 18000),
    ("biogas-striegistal", "Bioenergie Striegistal GmbH", "Striegistal", 500, 12000),
    ("biogas-rossau", "Biogasanlage Rossau GmbH & Co. KG", "Rossau", 1100, 25000),
    ("biogas-koenigshain", "Agrarenergie Königshain GmbH", "Königshain-Wiederau", 600, 14000),
    ("biogas-leubsdorf", "Biogas Leubsdorf GbR", "Leubsdorf", 250, 7000),
    ("biogas-grossweitzschen", "Energiehof Großweitzschen GmbH", "Großweitzschen", 1500, 30000),
)


def _biogas(index: int, row: tuple[str, str, str, int, int]) -> ActorSpec:
    plant_id, name, place, kw, manure = row
    heat = round(kw * 8000 * 0.9 / 1000 * 0.6)  # thermal MWh/a left after own use
    streams = [
        need(
            (
                "Rindergülle und Festmist als Substrat",
                "Gülle, Mist, HTK – suchen Wirtschaftsdünger",
                "Wirtschaftsdünger (Gülle/Mist) aus Tierhaltung im Umkreis 15 km",
            )[index % 3],
            manure,
            "t/a",
            ewc="02 01 06" if index % 2 == 0 else None,
            avail=CONT,
        ),
        offer(
            (
                "Abwärme BHKW ~85 °C, ungenutzt",
                "BHKW-Wärme im Sommer frei (85 °C)",
                "Überschusswärme Biogasanlage ~85 °C",
                "Wärme aus Biogas-BHKW abzugeben",
            )[index % 4],
            heat,
            "MWh/a",
            type=ENERGY,
            temp=85,
            desc=f"BHKW {kw} kW el., Wärme im Sommer weitgehend ungenutzt. Nahwärmeleitung bis 1,5 km denkbar.",
            avail=CONT,
        ),
        offer(
            "Gärrest flüssig" if index % 2 == 0 else "Gärreste (separiert, fest und flüssig)",
            round(manure * 0.9),
            "t/a",
            ewc="19 06 06" if index % 3 == 0 else None,
            desc="Nährstoffanalyse vorhanden, Abgabe an Landwirte, Ausbringung Frühjahr/Herbst.",
            avail=SEAS,
        ),
    ]
    if index % 2 == 1:
        streams.append(
            need(
                "Molke, Obst- und Gemüsereste als Co-Substrat",
                round(manure * 0.1),
                "t/a",
                avail=CONT,
            )
        )
    if index == 0:
        streams.append(offer("Biomethan-Potenzial, Know-how Gasaufbereitung", type=KNOWLEDGE))
    return actor(
        plant_id,
        name,
        "35.21",
        max(2, kw // 250),
        place,
        *streams,
        desc=f"Landwirtschaftliche Biogasanlage, BHKW {kw} kW elektrisch, Einsatz von Gülle, Mist und Mais.",
    )


ACTORS: tuple[ActorSpec, ...] = (
    actor(
        "bhkw-freiberg",
        "Biomasse-Heizkraftwerk Freiberg GmbH",
        "35.11",
        32,
        "Freiberg",
        need(
            "Altholz A I–IV für Biomasse-HKW",
            20000,
            "t/a",
            ewc="17 02 04*",
            desc="Annahme Altholz aller Kategorien inkl. A IV (Bahnschwellen ausgenommen), gebrochen < 150 mm.",
            avail=CONT,
        ),
        need("Holzhackschnitzel aus Landschaftspflege", 8000, "t/a", avail=CONT),
        offer("Kesselasche / Rostasche aus Holzfeuerung", 1800, "t/a", ewc="10 01 01", avail=CONT),
        offer(
            "Fernwärme 90 °C, Netz Freiberg-Nord", 15000, "MWh/a", type=ENERGY, temp=90, avail=CONT
        ),
        licences=(
            "17 02 01",
            "17 02 04*",
            "19 12 06*",
            "19 12 07",
            "20 01 37*",
            "20 01 38",
            "15 01 03",
            "03 01 05",
        ),
        desc="Altholz-Heizkraftwerk (20 MW thermisch) mit Fernwärmeauskopplung.",
    ),
    actor(
        "hkw-freiberg-sued",
        "Industrieheizkraftwerk Freiberg-Süd GmbH",
        "35.30",
        45,
        "Freiberg",
        offer(
            "REA-Gips",
            3000,
            "t/a",
            ewc="10 01 05",
            desc="Aus Rauchgasentschwefelung, Reinheit > 95 % CaSO4·2H2O.",
            avail=CONT,
        ),
        offer("Kesselasche Braunkohle", 4500, "t/a", ewc="10 01 01", avail=CONT),
        offer("Flugasche (Braunkohle)", 6000, "t/a", ewc="10 01 02", avail=CONT),
        offer("Dampf 16 bar, freie Kapazität", 30000, "MWh/a", type=ENERGY, temp=200, avail=CONT),
        need(
            "EBS (Ersatzbrennstoff) heizwertreich, 14–18 MJ/kg",
            25000,
            "t/a",
            ewc="19 12 10",
            avail=CONT,
            confidential=True,
        ),
        licences=("19 12 10", "19 12 12", "03 03 07"),
        desc="Industrieheizkraftwerk für Dampf und Strom, Braunkohle und Ersatzbrennstoffe.",
    ),
    actor(
        "waerme-hainichen",
        "Wärmeversorgung Hainichen GmbH",
        "35.30",
        12,
        "Hainichen",
        need(
            "Abwärme ab 70 °C für Fernwärmenetz",
            8000,
            "MWh/a",
            type=ENERGY,
            temp=70,
            desc="Netz 12 km, Vorlauf 75–90 °C, Dekarbonisierung bis 2035 geplant.",
            avail=CONT,
        ),
        need(
            "Suchen Holzhackschnitzel für Heizwerk",
            3000,
            "t/a",
            desc="G30–G50, Wassergehalt bis W35.",
            avail=SEAS,
        ),
        offer("Asche aus Hackschnitzelheizung", 60, "t/a", ewc="10 01 03", avail=CONT),
        desc="Fernwärmeversorgung Hainichen, Erdgas-BHKW und Hackschnitzelkessel.",
    ),
    actor(
        "nahwaerme-grossschirma",
        "Nahwärme Großschirma eG",
        "35.30",
        3,
        "Großschirma",
        need("Holzhackschnitzel für Heizwerk", 1200, "t/a", avail=SEAS),
        need(
            "Wärme aus Biogas-BHKW, Leitung bis 1 km",
            2000,
            "MWh/a",
            type=ENERGY,
            temp=80,
            avail=CONT,
        ),
        desc="Genossenschaftliches Nahwärmenetz für 120 Haushalte.",
    ),
    actor(
        "fernwaerme-doebeln",
        "Fernwärme Döbeln-Ost GmbH",
        "35.30",
        18,
        "Döbeln",
        need(
            "Abwärme Industrie ~60–90 °C für Wärmenetz Döbeln-Ost",
            12000,
            "MWh/a",
            type=ENERGY,
            temp=75,
            avail=CONT,
        ),
        desc="Wärmenetz im Gewerbe- und Wohngebiet Döbeln-Ost.",
    ),
    actor(
        "pv-grosshartmannsdorf",
        "PV-Park Großhartmannsdorf GmbH & Co. KG",
        "35.11",
        2,
        "Großhartmannsdorf",
        offer(
            "Solarstrom Mittagsspitze, Direktlieferung (PPA)",
            2500,
            "MWh/a",
            type=ENERGY,
            avail=SEAS,
        ),
        need(
            "Landschaftspflege / Schafbeweidung der PV-Freifläche",
            300,
            "h/a",
            type=SERVICE,
            avail=SEAS,
        ),
        desc="Freiflächen-Photovoltaik 8 MWp.",
    ),
    actor(
        "pv-sayda",
        "Solarpark Saydaer Höhe GmbH",
        "35.11",
        2,
        "Sayda",
        offer(
            "Überschussstrom PV für Elektrolyse oder Speicher",
            4000,
            "MWh/a",
            type=ENERGY,
            avail=SEAS,
        ),
        desc="Freiflächen-Photovoltaik 12 MWp auf ehemaliger Ackerfläche.",
    ),
    actor(
        "wind-hohe-strasse",
        "Bürgerwindpark Hohe Straße eG",
        "35.11",
        3,
        "Mulda/Sa.",
        offer(
            "Windstrom für lokale Direktbelieferung (Energy Sharing)",
            18000,
            "MWh/a",
            type=ENERGY,
            avail=CONT,
        ),
        desc="Bürgerwindpark mit 5 Anlagen.",
    ),
    actor(
        "wasserkraft-mulde",
        "Wasserkraftwerk an der Freiberger Mulde GmbH",
        "35.11",
        4,
        "Großschirma",
        offer("Strom aus Wasserkraft, grundlastfähig", 3500, "MWh/a", type=ENERGY, avail=CONT),
        desc="Laufwasserkraftwerk an einem historischen Wehr.",
    ),
    actor(
        "sonnenstrom-muldental",
        "Sonnenstrom Muldental eG",
        "35.11",
        5,
        "Mittweida",
        offer("Beratung Mieterstrom und Energie-Sharing für Gewerbe", 400, "h/a", type=KNOWLEDGE),
        need("Dachflächen > 1.000 m² für Bürger-PV", 20000, "m2", type=CAPACITY),
        desc="Energiegenossenschaft für Bürger-PV und Mieterstrom.",
    ),
    actor(
        "contracting-mittweida",
        "Energiecontracting Zschopautal GmbH",
        "35.30",
        14,
        "Mittweida",
        offer("Contracting Dampf- und Wärmeerzeugung, Biomassekessel", 2000, "h/a", type=SERVICE),
        desc="Energiedienstleister für Wärme- und Dampfcontracting.",
    ),
    actor(
        "rechenzentrum-freiberg",
        "Rechenzentrum Bergstadt Freiberg GmbH",
        "63.11",
        25,
        "Freiberg",
        offer(
            "Abwärme Rechenzentrum 30–35 °C",
            4000,
            "MWh/a",
            type=ENERGY,
            temp=32,
            desc="Ganzjährig, 500 kW Wärme, Anhebung per Wärmepumpe möglich.",
            avail=CONT,
        ),
        desc="Regionales Rechenzentrum (1 MW IT-Last).",
    ),
    *(_biogas(i, row) for i, row in enumerate(_BIOGAS)),
)

__all__ = ["ACTORS"]
