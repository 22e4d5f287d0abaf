"""Region files: read, validate, write; every bad input named by its place."""

from __future__ import annotations

import copy
import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import pytest

from kreislauf.core.streams import Direction
from kreislauf.errors import InputError, NotFoundError, ValidationError
from kreislauf.importers import read_any, write_any
from kreislauf.importers.region_file import (
    DOCUMENT_EXTRA,
    dumps_region,
    parse_region,
    read_region,
    region_to_dict,
    write_region,
)
from kreislauf.importers.region_validation import MAX_PROBLEMS


def minimal() -> dict[str, Any]:
    return {
        "format": "kreislauf-region/1",
        "region": {"id": "soest", "name": "Kreis Soest", "country": "DE"},
        "actors": [
            {"id": "a1", "name": "Brauerei Lippstadt", "kind": "company", "nace": "11.05"},
            {"id": "a2", "name": "Biogas Erwitte", "kind": "company", "licences": ["02 07 04"]},
            {"id": "a3", "name": "Entsorger Soest", "kind": "company", "licences": ["13 02 05*"]},
        ],
        "streams": [
            {"id": "s1", "actor": "a1", "direction": "offer", "type": "material",
             "title": "Biertreber", "ewc": "02 07 04", "hazardous": False,
             "quantity": 1200, "unit": "t/a"},
            {"id": "s2", "actor": "a2", "direction": "need", "type": "material",
             "title": "Substrat für Biogasanlage", "quantity": 5000, "unit": "t/a"},
            {"id": "s3", "actor": "a1", "direction": "offer", "type": "material",
             "title": "Altöl", "ewc": "13 02 05*", "hazardous": True},
            {"id": "s4", "actor": "a3", "direction": "need", "type": "energy",
             "title": "Wärme", "temperature_c": 60, "availability": "continuous",
             "confidential": True},
        ],
    }  # fmt: skip


def problems_of(document: Any) -> list[str]:
    with pytest.raises(ValidationError) as info:
        parse_region(document)
    return [p.render() for p in info.value.problems]


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- good files


def test_a_valid_document_becomes_a_region() -> None:
    region = parse_region(minimal())
    assert region.id == "soest"
    assert [a.id for a in region.actors] == ["a1", "a2", "a3"]
    assert region.streams_by_id["s1"].direction is Direction.OFFER
    assert region.streams_by_id["s3"].hazardous is True
    assert region.actors_by_id["a3"].licences == ("13 02 05*",)
    assert region.summary() == {"actors": 3, "offers": 2, "needs": 2}


def test_json_region_json_gives_the_same_document() -> None:
    document = minimal()
    assert region_to_dict(parse_region(document)) == document


def test_output_follows_the_spec_field_order() -> None:
    document = minimal()
    document["streams"][0] = dict(reversed(list(document["streams"][0].items())))
    out = region_to_dict(parse_region(document))
    assert list(out) == ["format", "region", "actors", "streams"]
    assert list(out["streams"][0]) == [
        "id", "actor", "direction", "type", "title", "ewc", "hazardous", "quantity", "unit",
    ]  # fmt: skip


def test_extra_fields_are_kept_everywhere() -> None:
    document = minimal()
    document["source"] = {"survey": 2025}
    document["region"]["contact"] = "wifoe@example.org"
    document["actors"][0]["website"] = "https://brauerei.example"
    document["streams"][0]["photos"] = ["a.jpg", "b.jpg"]
    region = parse_region(document)
    assert region.extra[DOCUMENT_EXTRA] == {"source": {"survey": 2025}}
    assert region.actors[0].extra == {"website": "https://brauerei.example"}
    assert region_to_dict(region) == document


def test_other_spellings_of_codes_are_normalised() -> None:
    document = minimal()
    document["streams"][0]["ewc"] = "020704"
    document["streams"][2]["ewc"] = "13.02.05 *"
    document["actors"][0]["nace"] = "1105"
    document["actors"][2]["licences"] = ["130205", "13 02 05*"]
    region = parse_region(document)
    assert region.streams[0].ewc == "02 07 04"
    assert region.streams[2].ewc == "13 02 05*"
    assert region.actors[0].nace == "11.05"
    assert region.actors[2].licences == ("13 02 05*",)


