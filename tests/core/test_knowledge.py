"""The knowledge base: building, validation naming file/entry/field, loading, indexes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kreislauf.core.knowledge import build_knowledge_base, nace_under
from kreislauf.errors import ValidationError
from kreislauf.knowledge_base import clear_cache, load_knowledge_base


def doc(**sections: Any) -> dict[str, Any]:
    return {"source": "test", **sections}


GRAIN = {
    "id": "spent_grain",
    "type": "material",
    "family": "food_waste",
    "ewc": ["02 07 02", "02 07"],
    "terms": {"de": ["Treber"], "en": ["spent grain"]},
}
FEED = {"id": "animal_feed", "terms": {"de": ["Futter"], "en": ["feed"]}}
FARM = {
    "id": "cattle_farm",
    "nace": ["01.41", "01.42"],
    "terms": {"de": ["Rinderhaltung"], "en": ["cattle farm"]},
}
PATH = {
    "id": "grain_to_feed",
    "from": ["spent_grain"],
    "to": [],
    "uses": ["animal_feed"],
    "receivers": ["cattle_farm"],
    "process": {"de": "Verfütterung", "en": "fed to cattle"},
    "strength": 0.9,
    "avoided_route": "anaerobic_digestion",
    "substitutes": "animal_feed",
    "ratio": 0.25,
}


def build(*documents: tuple[str, dict[str, Any]]) -> Any:
    return build_knowledge_base(list(documents), known_code=lambda c: c.startswith("02"))


def problems_of(*documents: tuple[str, dict[str, Any]]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        build(*documents)
    return [p.render() for p in info.value.problems]


def test_builds_indexes_for_terms_codes_and_pathways() -> None:
    kb = build(("a.yaml", doc(concepts=[GRAIN], uses=[FEED], receivers=[FARM], pathways=[PATH])))
    assert kb.term_index["treber"] == (("concept", "spent_grain"),)
    assert kb.concepts_for_code("02 07 02") == ("spent_grain",)
    assert kb.concepts_for_code("02 07 99") == ("spent_grain",)
    assert kb.pathways_from["spent_grain"] == ("grain_to_feed",)
    assert kb.label("concept", "spent_grain", "de") == "Treber"
    assert kb.label("concept", "spent_grain", "en") == "spent grain"


def test_ids_must_be_unique_across_files() -> None:
    found = problems_of(("a.yaml", doc(concepts=[GRAIN])), ("b.yaml", doc(concepts=[GRAIN])))
    assert found == [
        'b.yaml: concepts[0] (spent_grain).id: the id "spent_grain" is defined twice (first in a.yaml)'
    ]


def test_unknown_reference_names_file_entry_and_field() -> None:
    bad = {**PATH, "uses": ["fodder"]}
    found = problems_of(
        ("a.yaml", doc(concepts=[GRAIN], uses=[FEED], receivers=[FARM], pathways=[bad]))
    )
    assert found == ['a.yaml: pathways[0] (grain_to_feed).uses: refers to the unknown use "fodder"']


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"type": "stuff"}, "type", "is not a type"),
        ({"family": "gold"}, "family", "is not an impact material key"),
        ({"ewc": ["2 7 2"]}, "ewc", "is not a waste code or prefix"),
        ({"ewc": ["19 99 98"]}, "ewc", "is not in the waste catalogue"),
        ({"terms": {"de": ["Treber"]}}, "terms", "needs both lists de and en"),
        ({"hazardous": "yes"}, "hazardous", "must be true or false"),
    ],
)
def test_concept_fields_are_checked(change: dict[str, Any], field: str, fragment: str) -> None:
    found = problems_of(("c.yaml", doc(concepts=[{**GRAIN, **change}])))
    assert any(
        p.startswith(f"c.yaml: concepts[0] (spent_grain).{field}") and fragment in p for p in found
    ), found


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"strength": 1.5}, "strength", "must lie between 0.0 and 1.0"),
        ({"ratio": "much"}, "ratio", "must be a number"),
        ({"avoided_route": "river"}, "avoided_route", "is not a route"),
        ({"substitutes": "gold"}, "substitutes", "is not an impact material key"),
    ],
)
def test_pathway_fields_are_checked(change: dict[str, Any], field: str, fragment: str) -> None:
    found = problems_of(
        (
            "p.yaml",
            doc(concepts=[GRAIN], uses=[FEED], receivers=[FARM], pathways=[{**PATH, **change}]),
        )
    )
    assert any(
        p.startswith(f"p.yaml: pathways[0] (grain_to_feed).{field}") and fragment in p
        for p in found
    ), found


def test_a_pathway_must_name_something_a_need_can_ask_for() -> None:
    bare = {"id": "nowhere", "from": ["spent_grain"], "strength": 0.5}
    found = problems_of(("p.yaml", doc(concepts=[GRAIN], pathways=[bare])))
    assert found == [
        "p.yaml: pathways[0] (nowhere): names nothing a need could ask for: give to, uses, receivers or produces"
    ]


def test_unknown_keys_are_reported() -> None:
    found = problems_of(
        ("k.yaml", {"concept": []}), ("l.yaml", doc(uses=[{**FEED, "colour": "red"}]))
    )
    assert "k.yaml: unknown top-level key(s) concept" in found
    assert "l.yaml: uses[0] (animal_feed): unknown field(s) colour" in found


@pytest.mark.parametrize(
    ("code", "prefixes", "expected"),
    [
        ("10.51", ["10.5"], True),
        ("10.51", ["10"], True),
        ("10.51", ["10.51"], True),
        ("10.51", ["10.1"], False),
        ("01.41", ["1"], False),
        ("C", ["C"], True),
        ("10.51", ["C"], False),
        (None, ["10"], False),
    ],
)
def test_nace_under(code: str | None, prefixes: list[str], expected: bool) -> None:
    assert nace_under(code, prefixes) is expected


def test_shipped_knowledge_base_loads_and_is_broad() -> None:
    kb = load_knowledge_base()
    assert len(kb.concepts) >= 50
    assert len(kb.pathways) >= 50
    types = {c.type for c in kb.concepts.values()}
    assert "material" in types


def test_facilitators_add_files_without_touching_code(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "concepts:\n  - id: zz_test_concept\n    type: material\n    terms:\n      de: [Quarkwasser-Test]\n      en: [curd test water]\n",
        encoding="utf-8",
    )
    clear_cache()
    kb = load_knowledge_base(extra_dirs=[folder])
    assert "zz_test_concept" in kb.concepts
    (folder / "broken.yaml").write_text("concepts:\n  - id: Bad Id\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_knowledge_base(extra_dirs=[folder])
    assert "broken.yaml: concepts[0] (Bad Id).id" in info.value.render()


def test_data_dir_knowledge_folder_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kreislauf.settings import get_settings

    folder = get_settings().data_dir / "knowledge"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "own.yaml").write_text(
        "uses:\n  - id: zz_test_use\n    terms:\n      de: [Testnutzung]\n      en: [test use]\n",
        encoding="utf-8",
    )
    clear_cache()
    assert "zz_test_use" in load_knowledge_base().uses
