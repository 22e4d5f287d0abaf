"""Importers and exporters: region files (JSON) and spreadsheets (XLSX, CSV).

``read_any(path)`` picks the reader by the file's extension; ``write_any(region, path,
format)`` the writer. Every reader validates what it reads and raises one
:class:`~kreislauf.errors.ValidationError` with all problems, each naming its place.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Literal

from kreislauf.core.region import Region
from kreislauf.errors import InputError
from kreislauf.importers.region_file import (
    dumps_region,
    parse_region,
    read_region,
    region_to_dict,
    write_region,
)

Format = Literal["json", "xlsx", "csv"]

MSG_UNKNOWN_SUFFIX = (
    'cannot read "{name}": use a region file (.json) or a spreadsheet (.xlsx, .csv)'
)
MSG_UNKNOWN_FORMAT = 'unknown format "{format}"; use json, xlsx or csv'

MESSAGES: tuple[str, ...] = (MSG_UNKNOWN_SUFFIX, MSG_UNKNOWN_FORMAT)


def read_any(
    path: str | os.PathLike[str],
    *,
    region_id: str | None = None,
    max_bytes: int | None = None,
) -> Region:
    """A validated region from ``.json``, ``.xlsx`` or ``.csv`` (either file of a pair).

    ``region_id`` overrides the id the file gives (or that a spreadsheet's name gives).
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".json":
        region = read_region(file, max_bytes=max_bytes)
        if region_id:
            region = dataclasses.replace(region, id=region_id)
        return region
    if suffix in (".xlsx", ".xlsm"):
        from kreislauf.importers.spreadsheet import read_xlsx

        return read_xlsx(file, region_id=region_id, max_bytes=max_bytes)
    if suffix in (".csv", ".txt"):
        from kreislauf.importers.spreadsheet import read_csv

        return read_csv(file, region_id=region_id, max_bytes=max_bytes)
    raise InputError(MSG_UNKNOWN_SUFFIX, name=file.name)


def write_any(
    region: Region, path: str | os.PathLike[str], format: str | None = None
) -> list[Path]:
    """Write ``region`` as ``format`` (default: from the extension); the files written."""
    file = Path(path)
    fmt = (format or file.suffix.lstrip(".")).lower()
    if fmt == "json":
        return [write_region(region, file)]
    if fmt == "xlsx":
        from kreislauf.importers.spreadsheet import write_xlsx

        return [write_xlsx(region, file)]
    if fmt == "csv":
        from kreislauf.importers.spreadsheet import write_csv

        return write_csv(region, file)
    raise InputError(MSG_UNKNOWN_FORMAT, format=fmt)


__all__ = [
    "Format",
    "dumps_region",
    "parse_region",
    "read_any",
    "read_region",
    "region_to_dict",
    "write_any",
    "write_region",
]
