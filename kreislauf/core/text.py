"""Text understanding for matching: normalisation, German compounds, term spotting,
character n-gram vectors.

Firms write titles like "Biertreber", "Rostasche / HMV-Schlacke aus der Abfallverbrennung"
or "Spent cell linings". This module turns such text into

- *folded* text (lower case, umlauts and ß folded, accents stripped),
- light stems that make Treber/Trebern, Späne/Spänen, ash/ashes meet,
- the knowledge base's concepts, uses and receivers it names (:class:`Vocabulary`),
  aware of multi-word terms, German compounds ("Brauereitreber" -> brauerei + treber)
  and of where in the sentence a word stands (what is offered vs. where it comes from
  or what it is for),
- character n-gram count vectors (3..5, word-bounded) for lexical similarity that is
  robust to compounds and spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o"})
_TOKEN_RE = re.compile(r"[a-z0-9]+|[.,;:/()\[\]]")
_ORIGINAL_RE = re.compile(r"[^\W_]+|[.,;:/()\[\]]")
_TEMP_RE = re.compile(r"(-?\d{1,3}(?:[.,]\d)?)\s*(?:°\s*c\b|grad\b|degc\b|° ?celsius)")

#: Words that introduce where something comes from: what follows describes the origin.
ORIGIN_MARKERS = frozenset(["von", "vom", "beim", "bei", "from", "ex"])
#: "aus" names the origin before an article ("aus der Kaltpressung") but the material
#: before a noun ("Hohlkörper aus Polyethylen").
ORIGIN_BEFORE_ARTICLE = frozenset({"aus"})
_ARTICLES = frozenset(
    ["der", "dem", "den", "des", "einer", "einem", "eines", "unserer", "unserem", "unseren"]
)
#: Words that introduce what something is for: receivers and uses follow.
PURPOSE_MARKERS = frozenset(["fuer", "zur", "zum", "zu", "for", "to", "into", "als", "as"])
_CLOSERS = frozenset(".;:")
_STOP = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "und",
        "oder",
        "mit",
        "ohne",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "ca",
        "etwa",
        "rund",
        "sowie",
        "bzw",
        "usw",
        "the",
        "a",
        "an",
        "and",
        "or",
        "with",
        "without",
        "in",
        "on",
        "at",
        "per",
        "approx",
        "about",
        "ab",
        "bis",
        "je",
        "pro",
    ]
)
#: Suffixes saying "free of": "pechfrei", "asbestfrei", "solvent-free" do not name pitch.
_FREE_SUFFIXES = ("frei", "free", "arm")

#: German parts of compounds that are no knowledge-base term but help split words.
GERMAN_MORPHEMES: frozenset[str] = frozenset(
    [
        "alt",
        "ab",
        "abfall",
        "rest",
        "reste",
        "neben",
        "bei",
        "roh",
        "misch",
        "sorten",
        "rein",
        "fein",
        "grob",
        "nass",
        "trocken",
        "bier",
        "brauerei",
        "brenn",
        "bau",
        "gross",
        "klein",
        "gebraucht",
        "ueber",
        "unter",
        "nach",
        "vor",
        "ein",
        "aus",
        "produktions",
        "prozess",
        "industrie",
        "gewerbe",
        "haus",
        "haushalt",
        "betrieb",
        "werk",
        "werks",
        "anlage",
        "stueck",
        "stueckig",
        "teil",
        "teile",
        "platten",
        "platte",
        "block",
        "schnitt",
        "schnitte",
        "mehl",
        "staub",
        "bruch",
        "gut",
        "stoff",
        "stoffe",
        "masse",
        "material",
        "materialien",
        "ware",
        "waren",
        "koerper",
        "dose",
        "dosen",
        "wasser",
        "waerme",
        "kalt",
        "warm",
        "heiss",
        "ober",
        "grund",
        "rueck",
        "frisch",
        "hart",
        "weich",
        "bunt",
        "edel",
        "voll",
        "leer",
        "massiv",
        "schwer",
        "leicht",
    ]
)
PURPOSE_CONCEPT_WEIGHT = 0.45
#: Weight of a term found inside a longer term of the same text.
SUBPHRASE_WEIGHT = 0.5
#: Heads of German compounds that name a form or state, not a material: in
#: "Düngerpellets" or "Kupferschrott" the part before them says what it is.
FORM_HEADS: frozenset[str] = frozenset(
    [
        "pellets",
        "granulat",
        "granulate",
        "pulver",
        "mehl",
        "staub",
        "staeube",
        "reste",
        "rest",
        "abfall",
        "abfaelle",
        "bruch",
        "schrott",
        "verschnitt",
        "platten",
        "platte",
        "stuecke",
        "teile",
        "spaene",
        "schnitzel",
        "folie",
        "folien",
        "gemisch",
        "gemische",
        "schlamm",
        "schlaemme",
    ]
)
_LINKS = ("", "s", "n", "en", "e", "es", "er")
#: Version of the text understanding: part of the knowledge base's fingerprint, so that
#: representations stored with an earlier reading are recomputed.
TEXT_VERSION = 4
#: Everyday German words that end in a knowledge-base term by accident ("Behörde" ends in
#: "Erde", "Tasche" in "Asche", "Ultraschall" holds "Halle"): never split into parts.
EVERYDAY_WORDS: frozenset[str] = frozenset(
    [
        "behoerde",
        "behoerden",
        "tasche",
        "taschen",
        "ultraschall",
        "team",
        "teams",
        "arbeitsteam",
        "mitarbeiter",
        "mitarbeitende",
        "unternehmen",
        "gesellschaft",
        "wirtschaft",
        "landwirtschaft",
        "kreislaufwirtschaft",
        "verwaltung",
        "beratung",
        "gemeinde",
        "stadtverwaltung",
        "landkreis",
        "kreis",
        "region",
        "standort",
        "menge",
        "mengen",
        "abholung",
        "lieferung",
        "angebot",
        "anfrage",
        "bedarf",
        "nachfrage",
        "kontakt",
        "ansprechpartner",
        "telefon",
        "woche",
        "wochen",
        "monat",
        "monate",
        "jahr",
        "jahre",
        "jaehrlich",
        "monatlich",
        "woechentlich",
        "taeglich",
        "regelmaessig",
        "kostenlos",
        "guenstig",
        "sauber",
        "sortenrein",
    ]
)
#: English words that name a form or a carrier, not a material: "scrap wood", "food
#: scraps" are no metal, "condensate water" is no fresh water. A concept named only by
#: such a word counts where no other concept is named.
WEAK_WORDS: frozenset[str] = frozenset(["scrap", "scraps", "water", "offcuts"])
#: Weak words that, inside a multi-word phrase, read as "waste" ("food scraps").
WASTE_LIKE_WORDS: frozenset[str] = frozenset(["scrap", "scraps"])


def _is_fragment(prefix: str, head: str) -> bool:
    """True where ``head`` is likely the tail of another word ("glasfl|asche"): the part
    before it must look like a word (a vowel, not ending in a cluster that no German or
    English word ends in)."""
    if not any(v in prefix for v in "aeiouy"):
        return True
    return prefix.endswith(
        (
            "fl",
            "schr",
            "spr",
            "pfl",
            "kl",
            "gl",
            "bl",
            "pl",
            "tr",
            "dr",
            "kr",
            "gr",
            "br",
            "pr",
            "fr",
            "schl",
            "schw",
        )
    )


def _split_rank(state: tuple[int, int, tuple[tuple[str, bool], ...]]) -> tuple[int, int, int]:
    parts, known, segments = state
    return known, -parts, min((len(p) for p, _ in segments), default=0)


def fold(text: str) -> str:
    """Lower case, umlauts and ß folded (ä -> ae), other accents stripped."""
    if text.isascii():
        return text.lower()
    lowered = text.lower().translate(_FOLD)
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Folded words and the punctuation marks that structure a title."""
    return _TOKEN_RE.findall(fold(text))


