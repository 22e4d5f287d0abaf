"""Agriculture, forestry and fish farming of the demo region (fictional firms)."""

from __future__ import annotations

from kreislauf.examples.spec import (
    CAPACITY,
    CONT,
    ENERGY,
    EQUIPMENT,
    ONCE,
    SEAS,
    SERVICE,
    ActorSpec,
    actor,
    need,
    offer,
)


def _de(number: float) -> str:
    """A number the German way: 12.500 (thousands with a dot)."""
    return f"{number:,.0f}".replace(",", ".")


# Dairy and mixed farms written from one pattern: (id, name, place, employees, cows, hectares).
_DAIRY_FARMS: tuple[tuple[str, str, str, int, int, int], ...] = (
    ("agrar-hainichen", "Milchhof Hainichen GmbH", "Hainichen", 31, 480, 1350),
    ("agrar-rossau", "Agrargenossenschaft Rossau eG", "Rossau", 44, 620, 1900),
    ("agrar-erlau", "Landwirtschaftsbetrieb Erlau GbR", "Erlau", 9, 160, 520),
    ("agrar-koenigshain", "Agrar GmbH Königshain-Wiederau", "Königshain-Wiederau", 27, 390, 1450),
    ("agrar-seelitz", "Milchgut Seelitz KG", "Seelitz", 18, 300, 860),
    ("agrar-leubsdorf", "Agrargenossenschaft Leubsdorf eG", "Leubsdorf", 36, 540, 1700),
    (
        "agrar-grosshartmannsdorf",
        "Rinderzucht Großhartmannsdorf GmbH",
        "Großhartmannsdorf",
        22,
        350,
        990,
    ),
    ("agrar-mulda", "Bergland-Agrar Mulda eG", "Mulda/Sa.", 25, 410, 1200),
    ("agrar-lichtenberg", "Milchviehhof Lichtenberg GbR", "Lichtenberg/Erzgeb.", 7, 130, 380),
    ("agrar-claussnitz", "Agrarbetrieb Claußnitz GmbH & Co. KG", "Claußnitz", 16, 260, 950),
    ("agrar-koenigsfeld", "Landgut Königsfeld GmbH", "Königsfeld", 14, 210, 780),
    ("agrar-zschaitz", "Agrargenossenschaft Jahnatal eG", "Zschaitz-Ottewig", 40, 580, 2300),
)