def test_a_hazardous_code_without_star_is_read_as_hazardous() -> None:
    document = minimal()
    document["streams"][0].update(ewc="01 05 05", hazardous=False)
    stream = parse_region(document).streams[0]
    assert (stream.ewc, stream.hazardous) == ("01 05 05*", True)


def test_hazardous_true_on_a_mirror_entry_is_allowed() -> None:
    document = minimal()
    document["streams"][0].update(ewc="17 05 04", hazardous=True)  # mirror of 17 05 03*
    stream = parse_region(document).streams[0]
    assert (stream.ewc, stream.hazardous) == ("17 05 04", True)


def test_hazardous_follows_the_star_when_left_out() -> None:
    document = minimal()
    del document["streams"][2]["hazardous"]
    assert parse_region(document).streams[2].hazardous is True


def test_a_nace_class_the_list_lacks_is_read_as_its_group() -> None:
    document = minimal()
    document["actors"][0]["nace"] = "17.10"
    assert parse_region(document).actors[0].nace == "17.1"


def test_null_means_absent() -> None:
    document = minimal()
    document["streams"][1].update(quantity=None, unit=None, ewc=None, hazardous=None)
    stream = parse_region(document).streams[1]
    assert stream.quantity is None and stream.ewc is None and stream.hazardous is False


def test_write_then_read_is_the_same_region(tmp_path: Path) -> None:
    region = parse_region(minimal())
    target = write_region(region, tmp_path / "out" / "soest.json")
    assert read_region(target) == region
    assert target.read_text(encoding="utf-8") == dumps_region(region)
    assert "Wärme" in target.read_text(encoding="utf-8")  # not \u00e4


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "soest.json"
    target.write_text("old", encoding="utf-8")
    region = parse_region(minimal())
    broken = dataclasses.replace(region, extra={"x": object()})
    with pytest.raises(TypeError):
        write_region(broken, target)
    assert target.read_text(encoding="utf-8") == "old"
    write_region(region, target)
    assert read_region(target) == region
    assert sorted(p.name for p in tmp_path.iterdir()) == ["soest.json"]


def test_read_any_and_write_any_dispatch_on_the_extension(tmp_path: Path) -> None:
    region = parse_region(minimal())
    [path] = write_any(region, tmp_path / "r.json")
    assert read_any(path) == region
    assert read_any(path, region_id="other").id == "other"
    with pytest.raises(InputError, match="cannot read"):
        read_any(tmp_path / "r.pdf")
    with pytest.raises(InputError, match="unknown format"):
        write_any(region, tmp_path / "r.pdf")


@pytest.mark.parametrize("name", ["unna-dev", "maestri-dev"])
def test_the_benchmark_files_parse_cleanly(name: str, shared_dir: Path) -> None:
    path = shared_dir / "data" / "benchmarks" / f"{name}.region.json"
    region = read_region(path)
    original = json.loads(path.read_text(encoding="utf-8"))
    assert len(region.actors) == len(original["actors"])
    assert len(region.streams) == len(original["streams"])
    # Reading what we write gives the same region back.
    assert parse_region(region_to_dict(region)) == region


def test_unna_round_trips_to_the_identical_document(shared_dir: Path) -> None:
    path = shared_dir / "data" / "benchmarks" / "unna-dev.region.json"
    original = json.loads(path.read_text(encoding="utf-8"))
    assert region_to_dict(read_region(path)) == original


# --------------------------------------------------------------------------- bad files


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "format": "kreislauf-region/1",\n  "region": {,}\n}', encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        read_region(path)
    assert info.value.source == str(path)
    assert info.value.problems[0].render().startswith("invalid JSON at line 3, column 14")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_an_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match="the file is empty"):
        read_region(path)


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="does not exist"):
        read_region(tmp_path / "nope.json")


