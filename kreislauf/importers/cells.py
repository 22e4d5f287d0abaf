"""Spreadsheet cells to region-file values, and back.

Firms write numbers with a decimal comma ("2,5", "1.234,5"), yes and no as "ja"/"x",
units as "t/Jahr", codes that Excel has turned into numbers (20702 for "02 07 02").
:func:`read_cell` turns a cell into the value of the region file or raises
:class:`CellError` with a template; :func:`write_cell` does the reverse for an export.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from typing import Any

from kreislauf.core.units import parse_unit
from kreislauf.errors import InputError
from kreislauf.importers.columns import VOCABULARIES, Column, Language
from kreislauf.importers.region_validation import MSG_ENUM, MSG_ENUM_SUGGEST

MSG_NOT_NUMBER = '"{value}" is not a number'
MSG_NOT_WHOLE = '"{value}" is not a whole number'

MESSAGES: tuple[str, ...] = (MSG_NOT_NUMBER, MSG_NOT_WHOLE)

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_GROUPED_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


class CellError(InputError):
    """A cell's content cannot be read as what its column holds."""


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_number(value: Any) -> float:
    """A number from a cell: 2,5 / 2.5 / 1.234,5 / 1,234.5 / 1 234 / 2.5e3.

    A single comma is a decimal comma; a single dot a decimal point; where both occur,
    the last one is the decimal mark and the other groups thousands.
    """
    if isinstance(value, bool):
        raise CellError(MSG_NOT_NUMBER, value=str(value))
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError(MSG_NOT_NUMBER, value=str(value))
        return float(value)
    text = _SPACES.sub("", str(value))
    if "," in text and "." in text:
        text = text.replace(".", "") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    elif text.count(",") > 1 and _GROUPED_COMMA.match(text):
        text = text.replace(",", "")
    elif text.count(".") > 1 and _GROUPED_DOT.match(text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    if not _NUMBER.match(text) or not math.isfinite(float(text)):
        raise CellError(MSG_NOT_NUMBER, value=str(value).strip())
    return float(text)


def parse_int(value: Any) -> int:
    number = parse_number(value)
    if not number.is_integer():
        raise CellError(MSG_NOT_WHOLE, value=str(value).strip())
    return int(number)


def cell_text(value: Any) -> str:
    """A cell as text: whole floats without ".0", dates as ISO dates."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def code_text(value: Any, column: Column) -> str:
    """A code cell as text, restoring the leading zero a number cell drops."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value).strip()
    if column.key == "ewc":
        return f"{int(value):06d}" if float(value).is_integer() else str(value)
    # NACE: 1.41 -> "01.41", 1 -> "01", 10.5 -> "10.5"
    whole, _, frac = cell_text(value).partition(".")
    return f"{int(whole):02d}" + (f".{frac}" if frac else "")


def read_cell(value: Any, column: Column, language: Language = "de") -> Any:
    """The region-file value of a non-empty cell in ``column``; raises :class:`CellError`."""
    kind = column.kind
    if kind == "text":
        return cell_text(value)
    if kind == "number":
        number = parse_number(value)
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "int":
        return parse_int(value)
    if kind == "code":
        return code_text(value, column)
    if kind == "codes":
        parts = re.split(r"[;,\n]+", cell_text(value))
        return [part.strip() for part in parts if part.strip()]
    if kind == "unit":
        try:
            return parse_unit(cell_text(value), strict=False).symbol
        except InputError as exc:
            raise CellError(exc.message, **exc.params) from None
    vocabulary = VOCABULARIES[column.vocabulary or "yes/no"]
    text = ("true" if value else "false") if isinstance(value, bool) else cell_text(value)
    found = vocabulary.lookup(text)
    if found is None:
        labels = vocabulary.labels(language)
        close = difflib.get_close_matches(text.lower(), [x.lower() for x in labels], n=1)
        if close:
            suggestion = next(x for x in labels if x.lower() == close[0])
            raise CellError(MSG_ENUM_SUGGEST, value=text, suggestion=suggestion)
        raise CellError(MSG_ENUM, value=text, choices=", ".join(labels))
    if kind == "bool":
        return found == "true"
    return found


def write_cell(value: Any, column: Column, language: Language) -> Any:
    """The cell for a region-file value in ``column`` (labels in ``language``)."""
    if value is None:
        return None
    kind = column.kind
    if kind == "codes":
        return "; ".join(value)
    if kind == "bool":
        return VOCABULARIES["yes/no"].label("true" if value else "false", language)
    if kind == "enum":
        return VOCABULARIES[column.vocabulary or ""].label(str(value), language)
    if kind in ("number", "int") and isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "unit" and language == "de":
        return german_unit(str(value))
    return value


def german_unit(symbol: str) -> str:
    """A canonical unit as German firms write it: "t/a" -> "t/Jahr", "pieces" -> "Stück".

    Every such spelling reads back as the same unit (``parse_unit(strict=False)``).
    """
    text = symbol.replace("pieces", "Stück").replace("m3", "m³").replace("m2", "m²")
    return text[:-2] + "/Jahr" if text.endswith("/a") else text


def encode_extra(value: Any, *, native: bool) -> Any:
    """A field beyond the vocabulary as a cell: JSON text where the type would be lost.

    ``native`` (XLSX) keeps numbers and booleans as they are; CSV writes them as JSON.
    A string that would read back as JSON is written as a JSON string.
    """
    if value is None:
        return None
    if isinstance(value, str):
        try:
            _json(value)
        except ValueError:
            return value
        return json.dumps(value, ensure_ascii=False)
    if native and isinstance(value, bool | int | float):
        return value
    return json.dumps(value, ensure_ascii=False)


def _json(text: str) -> Any:
    return json.loads(text, parse_constant=_no_constant)


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def decode_extra(value: Any) -> Any:
    """The value of an extra field's cell (inverse of :func:`encode_extra`)."""
    if not isinstance(value, str):
        return value
    try:
        return _json(value)
    except ValueError:
        return value


__all__ = [
    "MESSAGES",
    "CellError",
    "cell_text",
    "code_text",
    "decode_extra",
    "encode_extra",
    "german_unit",
    "is_empty",
    "parse_int",
    "parse_number",
    "read_cell",
    "write_cell",
]
