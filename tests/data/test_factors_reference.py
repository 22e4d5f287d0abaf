"""The shipped impact factors and prices against their sources.

Every factor whose source is DESNZ must equal the value the DESNZ 2025 reference copy
gives for its ID (converted to the row's unit, divided by a stated efficiency), and its
category path must be the one of that ID. Every row names a source; the table has a
version; prices are central values inside their published range.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest

from kreislauf.core.impact import MATERIAL_KEYS, FactorTable
from kreislauf.impact_factors import factor_rows, factor_version, load_factor_table, price_rows

DESNZ_FILE = "data/emission_factors/desnz_ghg_conversion_factors_2025_flat.csv"

# (our per unit, DESNZ unit of measure) -> multiplier from the DESNZ value to ours
SCALE = {
    ("t", "tonnes"): 1.0,
    ("MWh", "kWh"): 1000.0,
    ("MWh", "kWh (Net CV)"): 1000.0,
    ("MWh", "kWh (Gross CV)"): 1000.0,
    ("m3", "cubic metres"): 1.0,
    ("m3", "litres"): 1000.0,
    ("t.km", "tonne.km"): 1.0,
}


@pytest.fixture(scope="module")
def desnz(shared_dir: Path) -> dict[str, dict[str, str]]:
    path = shared_dir / DESNZ_FILE
    with path.open(encoding="utf-8") as handle:
        return {row["ID"]: row for row in csv.DictReader(handle)}


def _desnz_rows() -> list[dict[str, str]]:
    return [row for row in factor_rows() if row["source"].startswith("DESNZ")]


def test_there_are_desnz_rows_to_check() -> None:
    assert len(_desnz_rows()) >= 60


@pytest.mark.parametrize("row", _desnz_rows(), ids=lambda r: r["id"])
def test_desnz_factor_equals_the_reference(
    row: dict[str, str], desnz: dict[str, dict[str, str]]
) -> None:
    ref = desnz.get(row["desnz_id"])
    assert ref is not None, f"DESNZ ID {row['desnz_id']} does not exist"
    assert ref["GHG/Unit"] == "kg CO2e", "use the total kg CO2e row, not a single gas"
    scale = SCALE[(row["per"], ref["UOM"])]
    efficiency = float(row["efficiency"]) if row.get("efficiency") else 1.0
    expected = float(ref["GHG Conversion Factor 2025"]) * scale / efficiency
    assert float(row["kg_co2e"]) == pytest.approx(expected, rel=1e-6, abs=1e-5)
    for level in ("Level 1", "Level 2", "Level 3"):
        assert ref[level] in row["reference"], f"the reference path must name {ref[level]!r}"


def test_every_factor_row_has_a_source_and_a_unique_id() -> None:
    rows = factor_rows()
    assert all(row["source"].strip() for row in rows)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))


def test_empty_values_are_declared_gaps_and_filled_values_are_numbers() -> None:
    for row in factor_rows():
        if row["kg_co2e"].strip():
            assert math.isfinite(float(row["kg_co2e"])) and float(row["kg_co2e"]) >= 0
            assert not row["source"].startswith("none")
        else:
            assert row["source"].startswith("none"), f"{row['id']}: a gap says 'none: ...'"
            assert row["note"].strip(), f"{row['id']}: a gap says why"


def test_the_table_has_a_version() -> None:
    assert re.fullmatch(r"\d{4}\.\d+", factor_version())
    assert load_factor_table().version == factor_version()


def test_every_material_key_is_covered_or_declared_a_gap() -> None:
    keys = {row["key"] for row in factor_rows()}
    assert set(MATERIAL_KEYS) <= keys


def test_german_grid_electricity_is_the_uba_2024_figure() -> None:
    table: FactorTable = load_factor_table()
    factor = table.primary("electricity", "MWh")
    assert factor is not None and factor.kg_co2e == 363.0 and factor.source.startswith("UBA")


def test_every_price_row_has_a_source_a_year_and_a_central_value_in_its_range() -> None:
    rows = price_rows()
    assert rows
    for row in rows:
        assert row["source"].strip(), row["id"]
        if not row["eur"].strip():
            assert row["source"].startswith("none"), (
                f"{row['id']}: an empty price is a declared gap"
            )
            continue
        assert row["year"].strip(), f"{row['id']}: a price states its year"
        value, low, high = float(row["eur"]), float(row["low"]), float(row["high"])
        assert low <= value <= high, row["id"]
        assert value > 0
