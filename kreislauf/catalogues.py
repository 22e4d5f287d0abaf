"""The official code lists shipped with kreislauf, read once from the package data.

:func:`waste_catalogue` reads ``data/waste_codes.csv`` and ``data/waste_chapters.csv``
(European List of Waste / AVV); :func:`sector_catalogue` reads ``data/sectors.csv``
(NACE Rev. 2 / WZ 2008) and ``data/sector_terms.csv`` (names people use for sectors).
Sources: ``data/SOURCES.md``.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from kreislauf.core.codes import (
    EntryKind,
    Language,
    Sector,
    SectorCatalogue,
    SectorLevel,
    SectorTerm,
    WasteCatalogue,
    WasteCode,
    WasteHeading,
)
from kreislauf.errors import KreislaufError


def _rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("kreislauf") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _flag(value: str, where: str) -> bool:
    if value not in ("true", "false"):
        raise KreislaufError(
            "{where}: expected true or false, found {value!r}", where=where, value=value
        )
    return value == "true"


def _entry(value: str, where: str) -> EntryKind:
    if value == "absolute":
        return "absolute"
    if value == "mirror":
        return "mirror"
    raise KreislaufError(
        "{where}: expected absolute or mirror, found {value!r}", where=where, value=value
    )


@lru_cache(maxsize=1)
def waste_catalogue() -> WasteCatalogue:
    """The European List of Waste / AVV (842 codes), built once per process."""
    codes = [
        WasteCode(
            code=row["code"],
            hazardous=_flag(row["hazardous"], f"waste_codes.csv {row['code']}"),
            entry=_entry(row["entry"], f"waste_codes.csv {row['code']}"),
            chapter=row["chapter"],
            group=row["group"],
            title_de=row["title_de"],
            title_en=row["title_en"],
        )
        for row in _rows("waste_codes.csv")
    ]
    headings = [
        WasteHeading(
            code=row["code"],
            level="chapter" if row["level"] == "chapter" else "group",
            title_de=row["title_de"],
            title_en=row["title_en"],
        )
        for row in _rows("waste_chapters.csv")
    ]
    return WasteCatalogue(codes, headings)


def _language(value: str) -> Language | None:
    if value == "de":
        return "de"
    if value == "en":
        return "en"
    return None


@lru_cache(maxsize=1)
def sector_catalogue() -> SectorCatalogue:
    """NACE Rev. 2 / WZ 2008 (1 835 codes) with common sector names, built once."""
    sectors = [
        Sector(
            code=row["code"],
            level=SectorLevel(row["level"]),
            parent=row["parent"] or None,
            title_de=row["title_de"],
            title_en=row["title_en"],
        )
        for row in _rows("sectors.csv")
    ]
    terms = [
        SectorTerm(code=row["code"], term=row["term"], language=_language(row["language"]))
        for row in _rows("sector_terms.csv")
    ]
    return SectorCatalogue(sectors, terms)


__all__ = ["sector_catalogue", "waste_catalogue"]
