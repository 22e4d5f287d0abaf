"""The fast item check says yes exactly where jsonschema finds no error."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from kreislauf.importers.region_validation import region_schema
from kreislauf.importers.schema_fast import compile_object, compile_value

SCHEMA = region_schema()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6)
    | st.floats(-1e6, 1e6, allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip

GOOD = {
    "actor": {"id": "a1", "name": "Firma", "kind": "company", "nace": "10.51", "employees": 3,
              "lat": 51.0, "lon": 7.0, "municipality": "Soest", "licences": ["02 07 04"],
              "description": "x"},
    "stream": {"id": "s1", "actor": "a1", "direction": "offer", "type": "energy", "title": "t",
               "description": "d", "ewc": "02 07 04", "hazardous": False, "quantity": 1.5,
               "unit": "t/a", "temperature_c": 40, "availability": "seasonal",
               "confidential": True},
}  # fmt: skip
# Values near the edges of what the schema allows.
EDGES = st.sampled_from(
    [None, True, False, 0, -1, 1.0, 2.5, -90, 90, 90.5, -180.5, -273.15, -274, "", "x",
     "offer", "company", "t/a", "tonnen", "DE", [], ["02 07 04"], [""], [1], {}]
)  # fmt: skip


def schema_valid(name: str, item: Any) -> bool:
    validator = Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{name}"})
    return not list(validator.iter_errors(item))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["actor", "stream"]),
    st.data(),
)
def test_fast_check_agrees_with_jsonschema(name: str, data: st.DataObject) -> None:
    item: dict[str, Any] = dict(GOOD[name])
    for key in data.draw(st.lists(st.sampled_from(sorted(item)), max_size=3, unique=True)):
        action = data.draw(st.sampled_from(["drop", "edge", "any"]))
        if action == "drop":
            del item[key]
        else:
            item[key] = data.draw(EDGES if action == "edge" else json_values)
    fast = compile_object(SCHEMA["$defs"][name])
    assert fast(item) == schema_valid(name, item), item


@pytest.mark.parametrize("name", ["actor", "stream"])
def test_non_objects_fail(name: str) -> None:
    fast = compile_object(SCHEMA["$defs"][name])
    assert not fast([]) and not fast("x") and not fast(None)


def test_an_unknown_keyword_is_refused_at_compile_time() -> None:
    with pytest.raises(ValueError, match="anyOf"):
        compile_value({"anyOf": [{"type": "string"}]})