def words(text: str) -> list[str]:
    return [t for t in tokens(text) if t[0].isalnum()]


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """A light stem, the same for singular and plural, German and English:
    treber/trebern, spaene/spaenen, ash/ashes, grain/grains, kabel/kabeln.

    Applied until nothing changes, so that a plural and its singular always meet."""
    if token.endswith("ues") and len(token) > 5:
        token = token[:-1]  # English "residues", "tissues": singular before folding "ue"
    t = token.replace("ae", "a").replace("oe", "o").replace("ue", "u") if len(token) > 3 else token
    for _ in range(3):
        s = _stem_once(t)
        if s == t:
            break
        t = s
    return t


def _stem_once(t: str) -> str:
    if len(t) <= 3 or t[-1].isdigit():
        return t
    if t.endswith("ies") and len(t) > 5:
        return t[:-3] + "y"
    if t.endswith(("en", "es")) and len(t) >= 6 and not t.endswith(("een", "ees")):
        return t[:-2]
    if t.endswith("e") and len(t) >= 4:
        return t[:-1]
    if t.endswith("n") and len(t) >= 5 and t[-2] in "rl":
        return t[:-1]
    if t.endswith("s") and len(t) >= 4 and t[-2] not in "su":
        return t[:-1]
    return t


def temperature_in(text: str) -> float | None:
    """A temperature in °C named in a text ("Warmwasser ca. 40 °C"), or None."""
    found = _TEMP_RE.findall(fold(text))
    if not found:
        return None
    return max(float(v.replace(",", ".")) for v in found)


