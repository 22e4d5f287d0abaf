"""The shipped impact factors and prices, read once from the package data.

:func:`load_factor_table` reads ``data/impact/factors.csv`` (kg CO2e per t, MWh, m3 or
t.km, with their DESNZ ID or other source per row), ``data/impact/prices.csv`` (EUR with
the published range, year and source) and ``data/impact/VERSION``, and builds a
:class:`~kreislauf.core.impact.FactorTable`. Sources: ``data/SOURCES.md``, section
"Impact factors".
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from kreislauf.core.impact import FactorTable


def _text(name: str) -> str:
    return (resources.files("kreislauf") / "data" / "impact" / name).read_text(encoding="utf-8")


def factor_rows() -> list[dict[str, str]]:
    """The rows of ``factors.csv`` as text, gaps (empty values) included."""
    return list(csv.DictReader(io.StringIO(_text("factors.csv"))))


def price_rows() -> list[dict[str, str]]:
    """The rows of ``prices.csv`` as text, gaps (empty values) included."""
    return list(csv.DictReader(io.StringIO(_text("prices.csv"))))


def factor_version() -> str:
    return _text("VERSION").strip()


@lru_cache(maxsize=1)
def load_factor_table() -> FactorTable:
    """The factor table shipped with kreislauf, built once per process."""
    return FactorTable.from_rows(
        factor_rows(), price_rows(), version=factor_version(), source="factors.csv"
    )


__all__ = ["factor_rows", "factor_version", "load_factor_table", "price_rows"]
