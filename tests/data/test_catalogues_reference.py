"""The project's own catalogues against the official reference data in ../shared/data.

Every waste code, title (German and English), hazardous flag, absolute/mirror entry and
chapter/group heading is compared with ../shared/data/ewc, and every NACE Rev. 2 / WZ 2008
code, level, parent and title with ../shared/data/nace. Any difference fails and all are
listed. Where a reference is wrong the project carries the official text; each such case is
named below with its reason, and a listed difference that no longer occurs fails too, so
the lists cannot go stale.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from kreislauf.catalogues import sector_catalogue, waste_catalogue
from kreislauf.core.codes import SectorLevel, WasteCatalogue
from tests.conftest import need_shared

Key = tuple[str, str]  # (code, field)

# Differences from ewc/ewc_avv_list_of_waste_de_en.csv: (reference, project, reason).
KNOWN_EWC_DIFFERENCES: dict[Key, tuple[str, str, str]] = {
    ("16 02 13", "title_en"): (
        "discarded equipment containing hazardous componentsother than those mentioned in 16 02 09 to 16 02 12",
        "discarded equipment containing hazardous components other than those mentioned in 16 02 09 to 16 02 12",
        "typo in the DEFRA source (missing blank); 2014/955/EU reads 'components other than'",
    ),
    ("17 09 02", "title_en"): (
        "construction and demolition wastes containing PCB (for example PCB- containing sealants, "
        "PCB-containing resin-based floorings, PCB-containing sealed glazing units, PCB-containing capacitors)",
        "construction and demolition wastes containing PCB (for example PCB-containing sealants, "
        "PCB-containing resin-based floorings, PCB-containing sealed glazing units, PCB-containing capacitors)",
        "line-break artefact 'PCB- containing' in the source; the official text reads 'PCB-containing'",
    ),
    ("01", "chapter_title_en"): (
        "Wastes resulting from exploration, mining, quarrying, physical and chemical treatment of minerals",
        "Wastes resulting from exploration, mining, quarrying, and physical and chemical treatment of minerals",
        "ontology heading drops 'and'; 2014/955/EU (and DEFRA) read 'quarrying, and physical'",
    ),
    ("11", "chapter_title_en"): (
        "Wastes from chemical surface treatment and coating of metals and other materials; non-ferrous hydro- metallurgy",
        "Wastes from chemical surface treatment and coating of metals and other materials; non-ferrous hydro-metallurgy",
        "line-break artefact 'hydro- metallurgy' in the ontology heading",
    ),
    ("13", "chapter_title_en"): (
        "Oil wastes and wastes of liquid fuels (except edible oils, 05 and 12)",
        "Oil wastes and wastes of liquid fuels (except edible oils, and those in chapters 05, 12 and 19)",
        "ontology has the heading of the 2000 list; 2014/955/EU (and DEFRA, and the German AVV "
        "'Kapitel 05, 12 oder 19') include chapter 19",
    ),
    ("01 04", "group_title_en"): (
        "",
        "wastes from physical and chemical processing of non-metalliferous minerals",
        "English group heading missing in the reference (ontology gap); text as in 2014/955/EU and DEFRA",
    ),
    ("01 05", "group_title_en"): (
        "",
        "drilling muds and other drilling wastes",
        "English group heading missing in the reference (ontology gap); text as in 2014/955/EU and DEFRA",
    ),
    ("10 03", "group_title_en"): (
        "",
        "wastes from aluminium thermal metallurgy",
        "English group heading missing in the reference (ontology gap); text as in 2014/955/EU and DEFRA",
    ),
}

# Differences from DEFRA's ewc_codes_entry_types (compared case-insensitively: DEFRA
# capitalises the first letter): (reference, project, reason).
KNOWN_DEFRA_DIFFERENCES: dict[Key, tuple[str, str, str]] = {
    ("06 08 02", "title_en"): (
        "wastes containing hazardous chlorosilanes",
        "waste containing hazardous chlorosilanes",
        "DEFRA pluralises; 2014/955/EU reads 'waste containing hazardous chlorosilanes'",
    ),
    ("07 02 16", "title_en"): (
        "wastes containing hazardous silicones",
        "waste containing hazardous silicones",
        "DEFRA pluralises; 2014/955/EU reads 'waste containing hazardous silicones'",
    ),
    ("07 02 17", "title_en"): (
        "wastes containing silicones other than those mentioned in 07 02 16",
        "waste containing silicones other than those mentioned in 07 02 16",
        "DEFRA pluralises; 2014/955/EU reads 'waste containing silicones ...'",
    ),
    ("11 03 02", "title_en"): (
        "other waste",
        "other wastes",
        "2014/955/EU reads 'other wastes'",
    ),
    ("16 11 02", "title_en"): (
        "carbon-based linings and refractories from metallurgical processes other than those mentioned in 16 11 01",
        "carbon-based linings and refractories from metallurgical processes others than those mentioned in 16 11 01",
        "DEFRA corrected the wording; the official 2014/955/EU text reads 'others than'",
    ),
    ("16 11 06", "title_en"): (
        "linings and refractories from non-metallurgical processes other than those mentioned in 16 11 05",
        "linings and refractories from non-metallurgical processes others than those mentioned in 16 11 05",
        "DEFRA corrected the wording; the official 2014/955/EU text reads 'others than'",
    ),
    ("18 01 04", "title_en"): (
        "wastes whose collection and disposal is not subject to special requirements in order to prevent "
        "infection(for example dressings, plaster casts, linen, disposable clothing, diapers)",
        "wastes whose collection and disposal is not subject to special requirements in order to prevent "
        "infection (for example dressings, plaster casts, linen, disposable clothing, diapers)",
        "missing blank before '(' in DEFRA's text",
    ),
    ("06 06", "group_title_en"): (
        "sludges from on-site effluent treatment",
        "wastes from the mfsu of sulphur chemicals, sulphur chemical processes and desulphurisation processes",
        "DEFRA repeats a neighbouring group's heading for 06 06 (wrong group)",
    ),
    ("15", "chapter_title_en"): (
        "waste packaging, absorbents, wiping cloths, filter materials and protective clothing not otherwise specified",
        "waste packaging; absorbents, wiping cloths, filter materials and protective clothing not otherwise specified",
        "2014/955/EU separates 'WASTE PACKAGING;' with a semicolon",
    ),
}

# NACE Rev. 2 English titles with surrounding blanks in the Eurostat file; the project
# stores them trimmed.
TRIMMED_EUROSTAT_TITLES = (
    "17.2", "24.10", "24.46", "25.92", "32.99", "49.3", "52.29", "71.11", "72",
    "85.10", "85.20", "85.31", "85.32",
)  # fmt: skip

# WZ 2008 German titles: (reference, project, reason).
KNOWN_WZ_DIFFERENCES: dict[Key, tuple[str, str, str]] = {
    ("47.62.1", "title_de"): (
        "Einzelhandel mit Zeitschriften und  Zeitungen",
        "Einzelhandel mit Zeitschriften und Zeitungen",
        "double blank in the Destatis code list (CSV and genericode XML)",
    ),
}

LEVELS = {
    1: SectorLevel.SECTION,
    2: SectorLevel.DIVISION,
    3: SectorLevel.GROUP,
    4: SectorLevel.CLASS,
    5: SectorLevel.SUBCLASS,
}


def _spaced(code: str) -> str:
    return " ".join(code[i : i + 2] for i in range(0, len(code), 2))


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _compare(
    pairs: Iterable[tuple[Key, str, str]],
    known: dict[Key, tuple[str, str, str]],
    fold: bool = False,
) -> list[str]:
    """Problems: unexpected differences, and listed differences that did not occur as listed."""
    problems: list[str] = []
    seen: set[Key] = set()
    for key, reference, project in pairs:
        ref, own = (reference.casefold(), project.casefold()) if fold else (reference, project)
        if ref == own:
            continue
        expected = known.get(key)
        if expected is not None and (expected[0], expected[1]) == (ref, own):
            seen.add(key)
            continue
        problems.append(f"{key[0]} {key[1]}: reference {reference!r} != project {project!r}")
    for key in sorted(set(known) - seen):
        problems.append(
            f"{key[0]} {key[1]}: listed as a known difference but does not occur as listed"
        )
    return problems


def _fail_on(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} difference(s):\n" + "\n".join(problems)


# --- waste codes -----------------------------------------------------------------------


def _ewc_pairs(
    catalogue: WasteCatalogue, rows: list[dict[str, str]]
) -> Iterable[tuple[Key, str, str]]:
    project_codes = {c.code for c in catalogue}
    reference_codes = {r["code_spaced"] for r in rows}
    for missing in sorted(reference_codes - project_codes):
        yield (missing, "code"), missing, ""
    for extra in sorted(project_codes - reference_codes):
        yield (extra, "code"), "", extra
    headings_done: set[str] = set()
    for row in rows:
        code = row["code_spaced"]
        assert _spaced(row["code"]) == code
        own = catalogue.get(code)
        if own is None:
            continue
        yield (code, "hazardous"), row["hazardous"], "1" if own.hazardous else "0"
        yield (code, "entry"), row["entry_type_defra"].split()[0].lower(), own.entry
        yield (
            (code, "entry_hazardous"),
            row["entry_type_defra"].split()[1],
            ("hazardous" if own.hazardous else "non-hazardous"),
        )
        yield (code, "chapter"), row["chapter"], own.chapter
        yield (code, "group"), _spaced(row["group"]), own.group
        yield (code, "title_de"), row["title_de"], own.title_de
        yield (code, "title_en"), row["title_en"], own.title_en
        for level, head in (("chapter", row["chapter"]), ("group", _spaced(row["group"]))):
            if head in headings_done:
                continue
            headings_done.add(head)
            heading = catalogue.heading(head)
            assert heading is not None, head
            yield (head, f"{level}_title_de"), row[f"{level}_title_de"], heading.title_de
            yield (head, f"{level}_title_en"), row[f"{level}_title_en"], heading.title_en


def test_waste_codes_match_the_joined_reference_list() -> None:
    rows = _read_csv(need_shared("data/ewc/ewc_avv_list_of_waste_de_en.csv"))
    catalogue = waste_catalogue()
    _fail_on(_compare(_ewc_pairs(catalogue, rows), KNOWN_EWC_DIFFERENCES))


def test_waste_codes_match_defra_entry_types_and_titles() -> None:
    rows = _read_csv(need_shared("data/ewc/defra_waste-movement_ewc_codes_entry_types.csv"))
    catalogue = waste_catalogue()

    def pairs() -> Iterable[tuple[Key, str, str]]:
        assert {_spaced(r["code"]) for r in rows} == {c.code for c in catalogue}
        done: set[str] = set()
        for row in rows:
            own = catalogue.require(row["code"])
            kind, hazard = row["entry_type"].split()
            yield (own.code, "hazardous"), row["is_hazardous"], "1" if own.hazardous else "0"
            yield (own.code, "entry"), kind.lower(), own.entry
            yield (
                (own.code, "entry_hazardous"),
                hazard,
                "hazardous" if own.hazardous else "non-hazardous",
            )
            yield (own.code, "title_en"), row["description"], own.title_en
            for level, head, text in (
                ("chapter", own.chapter, row["chapter"]),
                ("group", own.group, row["sub_chapter"]),
            ):
                if head not in done:
                    done.add(head)
                    yield (
                        (head, f"{level}_title_en"),
                        text,
                        catalogue.chapter(head).title_en
                        if level == "chapter"
                        else catalogue.group(head).title_en,
                    )

    _fail_on(_compare(pairs(), KNOWN_DEFRA_DIFFERENCES, fold=True))


def _avv_annex(path: Path) -> dict[str, tuple[str, bool]]:
    """Code, group or chapter -> (German text, hazardous) from the AVV Anlage (Markdown)."""
    entries: dict[str, list[str]] = {}
    starred: dict[str, bool] = {}
    current: str | None = None
    in_text = False
    head = re.compile(r"^\*    \*   (\d\d(?: \d\d(?: \d\d)?)?)(\\\*)?\s*$")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[^"):  # footnotes after the annex
            break
        match = head.match(line)
        if match:
            current = match.group(1)
            entries[current] = []
            starred[current] = match.group(2) is not None
            in_text = False
        elif current is None:
            continue
        elif line.startswith("    *[^"):  # a footnote mark opens the text; it continues below
            in_text = True
        elif line.startswith("    *   "):
            entries[current].append(line[8:])
            in_text = True
        elif in_text and line.strip() and line.startswith("   "):
            entries[current].append(line)
        elif not line.strip() and entries[current]:
            in_text = False
    return {
        code: (re.sub(r"\s+", " ", " ".join(parts)).replace("**", "").strip(), starred[code])
        for code, parts in entries.items()
    }


def test_german_titles_and_stars_match_the_official_avv_text() -> None:
    annex = _avv_annex(need_shared("data/ewc/bundestag_gesetze_avv_index.md"))
    catalogue = waste_catalogue()
    codes = {c for c in annex if len(c) == 8}
    assert len(codes) == 842 and sum(annex[c][1] for c in codes) == 408

    def pairs() -> Iterable[tuple[Key, str, str]]:
        assert codes == {c.code for c in catalogue}
        for code, (text, star) in sorted(annex.items()):
            if len(code) == 8:
                own = catalogue.require(code)
                yield (code, "title_de"), text, own.title_de
                yield (code, "hazardous"), str(star), str(own.hazardous)
            else:
                heading = catalogue.heading(code)
                yield (code, "heading_de"), text, heading.title_de if heading else ""
        yield ("*", "headings"), str(sum(len(c) < 8 for c in annex)), str(len(catalogue.headings()))

    _fail_on(_compare(pairs(), {}))


def test_waste_catalogue_counts() -> None:
    catalogue = waste_catalogue()
    assert len(catalogue) == 842
    assert sum(c.hazardous for c in catalogue) == 408
    assert sum(c.entry == "mirror" for c in catalogue) == 351
    assert len(catalogue.headings("chapter")) == 20 and len(catalogue.headings("group")) == 111


# --- sectors ---------------------------------------------------------------------------


def test_nace_codes_and_english_titles_match_eurostat() -> None:
    rows = _read_csv(need_shared("data/nace/eurostat_nace_rev2_en.csv"), delimiter=";")
    catalogue = sector_catalogue()
    trimmed = {
        (code, "title_en"): (ref, ref.strip(), "surrounding blanks in the Eurostat file")
        for code, ref in ((r["Code"], r["Description"]) for r in rows)
        if code in TRIMMED_EUROSTAT_TITLES
    }

    def pairs() -> Iterable[tuple[Key, str, str]]:
        reference = {r["Code"] for r in rows}
        own_codes = {s.code for s in catalogue if s.level is not SectorLevel.SUBCLASS}
        for code in sorted(reference ^ own_codes):
            yield (
                (code, "code"),
                code if code in reference else "",
                code if code in own_codes else "",
            )
        for row in rows:
            own = catalogue.get(row["Code"])
            if own is None:
                continue
            yield (row["Code"], "level"), str(LEVELS[int(row["Level"])]), str(own.level)
            yield (row["Code"], "parent"), row["Parent"], own.parent or ""
            yield (row["Code"], "title_en"), row["Description"], own.title_en

    assert len(trimmed) == len(TRIMMED_EUROSTAT_TITLES)
    _fail_on(_compare(pairs(), trimmed))


def test_wz_codes_and_german_titles_match_destatis() -> None:
    rows = _read_csv(need_shared("data/nace/destatis_wz2008_de.csv"))
    catalogue = sector_catalogue()

    def pairs() -> Iterable[tuple[Key, str, str]]:
        reference = {r["code"] for r in rows}
        own_codes = {s.code for s in catalogue}
        for code in sorted(reference ^ own_codes):
            yield (
                (code, "code"),
                code if code in reference else "",
                code if code in own_codes else "",
            )
        for row in rows:
            own = catalogue.get(row["code"])
            if own is None:
                continue
            yield (row["code"], "level"), str(LEVELS[int(row["level"])]), str(own.level)
            yield (row["code"], "parent"), row["parent"], own.parent or ""
            yield (row["code"], "title_de"), row["title_de"], own.title_de
            if own.level is SectorLevel.SUBCLASS:
                yield (row["code"], "title_en"), "", own.title_en

    _fail_on(_compare(pairs(), KNOWN_WZ_DIFFERENCES))


def test_wz_titles_match_the_destatis_genericode_list() -> None:
    tree = ET.parse(need_shared("data/nace/destatis_WZ_2008_DE_2025-09-29_genericode.xml"))
    catalogue = sector_catalogue()

    def pairs() -> Iterable[tuple[Key, str, str]]:
        seen: set[str] = set()
        for row in tree.getroot().iter("Row"):
            values = {
                v.get("ColumnRef"): v.findtext("SimpleValue") or "" for v in row.findall("Value")
            }
            code = values["ItemCode"]
            seen.add(code)
            own = catalogue.get(code)
            yield (
                (code, "level"),
                str(LEVELS[int(values["ItemEbene"])]),
                str(own.level) if own else "",
            )
            yield (code, "title_de"), values["ItemOffiziellerTitel"], own.title_de if own else ""
        for code in sorted({s.code for s in catalogue} - seen):
            yield (code, "code"), "", code

    _fail_on(_compare(pairs(), KNOWN_WZ_DIFFERENCES))


def test_sector_catalogue_counts() -> None:
    catalogue = sector_catalogue()
    counts = {level: sum(s.level is level for s in catalogue) for level in SectorLevel}
    assert counts == {
        SectorLevel.SECTION: 21,
        SectorLevel.DIVISION: 88,
        SectorLevel.GROUP: 272,
        SectorLevel.CLASS: 615,
        SectorLevel.SUBCLASS: 839,
    }


def test_known_difference_lists_state_a_reason() -> None:
    for table in (KNOWN_EWC_DIFFERENCES, KNOWN_DEFRA_DIFFERENCES, KNOWN_WZ_DIFFERENCES):
        for key, (reference, project, reason) in table.items():
            assert reference != project and len(reason) > 20, key
