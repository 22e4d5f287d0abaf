"""Cells as firms fill them, the column vocabulary, the schema and the message catalogue."""

from __future__ import annotations

import json
import string
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from kreislauf.core.units import SPEC_UNITS, UNITS
from kreislauf.i18n import catalogue
from kreislauf.importers import (
    cells,
    columns,
    region_file,
    region_validation,
    spreadsheet,
    spreadsheet_write,
    tables,
)
from kreislauf.importers.cells import CellError, parse_number, read_cell, write_cell
from kreislauf.importers.columns import (
    ACTOR_COLUMNS,
    DIRECTION,
    STREAM_COLUMNS,
    STREAM_TYPE,
    find_column,
    fold,
    is_example,
)

STREAM = {c.key: c for c in STREAM_COLUMNS}


@pytest.mark.parametrize(
    ("text", "value"),
    [("2,5", 2.5), ("2.5", 2.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
     ("1.234.567", 1234567.0), ("1,234,567", 1234567.0), ("1 200", 1200.0),
     ("1\u00a0200,75", 1200.75), ("-3", -3.0), (",5", 0.5), ("2.5e3", 2500.0), (7, 7.0)],
)  # fmt: skip
def test_numbers_with_decimal_commas_and_grouping(text: object, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["12 t", "viel", "1,2,3", "", "1.2.3", "nan", "1e400", True])
def test_what_is_not_a_number(text: object) -> None:
    with pytest.raises(CellError):
        parse_number(text)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_a_number_written_german_reads_back(value: float) -> None:
    german = repr(value).replace(".", ",")
    assert parse_number(german) == value
    assert parse_number(repr(value)) == value


@pytest.mark.parametrize(
    ("text", "direction"),
    [("Angebot", "offer"), ("biete", "offer"), ("OFFER", "offer"), ("Bedarf", "need"),
     ("suche", "need"), ("Need", "need")],
)  # fmt: skip
def test_direction_in_german_and_english(text: str, direction: str) -> None:
    assert read_cell(text, STREAM["direction"]) == direction
    assert DIRECTION.lookup(text) == direction


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Material", "material"), ("Energie", "energy"), ("Wasser", "water"),
     ("Ausrüstung/Maschine", "equipment"), ("Maschine", "equipment"),
     ("Dienstleistung", "service"), ("Wissen", "knowledge"), ("Kapazität", "capacity"),
     ("Daten", "data")],
)  # fmt: skip
def test_types_in_german(text: str, kind: str) -> None:
    assert STREAM_TYPE.lookup(text) == kind


@pytest.mark.parametrize(
    ("text", "value"), [("ja", True), ("Nein", False), ("x", True), ("yes", True), (True, True)]
)
def test_yes_and_no(text: object, value: bool) -> None:
    assert read_cell(text, STREAM["confidential"]) is value


@pytest.mark.parametrize(
    ("text", "unit"),
    [("t/Jahr", "t/a"), ("Tonnen pro Jahr", "t/a"), ("m³/Jahr", "m3/a"), ("Stück", "pieces"),
     ("MWh p.a.", "MWh/a"), ("t", "t")],
)  # fmt: skip
def test_units_are_read_leniently(text: str, unit: str) -> None:
    assert read_cell(text, STREAM["unit"]) == unit


def test_the_drop_down_units_all_read() -> None:
    for language in ("de", "en"):
        for choice in columns.UNIT_CHOICES[language]:
            assert read_cell(choice, STREAM["unit"]) in SPEC_UNITS


def test_written_labels_read_back_for_every_enumerated_column() -> None:
    for column in (*ACTOR_COLUMNS, *STREAM_COLUMNS):
        if not column.vocabulary:
            continue
        vocabulary = columns.VOCABULARIES[column.vocabulary]
        for value in vocabulary.labels_en:
            typed = value == "true" if column.kind == "bool" else value
            for language in ("de", "en"):
                cell = write_cell(typed, column, language)  # type: ignore[arg-type]
                assert read_cell(cell, column) == typed


def test_an_unknown_value_gets_a_suggestion_in_the_sheets_language() -> None:
    with pytest.raises(CellError) as info:
        read_cell("Angebote", STREAM["direction"], "de")
    assert str(info.value) == '"Angebote" is not allowed; did you mean "Angebot"?'


def test_headers_fold_case_umlauts_and_punctuation() -> None:
    assert fold("Abfallschlüssel (AVV)") == "abfallschluesselavv"
    for header in ("Abfallschlüssel (AVV)", "abfallschluessel avv", "AVV", "EWC code"):
        column = find_column(header, STREAM_COLUMNS)
        assert column is not None and column.key == "ewc"
    assert find_column("Lieblingsfarbe", STREAM_COLUMNS) is None


def test_no_spelling_names_two_columns_of_one_sheet() -> None:
    for group in (ACTOR_COLUMNS, STREAM_COLUMNS):
        seen: dict[str, str] = {}
        for column in group:
            for spelling in column.spellings:
                assert seen.setdefault(spelling, column.key) == column.key, spelling


def test_example_ids() -> None:
    assert is_example("BEISPIEL-1") and is_example("Example-S2")
    assert not is_example("example-corp") and not is_example("Beispielhof")


def test_schema_is_valid_2020_12_and_lists_the_units() -> None:
    schema = json.loads(
        (resources.files("kreislauf") / "data" / "region.schema.json").read_text("utf-8")
    )
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    units = schema["$defs"]["stream"]["properties"]["unit"]["enum"]
    assert [u for u in units if u is not None] == list(UNITS)
    assert set(SPEC_UNITS) <= set(units)
    for name in ("actor", "stream"):
        assert schema["$defs"][name]["additionalProperties"] is True


MODULES = [cells, columns, region_file, region_validation, spreadsheet, spreadsheet_write, tables]


def test_every_template_has_a_german_translation_with_the_same_placeholders() -> None:
    import kreislauf.importers as package

    german = catalogue("de")
    formatter = string.Formatter()
    templates = [t for m in [*MODULES, package] for t in getattr(m, "MESSAGES", ())]
    assert len(templates) > 40
    for template in templates:
        assert template in german, template
        fields = {f for _, f, _, _ in formatter.parse(template) if f}
        assert fields == {f for _, f, _, _ in formatter.parse(german[template]) if f}, template


def test_every_unit_written_in_german_reads_back() -> None:
    from kreislauf.importers.cells import german_unit

    assert german_unit("t/a") == "t/Jahr" and german_unit("pieces") == "Stück"
    for symbol in UNITS:
        cell = write_cell(symbol, STREAM["unit"], "de")
        assert read_cell(cell, STREAM["unit"]) == symbol, cell