Entry = tuple[str, str]  # (kind, id): ("concept", "spent_grain")


@dataclass(frozen=True, slots=True)
class Spot:
    """One knowledge-base entry found in a text, with its weight and the words."""

    kind: str
    id: str
    weight: float
    words: str


_FORM_HEAD_STEMS: frozenset[str] = frozenset(stem(w) for w in FORM_HEADS)
_WEAK_KEYS: frozenset[tuple[str, ...]] = frozenset((stem(w),) for w in WEAK_WORDS)
#: Inside multi-word phrases, weak words read as "waste".
_PHRASE_ALIASES: dict[str, str] = {stem(w): stem("waste") for w in WASTE_LIKE_WORDS}


class TermIndex(dict[str, tuple[Entry, ...]]):
    """Terms (lower case) to the entries they name, knowing which terms are German:
    only German terms are looked for inside German compounds ("Arbeitsteam" holds no
    English "steam")."""

    def __init__(self, items: Mapping[str, tuple[Entry, ...]], german: Iterable[str]) -> None:
        super().__init__(items)
        self.german: frozenset[str] = frozenset(german)


class Vocabulary:
    """The knowledge base's terms, ready for spotting in free text.

    ``terms`` maps a term (any case) to the entries it names. Multi-word terms match as
    stemmed word sequences; single words also match inside German compounds.
    """

    def __init__(
        self, terms: Mapping[str, Sequence[Entry]], *, morphemes: Iterable[str] = GERMAN_MORPHEMES
    ) -> None:
        self.phrases: dict[tuple[str, ...], tuple[Entry, ...]] = {}
        self.units: dict[str, tuple[Entry, ...]] = {}
        german: frozenset[str] | None = getattr(terms, "german", None)
        for term, entries in terms.items():
            parts = words(term)
            if not parts:
                continue
            key = tuple(stem(p) for p in parts)
            merged = tuple(dict.fromkeys((*self.phrases.get(key, ()), *entries)))
            self.phrases[key] = merged
            in_compounds = german is None or term in german
            if len(parts) == 1 and len(parts[0]) >= 3 and in_compounds:
                # English-only terms are no part of German compounds
                for form in {parts[0], key[0]}:
                    if len(form) >= 3:
                        self.units[form] = tuple(
                            dict.fromkeys((*self.units.get(form, ()), *entries))
                        )
            joined = "".join(parts)
            if len(parts) > 1 and len(joined) >= 6:
                # "REA-Gips" may be written "REAGips"; "Saw dust" as "sawdust".
                self.units.setdefault(joined, merged)
        self.max_len = max((len(k) for k in self.phrases), default=1)
        self.morphemes = frozenset(m for m in morphemes if m not in self.units)
        self._split_cache: dict[str, tuple[tuple[str, float], ...]] = {}

    # ------------------------------------------------------------------ compounds
    def split(self, token: str) -> tuple[tuple[str, float], ...]:
        """Known parts of a compound word with their weights (head = last part = 1.0).

        ``"biertreber"`` -> ``(("treber", 1.0),)`` (``bier`` is a morpheme, not a term);
        ``"holzhackschnitzel"`` -> ``(("holz", 0.6), ("hackschnitzel", 1.0))`` where both
        are terms. Returns ``()`` where the word is no compound of known parts.
        """
        cached = self._split_cache.get(token)
        if cached is not None:
            return cached
        result = self._split(token)
        if len(self._split_cache) < 500_000:
            self._split_cache[token] = result
        return result

    def _split(self, token: str) -> tuple[tuple[str, float], ...]:
        if len(token) < 6 or token.endswith(_FREE_SUFFIXES) or token in EVERYDAY_WORDS:
            return ()
        n = len(token)
        # best[i]: (number of segments, known characters, segments) covering token[:i]
        best: list[tuple[int, int, tuple[tuple[str, bool], ...]] | None] = [None] * (n + 1)
        best[0] = (0, 0, ())
        for i in range(n):
            current = best[i]
            if current is None:
                continue
            for j in range(i + 3, n + 1):
                piece = token[i:j]
                known = len(piece) >= 4 and piece in self.units
                if not known and piece not in self.morphemes:
                    continue
                for link in _LINKS:
                    end = j + len(link)
                    if end > n or token[j:end] != link:
                        continue
                    candidate = (
                        current[0] + 1,
                        current[1] + (len(piece) if known else 0),
                        (*current[2], (piece, known)),
                    )
                    old = best[end]
                    # most known characters, then fewest parts, then the shortest part as
                    # long as possible ("spanplatten|verschnitt", not "span|plattenverschnitt")
                    if old is None or _split_rank(candidate) > _split_rank(old):
                        best[end] = candidate
        full = best[n]
        if full is not None and full[0] >= 2:
            segments = full[2]
        else:
            # No full split: take the longest known head (German compounds end in the head).
            for i in range(3, n - 3):
                if token[i:] in self.units and not _is_fragment(token[:i], token[i:]):
                    tail = ((token[i:], True),)
                    prefix = token[:i]
                    prefix_known = tuple(
                        (prefix[:k], True) for k in (len(prefix),) if prefix[:k] in self.units
                    )
                    segments = prefix_known + tail
                    break
            else:
                return ()
        known_parts = [
            (p, i == len(segments) - 1)
            for i, (p, k) in enumerate(segments)
            if k and not self._runs_on(p, segments[i + 1][0] if i + 1 < len(segments) else "")
        ]
        head = segments[-1][0]
        has_modifier = any(not is_head for _, is_head in known_parts)
        if has_modifier and len(segments) >= 2 and stem(head) in _FORM_HEAD_STEMS:
            # "Düngerpellets", "Kupferschrott", "Holzstaub": the head names a form, the
            # part before it the material
            return tuple((p, 0.6 if is_head else 1.0) for p, is_head in known_parts)
        return tuple((p, 1.0 if is_head else 0.6) for p, is_head in known_parts)

    def _runs_on(self, part: str, following: str) -> bool:
        """True where a modifier is only the start of a longer known word running into the
        next part: "span" in "span|plattenverschnitt" belongs to "Spanplatte", not to
        "Späne"."""
        joined = part + following
        return any(joined[:end] in self.units for end in range(len(part) + 3, len(joined)))

    # ------------------------------------------------------------------ spotting
    def spot(self, text: str, *, weight: float = 1.0) -> list[Spot]:
        """The entries a text names, each once with its best weight.

        Words after "aus/from/of" (the origin) weigh 0.45; concepts after "für/for/zur"
        (the purpose) weigh 0.6, uses and receivers keep full weight there; words in
        parentheses weigh 0.8.
        """
        originals = _ORIGINAL_RE.findall(text)
        toks = [fold(t) for t in originals]
        zone = 1.0
        surfaces: list[str] = []
        purpose = False
        paren = 1.0
        items: list[tuple[str, float, bool]] = []  # (word, zone weight, in purpose clause)
        for pos, tok in enumerate(toks):
            if tok in ORIGIN_BEFORE_ARTICLE:
                following = toks[pos + 1] if pos + 1 < len(toks) else ""
                if following in _ARTICLES:
                    zone, purpose = 0.45, False
                items.append(("", 0.0, False))
                surfaces.append("")
                continue
            if tok in _CLOSERS or tok == "/":
                zone, purpose = 1.0, False
                continue
            if tok == ",":
                if zone < 1.0 and not purpose:
                    zone = 1.0
                continue
            if tok in ("(", "["):
                paren = 0.8
                continue
            if tok in (")", "]"):
                paren = 1.0
                continue
            if tok in ORIGIN_MARKERS:
                zone, purpose = 0.45, False
                items.append(("", 0.0, False))
                surfaces.append("")
                continue
            if tok in PURPOSE_MARKERS:
                zone, purpose = 1.0, True
                items.append(("", 0.0, False))
                surfaces.append("")
                continue
            items.append((tok, zone * paren, purpose))
            surfaces.append(originals[pos])
        best: dict[Entry, Spot] = {}
        weak: dict[Entry, Spot] = {}

        def record(
            entries: Iterable[Entry],
            w: float,
            surface: str,
            in_purpose: bool,
            *,
            only_weak: bool = False,
        ) -> None:
            table = weak if only_weak else best
            for kind, ident in entries:
                eff = w * weight
                if kind == "concept" and in_purpose:
                    eff *= PURPOSE_CONCEPT_WEIGHT
                old = table.get((kind, ident))
                if old is None or eff > old.weight:
                    table[(kind, ident)] = Spot(kind, ident, round(eff, 4), surface)

        stems = [stem(w) if w else "" for w, _, _ in items]
        has_alias = any(st in _PHRASE_ALIASES for st in stems)
        covered = [False] * len(items)
        cover_end = 0  # end of the longest phrase found so far
        for i in range(len(items)):
            if not items[i][0]:
                continue
            for length in range(min(self.max_len, len(items) - i), 0, -1):
                key = tuple(stems[i : i + length])
                if "" in key:
                    continue
                entries = self.phrases.get(key)
                if not entries and length > 1 and has_alias:
                    # "food scraps", "leather scraps": a form word in a phrase stands for
                    # "waste" ("food waste", "leather waste")
                    alias = tuple(_PHRASE_ALIASES.get(k, k) for k in key)
                    entries = self.phrases.get(alias) if alias != key else None
                if entries:
                    surface = " ".join(surfaces[i : i + length])
                    w = min(z for _, z, _ in items[i : i + length])
                    if i + length <= cover_end:
                        # a term inside a longer one ("water" in "waste water", "refinery"
                        # in "alumina refinery") is only a broader reading of it
                        w *= SUBPHRASE_WEIGHT
                    cover_end = max(cover_end, i + length)
                    record(
                        entries,
                        w,
                        surface,
                        items[i + length - 1][2],
                        only_weak=key in _WEAK_KEYS,
                    )
                    for k in range(i, i + length):
                        covered[k] = True
                    break
        for i, (word, zone_w, in_purpose) in enumerate(items):
            if not word or covered[i] or word in _STOP or word.isdigit():
                continue
            parts = self.split(word) or self.split(stems[i])
            for part, part_w in parts:
                record(self.units.get(part, ()), zone_w * part_w * 0.95, surfaces[i], in_purpose)
        if weak:
            # "scrap" alone is metal scrap; beside another material ("scrap wood", "food
            # production scraps") it only says the thing is a leftover
            named = any(
                e[0] == "concept" or (e[0] == "use" and s.weight >= 0.9) for e, s in best.items()
            )
            for entry, found in weak.items():
                if not named and entry not in best:
                    best[entry] = found
        return sorted(best.values(), key=lambda s: (s.kind, s.id))


