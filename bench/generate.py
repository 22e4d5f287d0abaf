"""A deterministic generated region for the speed benchmark.

20,000 actors and 100,000 streams across Germany (default sizes), written as a
``kreislauf-region/1`` file. Texts vary: the knowledge base's German and English terms in
free phrasing ("Biertreber aus der Brauerei", "Surplus fly ash, dry"), compounds, typos
and words no knowledge base knows; about a third of the offers carry a waste code,
hazardous ones with a star; receivers hold licences now and then; coordinates cluster
around 400 towns spread over Germany; quantities in the units firms use.

    python -m bench.generate OUT.json [--actors 20000] [--streams 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from kreislauf.core.knowledge import KnowledgeBase
from kreislauf.knowledge_base import load_knowledge_base

# Germany's bounding box (WGS84): towns are drawn inside it
LAT = (47.4, 54.8)
LON = (6.0, 14.9)

OFFER_DE = [
    "{t}",
    "{t} aus der Produktion",
    "{t}, sortenrein",
    "{t} abzugeben",
    "Überschüssige {t}",
    "{t} (Reststoff)",
    "Gebrauchte {t} aus dem Betrieb",
    "{t} aus unserem Werk, laufend",
    "{t}, ca. {q} t im Jahr",
    "Nebenprodukt: {t}",
    "{t} und {t2}",
    "{t} gemischt mit {t2}",
]
OFFER_EN = [
    "{t}",
    "Surplus {t}",
    "{t} from production",
    "{t}, clean and sorted",
    "By-product: {t}",
    "Waste {t} available",
    "{t} and {t2}",
    "Residual {t} from our site",
]
NEED_DE = [
    "{t} gesucht",
    "Suchen {t}",
    "{t} für die Produktion",
    "{u} für {r}",
    "Rohstoff für {r}",
    "{t} zur Verwertung",
    "Bedarf an {t}",
    "{u} gesucht",
    "Abnahme von {t} möglich",
]
NEED_EN = [
    "Looking for {t}",
    "{t} wanted",
    "Raw material for {r}",
    "{u} for {r}",
    "We need {t}",
    "{u} wanted",
    "Input material for {r}",
]
FREE = [
    "Diverses Material",
    "Reste aus Umbau",
    "Mischposten",
    "Sonstiges",
    "Misc. items",
    "Alte Regale",
    "Paletten und Kartons",
    "Büromöbel",
    "Leftover stock",
    "Spare parts",
]
NON_MATERIAL = {
    "equipment": (
        ["Gebrauchte {x}", "{x} abzugeben", "Used {x}"],
        [
            "Gabelstapler",
            "Kompressor",
            "Laborwaage",
            "Förderband",
            "Hochregal",
            "forklift",
            "press",
        ],
    ),
    "capacity": (
        ["Freie {x}", "{x} verfügbar", "Spare {x}"],
        ["Lagerfläche", "Kühllager", "Hallenfläche", "Maschinenzeit", "storage space", "warehouse"],
    ),
    "service": (
        ["{x} angeboten", "{x} gesucht", "{x} offered"],
        [
            "Rückfrachten",
            "Transportkapazität",
            "Reinigung",
            "Entsorgungslogistik",
            "haulage",
            "cleaning",
        ],
    ),
    "knowledge": (
        ["{x}", "Beratung zu {x}", "Know-how: {x}"],
        [
            "Fördermittel",
            "Energieeffizienz",
            "Abwärmenutzung",
            "Recyclingverfahren",
            "funding advice",
        ],
    ),
    "data": (
        ["{x}", "{x} zum Austausch"],
        ["Messdaten", "Stoffstromdaten", "Abfallbilanz", "sensor data"],
    ),
}
UNITS = {
    "material": ["t/a", "t/a", "t/a", "kg/a", "t", "m3/a"],
    "energy": ["MWh/a"],
    "water": ["m3/a"],
}


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 6 or rng.random() > 0.15:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def _term(terms: tuple[str, ...], rng: random.Random) -> str:
    return _typo(rng.choice(terms), rng) if terms else ""


def generate(
    kb: KnowledgeBase, *, actors: int = 20_000, streams: int = 100_000, seed: int = 7
) -> dict[str, Any]:
    rng = random.Random(seed)
    towns = [(rng.uniform(*LAT), rng.uniform(*LON)) for _ in range(400)]
    concepts = sorted(kb.concepts.values(), key=lambda c: c.id)
    pathways = sorted(kb.pathways.values(), key=lambda p: p.id)
    receivers = sorted(kb.receivers.values(), key=lambda r: r.id)
    naces = sorted({code for r in receivers for code in r.nace if "." in code}) or ["38.32"]
    codes_of = {c.id: [e for e in c.ewc if len(e.rstrip("*")) == 8] for c in concepts}
    actor_rows: list[dict[str, Any]] = []
    for i in range(actors):
        lat, lon = rng.choice(towns)
        row: dict[str, Any] = {
            "id": f"a{i}",
            "name": f"Firma {i} GmbH",
            "nace": rng.choice(naces),
            "lat": round(lat + rng.gauss(0, 0.08), 5),
            "lon": round(lon + rng.gauss(0, 0.12), 5),
        }
        if rng.random() < 0.05:
            del row["lat"], row["lon"]
        if rng.random() < 0.08:
            picks = [c for c in rng.sample(concepts, 3) if codes_of[c.id]]
            row["licences"] = sorted({rng.choice(codes_of[c.id]) for c in picks})
        actor_rows.append(row)
    stream_rows: list[dict[str, Any]] = []
    for i in range(streams):
        actor = f"a{rng.randrange(actors)}"
        offer = rng.random() < 0.5
        lang = "de" if rng.random() < 0.65 else "en"
        row = {"id": f"s{i}", "actor": actor, "direction": "offer" if offer else "need"}
        roll = rng.random()
        if roll < 0.06:
            kind = rng.choice(sorted(NON_MATERIAL))
            templates, things = NON_MATERIAL[kind]
            row["type"] = kind
            row["title"] = rng.choice(templates).format(x=rng.choice(things))
        elif roll < 0.09:
            row["title"] = rng.choice(FREE)
        elif offer:
            concept = rng.choice(concepts)
            terms = concept.terms.de if lang == "de" else concept.terms.en
            other = rng.choice(concepts)
            template = rng.choice(OFFER_DE if lang == "de" else OFFER_EN)
            row["title"] = template.format(
                t=_term(terms or concept.terms.all(), rng),
                t2=_term(
                    other.terms.de if lang == "de" else other.terms.en or other.terms.all(), rng
                ),
                q=rng.choice([5, 20, 100, 800, 2500]),
            )
            if concept.type in ("energy", "water"):
                row["type"] = concept.type
            if codes_of[concept.id] and rng.random() < 0.35:
                code = rng.choice(codes_of[concept.id])
                row["ewc"] = code
                if code.endswith("*"):
                    row["hazardous"] = True
            if concept.type == "energy" and rng.random() < 0.7:
                row["temperature_c"] = rng.choice([35, 45, 60, 80, 90, 120, 180])
        else:
            pathway = rng.choice(pathways)
            target = [kb.concepts[c] for c in pathway.to]
            use = [kb.uses[u] for u in pathway.uses]
            recv = [kb.receivers[r] for r in pathway.receivers]
            pick_t = rng.choice(target) if target else rng.choice(concepts)
            t = _term(
                (pick_t.terms.de if lang == "de" else pick_t.terms.en) or pick_t.terms.all(), rng
            )
            u = _term(
                (
                    (rng.choice(use).terms.de if lang == "de" else rng.choice(use).terms.en)
                    if use
                    else ()
                )
                or ("Material",),
                rng,
            )
            r = _term(
                (
                    (rng.choice(recv).terms.de if lang == "de" else rng.choice(recv).terms.en)
                    if recv
                    else ()
                )
                or ("Produktion",),
                rng,
            )
            row["title"] = rng.choice(NEED_DE if lang == "de" else NEED_EN).format(t=t, u=u, r=r)
            if pick_t.type in ("energy", "water"):
                row["type"] = pick_t.type
            if pick_t.type == "energy" and rng.random() < 0.6:
                row["temperature_c"] = rng.choice([20, 30, 40, 60, 70, 90])
        kind = row.get("type", "material")
        if kind in UNITS and rng.random() < 0.7:
            row["unit"] = rng.choice(UNITS[kind])
            row["quantity"] = round(rng.lognormvariate(4, 1.5), 1)
        if rng.random() < 0.15:
            row["availability"] = rng.choice(["continuous", "seasonal", "one-off"])
        if rng.random() < 0.1:
            row["description"] = rng.choice(
                [
                    "Abholung möglich",
                    "Lieferung nach Absprache",
                    "Pickup possible",
                    "Analysen vorhanden",
                    "in Big Bags",
                ]
            )
        stream_rows.append(row)
    return {
        "format": "kreislauf-region/1",
        "region": {
            "id": f"bench-{actors}-{streams}",
            "name": "Generated benchmark region",
            "country": "DE",
        },
        "actors": actor_rows,
        "streams": stream_rows,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--streams", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    document = generate(
        load_knowledge_base(), actors=args.actors, streams=args.streams, seed=args.seed
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.out}: {len(document['actors'])} actors, {len(document['streams'])} streams")


if __name__ == "__main__":
    main()
