"""Spreadsheets: XLSX and CSV in German and English, read back as the region written."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from kreislauf.core.region import Region
from kreislauf.errors import InputError, ValidationError
from kreislauf.importers import read_any, write_any
from kreislauf.importers.region_file import parse_region, read_region
from kreislauf.importers.spreadsheet import csv_files, read_csv, read_xlsx
from kreislauf.importers.spreadsheet_write import write_csv, write_template, write_xlsx

ACTORS_DE = (
    "Akteur-ID;Name;Art;WZ-Code;Beschäftigte;Breitengrad;Längengrad;Gemeinde;Genehmigungen (AVV)"
)
STREAMS_DE = (
    "Stoffstrom-ID;Akteur-ID;Angebot oder Bedarf;Typ;Bezeichnung;Abfallschlüssel (AVV);"
    "gefährlich;Menge;Einheit;Temperatur (°C);Verfügbarkeit;vertraulich"
)


def sample_region() -> Region:
    return parse_region(
        {
            "format": "kreislauf-region/1",
            "region": {"id": "soest", "name": "Kreis Soest", "country": "DE", "nuts": "DEA5A",
                       "ags": "05974", "contact": "wifoe@example.org"},
            "actors": [
                {"id": "a1", "name": "Brauerei Müller GmbH", "kind": "company", "nace": "11.05",
                 "employees": 45, "lat": 51.673, "lon": 8.345, "municipality": "Lippstadt",
                 "description": "Brauerei; eigene Mälzerei", "website": "https://x.example"},
                {"id": "a2", "name": "Entsorgung Süd", "kind": "public",
                 "licences": ["13 02 05*", "02 07 04"]},
            ],
            "streams": [
                {"id": "s1", "actor": "a1", "direction": "offer", "type": "material",
                 "title": "Biertreber, frisch", "description": "täglich\nab 6 Uhr",
                 "ewc": "02 07 04", "hazardous": False, "quantity": 1200.5, "unit": "t/a",
                 "availability": "continuous", "rating": 3},
                {"id": "s2", "actor": "a2", "direction": "need", "type": "energy",
                 "title": "Abwärme", "quantity": 350, "unit": "MWh/a", "temperature_c": 45.5,
                 "availability": "seasonal", "confidential": True},
                {"id": "s3", "actor": "a1", "direction": "offer", "type": "equipment",
                 "title": "Altöl", "ewc": "13 02 05*", "hazardous": True,
                 "availability": "one-off"},
            ],
        }
    )  # fmt: skip


def problems(call: Any, *args: Any, **kwargs: Any) -> list[str]:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return [p.render() for p in info.value.problems]


def write_pair(folder: Path, actors: str, streams: str, encoding: str = "utf-8") -> Path:
    (folder / "kreis.actors.csv").write_bytes(actors.encode(encoding))
    (folder / "kreis.streams.csv").write_bytes(streams.encode(encoding))
    return folder / "kreis.actors.csv"


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("language", ["de", "en"])
def test_xlsx_round_trip(tmp_path: Path, language: str) -> None:
    region = sample_region()
    path = write_xlsx(region, tmp_path / "soest.xlsx", language=language)
    assert read_xlsx(path) == region


@pytest.mark.parametrize("language", ["de", "en"])
def test_csv_round_trip(tmp_path: Path, language: str) -> None:
    region = sample_region()
    written = write_csv(region, tmp_path / "soest.csv", language=language)
    assert [p.name for p in written] == [
        "soest.region.csv", "soest.actors.csv", "soest.streams.csv",
    ]  # fmt: skip
    assert read_csv(written[1]) == region
    assert read_csv(written[2]) == region  # either file of the pair


def test_german_csv_uses_semicolons_decimal_commas_and_a_bom(tmp_path: Path) -> None:
    written = write_csv(sample_region(), tmp_path / "soest.csv", language="de")
    data = written[2].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Stoffstrom-ID;Akteur-ID;Angebot oder Bedarf;")
    assert ";Angebot;Material;Biertreber, frisch;" in text
    assert ";1200,5;t/Jahr;" in text


@pytest.mark.parametrize("name", ["unna-dev", "maestri-dev"])
def test_benchmark_regions_survive_xlsx_and_csv(
    tmp_path: Path, shared_dir: Path, name: str
) -> None:
    region = read_region(shared_dir / "data" / "benchmarks" / f"{name}.region.json")
    [xlsx] = write_any(region, tmp_path / f"{name}.xlsx")
    assert read_any(xlsx) == region
    csv_written = write_any(region, tmp_path / f"{name}.csv")
    assert read_any(csv_written[1]) == region


def test_export_then_import_gives_the_same_region_file(tmp_path: Path) -> None:
    from kreislauf.importers.region_file import region_to_dict

    region = sample_region()
    [path] = write_any(region, tmp_path / "r.xlsx")
    assert region_to_dict(read_any(path)) == region_to_dict(region)


# --------------------------------------------------------------------------- reading what people write


def test_windows_1252_csv_with_umlauts_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    actors = ACTORS_DE + "\r\nm1;Mälzerei Größe;Unternehmen;11.06;12;51,57;8,11;Büren;\r\n"
    streams = (
        STREAMS_DE + "\r\n"
        "s1;m1;biete;Material;Malzkeime, trocken;02 07 04;nein;1.234,5;Tonnen/Jahr;;laufend;x\r\n"
        "s2;m1;Suche;Energie;Wärme für Darre;;;2,5;MWh pro Jahr;85;saisonal;nein\r\n"
    )
    path = write_pair(tmp_path, actors, streams, encoding="cp1252")
    region = read_csv(path)
    actor = region.actors[0]
    assert (actor.name, actor.municipality, actor.lat, actor.lon) == (
        "Mälzerei Größe", "Büren", 51.57, 8.11,
    )  # fmt: skip
    s1, s2 = region.streams
    assert (s1.direction.value, s1.quantity, s1.unit, s1.confidential) == (
        "offer",
        1234.5,
        "t/a",
        True,
    )
    assert (s1.availability.value if s1.availability else None) == "continuous"
    assert (s2.direction.value, s2.type.value, s2.title) == ("need", "energy", "Wärme für Darre")
    assert (s2.quantity, s2.unit, s2.temperature_c) == (2.5, "MWh/a", 85.0)
    assert region.id == "kreis"


def test_english_headers_and_comma_csv(tmp_path: Path) -> None:
    actors = "Actor ID,Name,Kind,NACE code,Employees\na1,Paper Mill,company,17.12,300\n"
    streams = (
        "Stream ID,Actor ID,Offer or need,Type,Title,Quantity,Unit\n"
        'p1,a1,offer,material,"Paper sludge, dewatered","1,500.5",t/a\n'
        "p2,a1,need,water,Process water,20000,m3/a\n"
    )
    region = read_csv(write_pair(tmp_path, actors, streams))
    assert region.actors[0].nace == "17.12"
    assert [s.title for s in region.streams] == ["Paper sludge, dewatered", "Process water"]
    assert region.streams[0].quantity == 1500.5


def test_headers_are_recognised_in_other_spellings(tmp_path: Path) -> None:
    actors = "ID;Firma;WZ;Mitarbeiter;Ort\nb1;Bäckerei;10.71;8;Soest\n"
    streams = "Nr;Akteur;Richtung;Titel;AVV;Menge;Einheit\n1;b1;Angebot;Altbrot;020304;3;t/Jahr\n"
    region = read_csv(write_pair(tmp_path, actors, streams))
    stream = region.streams[0]
    assert (stream.id, stream.actor, stream.ewc, stream.unit) == ("1", "b1", "02 03 04", "t/a")
    assert region.actors[0].municipality == "Soest"


def test_unknown_columns_are_kept_as_extra_fields(tmp_path: Path) -> None:
    actors = "Akteur-ID;Name;Ansprechpartner\na1;Firma A;Frau Kaya\n"
    streams = "Stoffstrom-ID;Akteur-ID;Angebot oder Bedarf;Bezeichnung\ns1;a1;Angebot;Paletten\n"
    region = read_csv(write_pair(tmp_path, actors, streams))
    assert region.actors[0].extra == {"Ansprechpartner": "Frau Kaya"}


def test_a_region_sheet_gives_id_and_name_and_the_caller_can_override(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Region"
    sheet.append(["Feld", "Wert"])
    sheet.append(["Regions-ID", "hsk"])
    sheet.append(["Name", "Hochsauerlandkreis"])
    sheet.append(["AGS", 5958])  # Excel made a number of it
    workbook.create_sheet("Akteure").append(["Akteur-ID", "Name"])
    workbook.create_sheet("Stoffströme").append(
        ["Stoffstrom-ID", "Akteur-ID", "Angebot oder Bedarf", "Bezeichnung"]
    )
    path = tmp_path / "Meine Datei.xlsx"
    workbook.save(path)
    region = read_xlsx(path)
    assert (region.id, region.name, region.ags) == ("hsk", "Hochsauerlandkreis", "05958")
    assert read_any(path, region_id="x").id == "x"


def test_without_region_sheet_the_file_name_gives_the_region(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Akteure"
    workbook.active.append(["Akteur-ID", "Name"])
    workbook.active.append([7, "Firma Sieben"])  # a number as id
    workbook.create_sheet("Stoffströme").append(
        ["Stoffstrom-ID", "Akteur-ID", "Angebot oder Bedarf", "Bezeichnung", "WZ-Code"]
    )
    path = tmp_path / "Kreis Höxter 2025.xlsx"
    workbook.save(path)
    region = read_xlsx(path)
    assert (region.id, region.name) == ("kreis-hoexter-2025", "Kreis Höxter 2025")
    assert region.actors[0].id == "7"


def test_codes_that_excel_turned_into_numbers_are_restored(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Actors"
    workbook.active.append(["Actor ID", "Name", "NACE code"])
    workbook.active.append(["a1", "Farm", 1.41])
    sheet = workbook.create_sheet("Streams")
    sheet.append(["Stream ID", "Actor ID", "Offer or need", "Title", "Waste code (EWC)"])
    sheet.append(["s1", "a1", "offer", "manure", 20106])
    path = tmp_path / "farm.xlsx"
    workbook.save(path)
    region = read_xlsx(path)
    assert region.actors[0].nace == "01.41"
    assert region.streams[0].ewc == "02 01 06"


# --------------------------------------------------------------------------- errors name sheet, row, column


def test_xlsx_errors_name_sheet_and_cell(tmp_path: Path) -> None:
    region = sample_region()
    path = write_xlsx(region, tmp_path / "r.xlsx", language="de")
    workbook = load_workbook(path)
    sheet = workbook["Stoffströme"]
    sheet["J3"] = "Tonnage"  # Einheit of the second stream
    sheet["I2"] = "viel"  # Menge
    sheet["C4"] = "vielleicht"  # Angebot oder Bedarf
    sheet["B4"] = "a9"  # Akteur-ID
    workbook["Akteure"]["F2"] = 95  # Breitengrad
    workbook.save(path)
    assert problems(read_xlsx, path) == [
        "Akteure!F2: 95 is out of range; allowed is -90 to 90",
        'Stoffströme!I2: "viel" is not a number',
        'Stoffströme!J3: "Tonnage" is not a unit; use one of t/a, t, kg/a, m3/a, m3, MWh/a, '
        "kWh/a, pieces, pieces/a, h/a, m2",
        'Stoffströme!B4: no actor "a9" in this file',
        'Stoffströme!C4: "vielleicht" is not allowed; use one of Angebot, Bedarf',
    ]


def test_csv_errors_name_file_row_and_column(tmp_path: Path) -> None:
    actors = ACTORS_DE + "\na1;Firma;Unternehmen;;;;;;\na1;Doppelt;;;;;;;\n"
    streams = (
        STREAMS_DE + "\n"
        "s1;a1;Angebot;Material;Späne;03 01 05;nein;-3;t/Jahr;;;\n"
        "s2;a1;Bedarf;Materiall;Späne;;;;;;;\n"
        "s3;a1;Bedarf;;;;;;;;;\n"
    )
    path = write_pair(tmp_path, actors, streams)
    assert problems(read_csv, path) == [
        'kreis.actors.csv row 3, column "Akteur-ID": id "a1" is used twice (first at kreis.actors.csv row 2)',
        'kreis.streams.csv row 2, column "Menge": must not be negative, is -3',
        'kreis.streams.csv row 3, column "Typ": "Materiall" is not allowed; did you mean "Material"?',
        'kreis.streams.csv row 4, column "Bezeichnung": required field is missing',
    ]


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    actors = "Akteur-ID;Name\na1;Firma\n"
    streams = "Stoffstrom-ID;Akteur-ID;Bezeichnung\ns1;a1;Späne\n"
    path = write_pair(tmp_path, actors, streams)
    assert problems(read_csv, path) == [
        'kreis.streams.csv: column "Angebot oder Bedarf" is missing'
    ]


def test_a_missing_sheet_is_named_in_the_users_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kreislauf.settings import get_settings

    workbook = Workbook()
    workbook.active.title = "Tabelle1"
    path = tmp_path / "x.xlsx"
    workbook.save(path)
    assert problems(read_xlsx, path) == [
        'the workbook has no sheet "Actors" (found: Tabelle1)',
        'the workbook has no sheet "Streams" (found: Tabelle1)',
    ]
    monkeypatch.setenv("KREISLAUF_LANGUAGE", "de")
    get_settings.cache_clear()
    assert (
        problems(read_xlsx, path)[1] == 'the workbook has no sheet "Stoffströme" (found: Tabelle1)'
    )


def test_a_missing_partner_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "kreis.actors.csv").write_text("Akteur-ID;Name\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"the file kreis\.streams\.csv is missing beside"):
        csv_files(tmp_path / "kreis.actors.csv")


def test_a_csv_in_neither_encoding_is_refused(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252 and invalid as UTF-8 here.
    path = write_pair(tmp_path, "Akteur-ID;Name\n", "x")
    (tmp_path / "kreis.actors.csv").write_bytes(b"Akteur-ID;Name\na1;Fa\x81\x81\n")
    assert problems(read_csv, path) == [
        "the file is neither UTF-8 nor Windows-1252: byte 0x81 at offset 20 cannot be read; "
        "save it as CSV UTF-8"
    ]


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("Akteur-ID;Name\n", encoding="utf-8")
    assert problems(read_xlsx, path)[0].startswith("cannot read the file as an XLSX workbook")


@pytest.mark.parametrize("name", ["huge.xlsx", "huge.actors.csv"])
def test_a_200_mb_spreadsheet_is_refused_quickly(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    (tmp_path / "huge.streams.csv").write_text("x", encoding="utf-8")
    start = time.perf_counter()
    rendered = problems(read_any, path)
    assert time.perf_counter() - start < 1.0
    assert rendered == [
        "the file is 200.0 MB, more than the limit of 100.0 MB; "
        "raise KREISLAUF_MAX_IMPORT_MB to read it"
    ]


def test_a_workbook_that_unpacks_to_far_more_than_the_limit_is_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Akteure"
    workbook.active.append(["Akteur-ID", "Name"])
    for i in range(5000):
        workbook.active.append([f"a{i}", f"{i}" + "x" * 500])
    path = tmp_path / "bomb.xlsx"
    workbook.save(path)
    rendered = problems(read_xlsx, path, max_bytes=path.stat().st_size + 1)
    assert rendered[0].startswith("the workbook unpacks to")


# --------------------------------------------------------------------------- template


def test_the_german_template_explains_and_offers_drop_downs(tmp_path: Path) -> None:
    [path] = write_template(tmp_path / "vorlage.xlsx", language="de", format="xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Anleitung", "Region", "Akteure", "Stoffströme"]
    guide = "\n".join(
        str(c.value) for row in workbook["Anleitung"].iter_rows() for c in row if c.value
    )
    for phrase in ("vertraulich", "BEISPIEL", "Abfallschlüssel", "t/Jahr", "Pflicht"):
        assert phrase in guide
    streams = workbook["Stoffströme"]
    assert streams.freeze_panes == "A2"
    assert streams["A1"].value == "Stoffstrom-ID"
    assert streams["A1"].comment is not None
    lists = {dv.formula1 for dv in streams.data_validations.dataValidation}
    assert '"Angebot,Bedarf"' in lists
    assert any("Ausrüstung" in f and "Dienstleistung" in f for f in lists)
    assert any("t/Jahr" in f for f in lists)
    assert '"kontinuierlich,saisonal,einmalig"' in lists
    assert '"ja,nein"' in lists
    assert streams.column_dimensions["E"].width == 36
    assert streams["A2"].value == "BEISPIEL-S1" and streams["A2"].font.i


def test_the_template_reads_as_an_empty_region(tmp_path: Path) -> None:
    [path] = write_template(tmp_path / "vorlage.xlsx", language="de", format="xlsx")
    region = read_xlsx(path)
    assert (region.actors, region.streams) == ((), ())


def test_a_filled_template_imports_without_its_examples(tmp_path: Path) -> None:
    [path] = write_template(tmp_path / "template.xlsx", language="en", format="xlsx")
    workbook = load_workbook(path)
    workbook["Actors"].append(["m1", "Miller Ltd", "company"])
    workbook["Streams"].append(["s1", "m1", "offer", "material", "flour dust"])
    workbook.save(path)
    region = read_xlsx(path)
    assert [a.id for a in region.actors] == ["m1"]
    assert [s.title for s in region.streams] == ["flour dust"]


def test_the_csv_template_is_a_readable_pair(tmp_path: Path) -> None:
    written = write_template(tmp_path / "vorlage.csv", language="de", format="csv")
    assert [p.name for p in written] == [
        "vorlage.region.csv", "vorlage.actors.csv", "vorlage.streams.csv",
    ]  # fmt: skip
    assert "BEISPIEL-S1;BEISPIEL-1;Angebot" in written[2].read_text(encoding="utf-8-sig")
    assert read_csv(written[1]).streams == ()
    with pytest.raises(InputError, match="unknown template format"):
        write_template(tmp_path / "v.ods", format="ods")


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    region = sample_region()
    actor = dataclasses.replace(region.actors[0], name='=HYPERLINK("http://x.example")')
    hostile = dataclasses.replace(region, name="=1+1", actors=(actor, *region.actors[1:]))
    path = write_xlsx(hostile, tmp_path / "r.xlsx", language="de")
    assert load_workbook(path)["Akteure"]["B2"].data_type == "s"
    assert read_xlsx(path) == hostile


def test_empty_spreadsheet_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "leer.xlsx"
    empty.write_bytes(b"")
    assert problems(read_any, empty)[0].startswith("cannot read the file as an XLSX workbook")
    path = write_pair(tmp_path, "", "Stoffstrom-ID;Akteur-ID;Angebot oder Bedarf;Bezeichnung\n")
    assert problems(read_any, path) == [
        "kreis.actors.csv: no header row found; the first row must name the columns"
    ]


def test_a_utf16_csv_as_excel_saves_unicode_text_is_read(tmp_path: Path) -> None:
    actors = "Akteur-ID\tName\na1\tGärtnerei\n"
    streams = (
        "Stoffstrom-ID\tAkteur-ID\tAngebot oder Bedarf\tBezeichnung\ns1\ta1\tAngebot\tGrünschnitt\n"
    )
    region = read_csv(write_pair(tmp_path, actors, streams, encoding="utf-16"))
    assert (region.actors[0].name, region.streams[0].title) == ("Gärtnerei", "Grünschnitt")


def test_region_sheet_problems_name_their_cell(tmp_path: Path) -> None:
    path = write_xlsx(sample_region(), tmp_path / "r.xlsx", language="de")
    workbook = load_workbook(path)
    workbook["Region"]["B4"] = "Deutschland"  # Land
    workbook.save(path)
    assert problems(read_xlsx, path) == [
        'Region!B4: must be a two-letter country code such as "DE", not "Deutschland"'
    ]


def test_region_name_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    region = dataclasses.replace(sample_region(), name="=SUM(A1)")
    path = write_xlsx(region, tmp_path / "r.xlsx", language="en")
    assert load_workbook(path)["Region"]["B3"].data_type == "s"
    assert read_xlsx(path).name == "=SUM(A1)"