def _dairy_farm(index: int, row: tuple[str, str, str, int, int, int]) -> ActorSpec:
    farm_id, name, place, employees, cows, hectares = row
    slurry = cows * 22
    streams = [
        offer(
            f"Rindergülle, ca. {_de(slurry)} m³/a",
            slurry,
            "m3/a",
            ewc="02 01 06" if index % 2 == 0 else None,
            desc=f"{cows} Milchkühe mit Nachzucht, Güllelager mit Rührwerk, Abholung per Tankwagen möglich.",
            avail=CONT,
        )
    ]
    if index % 3 == 0:
        streams.append(
            need(
                (
                    "Biertreber oder Pressschnitzel als Eiweißfutter",
                    "Suchen Treber (Brauerei) für Milchvieh",
                    "Nassfutter gesucht: Biertreber, Pressschnitzel, Kartoffelpülpe",
                    "Biertreber frisch, ca. 10–20 t/Woche",
                )[index % 4],
                round(cows * 2.2),
                "t/a",
                desc="Frisch oder siliert, Anlieferung Fahrsilo. Auch Molke oder Kartoffelschalen nach Absprache.",
                avail=CONT,
            )
        )
    elif index % 3 == 1:
        streams.append(
            need(
                (
                    "Futterreste / Nebenprodukte aus Lebensmittelherstellung für Rinderfütterung",
                    "Nebenprodukte Lebensmittelindustrie als Futter (Kleie, Treber, Schlempe)",
                    "Suchen Futtermittel aus Reststoffen, z. B. Molke oder Kleie",
                    "Eiweißfutter regional gesucht",
                )[index % 4],
                round(cows * 1.5),
                "t/a",
                desc="Treber, Schlempe, Kleie – alles was futtermittelrechtlich geht.",
            )
        )
    else:
        streams.append(
            need(
                (
                    "Gärrest flüssig als Wirtschaftsdünger",
                    "Suchen Gärreste für Ackerflächen",
                    "Gärrest / Gülle zur Düngung, Abnahme Frühjahr",
                    "Organischer Dünger (Gärrest) gesucht",
                )[index % 4],
                round(hectares * 6),
                "m3/a",
                desc=f"{_de(hectares)} ha Acker- und Grünland, Ausbringung März–Oktober mit Schleppschuh.",
                avail=SEAS,
            )
        )
    if index % 4 == 1:
        streams.append(
            offer(
                (
                    "Stroh Weizen/Gerste in Quaderballen",
                    "Gerstenstroh, Rundballen",
                    "Stroh ab Feld abzugeben",
                )[index % 3],
                round(hectares * 0.4),
                "t/a",
                desc="Ab Feld oder eingelagert, Pressung 120x70.",
                avail=SEAS,
            )
        )
    if index % 4 == 0:
        streams.append(
            offer(
                (
                    "Silofolie gebraucht, besenrein",
                    "Alte Silofolien und Unterziehfolie",
                    "Agrarfolie (Silo/Stretch) gebraucht",
                )[index % 3],
                round(hectares / 100, 1) + 2,
                "t/a",
                ewc="02 01 04",
                desc="Unterziehfolie und Silofolie PE, grob gereinigt, gerollt.",
                avail=SEAS,
            )
        )
    if index % 5 == 2:
        streams.append(
            offer(
                "Dachflächen Stall für Photovoltaik zu verpachten",
                round(cows * 4, -2),
                "m2",
                type=CAPACITY,
                desc="Süd-/Westdächer, Statik geprüft, Trafo in 300 m.",
            )
        )
    return actor(
        farm_id,
        name,
        "01.41" if index % 3 else "01.50",
        employees,
        place,
        *streams,
        desc=f"Milchvieh ({cows} Kühe) und Ackerbau auf {_de(hectares)} ha.",
    )