def test_a_windows_1252_file_names_the_byte(tmp_path: Path) -> None:
    data = json.dumps(minimal(), ensure_ascii=False, indent=1).encode("cp1252")
    path = tmp_path / "latin.json"
    path.write_bytes(data)
    offset = next(i for i, byte in enumerate(data) if byte >= 0x80)  # "ü" of "für"
    line = data.count(b"\n", 0, offset) + 1
    with pytest.raises(ValidationError) as info:
        read_region(path)
    assert info.value.problems[0].render() == (
        f"the file is not UTF-8: byte 0xFC at offset {offset} (line {line}) cannot be "
        "decoded; save it as UTF-8 (it may be Windows-1252 or Latin-1)"
    )


def test_a_utf16_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "u16.json"
    path.write_bytes(json.dumps(minimal()).encode("utf-16"))
    with pytest.raises(ValidationError, match="UTF-16"):
        read_region(path)


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal()).encode())
    assert read_region(path).id == "soest"


@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e400"])
def test_numbers_that_are_not_finite_are_refused(tmp_path: Path, number: str) -> None:
    text = json.dumps(minimal()).replace('"quantity": 1200', f'"quantity": {number}')
    path = tmp_path / "nan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=f"{number} is not allowed in JSON"):
        read_region(path)


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk and no time
    start = time.perf_counter()
    with pytest.raises(ValidationError) as info:
        read_any(path)
    assert time.perf_counter() - start < 1.0
    assert info.value.problems[0].render() == (
        "the file is 200.0 MB, more than the limit of 100.0 MB; "
        "raise KREISLAUF_MAX_IMPORT_MB to read it"
    )


def test_the_limit_follows_the_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kreislauf.settings import get_settings

    path = write_json(tmp_path / "r.json", minimal())
    monkeypatch.setenv("KREISLAUF_MAX_IMPORT_MB", "0.0001")
    get_settings.cache_clear()
    with pytest.raises(ValidationError, match="more than the limit"):
        read_region(path)
    assert read_region(path, max_bytes=10_000_000).id == "soest"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(format="kreislauf-region/2"),
         'format: must be "kreislauf-region/1", not "kreislauf-region/2"'),
        (lambda d: d.pop("format"), "format: required field is missing"),
        (lambda d: d["region"].pop("name"), "region.name: required field is missing"),
        (lambda d: d["actors"][1].update(id="a1"),
         'actors[1].id: id "a1" is used twice (first at actors[0])'),
        (lambda d: d["streams"][3].update(id="s1"),
         'streams[3].id: id "s1" is used twice (first at streams[0])'),
        (lambda d: d["streams"][1].update(actor="a22"),
         'streams[1].actor: no actor "a22" in this file; did you mean "a2"?'),
        (lambda d: d["streams"][1].update(actor="A2"),
         'streams[1].actor: no actor "A2" in this file; did you mean "a2"?'),
        (lambda d: d["streams"][1].update(actor="zz-unknown"),
         'streams[1].actor: no actor "zz-unknown" in this file'),
        (lambda d: d["streams"][1].update(quantity=-5),
         "streams[1].quantity: must not be negative, is -5"),
        (lambda d: d["streams"][1].update(quantity="12 t"),
         'streams[1].quantity: must be a number, not "12 t"'),
        (lambda d: d["streams"][1].update(unit="tonnen"),
         'streams[1].unit: "tonnen" is not a unit; did you mean "t"?'),
        (lambda d: d["streams"][1].update(unit="t/Jahr"),
         'streams[1].unit: "t/Jahr" is not a unit; did you mean "t/a"?'),
        (lambda d: d["streams"][1].update(direction="ofer"),
         'streams[1].direction: "ofer" is not allowed; did you mean "offer"?'),
        (lambda d: d["streams"][1].update(type="energie"),
         'streams[1].type: "energie" is not allowed; did you mean "energy"?'),
        (lambda d: d["streams"][1].pop("title"), "streams[1].title: required field is missing"),
        (lambda d: d["streams"][1].update(title=""), "streams[1].title: must not be empty"),
        (lambda d: d["actors"][0].update(lat=91.5),
         "actors[0].lat: 91.5 is out of range; allowed is -90 to 90"),
        (lambda d: d["actors"][0].update(lon=-200),
         "actors[0].lon: -200 is out of range; allowed is -180 to 180"),
        (lambda d: d["actors"][0].update(employees=2.5),
         "actors[0].employees: must be a whole number, not 2.5"),
        (lambda d: d["actors"][0].update(kind="firma"),
         '"firma" is not allowed; use one of company, research, public, association, other'),
        (lambda d: d["streams"][0].update(ewc="02 07 99 9"),
         'streams[0].ewc: "02 07 99 9" is not a waste code'),
        (lambda d: d["streams"][0].update(ewc="02 07 06"),
         'streams[0].ewc: "02 07 06" is not in the European List of Waste; did you mean'),
        (lambda d: d["streams"][2].update(hazardous=False),
         'streams[2].hazardous: false contradicts waste code "13 02 05*", which is hazardous'),
        (lambda d: d["streams"][0].update(hazardous=True),
         'streams[0].hazardous: true contradicts waste code "02 07 04", an absolute '
         "non-hazardous entry"),
        (lambda d: d["streams"][0].update(ewc="02 07 04*"),
         "streams[0].ewc: \"02 07 04*\" carries a star but 02 07 04 is not a hazardous waste"),
        (lambda d: d["actors"][1].update(licences=["02 07 04", "99 99 99"]),
         'actors[1].licences[1]: "99 99 99" is not in the European List of Waste'),
        (lambda d: d["actors"][0].update(nace="76.10"),
         'actors[0].nace: "76.10" is not a NACE Rev. 2 / WZ 2008 code'),
        (lambda d: d["actors"][0].update(nace="Bierbrauerei"), "actors[0].nace: "),
        (lambda d: d["region"].update(country="Deutschland"),
         'region.country: must be a two-letter country code such as "DE", not "Deutschland"'),
        (lambda d: d["streams"][3].update(confidential="ja"),
         'streams[3].confidential: must be true or false, not "ja"'),
        (lambda d: d["streams"][3].update(temperature_c=-300),
         "streams[3].temperature_c: -300 is below the least allowed value -273.15"),
        (lambda d: d.update(actors={}), "actors: must be a list, not {}"),
    ],
)  # fmt: skip
def test_each_problem_names_its_place(change: Any, expected: str) -> None:
    document = copy.deepcopy(minimal())
    change(document)
    rendered = problems_of(document)
    assert any(expected in line for line in rendered), rendered


