"""Stream representations: what each offer's or need's text means to the matching.

Each distinct text is read once: the knowledge-base concepts, uses and receivers it names
(with weights), the temperature it mentions and its character n-gram counts. Together with
the stream's own fields (type, waste code) that gives a :class:`StreamFeatures`, which
serialises to a few hundred bytes so that storage can keep it (computed at import, reused
by every later match).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from kreislauf.core.knowledge import KnowledgeBase
from kreislauf.core.region import Region
from kreislauf.core.streams import Stream, StreamType
from kreislauf.core.text import Vocabulary, ngram_counts, temperature_in

FORMAT_VERSION = 4  # bump whenever text understanding changes: stored features are recomputed
DESCRIPTION_WEIGHT = 0.7
CODE_WEIGHT = 0.9

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class StreamFeatures:
    """What one stream names, as weights 0..1 per knowledge-base entry."""

    concepts: Mapping[str, float]
    uses: Mapping[str, float]
    receivers: Mapping[str, float]
    type: str
    temperature_c: float | None
    ngram_cols: np.ndarray = field(repr=False)
    ngram_vals: np.ndarray = field(repr=False)
    terms: Mapping[str, str] = field(default_factory=dict)  # "kind:id" -> words in the text

    def to_bytes(self) -> bytes:
        payload = {
            "v": FORMAT_VERSION,
            "c": dict(self.concepts),
            "u": dict(self.uses),
            "r": dict(self.receivers),
            "t": self.type,
            "temp": self.temperature_c,
            "w": dict(self.terms),
            "ng": [self.ngram_cols.tolist(), [round(float(v), 3) for v in self.ngram_vals]],
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> StreamFeatures:
        data = json.loads(raw)
        if data.get("v") != FORMAT_VERSION:
            raise ValueError("stored features have another format version")
        cols, vals = data["ng"]
        return cls(
            concepts=data["c"],
            uses=data["u"],
            receivers=data["r"],
            type=data["t"],
            temperature_c=data["temp"],
            ngram_cols=np.asarray(cols, dtype=np.int32),
            ngram_vals=np.asarray(vals, dtype=np.float32),
            terms=data.get("w", {}),
        )


@dataclass(frozen=True)
class Representations:
    """Features of every stream of a region, for one knowledge base."""

    model_key: str
    features: Mapping[str, StreamFeatures]

    def to_bytes(self) -> dict[str, bytes]:
        """stream id -> bytes, as storage keeps them."""
        return {sid: f.to_bytes() for sid, f in self.features.items()}

    @classmethod
    def from_bytes(cls, model_key: str, stored: Mapping[str, bytes]) -> Representations:
        return cls(model_key, {sid: StreamFeatures.from_bytes(raw) for sid, raw in stored.items()})

    def covers(self, region: Region) -> bool:
        return all(s.id in self.features for s in region.streams)


_VOCABULARIES: dict[str, Vocabulary] = {}


def vocabulary(kb: KnowledgeBase) -> Vocabulary:
    """The spotting vocabulary of a knowledge base (built once per content)."""
    key = kb.fingerprint()
    vocab = _VOCABULARIES.get(key)
    if vocab is None:
        vocab = Vocabulary(kb.term_index)
        _VOCABULARIES.clear()
        _VOCABULARIES[key] = vocab
    return vocab


def model_key(kb: KnowledgeBase) -> str:
    return f"kreislauf-match/{FORMAT_VERSION}/{kb.fingerprint()}"


@dataclass(frozen=True, slots=True)
class TextMeaning:
    concepts: dict[str, float]
    uses: dict[str, float]
    receivers: dict[str, float]
    temperature_c: float | None
    terms: dict[str, str]


def read_text(title: str, description: str | None, vocab: Vocabulary) -> TextMeaning:
    """The entries a title (full weight) and description (0.7) name."""
    found: dict[str, dict[str, float]] = {"concept": {}, "use": {}, "receiver": {}}
    terms: dict[str, str] = {}
    parts = [(title, 1.0)]
    if description:
        parts.append((description, DESCRIPTION_WEIGHT))
    for text, weight in parts:
        for spot in vocab.spot(text, weight=weight):
            table = found[spot.kind]
            if spot.weight > table.get(spot.id, 0.0):
                table[spot.id] = spot.weight
                terms[f"{spot.kind}:{spot.id}"] = spot.words
    temperature = temperature_in(title) if title else None
    if temperature is None and description:
        temperature = temperature_in(description)
    return TextMeaning(found["concept"], found["use"], found["receiver"], temperature, terms)


def _use_types(kb: KnowledgeBase) -> dict[str, str]:
    """The type a use mostly serves: the majority type of the concepts its pathways take."""
    votes: dict[str, dict[str, float]] = {}
    for pathway in kb.pathways.values():
        for use in pathway.uses:
            for cid in pathway.from_:
                concept = kb.concepts.get(cid)
                if concept is not None:
                    table = votes.setdefault(use, {})
                    table[concept.type] = table.get(concept.type, 0.0) + 1.0
    return {use: max(sorted(t.items()), key=lambda kv: kv[1])[0] for use, t in votes.items()}


_USE_TYPES: dict[str, dict[str, str]] = {}


def use_types(kb: KnowledgeBase) -> dict[str, str]:
    key = kb.fingerprint()
    if key not in _USE_TYPES:
        _USE_TYPES.clear()
        _USE_TYPES[key] = _use_types(kb)
    return _USE_TYPES[key]


def effective_type(stream: Stream, meaning: TextMeaning, kb: KnowledgeBase) -> str:
    """The stream's type; a stream left at the default "material" whose text clearly
    names energy or water (the file did not say) takes that type."""
    declared = stream.type.value
    if stream.type is not StreamType.MATERIAL:
        return declared
    votes: dict[str, float] = {}
    for cid, weight in meaning.concepts.items():
        concept = kb.concepts.get(cid)
        if concept is not None and weight >= 0.6:
            votes[concept.type] = max(votes.get(concept.type, 0.0), weight)
    if not stream.is_offer or not votes:
        utypes = use_types(kb)
        for uid, weight in meaning.uses.items():
            utype = utypes.get(uid)
            if utype is not None and weight >= 0.6:
                votes[utype] = max(votes.get(utype, 0.0), weight * 0.95)
    if not votes:
        return declared
    best = max(votes.values())
    if votes.get("material", 0.0) >= best - 1e-9:
        return declared
    winner = max(sorted(votes.items()), key=lambda kv: kv[1])[0]
    return winner if winner in ("energy", "water") else declared


def features_of(
    stream: Stream, meaning: TextMeaning, kb: KnowledgeBase, cols: np.ndarray, vals: np.ndarray
) -> StreamFeatures:
    concepts = dict(meaning.concepts)
    terms = dict(meaning.terms)
    if stream.ewc:
        bare = stream.ewc.rstrip("*").strip()
        for prefix, level_weight in ((bare, CODE_WEIGHT), (bare[:5], 0.5), (bare[:2], 0.25)):
            found = kb.ewc_index.get(prefix, ())
            if not found:
                continue
            # a group or chapter names many concepts: each gets a share of the evidence
            weight = level_weight / max(1.0, len(found) ** 0.5)
            for cid in found:
                if weight > concepts.get(cid, 0.0):
                    concepts[cid] = round(weight, 4)
                    terms.setdefault(f"concept:{cid}", stream.ewc)
    temperature = (
        stream.temperature_c if stream.temperature_c is not None else meaning.temperature_c
    )
    return StreamFeatures(
        concepts=concepts,
        uses=dict(meaning.uses),
        receivers=dict(meaning.receivers),
        type=effective_type(stream, meaning, kb),
        temperature_c=temperature,
        ngram_cols=cols,
        ngram_vals=vals,
        terms=terms,
    )


def represent_streams(
    streams: Iterable[Stream],
    kb: KnowledgeBase,
    *,
    progress: Progress | None = None,
) -> dict[str, StreamFeatures]:
    """Features of ``streams``; each distinct text is read and vectorised once."""
    items = list(streams)
    vocab = vocabulary(kb)
    texts: dict[tuple[str, str], int] = {}
    for s in items:
        texts.setdefault((s.title, s.description or ""), len(texts))
    keys = list(texts)
    meanings: list[TextMeaning] = []
    total = len(keys)
    for i, (title, description) in enumerate(keys):
        meanings.append(read_text(title, description or None, vocab))
        if progress is not None and (i % 2000 == 0 or i == total - 1):
            progress(i + 1, total)
    counts = ngram_counts([f"{t} {d}" if d else t for t, d in keys])
    counts = sp.csr_matrix(counts)
    out: dict[str, StreamFeatures] = {}
    for s in items:
        row = texts[(s.title, s.description or "")]
        start, end = counts.indptr[row], counts.indptr[row + 1]
        out[s.id] = features_of(
            s, meanings[row], kb, counts.indices[start:end].astype(np.int32), counts.data[start:end]
        )
    return out


def represent(
    region: Region, kb: KnowledgeBase, *, progress: Progress | None = None
) -> Representations:
    """Stage 1 of matching: the features of every stream of ``region``."""
    return Representations(model_key(kb), represent_streams(region.streams, kb, progress=progress))


__all__ = [
    "Representations",
    "StreamFeatures",
    "TextMeaning",
    "effective_type",
    "model_key",
    "read_text",
    "represent",
    "represent_streams",
    "use_types",
    "vocabulary",
]
