"""Food and drink of the demo region: dairy, bakeries, brewing, meat, juice, mills (fictional firms)."""

from __future__ import annotations

from kreislauf.examples.spec import (
    CAPACITY,
    CONT,
    DATA,
    ENERGY,
    SEAS,
    SERVICE,
    WATER,
    ActorSpec,
    actor,
    need,
    offer,
)

# Craft bakeries written from one pattern: (id, name, place, employees, shops, returns t/a).
_BAKERIES: tuple[tuple[str, str, str, int, int, int], ...] = (
    ("baeckerei-mittweida", "Bäckerei & Konditorei Lehmann Mittweida", "Mittweida", 46, 9, 38),
    ("baeckerei-rochlitz", "Landbäckerei Rochlitzer Berg", "Rochlitz", 28, 6, 22),
    ("baeckerei-burgstaedt", "Bäckerei Seidel GmbH", "Burgstädt", 35, 7, 27),
    ("baeckerei-brand", "Erzgebirgsbäckerei Brand-Erbisdorf", "Brand-Erbisdorf", 19, 4, 14),
    ("baeckerei-waldheim", "Bäckerei Winkler Waldheim", "Waldheim", 23, 5, 18),
)


def _bakery(index: int, row: tuple[str, str, str, int, int, int]) -> ActorSpec:
    bakery_id, name, place, employees, shops, returns = row
    streams = [
        offer(
            (
                "Brot vom Vortag / Retourware aus Filialen",
                "Retourbrot und Brötchen vom Vortag",
                "Altbrot / Backwarenrücklauf",
                "Backwaren vom Vortag (unverkauft)",
                "Rückläufer Brot und Kuchen",
            )[index % 5],
            returns,
            "t/a",
            ewc="02 06 01" if index % 2 == 0 else None,
            desc=f"Rücklauf aus {shops} Filialen, täglich, teils verpackt. Abholung morgens ab 6 Uhr.",
            avail=CONT,
        ),
    ]
    if index % 2 == 0:
        streams.append(
            offer(
                (
                    "Abwärme Backofen (Rauchgas/Schwaden)",
                    "Abgaswärme Backöfen",
                    "Ofenabwärme Backstube",
                )[index % 3],
                round(shops * 25),
                "MWh/a",
                type=ENERGY,
                temp=160 if index == 0 else 120,
                desc="Etagenofen und Stikkenofen, Wärmetauscher noch nicht vorhanden.",
                avail=CONT,
            )
        )
    else:
        streams.append(
            need(
                "Mehl und Getreide aus der Region",
                round(returns * 6),
                "t/a",
                desc="Roggen- und Weizenmehl Type 1050/550, gern direkt von Mühle aus Mittelsachsen.",
                avail=CONT,
            )
        )
    if index % 3 == 1:
        streams.append(
            offer(
                "Kühlzelle teilweise frei",
                12,
                "m2",
                type=CAPACITY,
                desc="Pluskühlung 2–4 °C, Zugang werktags.",
            )
        )
    return actor(
        bakery_id,
        name,
        "10.71",
        employees,
        place,
        *streams,
        desc=f"Handwerksbäckerei mit {shops} Filialen.",
    )


