"""Text folding, fuzzy ranking and near-code suggestions shared by the code catalogues
(:mod:`kreislauf.core.codes`, :mod:`kreislauf.core.sectors`)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

Language = Literal["de", "en"]

#: Lowest search score (0..1) at which a name is offered as "did you mean".
SUGGEST_SCORE = 0.75


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold_text(text: str) -> str:
    """Lower case, umlauts spelt out (ä -> ae, ß -> ss), other accents dropped,
    punctuation to single blanks: "Bäckerei-Abfälle" -> "baeckerei abfaelle"."""
    lowered = text.casefold().translate(_FOLD)
    plain = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", plain).strip()


_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "other",
        "than",
        "the",
        "those",
        "to",
        "with",
        "mentioned",
        "containing",
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
        "und",
        "oder",
        "von",
        "vom",
        "aus",
        "mit",
        "ohne",
        "fuer",
        "zur",
        "zum",
        "bei",
        "im",
        "in",
        "an",
        "auf",
        "als",
        "sowie",
        "sonstige",
        "sonstiger",
        "andere",
        "anderen",
        "ausnahme",
        "derjenigen",
        "unter",
        "fallen",
        "enthalten",
        "enthaelt",
        "a",
        "n",
        "g",
        "u",
        "ae",
    ]
)


def _tokens(folded: str) -> list[str]:
    words = folded.split()
    kept = [w for w in words if len(w) > 1 and w not in _STOPWORDS]
    return kept or words


class TextIndex:
    """Fuzzy search over short texts (titles, names), German and English, typo- and
    compound-tolerant: a query word matches a title word by similarity (rapidfuzz ratio)
    or by containment ("bierbrauerei" contains "brauerei", scored by the share it covers); a title's score is the mean
    over the query's words of their best match, or the similarity of the whole texts
    where that is higher. Each text belongs to a key (a code) and a language (None: both).
    """

    def __init__(self, entries: Iterable[tuple[str, str, Language | None]]) -> None:
        self._keys: list[str] = []
        self._languages: list[Language | None] = []
        self._texts: list[str] = []
        vocabulary: dict[str, int] = {}
        rows: list[list[int]] = []
        for key, text, language in entries:
            folded = fold_text(text)
            if not folded:
                continue
            self._keys.append(key)
            self._languages.append(language)
            self._texts.append(folded)
            rows.append([vocabulary.setdefault(t, len(vocabulary)) for t in _tokens(folded)])
        self._vocabulary = list(vocabulary)
        width = max((len(r) for r in rows), default=1)
        pad = len(self._vocabulary)  # index of a column that always scores 0
        self._matrix = np.full((len(rows), width), pad, dtype=np.int64)
        for i, row in enumerate(rows):
            self._matrix[i, : len(row)] = row
        self._lengths = np.array([len(t) for t in self._texts], dtype=np.int64)
        self._by_language: dict[Language | None, np.ndarray] = {
            None: np.ones(len(rows), dtype=bool),
            "de": np.array([lang in (None, "de") for lang in self._languages], dtype=bool),
            "en": np.array([lang in (None, "en") for lang in self._languages], dtype=bool),
        }

    def __len__(self) -> int:
        return len(self._keys)

    def search(
        self, query: str, language: Language | None = None, limit: int = 10
    ) -> list[tuple[str, float]]:
        """The best keys for ``query`` as (key, score 0..1), best first, one row per key;
        ties go to the text more similar as a whole, then to the shorter text."""
        folded = fold_text(query)
        if not folded or limit <= 0 or not self._keys:
            return []
        words = _tokens(folded)
        ratios = process.cdist(words, self._vocabulary, scorer=fuzz.ratio, dtype=np.float64)
        sims = np.zeros((len(words), len(self._vocabulary) + 1), dtype=np.float64)
        sims[:, :-1] = ratios
        for i, word in enumerate(words):
            if len(word) < 4:
                continue
            for j, token in enumerate(self._vocabulary):
                if len(token) >= 4 and (token in word or word in token):
                    short, long = sorted((len(word), len(token)))
                    part = 60.0 + 30.0 * math.sqrt(short / long)  # a larger share counts more
                    sims[i, j] = max(sims[i, j], part)
        per_word = sims[:, self._matrix].max(axis=2)  # (words, texts)
        scores = per_word.mean(axis=0)
        whole = process.cdist([folded], self._texts, scorer=fuzz.ratio, dtype=np.float64)[0]
        scores = np.maximum(scores, whole)
        scores[~self._by_language[language]] = -1.0
        order = np.lexsort((self._lengths, -whole, -scores))
        found: list[tuple[str, float]] = []
        seen: set[str] = set()
        for index in order:
            score = float(scores[index])
            if score < 50.0:
                break
            key = self._keys[index]
            if key in seen:
                continue
            seen.add(key)
            found.append((key, round(score / 100.0, 4)))
            if len(found) >= limit:
                break
        return found


def nearest_digits(digits: str, candidates: Iterable[str], limit: int) -> list[str]:
    """Candidates closest to ``digits``: fewest edits (a swap counts as one), then the longest
    shared prefix, then the nearest number. Only candidates within two edits."""
    if not digits:
        return []
    scored: list[tuple[int, int, int, str]] = []
    for candidate in candidates:
        plain = candidate.replace(" ", "").replace(".", "")
        distance = OSA.distance(digits, plain)
        if distance > 2:
            continue
        shared = 0
        for a, b in zip(digits, plain, strict=False):
            if a != b:
                break
            shared += 1
        gap = abs(int(digits) - int(plain)) if digits.isdigit() and plain.isdigit() else 0
        scored.append((distance, -shared, gap, candidate))
    scored.sort()
    return [candidate for *_rest, candidate in scored[:limit]]


__all__ = ["SUGGEST_SCORE", "Language", "TextIndex", "fold_text", "nearest_digits"]
