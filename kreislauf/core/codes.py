"""Official code lists: waste codes (European List of Waste / AVV) and sectors (NACE Rev. 2 /
WZ 2008), their spellings, lookups and "did you mean" on near misses.

Pure: the catalogues are built from rows that an adapter (:mod:`kreislauf.catalogues`)
reads from the package data; nothing here reads files.

Waste codes are written as in the AVV and the region file: ``"02 07 02"``, with a trailing
``"*"`` where the waste is hazardous (``"13 02 05*"``). :func:`normalize_waste_code`
accepts the spellings people use ("020702", "02.07.02", "02-07-02", "13 02 05 *",
"AVV 130205*") and returns that form, keeping a star only where one was written; the
catalogue knows whether a code is hazardous (:attr:`WasteCode.notation` carries the star).

Sector codes are NACE Rev. 2 codes, which WZ 2008 shares down to the class (``"C"``,
``"10"``, ``"10.5"``, ``"10.51"``), plus the German WZ 2008 subclasses (``"10.51.0"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from kreislauf.core.lookup import SUGGEST_SCORE, Language, TextIndex, fold_text, nearest_digits
from kreislauf.core.sectors import (
    MALFORMED_SECTOR_CODE,
    Sector,
    SectorCatalogue,
    SectorHit,
    SectorLevel,
    SectorTerm,
    normalize_nace,
)
from kreislauf.errors import KreislaufError, UnknownCodeError

EntryKind = Literal["absolute", "mirror"]

# ---------------------------------------------------------------------------------------
# Waste codes

_WASTE_LABEL = re.compile(
    r"^(?:avv|ewc|eak|low|asn|abfallschl(?:ue|ü)ssel|abfallcode|waste\s*code)\s*(?:nr\.?|no\.?)?\s*[:#]?\s*",
    re.IGNORECASE,
)
_STAR = re.compile(r"\s*(?:\(\s*[*＊∗]\s*\)|[*＊∗])\s*$")
_DIGIT_GROUPS = re.compile(r"^\d+(?:[\s./_-]*\d+)*$")

MALFORMED_WASTE_CODE = (
    '"{text}" is not a waste code: write six digits such as "02 07 02", '
    'with "*" where the waste is hazardous'
)
MALFORMED_WASTE_PREFIX = (
    '"{text}" is not a waste code, group or chapter: write "02", "02 07" or "02 07 02"'
)
UNKNOWN_WASTE_CODE = '"{code}" is not in the European List of Waste'
UNKNOWN_WASTE_CODE_SUGGEST = (
    '"{code}" is not in the European List of Waste; did you mean "{suggestion}"?'
)
WASTE_STAR_WRONG = '"{code}" carries a star but {bare} is not a hazardous waste'
WASTE_STAR_MISSING = '"{code}" lacks the star: {bare} is a hazardous waste ("{notation}")'


def _split_waste(text: str) -> tuple[str, bool] | None:
    """(digits, starred) of a code, group or chapter as written, or None."""
    rest = _WASTE_LABEL.sub("", text.strip())
    star = _STAR.search(rest)
    starred = star is not None
    if star is not None:
        rest = rest[: star.start()]
    rest = rest.strip()
    if not _DIGIT_GROUPS.match(rest):
        return None
    digits = re.sub(r"\D", "", rest)
    chunks = re.split(r"[\s./_-]+", rest)
    if any(len(chunk) % 2 for chunk in chunks):
        return None  # "2 07 02", "020 702": the pairs are ambiguous
    return digits, starred


def _spaced(digits: str) -> str:
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def normalize_waste_code(text: str) -> str:
    """The six-digit waste code in ``text`` written "02 07 02" (a star kept where written:
    "13 02 05*"). Raises :class:`UnknownCodeError` where ``text`` is no six-digit code.

    This checks the spelling only; :meth:`WasteCatalogue.require` checks that it exists.
    """
    parts = _split_waste(text)
    if parts is None or len(parts[0]) != 6:
        raise UnknownCodeError(MALFORMED_WASTE_CODE, text=text)
    digits, starred = parts
    return _spaced(digits) + ("*" if starred else "")


def normalize_waste_prefix(text: str) -> str:
    """A chapter ("02"), group ("02 07") or code ("02 07 02", star dropped) as written in
    the list. Raises :class:`UnknownCodeError` for anything else."""
    parts = _split_waste(text)
    if parts is None or len(parts[0]) not in (2, 4, 6) or (parts[1] and len(parts[0]) != 6):
        raise UnknownCodeError(MALFORMED_WASTE_PREFIX, text=text)
    return _spaced(parts[0])


@dataclass(frozen=True, slots=True)
class WasteCode:
    """One entry of the European List of Waste / AVV.

    ``code`` is written without the star ("13 02 05"); ``notation`` with it where the
    waste is hazardous ("13 02 05*"), as in the region file. ``entry`` says whether the
    entry is absolute or one of a mirror pair (hazardous / non-hazardous by content).
    """

    code: str
    hazardous: bool
    entry: EntryKind
    chapter: str
    group: str
    title_de: str
    title_en: str

    @property
    def notation(self) -> str:
        return self.code + ("*" if self.hazardous else "")

    def title(self, language: Language = "de") -> str:
        return self.title_en if language == "en" else self.title_de

    def __str__(self) -> str:
        return f"{self.notation} {self.title_de}"


@dataclass(frozen=True, slots=True)
class WasteHeading:
    """A chapter ("02") or group ("02 07") heading of the list."""

    code: str
    level: Literal["chapter", "group"]
    title_de: str
    title_en: str

    def title(self, language: Language = "de") -> str:
        return self.title_en if language == "en" else self.title_de


@dataclass(frozen=True, slots=True)
class WasteHit:
    """A search result: the code, a score in 0..1 (1 = exact), best first."""

    code: WasteCode
    score: float


class WasteCatalogue:
    """The European List of Waste / AVV: codes, chapter and group headings, lookups."""

    def __init__(self, codes: Iterable[WasteCode], headings: Iterable[WasteHeading]) -> None:
        self._codes: dict[str, WasteCode] = {}
        for code in sorted(codes, key=lambda c: c.code):
            if code.code in self._codes:
                raise KreislaufError("waste catalogue: {code} is listed twice", code=code.code)
            self._codes[code.code] = code
        self._headings: dict[str, WasteHeading] = {h.code: h for h in headings}
        for code in self._codes.values():
            for head in (code.chapter, code.group):
                if head not in self._headings:
                    raise KreislaufError(
                        "waste catalogue: {code} belongs to {heading}, which has no heading",
                        code=code.code,
                        heading=head,
                    )
        entries: list[tuple[str, str, Language | None]] = []
        for code in self._codes.values():
            entries.append((code.code, code.title_de, "de"))
            entries.append((code.code, code.title_en, "en"))
        self._index = TextIndex(entries)

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[WasteCode]:
        return iter(self._codes.values())

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.get(text) is not None

    def get(self, text: str) -> WasteCode | None:
        """The entry for ``text`` in any spelling, the star ignored; None where there is none."""
        try:
            bare = normalize_waste_code(text).rstrip("*")
        except UnknownCodeError:
            return None
        return self._codes.get(bare)

    def require(self, text: str, *, strict_star: bool = False) -> WasteCode:
        """The entry for ``text``; :class:`UnknownCodeError` with "did you mean" where
        there is none. With ``strict_star`` a star written on a non-hazardous code, or
        missing on a hazardous one, is an error too."""
        written = normalize_waste_code(text)
        bare = written.rstrip("*")
        found = self._codes.get(bare)
        if found is None:
            near = self.suggest(bare)
            if near:
                raise UnknownCodeError(UNKNOWN_WASTE_CODE_SUGGEST, code=written, suggestion=near[0])
            raise UnknownCodeError(UNKNOWN_WASTE_CODE, code=written)
        if strict_star and written.endswith("*") != found.hazardous:
            if found.hazardous:
                raise UnknownCodeError(
                    WASTE_STAR_MISSING, code=written, bare=bare, notation=found.notation
                )
            raise UnknownCodeError(WASTE_STAR_WRONG, code=written, bare=bare)
        return found

    def canonical(self, text: str) -> str:
        """The code as the region file writes it, with the star where hazardous."""
        return self.require(text).notation

    def is_hazardous(self, text: str) -> bool:
        return self.require(text).hazardous

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Codes (with their star) near ``text``: by edit distance of the digits and shared
        prefix, or, where ``text`` is words, by title."""
        parts = _split_waste(text)
        if parts is not None:
            near = nearest_digits(parts[0], self._codes, limit)
            return [self._codes[code].notation for code in near]
        hits = self.search(text, limit=limit)
        return [hit.code.notation for hit in hits if hit.score >= SUGGEST_SCORE]

    def heading(self, text: str) -> WasteHeading | None:
        """The chapter ("02") or group ("02 07") heading, any spelling; None where unknown."""
        try:
            prefix = normalize_waste_prefix(text)
        except UnknownCodeError:
            return None
        return self._headings.get(prefix)

    def chapter(self, text: str) -> WasteHeading:
        """The chapter of a code, group or chapter in any spelling."""
        prefix = normalize_waste_prefix(text)
        found = self._headings.get(prefix[:2])
        if found is None or (len(prefix) > 2 and self.has_prefix(prefix) is False):
            raise self._unknown_prefix(prefix)
        return found

    def group(self, text: str) -> WasteHeading:
        """The group of a code or group in any spelling."""
        prefix = normalize_waste_prefix(text)
        if len(prefix) < 5:
            raise UnknownCodeError(MALFORMED_WASTE_CODE, text=text)
        found = self._headings.get(prefix[:5])
        if found is None or not self.has_prefix(prefix):
            raise self._unknown_prefix(prefix)
        return found

    def has_prefix(self, text: str) -> bool:
        """True where ``text`` is a chapter, group or code of the list."""
        try:
            prefix = normalize_waste_prefix(text)
        except UnknownCodeError:
            return False
        return prefix in self._codes or prefix in self._headings

    def under(self, text: str) -> tuple[WasteCode, ...]:
        """The codes in a chapter or group (or the one code), any spelling."""
        prefix = normalize_waste_prefix(text)
        if not self.has_prefix(prefix):
            raise self._unknown_prefix(prefix)
        return tuple(c for c in self._codes.values() if c.code.startswith(prefix))

    def headings(
        self, level: Literal["chapter", "group"] | None = None
    ) -> tuple[WasteHeading, ...]:
        found = sorted(self._headings.values(), key=lambda h: h.code)
        return tuple(h for h in found if level is None or h.level == level)

    def search(
        self, text: str, language: Language | None = None, limit: int = 10
    ) -> list[WasteHit]:
        """Codes whose title (German, English or both) is nearest to ``text``, best first.
        A code, group or chapter as ``text`` lists its codes with score 1."""
        if self.has_prefix(text):
            codes = self.under(text)[:limit]
            return [WasteHit(code, 1.0) for code in codes]
        ranked = self._index.search(text, language, limit)
        return [WasteHit(self._codes[key], score) for key, score in ranked]

    def _unknown_prefix(self, prefix: str) -> UnknownCodeError:
        near = nearest_digits(
            prefix.replace(" ", ""),
            [p for p in [*self._headings, *self._codes] if len(p) == len(prefix)],
            1,
        )
        if near:
            return UnknownCodeError(UNKNOWN_WASTE_CODE_SUGGEST, code=prefix, suggestion=near[0])
        return UnknownCodeError(UNKNOWN_WASTE_CODE, code=prefix)


__all__ = [
    "MALFORMED_SECTOR_CODE",
    "EntryKind",
    "Language",
    "Sector",
    "SectorCatalogue",
    "SectorHit",
    "SectorLevel",
    "SectorTerm",
    "WasteCatalogue",
    "WasteCode",
    "WasteHeading",
    "WasteHit",
    "fold_text",
    "normalize_nace",
    "normalize_waste_code",
    "normalize_waste_prefix",
]
