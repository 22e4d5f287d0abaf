"""Spreadsheets: regions from XLSX workbooks and CSV files, and back.

A workbook has an actors sheet ("Akteure"/"Actors") and a streams sheet
("Stoffströme"/"Streams"), optionally a "Region" sheet (Regions-ID, Name, Land, NUTS,
AGS as label/value rows). CSV comes as a pair ``NAME.actors.csv`` and
``NAME.streams.csv`` (optionally ``NAME.region.csv``); either file may be given.
Headers and values may be German or English (:mod:`kreislauf.importers.columns`).

Reading turns the rows into a region document and validates it with
:func:`~kreislauf.importers.region_file.parse_region`; every problem is reported with
the place a person finds in the spreadsheet (``Stoffströme!F7`` or ``NAME.streams.csv
row 7, column "Einheit"``). Rows whose id begins with "Beispiel"/"Example" are the
template's examples and are skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kreislauf.core.region import Region
from kreislauf.errors import InputError, Problem, ValidationError
from kreislauf.importers.cells import CellError, cell_text, decode_extra, is_empty, read_cell
from kreislauf.importers.columns import (
    ACTOR_COLUMNS,
    REGION_ROWS,
    SHEET_ALIASES,
    STREAM_COLUMNS,
    Column,
    Language,
    base_name,
    fold,
    is_example,
    sheet_role,
)
from kreislauf.importers.region_file import check_size, parse_region
from kreislauf.importers.region_validation import FORMAT
from kreislauf.importers.tables import (
    Table,
    check_inflated_size,
    csv_rows,
    detect_encoding,
    make_table,
    open_workbook,
    sheet_rows,
)
from kreislauf.settings import get_settings

MSG_NO_SHEET = 'the workbook has no sheet "{sheet}" (found: {found})'
MSG_NO_COLUMN = 'column "{column}" is missing'
MSG_TWICE = 'column "{column}" appears twice'
MSG_NO_FILE = "the file {name} is missing beside {given}"

MESSAGES: tuple[str, ...] = (MSG_NO_SHEET, MSG_NO_COLUMN, MSG_TWICE, MSG_NO_FILE)

_SECTIONS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "actors": ("Akteure", ACTOR_COLUMNS),
    "streams": ("Stoffströme", STREAM_COLUMNS),
}
_PATH = re.compile(r"^(?P<section>actors|streams)\[(?P<index>\d+)\](?:\.(?P<field>[^.\[]+))?")
_ITEM = re.compile(r"^(actors|streams)\[\d+\]")


@dataclass
class _Collected:
    """What the rows gave: the document, the places of its values, the problems."""

    document: dict[str, Any]
    rows: dict[str, list[int]] = field(default_factory=lambda: {"actors": [], "streams": []})
    problems: list[tuple[tuple[int, int, int], Problem]] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)
    tables: dict[str, tuple[Table, dict[str, int], int]] = field(default_factory=dict)
    region_places: dict[str, str] = field(default_factory=dict)

    def add(self, order: tuple[int, int, int], problem: Problem) -> None:
        self.problems.append((order, problem))


def _new_document(region_id: str, name: str) -> _Collected:
    return _Collected(
        {
            "format": FORMAT,
            "region": {"id": region_id, "name": name},
            "actors": [],
            "streams": [],
        }
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_keep_dashes(text)).strip("-") or "region"


def fold_keep_dashes(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    return text.casefold().translate(table)


# --------------------------------------------------------------------------- rows


def _read_table(
    table: Table, section: str, sheet_index: int, collected: _Collected, language: Language
) -> None:
    """Turn a table's rows into items of ``document[section]``."""
    columns = _SECTIONS[section][1]
    language = _table_language(table, columns, language)
    seen: dict[str, int] = {}
    for index, (header, column) in enumerate(zip(table.header, table.columns, strict=False)):
        key = column.key if column else header
        if not header:
            continue
        if key in seen:
            collected.add(
                (sheet_index, table.header_row, index),
                Problem(table.cell_ref(table.header_row, index), MSG_TWICE, {"column": header}),
            )
            continue
        seen[key] = index
    missing = [c for c in columns if c.required and c.key not in seen]
    for column in missing:
        collected.add(
            (sheet_index, table.header_row, 0),
            Problem(table.name, MSG_NO_COLUMN, {"column": column.header(language)}),
        )
    if missing:
        return
    collected.tables[section] = (table, seen, sheet_index)
    item_rows = collected.rows[section]
    id_index = seen["id"]
    items: list[dict[str, Any]] = collected.document[section]
    for row, values in table.rows:
        if all(is_empty(v) for v in values):
            continue
        first = values[id_index] if id_index < len(values) else None
        if not is_empty(first) and is_example(cell_text(first)):
            continue
        item: dict[str, Any] = {}
        for key, index in seen.items():
            value = values[index] if index < len(values) else None
            if is_empty(value):
                continue
            column = table.columns[index]
            if column is None:
                item[key] = decode_extra(value)
                continue
            try:
                item[key] = read_cell(value, column, language)
            except CellError as exc:
                collected.failed.add(f"{section}[{len(items)}].{key}")
                problem = Problem(table.cell_ref(row, index), exc.message, dict(exc.params))
                collected.add((sheet_index, row, index), problem)
        item_rows.append(row)
        items.append(item)