# ---------------------------------------------------------------------- n-gram vectors

N_FEATURES = 2**20


@lru_cache(maxsize=1)
def _hasher() -> object:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        n_features=N_FEATURES,
        alternate_sign=False,
        norm=None,
        lowercase=False,
        preprocessor=lambda t: " ".join(words(t)),
        dtype=np.float32,
    )


def ngram_counts(texts: Sequence[str]) -> sp.csr_matrix:
    """Character 3..5-gram counts (hashed, word-bounded) of folded texts, one row each."""
    if not texts:
        return sp.csr_matrix((0, N_FEATURES), dtype=np.float32)
    matrix = _hasher().transform(texts)  # type: ignore[attr-defined]
    return sp.csr_matrix(matrix, dtype=np.float32)


def tfidf(
    counts: sp.csr_matrix, df: np.ndarray, n_docs: int, *, max_df_share: float | None = None
) -> sp.csr_matrix:
    """Sublinear TF-IDF, rows L2-normalised. ``df`` holds each feature's document
    frequency among ``n_docs`` documents; features in more than ``max_df_share`` of a
    large corpus carry no ranking signal and are dropped (keeps products sparse)."""
    m = sp.csr_matrix(counts, dtype=np.float32, copy=True)
    m.data = 1.0 + np.log(m.data)
    idf = (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)
    if max_df_share is not None and n_docs >= 2000:
        idf[df > max(50.0, max_df_share * n_docs)] = 0.0
    m = sp.csr_matrix(m.multiply(idf[np.newaxis, :]), dtype=np.float32)
    m.eliminate_zeros()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms).dot(m), dtype=np.float32)


def document_frequency(counts: sp.csr_matrix) -> np.ndarray:
    """How many rows contain each feature."""
    binary = counts.copy()
    binary.data[:] = 1.0
    return np.asarray(binary.sum(axis=0)).ravel().astype(np.float32)


__all__ = [
    "EVERYDAY_WORDS",
    "GERMAN_MORPHEMES",
    "N_FEATURES",
    "ORIGIN_MARKERS",
    "PURPOSE_MARKERS",
    "TEXT_VERSION",
    "WASTE_LIKE_WORDS",
    "WEAK_WORDS",
    "Spot",
    "TermIndex",
    "Vocabulary",
    "document_frequency",
    "fold",
    "ngram_counts",
    "stem",
    "temperature_in",
    "tfidf",
    "tokens",
    "words",
]
