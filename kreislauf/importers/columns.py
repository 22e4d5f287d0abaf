"""The vocabulary of the spreadsheets: sheets, columns and cell values in German and English.

A column has a German and an English header and some spellings firms use instead; a
header is recognised after folding (case, umlauts, spaces and punctuation do not count:
"Abfallschlüssel (AVV)", "abfallschluessel avv" and "AVV" name the same column). Values of
the enumerations (direction, type, kind, availability, yes/no) likewise: "Angebot",
"biete" and "offer" all mean ``offer``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath
from typing import Literal

Language = Literal["de", "en"]
Kind = Literal["text", "int", "number", "bool", "enum", "unit", "codes", "code"]

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """A header or value reduced to lower-case ASCII letters and digits."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text)


@dataclass(frozen=True)
class Column:
    """One column of the actors or the streams sheet."""

    key: str
    de: str
    en: str
    kind: Kind
    help_de: str
    help_en: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    vocabulary: str | None = None
    width: int = 16

    def header(self, language: Language) -> str:
        return self.de if language == "de" else self.en

    def help(self, language: Language) -> str:
        return self.help_de if language == "de" else self.help_en

    @cached_property
    def spellings(self) -> frozenset[str]:
        return frozenset(fold(s) for s in (self.de, self.en, self.key, *self.aliases))


@dataclass(frozen=True)
class Vocabulary:
    """Allowed values of an enumerated column: canonical value -> labels and spellings."""

    name: str
    labels_de: Mapping[str, str]
    labels_en: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]]

    def label(self, value: str, language: Language) -> str:
        return (self.labels_de if language == "de" else self.labels_en)[value]

    def labels(self, language: Language) -> list[str]:
        return list((self.labels_de if language == "de" else self.labels_en).values())

    @cached_property
    def _index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for value in self.labels_en:
            names = (value, self.labels_de[value], self.labels_en[value], *self.aliases[value])
            index.update({fold(n): value for n in names if fold(n)})
        return index

    def lookup(self, text: str) -> str | None:
        """The canonical value a cell's text names, or None."""
        return self._index.get(fold(text))


DIRECTION = Vocabulary(
    "direction",
    {"offer": "Angebot", "need": "Bedarf"},
    {"offer": "offer", "need": "need"},
    {
        "offer": ("biete", "bieten", "bietet", "abgabe", "angeboten", "haben", "have", "give"),
        "need": ("suche", "suchen", "sucht", "nachfrage", "gesucht", "brauche", "want", "wanted"),
    },
)
STREAM_TYPE = Vocabulary(
    "type",
    {
        "material": "Material", "energy": "Energie", "water": "Wasser",
        "equipment": "Ausrüstung", "service": "Dienstleistung", "knowledge": "Wissen",
        "capacity": "Kapazität", "data": "Daten",
    },
    {
        "material": "material", "energy": "energy", "water": "water",
        "equipment": "equipment", "service": "service", "knowledge": "knowledge",
        "capacity": "capacity", "data": "data",
    },
    {
        "material": ("Stoff", "Rohstoff", "Reststoff", "Werkstoff", "Abfall", "waste"),
        "energy": ("Wärme", "Abwärme", "Strom", "heat", "power"),
        "water": ("Abwasser", "Prozesswasser", "wastewater"),
        "equipment": (
            "Maschine", "Maschinen", "Ausrüstung/Maschine", "Gerät", "Geräte", "machine",
            "machinery",
        ),
        "service": ("Service", "Dienstleistungen"),
        "knowledge": ("Know-how", "Knowhow", "Erfahrung", "expertise"),
        "capacity": ("Kapazitäten", "Fläche", "Lager", "Lagerfläche", "space", "storage"),
        "data": ("Daten", "Datensatz", "dataset"),
    },
)  # fmt: skip
ACTOR_KIND = Vocabulary(
    "kind",
    {
        "company": "Unternehmen", "research": "Forschung", "public": "öffentlich",
        "association": "Verband", "other": "Sonstige",
    },
    {
        "company": "company", "research": "research", "public": "public",
        "association": "association", "other": "other",
    },
    {
        "company": ("Firma", "Betrieb", "GmbH", "business", "firm"),
        "research": ("Hochschule", "Universität", "Institut", "university", "institute"),
        "public": ("öffentliche Hand", "Kommune", "Verwaltung", "Behörde", "municipality"),
        "association": ("Verein", "Kammer", "Netzwerk", "chamber", "network"),
        "other": ("andere", "sonstiges", "anderes"),
    },
)  # fmt: skip
AVAILABILITY = Vocabulary(
    "availability",
    {"continuous": "kontinuierlich", "seasonal": "saisonal", "one-off": "einmalig"},
    {"continuous": "continuous", "seasonal": "seasonal", "one-off": "one-off"},
    {
        "continuous": ("laufend", "ganzjährig", "regelmäßig", "dauerhaft", "ongoing"),
        "seasonal": ("Saison", "saisonweise", "season"),
        "one-off": ("einmal", "einmaliges", "once", "oneoff", "single"),
    },
)
YES_NO = Vocabulary(
    "yes/no",
    {"true": "ja", "false": "nein"},
    {"true": "yes", "false": "no"},
    {"true": ("j", "y", "x", "wahr", "1", "true"), "false": ("n", "falsch", "0", "false")},
)
VOCABULARIES = {v.name: v for v in (DIRECTION, STREAM_TYPE, ACTOR_KIND, AVAILABILITY, YES_NO)}

