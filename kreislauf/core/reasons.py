"""Reasons in words, German and English, for a proposed match.

Each reason is one sentence from a template below, filled in for both languages at once,
so a match always carries ``reasons_de`` and ``reasons_en`` that say the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TEMPLATES: dict[str, dict[str, str]] = {
    "pathway": {
        "en": "Pathway: {offer_label} → {target}: {process} ({strength}).",
        "de": "Verwertungsweg: {offer_label} → {target}: {process} ({strength}).",
    },
    "same": {
        "en": "Offer and need name the same thing: {label}.",
        "de": "Angebot und Bedarf nennen dasselbe: {label}.",
    },
    "fuel_energy": {
        "en": "Usable as a fuel: it can supply the heat or energy the need asks for.",
        "de": "Als Brennstoff nutzbar: kann die gesuchte Wärme oder Energie liefern.",
    },
    "same_use": {
        "en": "Offer and need both concern {label}.",
        "de": "Angebot und Bedarf betreffen beide: {label}.",
    },
    "link_concept": {
        "en": "The need asks for {label}.",
        "de": "Der Bedarf fragt nach {label}.",
    },
    "link_receiver": {
        "en": "The need names a receiver of this pathway: {label}.",
        "de": "Der Bedarf nennt einen Abnehmer dieses Verwertungswegs: {label}.",
    },
    "link_use": {
        "en": "The need names a use this pathway serves: {label}.",
        "de": "Der Bedarf nennt eine Nutzung, der dieser Weg dient: {label}.",
    },
    "link_sector": {
        "en": "The receiving firm's sector (NACE {nace}) typically takes it.",
        "de": "Die Branche des Abnehmers (WZ {nace}) nimmt so etwas typischerweise ab.",
    },
    "via": {
        "en": "Two steps: {processor} processes it ({process}) into what the need asks for.",
        "de": "Zwei Schritte: {processor} verarbeitet es ({process}) zu dem, was der Bedarf sucht.",
    },
    "terms": {
        "en": "Terms: “{offer_terms}” (offer) and “{need_terms}” (need).",
        "de": "Begriffe: „{offer_terms}“ (Angebot) und „{need_terms}“ (Bedarf).",
    },
    "text": {
        "en": "The texts are similar in wording ({percent} % character n-gram similarity).",
        "de": "Die Texte ähneln sich im Wortlaut ({percent} % Ähnlichkeit der Zeichenfolgen).",
    },
    "same_type": {
        "en": "Both are {kind}: offer and need of the same kind.",
        "de": "Beides {kind}: Angebot und Bedarf derselben Art.",
    },
    "code_same": {
        "en": "The need names the same waste code {code}.",
        "de": "Der Bedarf nennt denselben Abfallschlüssel {code}.",
    },
    "code_group": {
        "en": "The need names a waste code of the same group as {code}.",
        "de": "Der Bedarf nennt einen Abfallschlüssel derselben Gruppe wie {code}.",
    },
    "licence": {
        "en": "The receiver holds a licence for waste code {code}.",
        "de": "Der Abnehmer hat eine Genehmigung für den Abfallschlüssel {code}.",
    },
    "hazardous": {
        "en": "Hazardous waste {code}: proposed only because the receiver is licensed for it.",
        "de": "Gefährlicher Abfall {code}: nur vorgeschlagen, weil der Abnehmer dafür genehmigt ist.",
    },
    "offer_code": {
        "en": "The offer carries waste code {code}.",
        "de": "Das Angebot trägt den Abfallschlüssel {code}.",
    },
    "distance": {
        "en": "{km} km apart (straight line).",
        "de": "{km} km Luftlinie entfernt.",
    },
    "distance_transport": {
        "en": "{km} km apart (straight line); transport about {co2} t CO2e per year.",
        "de": "{km} km Luftlinie entfernt; Transport etwa {co2} t CO2e pro Jahr.",
    },
    "distance_unknown": {
        "en": "Distance unknown (coordinates missing); counted as neutral.",
        "de": "Entfernung unbekannt (Koordinaten fehlen); neutral gewertet.",
    },
    "coverage": {
        "en": "The offer ({offer_qty}) covers {percent} % of the need ({need_qty}).",
        "de": "Das Angebot ({offer_qty}) deckt {percent} % des Bedarfs ({need_qty}).",
    },
    "coverage_unknown": {
        "en": "Quantities not given or not comparable; counted as neutral.",
        "de": "Mengen fehlen oder sind nicht vergleichbar; neutral gewertet.",
    },
    "temperature": {
        "en": "Heat at {offer_t} °C reaches the {need_t} °C needed.",
        "de": "Wärme mit {offer_t} °C erreicht die benötigten {need_t} °C.",
    },
    "cold": {
        "en": "Cold at {offer_t} °C is as cold as the {need_t} °C needed.",
        "de": "Kälte mit {offer_t} °C erreicht die benötigten {need_t} °C.",
    },
    "availability": {
        "en": "Availability: the offer is {offer_avail}, the need {need_avail}.",
        "de": "Verfügbarkeit: Angebot {offer_avail}, Bedarf {need_avail}.",
    },
    "feedback_up": {
        "en": "Facilitators accepted similar pairs before.",
        "de": "Ähnliche Paare wurden von Moderatoren bereits angenommen.",
    },
    "feedback_down": {
        "en": "Facilitators rejected similar pairs before.",
        "de": "Ähnliche Paare wurden von Moderatoren bereits abgelehnt.",
    },
}

STRENGTH_WORDS: dict[str, tuple[str, str, str]] = {
    "en": ("established practice", "common practice", "possible route"),
    "de": ("gängige Praxis", "verbreitete Praxis", "möglicher Weg"),
}

TYPE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "material": "materials",
        "energy": "energy",
        "water": "water",
        "equipment": "equipment",
        "service": "services",
        "knowledge": "know-how",
        "capacity": "capacities",
        "data": "data",
    },
    "de": {
        "material": "Materialien",
        "energy": "Energie",
        "water": "Wasser",
        "equipment": "Geräte und Anlagen",
        "service": "Dienstleistungen",
        "knowledge": "Wissen",
        "capacity": "Kapazitäten",
        "data": "Daten",
    },
}

AVAILABILITY_WORDS: dict[str, dict[str, str]] = {
    "en": {"continuous": "continuous", "seasonal": "seasonal", "one-off": "one-off"},
    "de": {"continuous": "laufend", "seasonal": "saisonal", "one-off": "einmalig"},
}


def strength_word(strength: float, language: str) -> str:
    words = STRENGTH_WORDS[language]
    return words[0] if strength >= 0.8 else words[1] if strength >= 0.55 else words[2]


def number(value: float, language: str, digits: int = 1) -> str:
    text = f"{value:,.{digits}f}"
    if language == "de":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


@dataclass
class Reasons:
    """Sentences collected for one match in both languages."""

    en: list[str] = field(default_factory=list)
    de: list[str] = field(default_factory=list)

    def add(self, key: str, **params: Any) -> None:
        """Add the sentence ``key``; a parameter is a text for both languages, a pair
        ``(english, german)`` or a function of the language. Sentences without functions
        are kept once made (the same few recur across many matches)."""
        for v in params.values():
            if callable(v):
                break
        else:
            cache_key = (key, *params.items())
            cached = _SENTENCES.get(cache_key)
            if cached is None:
                en, de = (
                    TEMPLATES[key][lang].format(
                        **{k: (v[i] if isinstance(v, tuple) else v) for k, v in params.items()}
                    )
                    for i, lang in enumerate(("en", "de"))
                )
                cached = (en, de)
                if len(_SENTENCES) > 100_000:
                    _SENTENCES.clear()
                _SENTENCES[cache_key] = cached
            self.en.append(cached[0])
            self.de.append(cached[1])
            return
        for i, language in enumerate(("en", "de")):
            values: Mapping[str, Any] = {
                k: (v(language) if callable(v) else v[i] if isinstance(v, tuple) else v)
                for k, v in params.items()
            }
            sentence = TEMPLATES[key][language].format(**values)
            (self.en if language == "en" else self.de).append(sentence)

    def add_each(self, key: str, en: Mapping[str, Any], de: Mapping[str, Any]) -> None:
        """Add the sentence ``key`` with the English and the German values given apart
        (for values that differ from match to match, such as distances: not kept)."""
        templates = TEMPLATES[key]
        self.en.append(templates["en"].format(**en))
        self.de.append(templates["de"].format(**de))


_SENTENCES: dict[tuple[Any, ...], tuple[str, str]] = {}


def both(make: Any) -> tuple[str, str]:
    """(English, German) of a function of the language."""
    return (make("en"), make("de"))


__all__ = [
    "AVAILABILITY_WORDS",
    "TEMPLATES",
    "TYPE_WORDS",
    "Reasons",
    "both",
    "number",
    "strength_word",
]
