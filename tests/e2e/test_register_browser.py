"""In the browser: log in, switch the language, add an actor and an offer with the
pickers, see form errors next to their fields, keep a confidential offer anonymous."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import log_in, shoot


def test_log_in_in_german_and_switch_to_english(site: Any, live_server: str) -> None:
    site.goto(f"{live_server}/login")
    expect(site.locator("html")).to_have_attribute("lang", "de")
    expect(site.get_by_role("heading", name="Anmelden")).to_be_visible()
    shoot(site, "login")
    log_in(site, live_server, "fac@example.org")
    expect(site.get_by_role("heading", name="Regionen")).to_be_visible()
    site.get_by_role("link", name="English").click()
    expect(site.get_by_role("heading", name="Regions")).to_be_visible()
    expect(site.locator("html")).to_have_attribute("lang", "en")
    shoot(site, "regions")
    site.get_by_role("link", name="Deutsch").click()
    expect(site.get_by_role("heading", name="Regionen")).to_be_visible()


def test_the_skip_link_is_the_first_stop_of_the_keyboard(site: Any, live_server: str) -> None:
    site.goto(f"{live_server}/login")
    site.keyboard.press("Tab")
    focused = site.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"


def test_add_an_actor_and_an_offer_with_the_pickers(site: Any, live_server: str) -> None:
    log_in(site, live_server, "fac@example.org")
    site.goto(f"{live_server}/regions/ms")
    shoot(site, "region")
    site.goto(f"{live_server}/regions/ms/actors/new")
    site.get_by_label("Name").first.fill("Tischlerei Lange")
    sector = site.get_by_label("Branche (NACE/WZ-Code)")
    sector.fill("Tischlerei")
    expect(site.locator("#nace-options option").first).to_be_attached()
    assert site.locator("#nace-options option").count() > 0
    sector.fill("16.23")
    site.get_by_label("Gemeinde").fill("Freiberg")
    shoot(site, "actor-form")
    site.get_by_role("button", name="Speichern").click()
    site.wait_for_url(re.compile(r".*/regions/ms/actors/tischlerei-lange$"))
    expect(site.get_by_role("heading", name="Tischlerei Lange")).to_be_visible()
    expect(site.get_by_text("50.9170, 13.3430")).to_be_visible()
    shoot(site, "actor")
    site.get_by_role("link", name="Angebot hinzufügen").click()
    site.get_by_label("Titel").fill("Eichenholz-Reste, unbehandelt")
    code = site.get_by_label("Abfallschlüssel (AVV)")
    code.fill("Holz")
    expect(site.locator("#ewc-options option").first).to_be_attached()
    code.fill("03 01 05")
    site.get_by_label("Menge").fill("12,5")
    site.get_by_label("Einheit").fill("t/a")
    site.get_by_role("button", name="Speichern").click()
    expect(site.get_by_role("heading", name=re.compile("Eichenholz-Reste"))).to_be_visible()
    expect(site.get_by_text("03 01 05")).to_be_visible()
    expect(site.get_by_text("12,5 t/a")).to_be_visible()
    shoot(site, "stream")


def test_form_errors_stand_next_to_their_fields(site: Any, live_server: str) -> None:
    log_in(site, live_server, "fac@example.org")
    site.goto(f"{live_server}/regions/ms/actors/new")
    site.get_by_label("Breitengrad (WGS84)").fill("abc")
    site.get_by_role("button", name="Speichern").click()
    expect(site.locator("#name-error")).to_have_text(re.compile("Ein Name ist nötig"))
    expect(site.get_by_label("Name").first).to_have_attribute("aria-invalid", "true")
    expect(site.get_by_label("Name").first).to_be_focused()  # keyboard users land on it
    expect(site.locator("#lat-error")).to_be_visible()
    shoot(site, "actor-form-errors")


def test_a_member_sees_the_confidential_offer_only_anonymised(site: Any, live_server: str) -> None:
    log_in(site, live_server, "klein@example.org")
    site.goto(f"{live_server}/regions/ms/streams")
    expect(site.get_by_text("Holzspäne, unbehandelt")).to_be_visible()
    expect(site.get_by_text(re.compile("Ein Betrieb der Branche .*Freiberg"))).to_be_visible()
    shoot(site, "streams-member")
    site.goto(f"{live_server}/regions/ms/streams/s1")
    assert "Sägewerk Huber" not in site.content()


def test_the_api_documentation_runs_from_local_files(site: Any, live_server: str) -> None:
    site.goto(f"{live_server}/api/docs")
    expect(site.get_by_text("/api/v1/auth/token").first).to_be_visible()
    shoot(site, "api-docs")
