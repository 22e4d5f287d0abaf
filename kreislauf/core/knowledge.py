"""The knowledge base: which outputs can serve which inputs, through which process.

Pure: it builds :class:`KnowledgeBase` objects from already parsed documents (mappings
as YAML gives them); reading the files is the adapter's job
(:mod:`kreislauf.knowledge_base`). The format is documented in
``docs`` and in the package's ``data/knowledge`` files:

- ``concepts``: things offered or needed, with the words people use for them, an impact
  material ``family`` and the waste codes (or code prefixes) that denote them;
- ``uses``: what a receiver wants something *for* (fuel, animal feed, aggregate ...);
- ``receivers``: activities that take things in, with their NACE/WZ codes;
- ``pathways``: valorisation routes from offered concepts to what a need may name.

Validation collects every problem as a :class:`~kreislauf.errors.Problem` whose path
names the file, the entry and the field (``general.yaml: pathways[3] (fly_ash_to_cement).strength``)
and raises one :class:`~kreislauf.errors.ValidationError`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kreislauf.core.text import TEXT_VERSION, TermIndex
from kreislauf.errors import Problem, ValidationError

CONCEPT_TYPES: tuple[str, ...] = (
    "material",
    "energy",
    "water",
    "equipment",
    "service",
    "knowledge",
    "capacity",
    "data",
)

AVOIDED_ROUTES: tuple[str, ...] = (
    "landfill",
    "combustion",
    "composting",
    "anaerobic_digestion",
    "wastewater_treatment",
    "hazardous_treatment",
    "none",
)

IMPACT_MATERIAL_KEYS: frozenset[str] = frozenset(
    [
        "aggregates",
        "asphalt",
        "bricks",
        "concrete",
        "soils",
        "gypsum",
        "cement",
        "sand",
        "insulation",
        "wood",
        "paper_board",
        "glass",
        "plastics",
        "steel",
        "aluminium",
        "metals",
        "textiles",
        "tyres",
        "mineral_oil",
        "solvents",
        "chemicals",
        "food_waste",
        "garden_waste",
        "organic_mixed",
        "animal_feed",
        "fertiliser",
        "electrical",
        "batteries",
        "mixed_commercial",
        "ash_slag",
        "heat",
        "steam",
        "electricity",
        "natural_gas",
        "fuel_oil",
        "water",
        "wastewater",
    ]
)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_EWC_RE = re.compile(r"^\d{2}( \d{2}( \d{2}\*?)?)?$")
_NACE_RE = re.compile(r"^([A-U]|\d{2}(\.\d{1,2})?)$")

LANGS: tuple[str, ...] = ("de", "en")


@dataclass(frozen=True, slots=True)
class Terms:
    """The words for a thing in German and English."""

    de: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return self.de + self.en

    def label(self, language: str) -> str:
        """The first term in ``language`` (falling back to the other language)."""
        first = self.de if language == "de" else self.en
        other = self.en if language == "de" else self.de
        return (first or other or ("",))[0]


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    type: str
    terms: Terms
    family: str | None = None
    ewc: tuple[str, ...] = ()
    hazardous: bool = False
    source_file: str = ""


@dataclass(frozen=True, slots=True)
class Use:
    id: str
    terms: Terms
    source_file: str = ""


@dataclass(frozen=True, slots=True)
class Receiver:
    id: str
    terms: Terms
    nace: tuple[str, ...] = ()
    source_file: str = ""


@dataclass(frozen=True, slots=True)
class Pathway:
    id: str
    from_: tuple[str, ...]
    to: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    receivers: tuple[str, ...] = ()
    process_de: str = ""
    process_en: str = ""
    strength: float = 0.5
    via: tuple[str, ...] = ()
    produces: tuple[str, ...] = ()
    min_temperature_c: float | None = None
    avoided_route: str | None = None
    substitutes: str | None = None
    ratio: float | None = None
    sources: tuple[str, ...] = ()
    source_file: str = ""

    def process(self, language: str) -> str:
        text = self.process_de if language == "de" else self.process_en
        return text or self.process_en or self.process_de


def nace_under(code: str | None, prefixes: Iterable[str]) -> bool:
    """True where the NACE/WZ ``code`` ("10.51") falls under one of ``prefixes``
    ("10.5", "10", "10.51"). Sections (letters) only match themselves."""
    if not code:
        return False
    for prefix in prefixes:
        if code == prefix:
            return True
        if prefix[0].isdigit() and code.startswith(prefix):
            rest = code[len(prefix) :]
            if not rest or rest[0] == "." or prefix.endswith(".") or "." in prefix:
                return True
    return False


#: German receiver terms name the works ("Zementwerk"); firms also name the activity
#: ("Zementproduktion", "Zementhersteller"). English likewise: "cement plant" and
#: "cement production", "cement producer".
_GERMAN_WORKS = ("werk", "fabrik")
_GERMAN_ACTIVITY = ("produktion", "herstellung", "hersteller", "fabrik", "industrie", "werk")
_ENGLISH_WORKS = ("plant", "mill", "works", "factory")
_ENGLISH_ACTIVITY = ("production", "producer", "manufacturer", "manufacturing", "plant", "industry")
#: Products too vague to name an activity by ("oil production" is no oil mill).
_VAGUE_PRODUCTS = frozenset(["oil", "treatment", "recycling", "processing", "the", "a"])


def receiver_variants(terms: Terms) -> list[tuple[str, bool]]:
    """Activity names derived from a receiver's works names, lower case, with whether
    they are German: "Plattenwerk" -> "plattenproduktion", "plattenhersteller", ...;
    "biogas plant" -> "biogas production", "biogas producer", ..."""
    out: list[tuple[str, bool]] = []
    for term in terms.de:
        word = term.strip().lower()
        if " " in word or "-" in word:
            continue
        for works in _GERMAN_WORKS:
            base = word[: -len(works)]
            if word.endswith(works) and len(base) >= 4:
                out.extend((base + activity, True) for activity in _GERMAN_ACTIVITY)
    for term in terms.en:
        parts = term.strip().lower().split()
        if len(parts) < 2 or parts[-1] not in _ENGLISH_WORKS or parts[-2] in _VAGUE_PRODUCTS:
            continue
        out.extend((" ".join([*parts[:-1], activity]), False) for activity in _ENGLISH_ACTIVITY)
    own = {t.strip().lower() for t in terms.all()}
    return [(v, g) for v, g in dict.fromkeys(out) if v not in own]


@dataclass(frozen=True)
class KnowledgeBase:
    """Concepts, uses, receivers and pathways, with the indexes matching needs."""

    concepts: Mapping[str, Concept]
    uses: Mapping[str, Use]
    receivers: Mapping[str, Receiver]
    pathways: Mapping[str, Pathway]
    sources: tuple[str, ...] = ()
    # indexes, built in __post_init__
    term_index: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    ewc_index: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    pathways_from: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        terms: dict[str, list[tuple[str, str]]] = defaultdict(list)
        german: set[str] = set()
        for kind, table in (
            ("concept", self.concepts),
            ("use", self.uses),
            ("receiver", self.receivers),
        ):
            for item in table.values():
                for term in item.terms.all():  # type: ignore[attr-defined]
                    key = term.strip().lower()
                    entry = (kind, item.id)  # type: ignore[attr-defined]
                    if key and entry not in terms[key]:
                        terms[key].append(entry)
                for term in item.terms.de:  # type: ignore[attr-defined]
                    german.add(term.strip().lower())
        given = set(terms)
        for receiver in self.receivers.values():
            for variant, is_german in receiver_variants(receiver.terms):
                if variant not in given:  # never shadow a term the knowledge base gives
                    terms[variant].append(("receiver", receiver.id))
                    if is_german:
                        german.add(variant)
        ewc: dict[str, list[str]] = defaultdict(list)
        for concept in self.concepts.values():
            for code in concept.ewc:
                ewc[code.rstrip("*")].append(concept.id)
        by_from: dict[str, list[str]] = defaultdict(list)
        for pathway in self.pathways.values():
            for concept_id in pathway.from_:
                by_from[concept_id].append(pathway.id)
        object.__setattr__(
            self, "term_index", TermIndex({k: tuple(v) for k, v in terms.items()}, german)
        )
        object.__setattr__(self, "ewc_index", {k: tuple(v) for k, v in ewc.items()})
        object.__setattr__(self, "pathways_from", {k: tuple(v) for k, v in by_from.items()})

    def concepts_for_code(self, code: str) -> tuple[str, ...]:
        """Concepts whose codes or code prefixes cover ``code`` ("02 07 02*"), most
        specific first."""
        bare = code.rstrip("*").strip()
        found: list[str] = []
        for prefix in (bare, bare[:5], bare[:2]):
            for concept_id in self.ewc_index.get(prefix, ()):
                if concept_id not in found:
                    found.append(concept_id)
        return tuple(found)

    def label(self, kind: str, item_id: str, language: str) -> str:
        table: Mapping[str, Any] = {
            "concept": self.concepts,
            "use": self.uses,
            "receiver": self.receivers,
        }[kind]
        item = table.get(item_id)
        return item.terms.label(language) if item is not None else item_id

    def fingerprint(self) -> str:
        """A short hash of the content: stored representations are valid for one KB."""
        cached = self.__dict__.get("_fingerprint")
        if cached is not None:
            return str(cached)
        payload = {
            "text": TEXT_VERSION,
            "c": sorted(
                (c.id, c.type, c.family, c.ewc, c.terms.de, c.terms.en)
                for c in self.concepts.values()
            ),
            "u": sorted((u.id, u.terms.de, u.terms.en) for u in self.uses.values()),
            "r": sorted((r.id, r.nace, r.terms.de, r.terms.en) for r in self.receivers.values()),
        }
        raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        digest = hashlib.sha256(raw).hexdigest()[:16]
        object.__setattr__(self, "_fingerprint", digest)
        return digest


# --------------------------------------------------------------------------- building

Document = tuple[str, Mapping[str, Any]]


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str, **params: Any) -> None:
        self.problems.append(Problem(path, message, params))


def _entry_path(file: str, section: str, index: int, entry: Mapping[str, Any] | Any) -> str:
    ident = entry.get("id") if isinstance(entry, Mapping) else None
    suffix = f" ({ident})" if isinstance(ident, str) else ""
    return f"{file}: {section}[{index}]{suffix}"


def _str_list(value: Any, path: str, out: _Collector) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        out.add(path, "must be a list of texts")
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _terms(value: Any, path: str, out: _Collector) -> Terms:
    if not isinstance(value, Mapping):
        out.add(path, "must be a mapping with the lists de and en")
        return Terms()
    unknown = sorted(set(value) - set(LANGS))
    if unknown:
        out.add(path, "unknown language(s) {names}; use de and en", names=", ".join(unknown))
    de = _str_list(value.get("de"), f"{path}.de", out)
    en = _str_list(value.get("en"), f"{path}.en", out)
    if "de" not in value or "en" not in value:
        out.add(path, "needs both lists de and en (one may be empty)")
    if not de and not en:
        out.add(path, "needs at least one term")
    return Terms(de, en)


def _number(value: Any, path: str, out: _Collector, low: float, high: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        out.add(path, "must be a number, not {value!r}", value=value)
        return None
    if not low <= float(value) <= high:
        out.add(
            path, "must lie between {low} and {high}, not {value}", low=low, high=high, value=value
        )
        return None
    return float(value)


def _check_id(entry: Mapping[str, Any], path: str, out: _Collector) -> str | None:
    ident = entry.get("id")
    if not isinstance(ident, str) or not _ID_RE.match(ident):
        out.add(f"{path}.id", "needs an id in snake_case (a-z, 0-9, _), not {value!r}", value=ident)
        return None
    return ident


_KNOWN_KEYS = {
    "concepts": {"id", "type", "family", "ewc", "hazardous", "terms", "note", "sources"},
    "uses": {"id", "terms", "note"},
    "receivers": {"id", "nace", "terms", "note"},
    "pathways": {
        "id",
        "from",
        "to",
        "uses",
        "receivers",
        "process",
        "strength",
        "via",
        "produces",
        "min_temperature_c",
        "avoided_route",
        "substitutes",
        "ratio",
        "sources",
        "note",
    },
}


def build_knowledge_base(
    documents: Sequence[Document],
    *,
    known_code: Callable[[str], bool] | None = None,
) -> KnowledgeBase:
    """A validated :class:`KnowledgeBase` from parsed documents ``(file name, mapping)``.

    ``known_code`` tells whether a six-digit waste code exists (the waste catalogue);
    without it only the form of codes is checked. Raises :class:`ValidationError`
    naming file, entry and field for every problem found.
    """
    out = _Collector()
    concepts: dict[str, Concept] = {}
    uses: dict[str, Use] = {}
    receivers: dict[str, Receiver] = {}
    raw_pathways: list[tuple[str, Mapping[str, Any]]] = []
    sources: list[str] = []
    seen: dict[str, dict[str, str]] = {s: {} for s in _KNOWN_KEYS}

    for file, doc in documents:
        if doc is None:
            continue
        if not isinstance(doc, Mapping):
            out.add(
                file, "must be a mapping with the keys source, concepts, uses, receivers, pathways"
            )
            continue
        unknown = sorted(set(doc) - {"source", *_KNOWN_KEYS})
        if unknown:
            out.add(file, "unknown top-level key(s) {names}", names=", ".join(map(str, unknown)))
        if isinstance(doc.get("source"), str):
            sources.append(doc["source"])
        for section in _KNOWN_KEYS:
            entries = doc.get(section)
            if entries is None:
                continue
            if not isinstance(entries, list):
                out.add(f"{file}: {section}", "must be a list")
                continue
            for index, entry in enumerate(entries):
                path = _entry_path(file, section, index, entry)
                if not isinstance(entry, Mapping):
                    out.add(path, "must be a mapping")
                    continue
                extra = sorted(set(entry) - _KNOWN_KEYS[section])
                if extra:
                    out.add(path, "unknown field(s) {names}", names=", ".join(map(str, extra)))
                ident = _check_id(entry, path, out)
                if ident is None:
                    continue
                if ident in seen[section]:
                    out.add(
                        f"{path}.id",
                        'the id "{id}" is defined twice (first in {first})',
                        id=ident,
                        first=seen[section][ident],
                    )
                    continue
                seen[section][ident] = file
                if section == "concepts":
                    concepts[ident] = _concept(entry, ident, path, file, out, known_code)
                elif section == "uses":
                    uses[ident] = Use(ident, _terms(entry.get("terms"), f"{path}.terms", out), file)
                elif section == "receivers":
                    receivers[ident] = _receiver(entry, ident, path, file, out)
                else:
                    raw_pathways.append((path, entry))

    pathways: dict[str, Pathway] = {}
    for path, entry in raw_pathways:
        pathway = _pathway(entry, path, out, concepts, uses, receivers)
        if pathway is not None:
            pathways[pathway.id] = pathway
    if out.problems:
        raise ValidationError(out.problems, source="knowledge base")
    return KnowledgeBase(concepts, uses, receivers, pathways, tuple(sources))


def _concept(
    entry: Mapping[str, Any],
    ident: str,
    path: str,
    file: str,
    out: _Collector,
    known_code: Callable[[str], bool] | None,
) -> Concept:
    ctype = entry.get("type", "material")
    if ctype not in CONCEPT_TYPES:
        out.add(
            f"{path}.type",
            '"{value}" is not a type; use one of {choices}',
            value=ctype,
            choices=", ".join(CONCEPT_TYPES),
        )
        ctype = "material"
    family = entry.get("family")
    if family is not None and family not in IMPACT_MATERIAL_KEYS:
        out.add(f"{path}.family", '"{value}" is not an impact material key', value=family)
        family = None
    codes = _str_list(entry.get("ewc"), f"{path}.ewc", out)
    for code in codes:
        if not _EWC_RE.match(code):
            out.add(
                f"{path}.ewc",
                '"{value}" is not a waste code or prefix ("02 07 02", "02 07", "02")',
                value=code,
            )
        elif len(code.rstrip("*")) == 8 and known_code is not None and not known_code(code):
            out.add(f"{path}.ewc", '"{value}" is not in the waste catalogue', value=code)
    hazardous = entry.get("hazardous", False)
    if not isinstance(hazardous, bool):
        out.add(f"{path}.hazardous", "must be true or false")
        hazardous = False
    terms = _terms(entry.get("terms"), f"{path}.terms", out)
    return Concept(ident, str(ctype), terms, family, codes, hazardous, file)


def _receiver(
    entry: Mapping[str, Any], ident: str, path: str, file: str, out: _Collector
) -> Receiver:
    nace = _str_list(entry.get("nace"), f"{path}.nace", out)
    for code in nace:
        if not _NACE_RE.match(code):
            out.add(
                f"{path}.nace",
                '"{value}" is not a NACE/WZ code ("23.51", "23.5", "23", "C")',
                value=code,
            )
    terms = _terms(entry.get("terms"), f"{path}.terms", out)
    return Receiver(ident, terms, nace, file)


def _refs(
    entry: Mapping[str, Any],
    key: str,
    path: str,
    out: _Collector,
    table: Mapping[str, Any],
    what: str,
) -> tuple[str, ...]:
    ids = _str_list(entry.get(key), f"{path}.{key}", out)
    for ident in ids:
        if ident not in table:
            out.add(f"{path}.{key}", 'refers to the unknown {what} "{id}"', what=what, id=ident)
    return tuple(i for i in ids if i in table)


def _pathway(
    entry: Mapping[str, Any],
    path: str,
    out: _Collector,
    concepts: Mapping[str, Concept],
    uses: Mapping[str, Use],
    receivers: Mapping[str, Receiver],
) -> Pathway | None:
    ident = str(entry["id"])
    from_ = _refs(entry, "from", path, out, concepts, "concept")
    if not entry.get("from"):
        out.add(f"{path}.from", "needs at least one offered concept")
    to = _refs(entry, "to", path, out, concepts, "concept")
    use_ids = _refs(entry, "uses", path, out, uses, "use")
    receiver_ids = _refs(entry, "receivers", path, out, receivers, "receiver")
    via = _refs(entry, "via", path, out, receivers, "receiver")
    produces = _refs(entry, "produces", path, out, concepts, "concept")
    process = entry.get("process") or {}
    if not isinstance(process, Mapping):
        out.add(f"{path}.process", "must be a mapping with the texts de and en")
        process = {}
    strength = _number(entry.get("strength", 0.5), f"{path}.strength", out, 0.0, 1.0)
    ratio = _number(entry.get("ratio"), f"{path}.ratio", out, 0.0, 100.0)
    min_temp = _number(
        entry.get("min_temperature_c"), f"{path}.min_temperature_c", out, -273.0, 2000.0
    )
    route = entry.get("avoided_route")
    if route is not None and route not in AVOIDED_ROUTES:
        out.add(
            f"{path}.avoided_route",
            '"{value}" is not a route; use one of {choices}',
            value=route,
            choices=", ".join(AVOIDED_ROUTES),
        )
        route = None
    substitutes = entry.get("substitutes")
    if substitutes is not None and substitutes not in IMPACT_MATERIAL_KEYS:
        out.add(f"{path}.substitutes", '"{value}" is not an impact material key', value=substitutes)
        substitutes = None
    if not (to or use_ids or receiver_ids or produces):
        out.add(path, "names nothing a need could ask for: give to, uses, receivers or produces")
    return Pathway(
        id=ident,
        from_=from_,
        to=to,
        uses=use_ids,
        receivers=receiver_ids,
        process_de=str(process.get("de") or ""),
        process_en=str(process.get("en") or ""),
        strength=0.5 if strength is None else strength,
        via=via,
        produces=produces,
        min_temperature_c=min_temp,
        avoided_route=route,
        substitutes=substitutes,
        ratio=ratio,
        sources=_str_list(entry.get("sources"), f"{path}.sources", out),
        source_file=str(path.split(":")[0]),
    )


__all__ = [
    "AVOIDED_ROUTES",
    "CONCEPT_TYPES",
    "IMPACT_MATERIAL_KEYS",
    "Concept",
    "KnowledgeBase",
    "Pathway",
    "Receiver",
    "Terms",
    "Use",
    "build_knowledge_base",
    "nace_under",
]
