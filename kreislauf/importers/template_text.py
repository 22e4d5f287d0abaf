"""Texts of the spreadsheet template: the instructions sheet and the example rows.

The instructions are written for the firms a Wirtschaftsförderung sends the template to:
what to fill in, what each column means, which values are allowed, and what
"vertraulich" does with their data.
"""

from __future__ import annotations

from typing import Any

from kreislauf.importers.columns import (
    ACTOR_COLUMNS,
    SHEETS,
    STREAM_COLUMNS,
    UNIT_CHOICES,
    VOCABULARIES,
    Column,
    Language,
)

INTRO: dict[Language, tuple[str, ...]] = {
    "de": (
        "Vorlage für Angebote und Bedarfe: Reststoffe, Nebenprodukte, Abwärme, Wasser, "
        "Maschinen, Flächen, Wissen",
        "",
        "Wozu? Ihre Wirtschaftsförderung sucht Partner in der Region, die Ihre Reststoffe "
        "verwerten oder Ihnen liefern können, was Sie brauchen (industrielle Symbiose).",
        "",
        "So füllen Sie die Vorlage aus:",
        f"1. Blatt „{SHEETS['actors']['de']}“: eine Zeile je Unternehmen oder Standort. "
        "Pflicht sind Akteur-ID und Name.",
        f"2. Blatt „{SHEETS['streams']['de']}“: eine Zeile je Angebot (was Sie abgeben "
        "können) oder Bedarf (was Sie suchen). Pflicht sind Stoffstrom-ID, Akteur-ID, "
        "Angebot oder Bedarf und Bezeichnung.",
        "3. Die Bezeichnung ist die wichtigste Angabe: schreiben Sie sie so, wie Sie im "
        "Betrieb darüber sprechen (z. B. „Biertreber, frisch“, „Abwärme aus "
        "Druckluftkompressoren“). Menge, Einheit und Abfallschlüssel helfen, sind aber "
        "freiwillig.",
        "4. Zahlen dürfen ein Dezimalkomma haben (2,5). Einheiten: t/Jahr, m³/Jahr, "
        "MWh/Jahr, Stück usw. (Auswahlliste).",
        f"5. Blatt „{SHEETS['region']['de']}“ füllt die Wirtschaftsförderung aus.",
        "",
        "Beispielzeilen: Zeilen, deren ID mit „BEISPIEL“ beginnt, sind Beispiele und "
        "werden beim Einlesen übersprungen. Löschen oder überschreiben Sie sie.",
        "",
        "Datenschutz: Setzen Sie „vertraulich“ auf „ja“, wenn anderen Unternehmen zu "
        "diesem Eintrag Ihr Name nicht gezeigt werden soll. Die Wirtschaftsförderung sieht "
        "ihn weiterhin und vermittelt den Kontakt nur mit Ihrer Zustimmung. Geben Sie "
        "keine Geschäftsgeheimnisse in Freitextfeldern an.",
        "",
        "Die Spalten im Einzelnen:",
    ),
    "en": (
        "Template for offers and needs: residues, by-products, waste heat, water, "
        "machines, space, know-how",
        "",
        "What for? Your economic development agency looks for partners in the region who "
        "can use your residues or supply what you need (industrial symbiosis).",
        "",
        "How to fill it in:",
        f"1. Sheet '{SHEETS['actors']['en']}': one row per company or site. Actor ID and "
        "Name are required.",
        f"2. Sheet '{SHEETS['streams']['en']}': one row per offer (what you can give) or "
        "need (what you look for). Stream ID, Actor ID, Offer or need and Title are "
        "required.",
        "3. The title matters most: write it as you would say it at work (e.g. 'spent "
        "grain, fresh', 'waste heat from air compressors'). Quantity, unit and waste code "
        "help but are optional.",
        "4. Units: t/a, m3/a, MWh/a, pieces and so on (drop-down list).",
        f"5. The agency fills in the sheet '{SHEETS['region']['en']}'.",
        "",
        "Example rows: rows whose ID begins with 'EXAMPLE' are examples and are skipped "
        "on import. Delete or overwrite them.",
        "",
        "Privacy: set 'Confidential' to 'yes' where other companies must not see your name "
        "with this entry. The agency still sees it and passes on contacts only with your "
        "consent. Do not put trade secrets into free-text fields.",
        "",
        "The columns:",
    ),
}

