"""Import then export gives back the same region file (order aside), through either
database; and the PostgreSQL fixture's skip/fail rule."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kreislauf.importers import read_region, region_to_dict
from kreislauf.storage import Repository
from tests import db
from tests.conftest import need_shared


def _order_aside(document: dict[str, Any]) -> dict[str, Any]:
    result = dict(document)
    for key in ("actors", "streams"):
        result[key] = sorted(document[key], key=lambda item: str(item["id"]))
    return result


@pytest.mark.parametrize("name", ["unna-dev", "maestri-dev"])
def test_a_region_file_comes_back_through_the_database(repo: Repository, name: str) -> None:
    path = need_shared(f"data/benchmarks/{name}.region.json")
    region = read_region(path)
    repo.save_region(region, source=path.name)
    exported = region_to_dict(repo.load_region(region.id))
    assert _order_aside(exported) == _order_aside(region_to_dict(region))
    original = json.loads(path.read_text(encoding="utf-8"))
    assert len(exported["streams"]) == len(original["streams"])
    assert {s["id"] for s in exported["streams"]} == {s["id"] for s in original["streams"]}


def test_no_postgres_server_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KREISLAUF_TEST_POSTGRES_URL", "postgresql://nobody@127.0.0.1:1/none")
    monkeypatch.setattr(db, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception, match="no PostgreSQL server answers"):
        db.require_postgres_server()
    monkeypatch.setattr(db, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match=r"127\.0\.0\.1:1"):
        db.require_postgres_server()