#: Units offered in the drop-down of the template; any spelling parse_unit(strict=False)
#: accepts is read as well.
UNIT_CHOICES: dict[Language, tuple[str, ...]] = {
    "de": (
        "t/Jahr", "t", "kg/Jahr", "m³/Jahr", "m³", "MWh/Jahr", "kWh/Jahr", "Stück",
        "Stück/Jahr", "h/Jahr", "m²",
    ),
    "en": ("t/a", "t", "kg/a", "m3/a", "m3", "MWh/a", "kWh/a", "pieces", "pieces/a", "h/a", "m2"),
}  # fmt: skip

ACTOR_COLUMNS: tuple[Column, ...] = (
    Column("id", "Akteur-ID", "Actor ID", "text",
           "Kurze eindeutige Kennung, z. B. A1 oder brauerei-mueller. Die Stoffströme verweisen darauf.",
           "Short unique id, e.g. A1 or brewery-miller. Streams refer to it.",
           required=True, aliases=("id", "akteur", "akteurid", "firmenid", "actorid"), width=16),
    Column("name", "Name", "Name", "text",
           "Name des Unternehmens oder der Einrichtung.",
           "Name of the company or institution.",
           required=True, aliases=("Firma", "Firmenname", "Unternehmen", "company"), width=32),
    Column("kind", "Art", "Kind", "enum",
           "Unternehmen, Forschung, öffentlich, Verband oder Sonstige (leer: Unternehmen).",
           "company, research, public, association or other (empty: company).",
           aliases=("Art des Akteurs", "Akteursart", "actor kind"), vocabulary="kind", width=16),
    Column("nace", "WZ-Code", "NACE code", "code",
           "Wirtschaftszweig nach WZ 2008 / NACE Rev. 2, z. B. 11.05 (Brauereien); auch 11 oder C.",
           "Economic activity, NACE Rev. 2 / WZ 2008, e.g. 11.05 (beer); also 11 or C.",
           aliases=("WZ", "WZ 2008", "NACE", "Wirtschaftszweig", "sector code"), width=12),
    Column("employees", "Beschäftigte", "Employees", "int",
           "Anzahl der Beschäftigten (ganze Zahl).",
           "Number of employees (whole number).",
           aliases=("Mitarbeiter", "Mitarbeitende", "Anzahl Beschäftigte", "staff", "headcount"),
           width=13),
    Column("lat", "Breitengrad", "Latitude", "number",
           "Geografische Breite in Grad (WGS84), z. B. 51,57.",
           "Latitude in degrees (WGS84), e.g. 51.57.",
           aliases=("lat", "Breite", "latitude"), width=13),
    Column("lon", "Längengrad", "Longitude", "number",
           "Geografische Länge in Grad (WGS84), z. B. 8,11.",
           "Longitude in degrees (WGS84), e.g. 8.11.",
           aliases=("lon", "lng", "Länge", "longitude"), width=13),
    Column("municipality", "Gemeinde", "Municipality", "text",
           "Ort des Standorts, z. B. Lippstadt.",
           "Town of the site, e.g. Lippstadt.",
           aliases=("Ort", "Stadt", "Standort", "town", "city"), width=18),
    Column("licences", "Genehmigungen (AVV)", "Licences (EWC)", "codes",
           "Abfallschlüssel, die der Akteur annehmen oder behandeln darf, mit Semikolon getrennt, z. B. 13 02 05*; 15 01 03.",
           "Waste codes the actor may accept or treat, separated by semicolons, e.g. 13 02 05*; 15 01 03.",
           aliases=("Genehmigungen", "Genehmigung", "Zulassungen", "licences", "licenses", "permits"),
           width=24),
    Column("description", "Beschreibung", "Description", "text",
           "Freitext: was der Akteur tut.",
           "Free text: what the actor does.",
           aliases=("Notiz", "Bemerkung", "notes"), width=40),
)  # fmt: skip

