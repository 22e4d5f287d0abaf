"""The facilitator's journey in real Chromium: log in, add an actor and an offer, see its
marker on the map, run the matching in the background, open a match with its reasons,
make it a lead and move it to implemented, see the dashboard change, switch the
language. Screenshots of the main pages go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import log_in, shoot

ACTOR = "Schreinerei Vogel"
OFFER = "Buchenholz-Späne, unbehandelt"


def add_actor_and_offer(site: Any, base: str) -> str:
    site.goto(f"{base}/regions/ms/actors/new")
    site.get_by_label("Name").first.fill(ACTOR)
    site.get_by_label("Branche (NACE/WZ-Code)").fill("16.23")
    site.get_by_label("Gemeinde").fill("Döbeln")
    site.get_by_role("button", name="Speichern").click()
    site.wait_for_url(re.compile(r".*/regions/ms/actors/[a-z0-9-]+$"))
    actor_url = site.url
    site.get_by_role("link", name="Angebot hinzufügen").click()
    site.get_by_label("Titel").fill(OFFER)
    site.get_by_label("Abfallschlüssel (AVV)").fill("03 01 05")
    site.get_by_label("Menge").fill("40")
    site.get_by_label("Einheit").fill("t/a")
    site.get_by_role("button", name="Speichern").click()
    expect(site.get_by_role("heading", name=re.compile("Buchenholz-Späne"))).to_be_visible()
    return str(actor_url)


def test_facilitator_journey(site: Any, live_server: str) -> None:
    base = live_server
    log_in(site, base, "fac@example.org")
    actor_url = add_actor_and_offer(site, base)

    # the new actor's marker on the map (filtered by its material, so it stands alone)
    site.goto(f"{base}/regions/ms/map")
    expect(site.locator("#map")).to_have_attribute("data-ready", "1")
    expect(site.locator(".leaflet-marker-icon").first).to_be_visible()
    shoot(site, "map")
    site.get_by_label("Material").fill("Buchenholz")
    site.get_by_role("button", name="Filtern").click()
    expect(site.locator("#map")).to_have_attribute("data-count", "1")
    marker = site.locator(f'.leaflet-marker-icon[title="{ACTOR}"]')
    expect(marker).to_be_visible()
    marker.click()
    expect(site.locator(".leaflet-popup-content")).to_contain_text(ACTOR)
    shoot(site, "map-filtered")

    # matching in the background: the progress shows, then the results
    site.goto(f"{base}/regions/ms/dashboard")
    before = int(site.locator("#total-exchanges").inner_text())
    site.goto(f"{base}/regions/ms/matches")
    site.get_by_role("button", name="Abgleich jetzt starten").click()
    expect(site.get_by_role("table")).to_be_visible(timeout=60_000)
    shoot(site, "matches")

    # one match with its reasons, from the actor's matches
    site.goto(f"{actor_url}/matches")
    site.get_by_role("link", name="Begründung").first.click()
    expect(site.get_by_role("heading", name=re.compile("Treffer"))).to_be_visible()
    expect(site.locator("ul.reasons li").first).to_be_visible()
    shoot(site, "match")

    # a lead from the match, moved straight to implemented with the real quantity
    site.get_by_role("button", name="Lead aus diesem Treffer anlegen").click()
    expect(site.locator("#lead-current-status")).to_have_text("vorgeschlagen")
    site.get_by_label("Neuer Status").select_option("implemented")
    site.get_by_role("button", name="Speichern").click()
    expect(site.locator("#lead-actual_quantity-error")).to_be_visible()  # quantity needed
    site.get_by_label("Neuer Status").select_option("implemented")
    site.get_by_label("Tatsächliche Menge").fill("30")
    site.get_by_label("Einheit").fill("t/a")
    site.get_by_role("button", name="Speichern").click()
    expect(site.locator("#lead-current-status")).to_have_text("umgesetzt")
    shoot(site, "lead")

    # the dashboard counts it
    site.goto(f"{base}/regions/ms/dashboard")
    expect(site.locator("#total-exchanges")).to_have_text(str(before + 1))
    expect(site.locator("svg.chart").first).to_be_visible()
    shoot(site, "dashboard")

    # and in English
    site.get_by_role("link", name="English").click()
    expect(site.get_by_role("heading", name=re.compile("^Impact"))).to_be_visible()
    expect(site.get_by_text("Tonnes kept in the loop").first).to_be_visible()
    site.goto(f"{base}/regions/ms/leads")
    expect(site.get_by_role("heading", name=re.compile("^implemented"))).to_be_visible()
    shoot(site, "leads-en")