ACTORS: tuple[ActorSpec, ...] = (
    actor(
        "agrar-striegistal",
        "Agrargenossenschaft Striegistal eG",
        "01.41",
        68,
        "Striegistal",
        offer(
            "Rindergülle, ca. 16.000 m³/a",
            16000,
            "m3/a",
            ewc="02 01 06",
            desc="Milchviehanlage 600 Kühe. Gülle kann auch an Biogasanlage abgegeben werden, Transport muss geklärt werden.",
            avail=CONT,
        ),
        offer("Festmist Rind (Jungrinder, Tiefstreu)", 2500, "t/a", ewc="02 01 06", avail=SEAS),
        need(
            "Biertreber nass als Futtermittel",
            1200,
            "t/a",
            desc="Suchen regelmäßige Lieferung Treber, ca. 20–25 t/Woche, Silierung auf dem Betrieb.",
            avail=CONT,
        ),
        need(
            "Abwärme für Kälberaufzucht / Heutrocknung",
            350,
            "MWh/a",
            type=ENERGY,
            temp=50,
            avail=SEAS,
        ),
        desc="Milchproduktion, Marktfruchtbau, eigene Biogasanlage in Planung.",
    ),
    actor(
        "agrar-reinsberg",
        "Agrarbetrieb Reinsberg GmbH",
        "01.50",
        42,
        "Reinsberg",
        offer(
            "Stapelmist Rind, gut verrottet",
            3500,
            "t/a",
            ewc="02 01 06",
            avail=SEAS,
        ),
        offer(
            "Ausputzgetreide / Getreidereinigungsabgang",
            60,
            "t/a",
            ewc="02 01 03",
            desc="Bruchkorn, Spelzen, Unkrautsamen aus der Saatgutreinigung.",
            avail=SEAS,
        ),
        need("Gärrest flüssig, ca. 5.000 m³/a", 5000, "m3/a", avail=SEAS),
        need(
            "Lohnunternehmer für Maishäckseln gesucht",
            120,
            "h/a",
            type=SERVICE,
            desc="Häcksler mit Abfuhr, ca. 250 ha Silomais, Ende September.",
            avail=SEAS,
        ),
        desc="Ackerbau und Mutterkuhhaltung, 1.100 ha im Tal der Bobritzsch.",
    ),
    actor(
        "schwein-ostrau",
        "Schweinezucht Ostrau GmbH & Co. KG",
        "01.46",
        24,
        "Ostrau",
        offer(
            "Schweinegülle, ca. 9.000 m³/a",
            9000,
            "m3/a",
            ewc="02 01 06",
            desc="2.400 Mastplätze, Gülle TS ca. 5 %.",
            avail=CONT,
        ),
        need(
            "Molke / Molkenkonzentrat für Flüssigfütterung",
            4000,
            "m3/a",
            desc="Sauer- oder Süßmolke, Anlieferung Tankzug, Lagertank 60 m³ vorhanden.",
            avail=CONT,
        ),
        need(
            "Brot und Backwaren vom Vortag als Futter",
            300,
            "t/a",
            desc="Unverpackt oder entpackt, wöchentliche Abholung im Umkreis 40 km.",
        ),
        desc="Schweinemast mit 2.400 Plätzen, Flüssigfütterung.",
    ),
    actor(
        "gefluegel-grossweitzschen",
        "Geflügelhof Großweitzschen GmbH",
        "01.47",
        35,
        "Großweitzschen",
        offer(
            "Hühnertrockenkot (HTK), ca. 2.400 t/a",
            2400,
            "t/a",
            ewc="02 01 06",
            desc="Legehennen Bodenhaltung, HTK mit ca. 55 % TS, ideal für Biogas oder als Dünger.",
            avail=CONT,
        ),
        offer("Eierschalen aus Aufschlagbetrieb", 40, "t/a", ewc="02 02 03", avail=CONT),
        need("Hobelspäne / Holzspäne als Einstreu, staubarm", 180, "t/a", avail=CONT),
        offer(
            "Dachflächen Legehennenstall 6.000 m² für PV zu verpachten",
            6000,
            "m2",
            type=CAPACITY,
        ),
        desc="Legehennenhaltung (Bodenhaltung), 45.000 Tiere, eigene Packstelle.",
    ),
    actor(
        "gewaechshaus-taura",
        "Gewächshausgemüse Taura GmbH",
        "01.13",
        28,
        "Taura",
        need(
            "Niedertemperaturwärme für Gewächshaus (45–60 °C)",
            2500,
            "MWh/a",
            type=ENERGY,
            temp=55,
            desc="3 ha Tomaten und Gurken unter Glas, Heizperiode Sept.–Mai, derzeit Erdgas. Suchen Abwärme oder Nahwärme.",
            avail=SEAS,
        ),
        need(
            "CO2 für Gewächshausbegasung",
            150,
            "t/a",
            desc="Lebensmittelqualität, flüssig oder aus Rauchgas.",
        ),
        offer(
            "Pflanzenreste Tomaten/Gurken (Saisonende)",
            120,
            "t/a",
            ewc="02 01 03",
            desc="Fällt im November an, inkl. Schnüre (kompostierbar).",
            avail=SEAS,
        ),
        desc="Unterglasanbau von Tomaten und Gurken auf 3 ha, Vermarktung über Erzeugerorganisation.",
    ),
    actor(
        "obstbau-leisnig",
        "Obstbau Leisnig eG",
        "01.24",
        22,
        "Leisnig",
        offer(
            "Mostäpfel / Sortierabgang Äpfel",
            350,
            "t/a",
            desc="Klasse II und Übergrößen, ab September, lose im Großkisten.",
            avail=SEAS,
        ),
        offer("Baumschnitt aus Obstplantage", 180, "t/a", ewc="02 01 03", avail=SEAS),
        desc="Apfel- und Birnenanbau auf 180 ha, Sortierung und Lager in Leisnig.",
    ),
    actor(
        "lohn-muehlau",
        "Agrarservice Pfeifer Lohnunternehmen",
        "01.61",
        14,
        "Mühlau",
        offer(
            "Gülleausbringung mit Schleppschuh, freie Kapazitäten",
            600,
            "h/a",
            type=SERVICE,
            desc="Auch Gärrest, Transport mit Zubringer-Lkw. Frühjahr noch Termine frei.",
            avail=SEAS,
        ),
        offer(
            "Maishäcksler mit Abfahrern zu vermieten",
            type=EQUIPMENT,
            desc="Claas Jaguar mit 3 Abfahrgespannen, Einsatz Mittelsachsen und Umgebung.",
            avail=SEAS,
        ),
        desc="Lohnunternehmen für Gülle, Ernte und Transport im Raum Burgstädt/Penig.",
    ),
    actor(
        "forst-zellwald",
        "Forstbetrieb Zellwald GmbH",
        "02.20",
        12,
        "Großschirma",
        offer(
            "Waldrestholz / Kronenholz für Hackschnitzel",
            3000,
            "t/a",
            desc="Fichte, Kiefer, Buche gemischt, an der Waldstraße gepoltert, Hacken vor Ort möglich.",
            avail=SEAS,
        ),
        offer("Käferholz Fichte, Industrieholzqualität", 1500, "t/a", avail=ONCE),
        need("Pflanzgut Laubholz (Eiche, Buche) für Waldumbau", 40000, "pieces/a", avail=SEAS),
        desc="Privater Forstbetrieb, 2.600 ha Wald, Holzernte und Waldumbau.",
    ),
    actor(
        "fisch-zschaitz",
        "Teichwirtschaft Zschaitz",
        "03.22",
        6,
        "Zschaitz-Ottewig",
        need(
            "Warmwasser / Abwärme 20–28 °C für Kreislaufanlage Zander",
            400,
            "MWh/a",
            type=ENERGY,
            temp=25,
            desc="Geplante Aquakultur-Kreislaufanlage, Standort flexibel, suchen Partner mit Abwärme.",
            avail=CONT,
        ),
        offer(
            "Teichschlamm aus Entlandung",
            200,
            "t",
            desc="Einmalig bei Entschlammung 2 Teiche.",
            avail=ONCE,
        ),
        desc="Karpfenteichwirtschaft, Aufbau einer Kreislaufanlage geplant.",
    ),
    actor(
        "schaeferei-oederan",
        "Schäferei Oederaner Land",
        "01.45",
        4,
        "Oederan",
        offer(
            "Landschaftspflege mit Schafen (Beweidung PV-Flächen, Deponie, Deiche)",
            1500,
            "h/a",
            type=SERVICE,
            desc="650 Merinolandschafe, Wanderschäferei, Zaun und Hund vorhanden.",
            avail=SEAS,
        ),
        offer("Rohwolle ungewaschen", 8, "t/a", ewc="04 02 21", avail=SEAS),
        desc="Wanderschäferei mit Landschaftspflege im Erzgebirgsvorland.",
    ),
    actor(
        "kartoffel-ostrau",
        "Kartoffelhof Ostrau KG",
        "01.13",
        11,
        "Ostrau",
        offer(
            "Futterkartoffeln / Sortierabgang Kartoffeln",
            450,
            "t/a",
            desc="Untergrößen, grün, beschädigt – lose ab Lager.",
            avail=SEAS,
        ),
        offer(
            "Erdanhang / Waschschlamm aus Kartoffelwäsche", 300, "t/a", ewc="02 01 99", avail=SEAS
        ),
        desc="Speise- und Industriekartoffeln, Lagerhaltung und Sortierung.",
    ),
    *(_dairy_farm(i, row) for i, row in enumerate(_DAIRY_FARMS)),
)

__all__ = ["ACTORS"]