ACTORS: tuple[ActorSpec, ...] = (
    actor(
        "milchwerk-doebeln",
        "Milchwerk Döbeln GmbH",
        "10.51",
        160,
        "Döbeln",
        offer(
            "Sauermolke aus Quarkherstellung, ca. 25.000 m³/a",
            25000,
            "m3/a",
            desc="TS ca. 6 %, pH 4,5. Täglicher Anfall, Abholung per Tankzug, Lagerkapazität 2 Tage.",
            avail=CONT,
        ),
        offer(
            "Abwärme Kälteanlage (Verflüssiger) ~35 °C",
            1800,
            "MWh/a",
            type=ENERGY,
            temp=35,
            avail=CONT,
        ),
        offer("Flotatschlamm aus Betriebskläranlage", 900, "t/a", ewc="02 05 02", avail=CONT),
        offer(
            "CIP-Spülwasser, leicht alkalisch",
            20000,
            "m3/a",
            type=WATER,
            desc="Nachspülwasser aus CIP-Reinigung, CSB ca. 800 mg/l, 40 °C.",
            avail=CONT,
        ),
        offer("PE-Stretchfolie sauber, in Ballen gepresst", 45, "t/a", ewc="15 01 02", avail=CONT),
        need(
            "Prozessdampf 8 bar",
            6000,
            "MWh/a",
            type=ENERGY,
            temp=175,
            desc="Derzeit Erdgaskessel, suchen Dampf aus Biomasse oder Abwärme.",
            avail=CONT,
        ),
        desc="Molkerei für Quark, Joghurt und Butter, Verarbeitung ca. 300.000 l Milch täglich.",
    ),
    actor(
        "kaeserei-wechselburg",
        "Hofkäserei Wechselburger Land",
        "10.51",
        9,
        "Wechselburg",
        offer(
            "Süßmolke aus Schnittkäserei",
            400,
            "m3/a",
            desc="Ca. 1,5 m³ pro Tag, Abholung durch Landwirt erwünscht.",
            avail=CONT,
        ),
        desc="Hofkäserei mit Schnitt- und Weichkäse aus Heumilch.",
    ),
    actor(
        "brauhaus-rosswein",
        "Muldentaler Brauhaus Roßwein GmbH",
        "11.05",
        45,
        "Roßwein",
        offer(
            "Biertreber nass, ca. 15 t/Woche",
            780,
            "t/a",
            desc="Brauereitreber frisch vom Läuterbottich, TS ca. 22 %. Abholung mit Kipper, Futtermittelregistrierung vorhanden.",
            avail=CONT,
        ),
        offer("Überschusshefe flüssig", 60, "m3/a", avail=CONT),
        offer(
            "Gärungs-CO2 (Rückgewinnung möglich)",
            80,
            "t/a",
            desc="Derzeit ungenutzt über Dach. Rückgewinnungsanlage müsste installiert werden.",
        ),
        need("Braugerste aus der Region", 1300, "t/a", avail=SEAS),
        need(
            "Abwärme oder Biomassewärme für Sudhaus (95 °C)",
            900,
            "MWh/a",
            type=ENERGY,
            temp=95,
        ),
        desc="Mittelständische Brauerei, ca. 60.000 hl/Jahr, Mehrweg.",
    ),
    actor(
        "gasthausbrauerei-burgstaedt",
        "Gasthausbrauerei Zum Taurastein Burgstädt",
        "11.05",
        14,
        "Burgstädt",
        offer(
            "Treber aus Hausbrauerei, ca. 2 t/Woche",
            100,
            "t/a",
            ewc="02 07 04",
            desc="Abholung Di + Fr, muss schnell weg (verdirbt nach 2 Tagen).",
            avail=CONT,
        ),
        offer("Altspeisefett / Frittierfett aus Gastronomie", 3, "t/a", ewc="20 01 25"),
        desc="Gasthaus mit eigener Brauerei (10-hl-Sudwerk).",
    ),
    actor(
        "schlachthof-rochlitz",
        "Fleischerei und Schlachthof Rochlitz GmbH",
        "10.11",
        55,
        "Rochlitz",
        offer(
            "Schlachtnebenprodukte Kat. 3 (Knochen, Fett, Häute)",
            600,
            "t/a",
            ewc="02 02 02",
            avail=CONT,
            confidential=True,
        ),
        offer(
            "Panseninhalt / Magen-Darm-Inhalt",
            300,
            "t/a",
            ewc="02 02 03",
            desc="Geeignet für Biogasanlage, Pumpfähig nach Aufbereitung.",
            avail=CONT,
        ),
        offer("Abwärme Kälteanlage ~40 °C", 700, "MWh/a", type=ENERGY, temp=40, avail=CONT),
        need(
            "Heißwasser 60 °C für Reinigung Schlachtlinie",
            450,
            "MWh/a",
            type=ENERGY,
            temp=60,
            avail=CONT,
        ),
        desc="Regionaler Schlachthof für Rind und Schwein mit Zerlegung und Fleischerei.",
    ),
    actor(
        "wurst-oederan",
        "Wurstmanufaktur Oederan GmbH",
        "10.13",
        38,
        "Oederan",
        offer(
            "Fettabscheiderinhalt",
            120,
            "m3/a",
            ewc="19 08 09",
            desc="Leerung alle 4 Wochen.",
            avail=CONT,
        ),
        offer("Räucherspäne-Asche und Räucherrückstände", 2, "t/a"),
        need(
            "Buchenholz-Räucherspäne, unbehandelt",
            18,
            "t/a",
            desc="Buche, rindenfrei, Körnung 2–4 mm.",
            avail=CONT,
        ),
        desc="Herstellung von Wurst- und Räucherwaren, Belieferung von Handel und Gastronomie.",
    ),
    actor(
        "backwaren-frankenberg",
        "Backwarenfabrik Frankenberg GmbH",
        "10.71",
        210,
        "Frankenberg/Sa.",
        offer(
            "Retourware Backwaren aus Handel",
            900,
            "t/a",
            ewc="02 06 01",
            desc="Verpackt (Folie/Papier), Entpackung muss beim Abnehmer erfolgen.",
            avail=CONT,
            confidential=True,
        ),
        offer(
            "Abwärme Durchlauföfen ~120 °C",
            2500,
            "MWh/a",
            type=ENERGY,
            temp=120,
            avail=CONT,
        ),
        offer("Mehlstaub aus Absaugung", 25, "t/a", ewc="02 06 01"),
        need(
            "Messdaten / Benchmark Energieverbrauch Backbetriebe",
            type=DATA,
            desc="Für ISO 50001, anonymisierter Vergleich mit anderen Bäckereien erwünscht.",
        ),
        desc="Industrielle Backwarenherstellung (Toast, Brötchen, Kuchen) im Drei-Schicht-Betrieb.",
    ),
    actor(
        "mosterei-leisnig",
        "Mosterei & Fruchtsaft Leisnig GmbH",
        "10.32",
        30,
        "Leisnig",
        offer(
            "Apfeltrester frisch",
            1500,
            "t/a",
            ewc="02 03 04",
            desc="September bis November, ca. 30 t/Tag in der Kampagne.",
            avail=SEAS,
        ),
        need("Mostäpfel / Streuobst", 4000, "t/a", avail=SEAS),
        offer("Spülwasser aus Obstwäsche", 6000, "m3/a", type=WATER, avail=SEAS),
        desc="Lohnmosterei und Fruchtsafthersteller, Direktsäfte aus Streuobst.",
    ),
    actor(
        "obstbrennerei-seelitz",
        "Obstbrennerei Seelitz",
        "11.01",
        5,
        "Seelitz",
        offer(
            "Schlempe aus Obstbrand",
            200,
            "m3/a",
            ewc="02 07 02",
            desc="Kernobstschlempe, Anfall Nov.–März.",
            avail=SEAS,
        ),
        need("Obsttrester / Fallobst zum Brennen", 150, "t/a", avail=SEAS),
        desc="Kleinbrennerei für Obstbrände und Liköre.",
    ),
    actor(
        "muehle-grossweitzschen",
        "Mühle Großweitzschen GmbH",
        "10.61",
        18,
        "Großweitzschen",
        offer("Weizenkleie und Mühlennachprodukte", 2000, "t/a", avail=CONT),
        offer("Schwarzbesatz / Getreidestaub aus Reinigung", 40, "t/a", ewc="02 03 04"),
        need("Strom aus PV direkt (PPA), Grundlast Mühle", 1400, "MWh/a", type=ENERGY, avail=CONT),
        desc="Handelsmühle für Weizen- und Roggenmehl, Vermahlung ca. 25.000 t/Jahr.",
    ),
    actor(
        "mischfutter-ostrau",
        "Mischfutterwerk Ostrau GmbH",
        "10.91",
        26,
        "Ostrau",
        need(
            "Backwarenreste als Futtermittelkomponente",
            1500,
            "t/a",
            desc="Nur lebensmittelreine Ware, unverpackt, trocken.",
            avail=CONT,
        ),
        need("Kleie, Futtermehl", 3000, "t/a", avail=CONT),
        offer(
            "Getreide-Trocknungsanlage freie Kapazität Ernte", 2000, "t", type=CAPACITY, avail=SEAS
        ),
        desc="Mischfutterwerk für Rinder-, Schweine- und Geflügelfutter.",
    ),
    actor(
        "quelle-augustusburg",
        "Quellbrunnen Augustusburg GmbH",
        "11.07",
        48,
        "Augustusburg",
        offer("PET-Flaschen Ausschuss und Preforms", 30, "t/a", ewc="15 01 02", avail=CONT),
        offer(
            "Spülwasser aus Flaschenreinigung",
            15000,
            "m3/a",
            type=WATER,
            desc="Mehrwegflaschen-Waschanlage, Laugeanteil gering, 30 °C.",
            avail=CONT,
        ),
        desc="Mineralbrunnen mit Mehrweg- und PET-Abfüllung.",
    ),
    actor(
        "kantine-mittelsachsen",
        "Kantinen- und Cateringservice Mittelsachsen GmbH",
        "56.29",
        85,
        "Freiberg",
        offer("Speisereste aus Großküche", 140, "t/a", ewc="20 01 08", avail=CONT),
        offer("Altspeiseöl / Frittierfett", 9, "t/a", ewc="20 01 25", avail=CONT),
        desc="Gemeinschaftsverpflegung für Betriebe, Schulen und Kitas, 4.500 Essen täglich.",
    ),
    actor(
        "hotel-augustusburg",
        "Hotel am Schlossberg Augustusburg",
        "55.10",
        40,
        "Augustusburg",
        offer("Küchen- und Speiseabfälle", 35, "t/a", ewc="20 01 08", avail=CONT),
        need(
            "Wäschereidienstleistung Bettwäsche/Tischwäsche", 1200, "h/a", type=SERVICE, avail=CONT
        ),
        desc="Tagungshotel mit 80 Zimmern und Restaurant.",
    ),
    actor(
        "feinkost-hartha",
        "Sächsische Feinkost Hartha GmbH",
        "10.39",
        70,
        "Hartha",
        offer(
            "Gemüseschalen und Schälreste (Kartoffel, Zwiebel, Möhre)",
            850,
            "t/a",
            ewc="02 03 04",
            avail=CONT,
        ),
        offer("Ölhaltiges Abwasser aus Salatproduktion", 3000, "m3/a", type=WATER),
        need("Kartoffeln Industriequalität", 3000, "t/a", avail=SEAS),
        desc="Herstellung von Feinkostsalaten und geschälten Kartoffeln für Großküchen.",
    ),
    actor(
        "honig-frauenstein",
        "Imkerei Erzgebirgshonig Frauenstein",
        "01.49",
        3,
        "Frauenstein",
        need(
            "Blühflächen / Stellplätze für Bienenvölker (PV-Freiflächen, Deponie)",
            40,
            "pieces",
            type=CAPACITY,
            avail=SEAS,
        ),
        desc="Imkerei mit 120 Bienenvölkern im Osterzgebirge.",
    ),
    *(_bakery(i, row) for i, row in enumerate(_BAKERIES)),
)

__all__ = ["ACTORS"]
