"""The map page with 5,000 actors: time until it is usable in headless Chromium.

Generates a deterministic region (``bench.generate``; ``--actors`` actors, two streams
each), serves the app on 127.0.0.1 (``bench.web_load``'s server), logs in through the
form in Debian's Chromium (driven by Playwright; nothing downloads a browser) and loads
``/regions/{id}/map`` ``--runs`` times. "Usable" is the moment the page has every marker
in its cluster layer and says so (``#map[data-ready="1"]``), measured from the start of
the navigation (``performance.now()``). Prints the first (cold) and the median of the
rest, the size of the map data and the machine, as JSON.

    python -m bench.web_map [--actors 5000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.web_load import EMAIL, PASSWORD, machine, prepare, server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def make_region(actors: int, seed: int = 7) -> Any:
    from bench.generate import generate
    from kreislauf.importers.region_file import parse_region
    from kreislauf.knowledge_base import load_knowledge_base

    document = generate(load_knowledge_base(), actors=actors, streams=2 * actors, seed=seed)
    return parse_region(document)


def measure(base: str, region_id: str, runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    foreign: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else foreign.append(r.url),
        )
        page.set_default_timeout(60_000)
        page.goto(f"{base}/login")
        page.fill("input[name=email]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]")
        page.wait_for_url(f"{base}/regions")
        count = 0
        for _ in range(runs):
            page.goto(f"{base}/regions/{region_id}/map", wait_until="commit")
            page.wait_for_selector('#map[data-ready="1"]', state="attached")
            times.append(float(page.evaluate("performance.now()")))
            count = int(page.get_attribute("#map", "data-count") or 0)
        browser.close()
    return {
        "runs_ms": [round(t) for t in times],
        "first_ms": round(times[0]),
        "median_warm_ms": round(statistics.median(times[1:] or times)),
        "markers": count,
        "foreign_requests": foreign,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    region = make_region(args.actors)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/map.db"
        prepare(url, region)
        with server(url, Path(folder)) as base:
            result = measure(base, region.id, args.runs)
            # the JSON alone, for the record (bearer token, compressed size not counted)
            token_request = urllib.request.Request(
                f"{base}/api/v1/auth/token",
                data=f"username={EMAIL}&password={PASSWORD.replace(' ', '+')}".encode(),
                method="POST",
            )
            with urllib.request.urlopen(token_request, timeout=30) as response:
                token = json.loads(response.read())["access_token"]
            started = time.perf_counter()
            data_request = urllib.request.Request(
                f"{base}/api/v1/regions/{region.id}/map-data",
                headers={"Authorization": f"Bearer {token}"},
            )
            with urllib.request.urlopen(data_request, timeout=30) as response:
                body = response.read()
            result["map_data_ms"] = round((time.perf_counter() - started) * 1000, 1)
            result["map_data_bytes"] = len(body)
    result["actors"] = len(region.actors)
    result["streams"] = len(region.streams)
    result["machine"] = machine()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
