"""Uploading a spreadsheet on the page: preview, error report, all or nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kreislauf.core.actors import Actor
from kreislauf.core.region import Region
from kreislauf.core.streams import Direction, Stream
from kreislauf.importers import write_any
from tests.web.conftest import csrf_of

NEW = Region(
    "upload",
    "Upload",
    actors=(Actor("a7", "Papierfabrik Ost", nace="17.12", municipality="Flöha"),),
    streams=(Stream("s7", "a7", Direction.OFFER, "Papierschlamm", quantity=900.0, unit="t/a"),),
)


def workbook(tmp_path: Path, region: Region = NEW) -> bytes:
    path = tmp_path / "firms.xlsx"
    write_any(region, path, "xlsx")
    return path.read_bytes()


def upload(client, data: bytes, name: str = "firms.xlsx", mode: str = "merge"):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/regions/ms/import").text)
    return client.post(
        "/regions/ms/import",
        data={"csrf_token": token, "mode": mode},
        files={"file": (name, data, "application/octet-stream")},
    )


def test_a_valid_workbook_is_previewed_then_imported(as_user, tmp_path: Path) -> None:
    client = as_user("fac@example.org")
    preview = upload(client, workbook(tmp_path))
    assert preview.status_code == 200, preview.text
    assert "Papierfabrik Ost" in preview.text and "Papierschlamm" in preview.text
    assert "Papierfabrik Ost" not in client.get("/regions/ms/actors").text  # nothing stored yet
    confirm = client.post(
        "/regions/ms/import/confirm",
        data={"csrf_token": csrf_of(preview.text), "action": "import"},
        follow_redirects=False,
    )
    assert confirm.status_code == 303, confirm.text
    listing = client.get("/regions/ms/actors").text
    assert "Papierfabrik Ost" in listing and "Sägewerk Huber" in listing  # merged, not replaced


def test_a_workbook_with_problems_is_reported_and_stores_nothing(as_user, tmp_path: Path) -> None:
    bad = dataclasses.replace(
        NEW,
        streams=(dataclasses.replace(NEW.streams[0], actor="nobody"),),
    )
    client = as_user("fac@example.org")
    response = upload(client, workbook(tmp_path, bad))
    assert response.status_code == 422
    assert "Nothing was stored" in response.text and "nobody" in response.text
    assert "Papierfabrik Ost" not in client.get("/regions/ms/actors").text


def test_an_oversized_or_foreign_file_is_refused_with_a_message(as_user) -> None:
    client = as_user("fac@example.org")
    big = upload(client, b"x" * (600 * 1024), "big.csv")
    assert big.status_code == 413 and "too large" in big.text
    foreign = upload(client, b"MZ", "tool.exe")
    assert foreign.status_code == 400 and "cannot read" in foreign.text


def test_members_cannot_import(as_user) -> None:
    assert as_user("klein@example.org").get("/regions/ms/import").status_code == 403


def test_a_confirmation_without_a_preview_changes_nothing(as_user) -> None:
    client = as_user("fac@example.org")
    token = csrf_of(client.get("/regions/ms/import").text)
    response = client.post(
        "/regions/ms/import/confirm", data={"csrf_token": token, "action": "import"}
    )
    assert response.status_code == 400 and "expired" in response.text


def test_the_template_downloads_in_the_users_language(as_user, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    client = as_user("fac@example.org")
    assert "/template.xlsx" in client.get("/regions/ms/import").text
    response = client.get("/template.xlsx?lang=de")
    assert response.status_code == 200
    assert "kreislauf-vorlage.xlsx" in response.headers["content-disposition"]
    path = tmp_path / "t.xlsx"
    path.write_bytes(response.content)
    assert len(load_workbook(path).sheetnames) >= 2
