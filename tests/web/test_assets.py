"""The vendored front-end files: the versions package-lock.json records, with licences,
and no page refers to another origin."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kreislauf.web.assets import FILES, VENDOR
from tests.conftest import ROOT

TEMPLATES = Path(__file__).resolve().parents[2] / "kreislauf" / "web" / "templates"


def test_the_vendored_versions_are_the_locked_ones() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    vendored = json.loads((VENDOR / "VERSIONS.json").read_text("utf-8"))
    for package in FILES:
        assert vendored[package] == lock["packages"][f"node_modules/{package}"]["version"], package
    assert vendored["leaflet"] == "1.9.4"
    assert vendored["htmx.org"].startswith("2.")


def test_every_vendored_file_is_there_with_its_licence() -> None:
    for files, folder in FILES.values():
        for name in files:
            kept = (
                Path(name).name
                if not name.startswith("dist/images/")
                else f"images/{Path(name).name}"
            )
            assert (VENDOR / folder / kept).is_file(), f"{folder}/{kept}"
        assert any("LICEN" in Path(n).name.upper() for n in files), folder


def test_no_template_loads_anything_from_another_origin() -> None:
    external = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)
    offenders = [p.name for p in TEMPLATES.glob("*.html") if external.search(p.read_text("utf-8"))]
    assert offenders == []
