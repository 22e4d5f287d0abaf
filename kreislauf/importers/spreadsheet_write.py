"""Writing regions as XLSX workbooks and CSV files, and the empty template.

The workbook has the sheets Anleitung/Instructions, Region, Akteure/Actors and
Stoffströme/Streams; headers in the chosen language, a frozen header row, column
widths, explanations as header comments, and drop-down lists for the enumerated
columns. What :func:`write_xlsx` or :func:`write_csv` writes,
:func:`~kreislauf.importers.spreadsheet.read_xlsx` / ``read_csv`` read back as the same
region. Files are written to a temporary name and renamed into place.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kreislauf.core.region import Region
from kreislauf.errors import InputError
from kreislauf.importers.cells import encode_extra, write_cell
from kreislauf.importers.columns import (
    ACTOR_COLUMNS,
    REGION_ROWS,
    SHEETS,
    STREAM_COLUMNS,
    UNIT_CHOICES,
    VOCABULARIES,
    Column,
    Language,
    base_name,
)
from kreislauf.importers.region_file import region_to_dict, write_text_atomic
from kreislauf.importers.template_text import (
    INTRO,
    REGION_HEAD,
    TABLE_HEAD,
    column_rows,
    example_actors,
    example_streams,
)
from kreislauf.settings import get_settings

MSG_TEMPLATE_FORMAT = 'unknown template format "{format}"; use xlsx or csv'
MESSAGES: tuple[str, ...] = (MSG_TEMPLATE_FORMAT,)

_VALIDATED_ROWS = 2000
_HEADER_FILL = "2E6B4F"
_EXAMPLE_GREY = "808080"


def _language(language: str | None) -> Language:
    lang = language or get_settings().effective_language
    return "de" if lang == "de" else "en"


def _table(
    items: Sequence[dict[str, Any]],
    columns: tuple[Column, ...],
    language: Language,
    *,
    native: bool,
) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a sheet: the vocabulary's columns, then extra fields."""
    known = {c.key for c in columns}
    extra_keys: list[str] = []
    for item in items:
        extra_keys.extend(k for k in item if k not in known and k not in extra_keys)
    header = [c.header(language) for c in columns] + extra_keys
    rows = []
    for item in items:
        row = [write_cell(item.get(c.key), c, language) for c in columns]
        row += [encode_extra(item.get(k), native=native) for k in extra_keys]
        rows.append([_xml_safe(v) for v in row] if native else row)
    return header, rows