STREAM_COLUMNS: tuple[Column, ...] = (
    Column("id", "Stoffstrom-ID", "Stream ID", "text",
           "Kurze eindeutige Kennung des Angebots oder Bedarfs, z. B. S1.",
           "Short unique id of the offer or need, e.g. S1.",
           required=True, aliases=("id", "stoffstromid", "streamid", "Nr", "Nummer"), width=15),
    Column("actor", "Akteur-ID", "Actor ID", "text",
           "Akteur-ID aus dem Blatt Akteure, dem der Stoffstrom gehört.",
           "Actor ID from the Actors sheet that owns the stream.",
           required=True, aliases=("Akteur", "actor", "actorid", "Firma", "Firmen-ID"), width=15),
    Column("direction", "Angebot oder Bedarf", "Offer or need", "enum",
           "Angebot: der Akteur hat es abzugeben. Bedarf: der Akteur sucht es.",
           "offer: the actor has it to give. need: the actor wants it.",
           required=True, aliases=("Richtung", "Angebot/Bedarf", "biete/suche", "direction"),
           vocabulary="direction", width=18),
    Column("type", "Typ", "Type", "enum",
           "Material, Energie, Wasser, Ausrüstung, Dienstleistung, Wissen, Kapazität oder Daten (leer: Material).",
           "material, energy, water, equipment, service, knowledge, capacity or data (empty: material).",
           aliases=("Art", "Ressourcentyp", "stream type"), vocabulary="type", width=16),
    Column("title", "Bezeichnung", "Title", "text",
           "Kurz, wie man es sagt, z. B. Biertreber, frisch. Die wichtigste Angabe.",
           "Short, as you would say it, e.g. spent grain, fresh. The most important entry.",
           required=True, aliases=("Titel", "Was", "Stoffstrom", "name", "what"), width=36),
    Column("description", "Beschreibung", "Description", "text",
           "Längerer Freitext: Beschaffenheit, Verpackung, Abholung.",
           "Longer free text: condition, packaging, pick-up.",
           aliases=("Details", "Bemerkung", "notes"), width=40),
    Column("ewc", "Abfallschlüssel (AVV)", "Waste code (EWC)", "code",
           "Sechsstelliger Abfallschlüssel nach AVV, z. B. 02 07 02; gefährliche mit Stern: 13 02 05*.",
           "Six-digit waste code (European List of Waste), e.g. 02 07 02; hazardous with a star: 13 02 05*.",
           aliases=("AVV", "AVV-Nummer", "Abfallschlüssel", "Abfallcode", "EWC", "EWC code", "waste code", "LoW"),
           width=18),
    Column("hazardous", "gefährlich", "Hazardous", "bool",
           "ja oder nein; Schlüssel mit Stern sind immer gefährlich.",
           "yes or no; codes with a star are always hazardous.",
           aliases=("gefährlicher Abfall", "hazardous waste"), vocabulary="yes/no", width=11),
    Column("quantity", "Menge", "Quantity", "number",
           "Zahl, Dezimalkomma erlaubt, z. B. 1200 oder 2,5.",
           "A number, e.g. 1200 or 2.5.",
           aliases=("Anzahl", "amount"), width=11),
    Column("unit", "Einheit", "Unit", "unit",
           "Einheit der Menge, z. B. t/Jahr, m³/Jahr, MWh/Jahr, Stück.",
           "Unit of the quantity, e.g. t/a, m3/a, MWh/a, pieces.",
           aliases=("unit", "Mengeneinheit"), width=12),
    Column("temperature_c", "Temperatur (°C)", "Temperature (°C)", "number",
           "Bei Wärme und Kälte: Temperatur in °C.",
           "For heat and cooling: temperature in °C.",
           aliases=("Temperatur", "temperature", "Temp", "temperature_c"), width=14),
    Column("availability", "Verfügbarkeit", "Availability", "enum",
           "kontinuierlich, saisonal oder einmalig.",
           "continuous, seasonal or one-off.",
           aliases=("verfügbar", "Häufigkeit", "frequency"), vocabulary="availability", width=15),
    Column("confidential", "vertraulich", "Confidential", "bool",
           "ja: der Name des Akteurs wird anderen Unternehmen zu diesem Eintrag nicht gezeigt.",
           "yes: the actor's name is not shown to other companies with this entry.",
           aliases=("vertraulich behandeln", "anonym", "confidential"), vocabulary="yes/no",
           width=12),
)  # fmt: skip