TABLE_HEAD: dict[Language, tuple[str, ...]] = {
    "de": ("Blatt", "Spalte", "Pflicht", "Bedeutung", "Erlaubte Werte"),
    "en": ("Sheet", "Column", "Required", "Meaning", "Allowed values"),
}
YES: dict[Language, str] = {"de": "ja", "en": "yes"}
ANY: dict[Language, str] = {"de": "Text", "en": "text"}
NUMBER: dict[Language, str] = {"de": "Zahl", "en": "number"}
REGION_HEAD: dict[Language, tuple[str, str]] = {"de": ("Feld", "Wert"), "en": ("Field", "Value")}


def allowed_values(column: Column, language: Language) -> str:
    if column.vocabulary:
        return ", ".join(VOCABULARIES[column.vocabulary].labels(language))
    if column.kind == "unit":
        return ", ".join(UNIT_CHOICES[language])
    if column.kind in ("number", "int"):
        return NUMBER[language]
    return ANY[language]


def column_rows(language: Language) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for section, columns in (("actors", ACTOR_COLUMNS), ("streams", STREAM_COLUMNS)):
        for column in columns:
            rows.append(
                (
                    SHEETS[section][language],
                    column.header(language),
                    YES[language] if column.required else "",
                    column.help(language),
                    allowed_values(column, language),
                )
            )
    return rows


def example_actors(language: Language) -> list[dict[str, Any]]:
    prefix = "BEISPIEL" if language == "de" else "EXAMPLE"
    return [
        {
            "id": f"{prefix}-1",
            "name": "Musterbrauerei GmbH" if language == "de" else "Model Brewery Ltd",
            "kind": "company",
            "nace": "11.05",
            "employees": 45,
            "lat": 51.57,
            "lon": 8.11,
            "municipality": "Soest",
            "description": "Brauerei mit eigener Mälzerei"
            if language == "de"
            else "Brewery with its own malt house",
        },
        {
            "id": f"{prefix}-2",
            "name": "Holzbau Beispiel KG" if language == "de" else "Example Timber Ltd",
            "kind": "company",
            "nace": "16.23",
            "employees": 12,
            "municipality": "Lippstadt",
            "licences": ["15 01 03"],
        },
    ]


def example_streams(language: Language) -> list[dict[str, Any]]:
    prefix = "BEISPIEL" if language == "de" else "EXAMPLE"
    de = language == "de"
    return [
        {
            "id": f"{prefix}-S1",
            "actor": f"{prefix}-1",
            "direction": "offer",
            "type": "material",
            "title": "Biertreber, frisch" if de else "spent grain, fresh",
            "description": "täglich ab 6 Uhr abholbereit" if de else "ready daily from 6 am",
            "hazardous": False,
            "quantity": 1200,
            "unit": "t/a",
            "availability": "continuous",
            "confidential": False,
        },
        {
            "id": f"{prefix}-S2",
            "actor": f"{prefix}-1",
            "direction": "offer",
            "type": "energy",
            "title": "Abwärme aus der Kälteanlage" if de else "waste heat from the chiller",
            "quantity": 350,
            "unit": "MWh/a",
            "temperature_c": 45,
            "availability": "continuous",
            "confidential": True,
        },
        {
            "id": f"{prefix}-S3",
            "actor": f"{prefix}-2",
            "direction": "need",
            "type": "material",
            "title": "Holzpaletten, unbehandelt" if de else "wooden pallets, untreated",
            "ewc": "15 01 03",
            "hazardous": False,
            "quantity": 300,
            "unit": "pieces/a",
            "availability": "seasonal",
        },
    ]


__all__ = [
    "INTRO",
    "REGION_HEAD",
    "TABLE_HEAD",
    "allowed_values",
    "column_rows",
    "example_actors",
    "example_streams",
]