def _table_language(table: Table, columns: tuple[Column, ...], default: Language) -> Language:
    """German or English, as most of the table's headers are written."""
    headers = {fold(h) for h in table.header}
    german = sum(fold(c.de) in headers and c.de != c.en for c in columns)
    english = sum(fold(c.en) in headers and c.de != c.en for c in columns)
    if german == english:
        return default
    return "de" if german > english else "en"


def _read_region_rows(rows: Iterable[tuple[Any, ...]], collected: _Collected, place: str) -> None:
    """Label/value rows of a Region sheet into the document's region object."""
    region = collected.document["region"]
    labels = {fold(k): key for key, de, en, more in REGION_ROWS for k in (key, de, en, *more)}
    for number, values in enumerate(rows, start=1):
        if len(values) < 2 or is_empty(values[0]):
            continue
        label = cell_text(values[0])
        key = labels.get(fold(label))
        value = values[1]
        if is_empty(value) or fold(label) in ("feld", "field"):
            continue
        collected.region_places[key or label] = place.replace("{row}", str(number))
        if key is None:
            region[label] = decode_extra(value)
        elif key == "ags" and isinstance(value, int | float):
            region[key] = f"{int(value):05d}"
        else:
            region[key] = cell_text(value)


def _finish(collected: _Collected, region_id: str | None, source: str) -> Region:
    """Validate the document; problems carry the spreadsheet's places."""
    if region_id:
        collected.document["region"]["id"] = region_id
    problems = list(collected.problems)
    try:
        if not problems:
            return parse_region(collected.document, source=source)
        parse_region(collected.document, source=source)
    except ValidationError as exc:
        for problem in exc.problems:
            if problem.path in collected.failed:
                continue
            ref, order = _place(problem.path, collected)
            params = {
                key: _place(value, collected)[0] if _is_path(value) else value
                for key, value in problem.params.items()
            }
            problems.append((order, Problem(ref, problem.message, params)))
    problems.sort(key=lambda pair: pair[0])
    raise ValidationError([p for _, p in problems], source=source)


def _is_path(value: Any) -> bool:
    return isinstance(value, str) and _ITEM.match(value) is not None


def _place(path: str, collected: _Collected) -> tuple[str, tuple[int, int, int]]:
    """The spreadsheet place of a region-file path (``streams[3].unit`` -> ``Stoffströme!J5``).

    Items know their row; a field its column, so a missing required field names its empty
    cell. Paths outside the two tables (``region.id``) stay as they are.
    """
    if path.startswith("region."):
        return collected.region_places.get(path[len("region.") :], path), (-1, 0, 0)
    match = _PATH.match(path)
    if match is None or match["section"] not in collected.tables:
        return path, (-1, 0, 0)
    section, index, key = match["section"], int(match["index"]), match["field"]
    table, seen, sheet_index = collected.tables[section]
    row = collected.rows[section][index]
    if key in seen:
        return table.cell_ref(row, seen[key]), (sheet_index, row, seen[key])
    return table.row_ref(row), (sheet_index, row, 0)


# --------------------------------------------------------------------------- XLSX