#: Rows of the Region sheet: field -> (German label, English label, spellings).
REGION_ROWS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("id", "Regions-ID", "Region ID", ("id", "region", "regionid", "Kennung")),
    ("name", "Name", "Name", ("Regionsname", "Bezeichnung", "region name")),
    ("country", "Land", "Country", ("Staat", "country code")),
    ("nuts", "NUTS", "NUTS", ("NUTS-3", "NUTS code")),
    ("ags", "AGS", "AGS", ("Kreisschlüssel", "Gemeindeschlüssel", "ARS")),
)

SHEETS: dict[str, dict[Language, str]] = {
    "instructions": {"de": "Anleitung", "en": "Instructions"},
    "region": {"de": "Region", "en": "Region"},
    "actors": {"de": "Akteure", "en": "Actors"},
    "streams": {"de": "Stoffströme", "en": "Streams"},
}
SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    "region": ("Region", "Metadaten", "metadata"),
    "actors": ("Akteure", "Actors", "Unternehmen", "Firmen", "Betriebe", "companies"),
    "streams": (
        "Stoffströme", "Streams", "Stoffstroeme", "Angebote und Bedarfe", "Ressourcen",
        "offers and needs", "resources",
    ),
}  # fmt: skip

#: Rows whose id reads like this ("BEISPIEL-1", "Example-S2") are the template's
#: examples: skipped on import. Ids such as "example-corp" are not.
EXAMPLE_ID = re.compile(r"^\s*(beispiel|example)[-_ ]?[a-z]?\d+\s*$", re.IGNORECASE)


def find_column(header: str, columns: tuple[Column, ...]) -> Column | None:
    """The column a header names, or None for a column beyond the vocabulary."""
    key = fold(header)
    for column in columns:
        if key in column.spellings:
            return column
    return None


def sheet_role(name: str) -> str | None:
    """ "actors", "streams", "region" or None for a sheet (or CSV file) name."""
    key = fold(name)
    for role, names in SHEET_ALIASES.items():
        if key in {fold(n) for n in names}:
            return role
    return None


def base_name(path: PurePath) -> str:
    """``soest.actors.csv`` -> ``soest``; ``Kreis Soest.xlsx`` -> ``Kreis Soest``."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    head, dot, role = stem.rpartition(".")
    if dot and sheet_role(role) is not None:
        return head
    return stem


def is_example(identifier: str) -> bool:
    """True for the ids of the template's example rows."""
    return EXAMPLE_ID.match(identifier) is not None


__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_KIND",
    "AVAILABILITY",
    "DIRECTION",
    "EXAMPLE_ID",
    "REGION_ROWS",
    "SHEETS",
    "SHEET_ALIASES",
    "STREAM_COLUMNS",
    "STREAM_TYPE",
    "UNIT_CHOICES",
    "VOCABULARIES",
    "YES_NO",
    "Column",
    "Language",
    "Vocabulary",
    "base_name",
    "find_column",
    "fold",
    "is_example",
    "sheet_role",
]
