"""Rows out of XLSX sheets and CSV files, streamed, with the names of their cells.

A :class:`Table` is one sheet (or CSV file): its name for messages, its header row and
an iterator over its data rows. XLSX files are opened in openpyxl's read-only mode and
CSV files are read line by line, so memory stays bounded by the data kept, not by the
file. CSV files may be UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252,
separated by comma, semicolon or tab.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from openpyxl.utils import get_column_letter

from kreislauf.errors import Problem, ValidationError
from kreislauf.importers.columns import Column, find_column

MSG_NOT_XLSX = "cannot read the file as an XLSX workbook: {detail}"
MSG_INFLATED = (
    "the workbook unpacks to {size_mb} MB, more than {limit_mb} MB; "
    "split it or raise KREISLAUF_MAX_IMPORT_MB"
)
MSG_ENCODING = (
    "the file is neither UTF-8 nor Windows-1252: byte 0x{byte} at offset {offset} "
    "cannot be read; save it as CSV UTF-8"
)
MSG_NO_HEADER = "no header row found; the first row must name the columns"

MESSAGES: tuple[str, ...] = (MSG_NOT_XLSX, MSG_INFLATED, MSG_ENCODING, MSG_NO_HEADER)

#: How much larger than the file limit an XLSX may unpack to (XML compresses ~10-20x).
INFLATE_FACTOR = 30
_CHUNK = 1 << 20
_HEADER_SEARCH_ROWS = 10


@dataclass
class Table:
    """One sheet or CSV file: a name for messages, the header, the data rows."""

    name: str
    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, tuple[Any, ...]]]
    is_csv: bool = False
    columns: list[Column | None] = field(default_factory=list)

    def cell_ref(self, row: int, index: int) -> str:
        if self.is_csv:
            return f'{self.name} row {row}, column "{self.header[index]}"'
        return f"{self.name}!{get_column_letter(index + 1)}{row}"

    def row_ref(self, row: int) -> str:
        return f"{self.name} row {row}"


def _header_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def make_table(
    name: str,
    rows: Iterator[tuple[Any, ...]],
    columns: tuple[Column, ...],
    *,
    is_csv: bool,
) -> Table:
    """A table whose header is the first of the first rows that names a known column."""
    for number, values in enumerate(rows, start=1):
        if number > _HEADER_SEARCH_ROWS:
            break
        header = [_header_text(v) for v in values]
        while header and not header[-1]:
            header.pop()
        known = [find_column(h, columns) for h in header]
        if any(c is not None and c.required for c in known):
            numbered = ((n, tuple(v)) for n, v in enumerate(rows, start=number + 1))
            return Table(name, header, number, numbered, is_csv, known)
    raise ValidationError([Problem(name, MSG_NO_HEADER)])


# --------------------------------------------------------------------------- XLSX


def check_inflated_size(path: Path, limit: int) -> None:
    """Refuse a workbook that unpacks to far more than the limit (a zip bomb, say)."""
    try:
        with zipfile.ZipFile(path) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(
            [Problem("", MSG_NOT_XLSX, {"detail": str(exc)})], source=str(path)
        ) from None
    if inflated > limit * INFLATE_FACTOR:
        problem = Problem(
            "",
            MSG_INFLATED,
            {
                "size_mb": f"{inflated / 2**20:.0f}",
                "limit_mb": f"{limit * INFLATE_FACTOR / 2**20:.0f}",
            },
        )
        raise ValidationError([problem], source=str(path))


def open_workbook(path: Path) -> Any:
    """The workbook in read-only mode with cached formula values (close it after use)."""
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(
            [Problem("", MSG_NOT_XLSX, {"detail": str(exc) or type(exc).__name__})],
            source=str(path),
        ) from None


def sheet_rows(sheet: Any) -> Iterator[tuple[Any, ...]]:
    yield from sheet.iter_rows(values_only=True)


# --------------------------------------------------------------------------- CSV


def detect_encoding(path: Path) -> str:
    """ "utf-8-sig", "utf-16" or "cp1252", found by decoding the whole file in chunks."""
    with path.open("rb") as handle:
        start = handle.read(4)
        if start.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        for encoding in ("utf-8-sig", "cp1252"):
            handle.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            offset = 0
            try:
                while chunk := handle.read(_CHUNK):
                    decoder.decode(chunk)
                    offset += len(chunk)
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError as exc:
                bad_offset = offset + exc.start
                bad_byte = exc.object[exc.start]
    problem = Problem("", MSG_ENCODING, {"byte": f"{bad_byte:02X}", "offset": bad_offset})
    raise ValidationError([problem], source=str(path))


def sniff_delimiter(line: str) -> str:
    """The most frequent of ; , and tab outside quotes in the header line."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(handle: IO[str]) -> Iterator[tuple[Any, ...]]:
    """Records of an open CSV text file (opened with ``newline=""``), streamed."""
    first = handle.readline()
    while first and not first.strip():
        first = handle.readline()
    if not first:
        return
    delimiter = sniff_delimiter(first)
    yield from csv.reader([first], delimiter=delimiter)
    yield from csv.reader(handle, delimiter=delimiter)


__all__ = [
    "INFLATE_FACTOR",
    "MESSAGES",
    "Table",
    "check_inflated_size",
    "csv_rows",
    "detect_encoding",
    "make_table",
    "open_workbook",
    "sheet_rows",
    "sniff_delimiter",
]