def test_not_an_object() -> None:
    assert problems_of([1, 2]) == [
        "the document must be a JSON object with format, region, actors and streams"
    ]


def test_all_problems_are_reported_in_document_order() -> None:
    document = minimal()
    document["streams"][3]["unit"] = "tonnen"
    document["streams"][0]["quantity"] = -1
    document["actors"][2]["lat"] = 100
    document["streams"][1]["actor"] = "nobody"
    document["actors"][0]["nace"] = "76.10"
    paths = [line.split(":", 1)[0] for line in problems_of(document)]
    assert paths == [
        "actors[0].nace",
        "actors[2].lat",
        "streams[0].quantity",
        "streams[1].actor",
        "streams[3].unit",
    ]


def test_a_huge_broken_document_reports_a_bounded_number_of_problems() -> None:
    document = minimal()
    document["streams"] = [
        {"id": f"s{i}", "actor": "a1", "direction": "offer", "title": "x", "quantity": -1}
        for i in range(MAX_PROBLEMS + 50)
    ]
    with pytest.raises(ValidationError) as info:
        parse_region(document)
    problems = info.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].render() == "50 further problem(s) not shown"


def test_problems_translate_to_german() -> None:
    from kreislauf.i18n import translator

    document = minimal()
    document["streams"][1]["quantity"] = -5
    document["streams"][0].pop("title")
    with pytest.raises(ValidationError) as info:
        parse_region(document)
    german = info.value.render(translator("de")).splitlines()
    assert german == [
        "streams[0].title: Pflichtfeld fehlt",
        "streams[1].quantity: darf nicht negativ sein, ist -5",
    ]