def _xml_safe(value: Any) -> Any:
    """Text without the control characters XML (and so XLSX) cannot hold."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _region_rows(region: dict[str, Any], language: Language, *, native: bool) -> list[list[Any]]:
    rows: list[list[Any]] = [list(REGION_HEAD[language])]
    keys = set()
    for key, de, en, _more in REGION_ROWS:
        keys.add(key)
        rows.append([de if language == "de" else en, region.get(key)])
    for key, value in region.items():
        if key not in keys:
            rows.append([key, encode_extra(value, native=native)])
    return [[_xml_safe(v) for v in row] for row in rows] if native else rows


# --------------------------------------------------------------------------- XLSX


def _save_workbook(workbook: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _append_text_safe(sheet: Any, row: list[Any], number: int) -> None:
    """Append row ``number``; text that begins with "=" stays text, never a formula."""
    sheet.append(row)
    for index, value in enumerate(row, start=1):
        if isinstance(value, str) and value.startswith("="):
            sheet.cell(number, index).data_type = "s"


def _instructions(sheet: Any, language: Language) -> None:
    from openpyxl.styles import Alignment, Font

    widths = (16, 24, 9, 70, 40)
    for line in INTRO[language]:
        sheet.append([line])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        lines = max(1, -(-len(line) // int(sum(widths) * 1.1)))
        sheet.row_dimensions[row].height = 15 * lines + (6 if row == 1 else 0)
    sheet["A1"].font = Font(bold=True, size=14)
    head_row = sheet.max_row + 1
    sheet.append(list(TABLE_HEAD[language]))
    for cell in sheet[head_row]:
        cell.font = Font(bold=True)
    for row in column_rows(language):
        sheet.append(list(row))
        lines = max(-(-len(row[3]) // 66), -(-len(row[4]) // 38), 1)
        sheet.row_dimensions[sheet.max_row].height = 15 * lines
    for row in sheet.iter_rows(min_row=head_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    _print_to_width(sheet)


def _print_to_width(sheet: Any) -> None:
    """Printed landscape, as wide as one page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _data_sheet(
    sheet: Any,
    header: list[str],
    rows: list[list[Any]],
    columns: tuple[Column, ...],
    language: Language,
    examples: int = 0,
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.append(header)
    for number, row in enumerate(rows, start=2):
        _append_text_safe(sheet, row, number)
    sheet.freeze_panes = "A2"
    _print_to_width(sheet)
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    for index, cell in enumerate(sheet[1]):
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        if index < len(columns):
            comment = Comment(columns[index].help(language), "kreislauf")
            comment.width, comment.height = 300, 110
            cell.comment = comment
    for row in sheet.iter_rows(min_row=2, max_row=1 + examples):
        for cell in row:
            cell.font = Font(italic=True, color=_EXAMPLE_GREY)
    last = max(_VALIDATED_ROWS, len(rows) + 500)
    for index, column in enumerate(columns):
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = max(column.width, len(header[index]) + 4)
        if column.kind in ("code", "codes") or column.key in ("id", "actor"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell.number_format = "@"
        if column.vocabulary:
            choices = VOCABULARIES[column.vocabulary].labels(language)
            strict = True
        elif column.kind == "unit":
            choices, strict = list(UNIT_CHOICES[language]), False
        else:
            continue
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=strict,
        )
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
    for index in range(len(columns), len(header)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = 16


def _workbook(
    document: dict[str, Any], language: Language, examples: tuple[int, int] = (0, 0)
) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    instructions = workbook.active
    instructions.title = SHEETS["instructions"][language]
    _instructions(instructions, language)
    region_sheet = workbook.create_sheet(SHEETS["region"][language])
    for number, row in enumerate(_region_rows(document["region"], language, native=True), 1):
        _append_text_safe(region_sheet, row, number)
    for cell in region_sheet[1]:
        cell.font = Font(bold=True)
    region_sheet.column_dimensions["A"].width = 18
    region_sheet.column_dimensions["B"].width = 36
    for (cell,) in region_sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.number_format = "@"
    for section, columns, count in (
        ("actors", ACTOR_COLUMNS, examples[0]),
        ("streams", STREAM_COLUMNS, examples[1]),
    ):
        sheet = workbook.create_sheet(SHEETS[section][language])
        header, rows = _table(document[section], columns, language, native=True)
        _data_sheet(sheet, header, rows, columns, language, count)
    return workbook


def write_xlsx(
    region: Region, path: str | os.PathLike[str], *, language: str | None = None
) -> Path:
    """Write ``region`` as a workbook that :func:`read_xlsx` reads back unchanged."""
    lang = _language(language)
    return _save_workbook(_workbook(region_to_dict(region), lang), Path(path))


# --------------------------------------------------------------------------- CSV


def _csv_number(value: Any, decimal_comma: bool) -> Any:
    if decimal_comma and isinstance(value, float):
        return repr(value).replace(".", ",")
    return value


def _csv_text(rows: list[list[Any]], delimiter: str, decimal_comma: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else _csv_number(v, decimal_comma) for v in row])
    return buffer.getvalue()


def csv_paths(path: str | os.PathLike[str]) -> dict[str, Path]:
    """``out/soest.csv`` -> ``out/soest.region.csv``, ``.actors.csv``, ``.streams.csv``."""
    file = Path(path)
    base = base_name(file)
    return {role: file.with_name(f"{base}.{role}.csv") for role in ("region", "actors", "streams")}


def _write_csv_document(
    document: dict[str, Any], path: str | os.PathLike[str], language: Language
) -> list[Path]:
    delimiter, decimal_comma = (";", True) if language == "de" else (",", False)
    targets = csv_paths(path)
    tables = {"region": _region_rows(document["region"], language, native=False)}
    for section, columns in (("actors", ACTOR_COLUMNS), ("streams", STREAM_COLUMNS)):
        header, rows = _table(document[section], columns, language, native=False)
        tables[section] = [header, *rows]
    written = []
    for role, target in targets.items():
        text = _csv_text(tables[role], delimiter, decimal_comma)
        write_text_atomic(target, text, encoding="utf-8-sig")
        written.append(target)
    return written


def write_csv(
    region: Region, path: str | os.PathLike[str], *, language: str | None = None
) -> list[Path]:
    """Write ``NAME.region.csv``, ``NAME.actors.csv`` and ``NAME.streams.csv``.

    German: semicolons and decimal commas (as German Excel expects); English: commas and
    decimal points. UTF-8 with BOM, so that Excel shows umlauts.
    """
    return _write_csv_document(region_to_dict(region), path, _language(language))


# --------------------------------------------------------------------------- template


def write_template(
    path: str | os.PathLike[str], language: str = "de", format: str = "xlsx"
) -> list[Path]:
    """An empty template with example rows (skipped on import) to send to firms.

    XLSX: instructions sheet, drop-down lists, frozen headers; CSV: the file pair (and
    the region file) with headers and example rows.
    """
    lang: Language = "de" if language == "de" else "en"
    actors, streams = example_actors(lang), example_streams(lang)
    document = {
        "region": {"id": None, "name": None},
        "actors": actors,
        "streams": streams,
    }
    if format == "xlsx":
        workbook = _workbook(document, lang, (len(actors), len(streams)))
        return [_save_workbook(workbook, Path(path))]
    if format == "csv":
        return _write_csv_document(document, path, lang)
    raise InputError(MSG_TEMPLATE_FORMAT, format=format)


__all__ = ["MESSAGES", "csv_paths", "write_csv", "write_template", "write_xlsx"]
