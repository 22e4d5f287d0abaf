"""Sectors: NACE Rev. 2 and the German WZ 2008 (same codes down to the class, plus the
WZ 2008 subclasses), their spellings, hierarchy, name search and "did you mean".

Codes are written as Eurostat and Destatis write them: section ``"C"``, division ``"10"``,
group ``"10.5"``, class ``"10.51"``, WZ subclass ``"10.51.0"``. Pure: the catalogue is
built from rows that :mod:`kreislauf.catalogues` reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from kreislauf.core.lookup import SUGGEST_SCORE, Language, TextIndex, nearest_digits
from kreislauf.errors import KreislaufError, UnknownCodeError

MALFORMED_SECTOR_CODE = (
    '"{text}" is not a sector code: write a NACE Rev. 2 / WZ 2008 code such as '
    '"10.51", "10.5", "10" or "C"'
)
UNKNOWN_SECTOR = '"{code}" is not a NACE Rev. 2 / WZ 2008 code'
UNKNOWN_SECTOR_SUGGEST = (
    '"{code}" is not a NACE Rev. 2 / WZ 2008 code; did you mean "{suggestion}"?'
)
SECTOR_NAME_SUGGEST = '"{text}" is not a sector code; did you mean "{suggestion}" ({title})?'


class SectorLevel(StrEnum):
    SECTION = "section"
    DIVISION = "division"
    GROUP = "group"
    CLASS = "class"
    SUBCLASS = "subclass"

    @property
    def depth(self) -> int:
        """1 for a section ... 5 for a WZ 2008 subclass."""
        return list(SectorLevel).index(self) + 1


_NACE_LABEL = re.compile(
    r"^(?:wz(?:\s*(?:20)?08)?|nace(?:\s*rev\.?\s*2(?:\.0)?)?|wirtschaftszweig)\s*[:#]?\s*",
    re.IGNORECASE,
)
_SECTION = re.compile(r"[A-U]")
_DOTTED = re.compile(r"(\d{1,2})(?:\.(\d)(?:(\d)(?:\.(\d))?)?)?")
_PLAIN = re.compile(r"\d{1,5}")


def _level_of(code: str) -> SectorLevel:
    if _SECTION.fullmatch(code):
        return SectorLevel.SECTION
    return (SectorLevel.DIVISION, SectorLevel.GROUP, SectorLevel.CLASS, SectorLevel.SUBCLASS)[
        len(code.replace(".", "")) - 2
    ]


def normalize_nace(text: str) -> str:
    """The NACE Rev. 2 / WZ 2008 code in ``text`` as Eurostat writes it: "1051", "10.51",
    "WZ 10.51" -> "10.51"; "105" -> "10.5"; "c" -> "C"; "10510", "WZ 2008 10.51.0" ->
    "10.51.0"; a section letter before digits ("C10.51") is dropped. Raises
    :class:`UnknownCodeError` where ``text`` is no such code (its existence is checked by
    :meth:`SectorCatalogue.require`)."""
    rest = _NACE_LABEL.sub("", text.strip()).strip()
    upper = rest.upper()
    if _SECTION.fullmatch(upper):
        return upper
    if len(rest) > 1 and _SECTION.fullmatch(upper[0]) and (rest[1].isdigit() or rest[1] == " "):
        rest = rest[1:].strip()
    dotted = _DOTTED.fullmatch(rest)
    if dotted is not None and "." in rest:
        division, group, klass, sub = dotted.groups()
        code = division.zfill(2)
        if group is not None:
            code += "." + group
        if klass is not None:
            code += klass
        if sub is not None:
            code += "." + sub
        return code
    if _PLAIN.fullmatch(rest):
        digits = rest.zfill(2)
        code = digits[:2]
        if len(digits) > 2:
            code += "." + digits[2:4]
        if len(digits) > 4:
            code += "." + digits[4:]
        return code
    raise UnknownCodeError(MALFORMED_SECTOR_CODE, text=text)


@dataclass(frozen=True, slots=True)
class Sector:
    """One NACE Rev. 2 / WZ 2008 entry. ``parent`` is None for a section. WZ subclasses
    have German titles only (``title_en`` is "")."""

    code: str
    level: SectorLevel
    parent: str | None
    title_de: str
    title_en: str

    def title(self, language: Language = "de") -> str:
        if language == "en" and self.title_en:
            return self.title_en
        return self.title_de

    def __str__(self) -> str:
        return f"{self.code} {self.title_de}"


@dataclass(frozen=True, slots=True)
class SectorTerm:
    """A name people use for a sector ("Brauerei", "brewery"), pointing at its code.
    ``language`` None means the term is used in both languages."""

    code: str
    term: str
    language: Language | None = None


@dataclass(frozen=True, slots=True)
class SectorHit:
    """A search result: the sector, a score in 0..1 (1 = exact), best first."""

    sector: Sector
    score: float


class SectorCatalogue:
    """NACE Rev. 2 / WZ 2008 with hierarchy, lookups, name search and "did you mean"."""

    def __init__(self, sectors: Iterable[Sector], terms: Iterable[SectorTerm] = ()) -> None:
        self._sectors: dict[str, Sector] = {}
        for sector in sectors:
            if sector.code in self._sectors:
                raise KreislaufError("sector catalogue: {code} is listed twice", code=sector.code)
            self._sectors[sector.code] = sector
        self._children: dict[str, list[str]] = {}
        for sector in self._sectors.values():
            if sector.parent is not None:
                if sector.parent not in self._sectors:
                    raise KreislaufError(
                        "sector catalogue: the parent {parent} of {code} is missing",
                        parent=sector.parent,
                        code=sector.code,
                    )
                self._children.setdefault(sector.parent, []).append(sector.code)
        entries: list[tuple[str, str, Language | None]] = []
        for sector in self._sectors.values():
            parent = self._sectors.get(sector.parent) if sector.parent else None
            for language in ("de", "en"):
                lang: Language = "de" if language == "de" else "en"
                own = sector.title_de if lang == "de" else sector.title_en
                above = (
                    "" if parent is None else (parent.title_de if lang == "de" else parent.title_en)
                )
                if own and own != above:  # a title repeated down the tree stays with the top
                    entries.append((sector.code, own, lang))
        for term in terms:
            if term.code not in self._sectors:
                raise KreislaufError(
                    "sector catalogue: the term {term} points at {code}, which does not exist",
                    term=term.term,
                    code=term.code,
                )
            entries.append((term.code, term.term, term.language))
        self._index = TextIndex(entries)

    def __len__(self) -> int:
        return len(self._sectors)

    def __iter__(self) -> Iterator[Sector]:
        return iter(self._sectors.values())

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.get(text) is not None

    def get(self, text: str) -> Sector | None:
        """The sector for ``text`` in any spelling; None where there is none."""
        try:
            return self._sectors.get(normalize_nace(text))
        except UnknownCodeError:
            return None

    def require(self, text: str) -> Sector:
        """The sector for ``text``; :class:`UnknownCodeError` with "did you mean" (a near
        code, or for a name such as "Brauerei" the best matching sector) where none."""
        try:
            code = normalize_nace(text)
        except UnknownCodeError:
            hits = self.search(text, limit=1)
            if hits and hits[0].score >= SUGGEST_SCORE and sum(ch.isalpha() for ch in text) >= 3:
                best = hits[0].sector
                raise UnknownCodeError(
                    SECTOR_NAME_SUGGEST, text=text, suggestion=best.code, title=best.title_de
                ) from None
            raise
        found = self._sectors.get(code)
        if found is not None:
            return found
        near = self.suggest(code)
        if near:
            raise UnknownCodeError(UNKNOWN_SECTOR_SUGGEST, code=code, suggestion=near[0])
        raise UnknownCodeError(UNKNOWN_SECTOR, code=code)

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Codes near ``text``: codes of the same level by edit distance and shared prefix,
        or, where ``text`` is a name, the best matching sectors."""
        try:
            code = normalize_nace(text)
        except UnknownCodeError:
            hits = self.search(text, limit=limit)
            return [hit.sector.code for hit in hits if hit.score >= SUGGEST_SCORE]
        if code in self._sectors:
            return [code]
        level = _level_of(code)
        same_level = [c for c, s in self._sectors.items() if s.level is level]
        if level is SectorLevel.SECTION:
            return []
        return nearest_digits(code.replace(".", ""), same_level, limit)

    def title(self, text: str, language: Language = "de") -> str:
        """The title in ``language``; an English title of a WZ subclass falls back to its
        class's."""
        sector = self.require(text)
        if language == "en" and not sector.title_en:
            for above in reversed(self.ancestors(sector.code)):
                if above.title_en:
                    return above.title_en
        return sector.title(language)

    def ancestors(self, text: str) -> tuple[Sector, ...]:
        """The sectors above ``text``, from its section down to its parent."""
        sector = self.require(text)
        chain: list[Sector] = []
        while sector.parent is not None:
            sector = self._sectors[sector.parent]
            chain.append(sector)
        return tuple(reversed(chain))

    def section_of(self, text: str) -> Sector:
        chain = self.ancestors(text)
        return chain[0] if chain else self.require(text)

    def division_of(self, text: str) -> Sector | None:
        """The division of a code at division level or below; None for a section."""
        sector = self.require(text)
        if sector.level is SectorLevel.SECTION:
            return None
        if sector.level is SectorLevel.DIVISION:
            return sector
        return self.ancestors(text)[1]

    def children(self, text: str) -> tuple[Sector, ...]:
        sector = self.require(text)
        return tuple(self._sectors[c] for c in self._children.get(sector.code, []))

    def under(self, prefix: str, code: str) -> bool:
        """True where ``code`` is ``prefix`` or falls under it: under("C", "10.51"),
        under("10", "10.51.0") and under("10.5", "10.51") are true; both in any spelling."""
        outer = self.require(prefix)
        inner = self.require(code)
        return inner.code == outer.code or outer in self.ancestors(inner.code)

    def search(
        self, text: str, language: Language | None = None, limit: int = 10
    ) -> list[SectorHit]:
        """Sectors whose title or common name (German, English or both) is nearest to
        ``text``, best first; a code as ``text`` gives that sector with score 1."""
        if limit <= 0:
            return []
        exact = self.get(text)
        if exact is not None:
            return [SectorHit(exact, 1.0)]
        ranked = self._index.search(text, language, limit)
        return [SectorHit(self._sectors[key], score) for key, score in ranked]


__all__ = [
    "MALFORMED_SECTOR_CODE",
    "Sector",
    "SectorCatalogue",
    "SectorHit",
    "SectorLevel",
    "SectorTerm",
    "normalize_nace",
]