def read_xlsx(
    path: str | os.PathLike[str],
    *,
    region_id: str | None = None,
    max_bytes: int | None = None,
    language: Language | None = None,
) -> Region:
    """A validated region from an XLSX workbook (streamed in read-only mode)."""
    file = Path(path)
    source = str(file)
    check_size(file, max_bytes)
    limit = get_settings().max_import_bytes if max_bytes is None else max_bytes
    check_inflated_size(file, limit)
    lang = language or get_settings().effective_language
    base = base_name(file)
    collected = _new_document(_slug(base), base)
    workbook = open_workbook(file)
    try:
        sheets = {sheet_role(name): name for name in reversed(workbook.sheetnames)}
        if sheets.get("region"):
            name = sheets["region"]
            _read_region_rows(sheet_rows(workbook[name]), collected, name + "!B{row}")
        for order, section in enumerate(("actors", "streams")):
            name = sheets.get(section)
            if name is None:
                expected = _SECTIONS[section][0] if lang == "de" else section.capitalize()
                found = ", ".join(workbook.sheetnames)
                collected.add(
                    (order, 0, 0),
                    Problem("", MSG_NO_SHEET, {"sheet": expected, "found": found}),
                )
                continue
            table = make_table(
                name, sheet_rows(workbook[name]), _SECTIONS[section][1], is_csv=False
            )
            _read_table(table, section, order, collected, lang)
    except ValidationError as exc:
        raise ValidationError(exc.problems, source=source) from None
    finally:
        workbook.close()
    return _finish(collected, region_id, source)


# --------------------------------------------------------------------------- CSV


def csv_files(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> dict[str, Path]:
    """The files of a CSV pair by role ("actors", "streams", "region") from any of them."""
    given = [Path(paths)] if isinstance(paths, str | os.PathLike) else [Path(p) for p in paths]
    found: dict[str, Path] = {}
    for file in given:
        role = sheet_role(file.stem.rpartition(".")[2]) if "." in file.stem else None
        if role:
            found[role] = file
    first = given[0]
    base = base_name(first)
    for role in ("actors", "streams", "region"):
        if role in found:
            continue
        for alias in SHEET_ALIASES[role]:
            for spelling in {alias.lower(), fold(alias)}:
                candidate = first.with_name(f"{base}.{spelling}.csv")
                if candidate.exists():
                    found[role] = candidate
                    break
            if role in found:
                break
    for role in ("actors", "streams"):
        if role not in found:
            raise InputError(MSG_NO_FILE, name=f"{base}.{role}.csv", given=first.name)
    return found


def read_csv(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    region_id: str | None = None,
    max_bytes: int | None = None,
    language: Language | None = None,
) -> Region:
    """A validated region from ``NAME.actors.csv`` and ``NAME.streams.csv`` (streamed)."""
    files = csv_files(paths)
    limit = get_settings().max_import_bytes if max_bytes is None else max_bytes
    for file in files.values():
        check_size(file, limit)
    lang = language or get_settings().effective_language
    base = base_name(files["actors"])
    collected = _new_document(_slug(base), base)
    source = str(files["actors"])
    with ExitStack() as stack:
        try:
            if "region" in files:
                handle = stack.enter_context(_open_text(files["region"]))
                label = files["region"].name
                _read_region_rows(csv_rows(handle), collected, label + " row {row}")
            for order, section in enumerate(("actors", "streams")):
                file = files[section]
                handle = stack.enter_context(_open_text(file))
                table = make_table(file.name, csv_rows(handle), _SECTIONS[section][1], is_csv=True)
                _read_table(table, section, order, collected, lang)
        except ValidationError as exc:
            raise ValidationError(exc.problems, source=exc.source or source) from None
    return _finish(collected, region_id, source)


def _open_text(file: Path) -> Any:
    return file.open("r", encoding=detect_encoding(file), newline="")


# Writers live in their own module; re-exported here as the public spreadsheet API.
from kreislauf.importers.spreadsheet_write import (  # noqa: E402
    write_csv,
    write_template,
    write_xlsx,
)

__all__ = [
    "MESSAGES",
    "csv_files",
    "read_csv",
    "read_xlsx",
    "write_csv",
    "write_template",
    "write_xlsx",
]
