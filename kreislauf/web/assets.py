"""Copy the front-end libraries from ``node_modules`` into ``static/vendor``.

``npm ci`` installs the versions that ``package-lock.json`` records; then
``python -m kreislauf.web.assets`` (or ``npm run vendor``) copies the files the app
serves, with their licences. The copies are committed, so installing the Python
package needs no npm and nothing is ever fetched from a CDN.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = Path(__file__).parent / "static" / "vendor"

#: package -> (files to copy, relative to the package folder), target folder name
FILES: dict[str, tuple[tuple[str, ...], str]] = {
    "htmx.org": (("dist/htmx.min.js", "LICENSE"), "htmx"),
    "leaflet": (
        (
            "dist/leaflet.js",
            "dist/leaflet.css",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
            "LICENSE",
        ),
        "leaflet",
    ),
    "leaflet.markercluster": (
        (
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
            "MIT-LICENCE.txt",
        ),
        "leaflet.markercluster",
    ),
    "swagger-ui-dist": (
        (
            "swagger-ui-bundle.js",
            "swagger-ui-bundle.js.LICENSE.txt",
            "swagger-ui.css",
            "LICENSE",
            "NOTICE",
        ),
        "swagger-ui",
    ),
}


def copy_assets(node_modules: Path = ROOT / "node_modules", target: Path = VENDOR) -> list[Path]:
    """Copy every listed file; returns the files written. Fails where one is missing
    (run ``npm ci`` first)."""
    written: list[Path] = []
    versions: dict[str, str] = {}
    for package, (files, folder) in FILES.items():
        source = node_modules / package
        manifest = source / "package.json"
        if not manifest.is_file():
            raise SystemExit(f"{source} is missing: run `npm ci` in {ROOT} first")
        versions[package] = json.loads(manifest.read_text("utf-8"))["version"]
        for name in files:
            origin = source / name
            keep = (
                Path(name).name
                if not name.startswith("dist/images/")
                else f"images/{Path(name).name}"
            )
            destination = target / folder / keep
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, destination)
            written.append(destination)
    record = target / "VERSIONS.json"
    record.write_text(json.dumps(versions, indent=2, sort_keys=True) + "\n", "utf-8")
    written.append(record)
    return written


if __name__ == "__main__":  # pragma: no cover - developer tool
    for path in copy_assets():
        sys.stdout.write(f"{path.relative_to(ROOT)}\n")
