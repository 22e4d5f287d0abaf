"""The matching benchmark: ``make bench``.

Measures on a generated region (20,000 actors, 100,000 streams; ``bench.generate``):

1. the character n-gram TF-IDF baseline, cold from the file (``bench.baseline``);
2. kreislauf, cold from the file: read, represent, score, top 5 per offer with reasons;
3. kreislauf, warm on a stored region: import (representations computed then, not timed),
   then ``match_stored`` and the JSON document with reasons, in a fresh process;
4. adding one stream to the stored region and matching it (median of several).

Each measurement runs in its own process so that peak memory (``ru_maxrss``) is its own.
Prints a table and writes ``bench-results/bench-<UTC time>.json``.

    python -m bench.run [--actors 20000] [--streams 100000] [--top 5] [--skip-baseline]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"


def _peak_mb() -> float:
    """Peak resident memory of this process and of any worker it forked (the larger)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024.0


def child_baseline(region: str, top: int) -> dict[str, Any]:
    from bench.baseline import run

    result = run(Path(region), top)
    return {"seconds": result["seconds"], "matches": result["matches"], "peak_mb": _peak_mb()}


def child_cold(region: str, top: int) -> dict[str, Any]:
    started = time.perf_counter()
    from kreislauf import matching_service

    matches = matching_service.match_file(region, top)
    document = matching_service.matches_to_json(matches, "en")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "matches": len(document["matches"]), "peak_mb": _peak_mb()}


def _repo(db: str) -> Any:
    from kreislauf.storage.database import make_engine
    from kreislauf.storage.repository import Repository

    repo = Repository(make_engine(f"sqlite:///{db}"))
    repo.upgrade()
    return repo


def child_import(region: str, db: str) -> dict[str, Any]:
    from kreislauf import matching_service

    started = time.perf_counter()
    data = matching_service.read_region_file(region)
    repo = _repo(db)
    repo.save_region(data, replace=True)
    stored = matching_service.represent_and_store(repo, data.id, region=data)
    return {
        "seconds": time.perf_counter() - started,
        "represented": stored,
        "region_id": data.id,
        "peak_mb": _peak_mb(),
    }


def child_warm(db: str, region_id: str, top: int, repeats: int) -> dict[str, Any]:
    from dataclasses import replace

    from kreislauf import matching_service
    from kreislauf.core.represent import model_key

    repo = _repo(db)
    # representations stored at import but made for another knowledge base (edited since)
    # are computed again inside the timed run: say so
    missing = len(repo.missing_features(region_id, model_key(matching_service.knowledge_base())))
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    matches = matching_service.match_stored(repo, region_id, top)
    # as `kreislauf match --region ID` does: the JSON document with its reasons
    document = matching_service.matches_to_json(matches, "en")
    warm = time.perf_counter() - started
    assert len(document["matches"]) == len(matches)
    region = repo.load_region(region_id)
    template = next(s for s in region.streams if s.is_offer)
    latencies: list[float] = []
    for i in range(repeats):
        stream = replace(
            template,
            id=f"bench-new-{i}",
            title=[
                "Biertreber aus der Brauerei",
                "Sägespäne, trocken",
                "surplus steam 180 °C",
                "Altholz A2",
            ][i % 4],
        )
        repo.add_stream(region_id, stream)
        t0 = time.perf_counter()
        matching_service.match_one_stream(repo, region_id, stream, top)
        latencies.append(time.perf_counter() - t0)
    return {
        "seconds": warm,
        "representations_recomputed": missing,
        "load_average_1min": [load_before, os.getloadavg()[0]],
        "matches": len(matches),
        "add_one_ms_median": statistics.median(latencies) * 1000,
        "add_one_ms_max": max(latencies) * 1000,
        "peak_mb": _peak_mb(),
    }


CHILDREN = {
    "baseline": child_baseline,
    "cold": child_cold,
    "import": child_import,
    "warm": child_warm,
}


def _spawn(name: str, *args: Any) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.run", "--child", name, *map(str, args)]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{name} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    with contextlib.suppress(OSError):
        info["load_average"] = os.getloadavg()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return info


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--child":
        name, rest = argv[1], argv[2:]
        func = CHILDREN[name]
        typed: list[Any] = [int(a) if a.isdigit() else a for a in rest]
        print(json.dumps(func(*typed)))
        return
    parser = argparse.ArgumentParser(description="matching benchmark")
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--streams", type=int, default=100_000)
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=8)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--skip-cold", action="store_true")
    args = parser.parse_args(argv)

    RESULTS.mkdir(exist_ok=True)
    region = RESULTS / f"region-{args.actors}-{args.streams}.json"
    if not region.exists():
        from bench.generate import main as generate

        generate([str(region), "--actors", str(args.actors), "--streams", str(args.streams)])
    results: dict[str, Any] = {
        "machine": _machine(),
        "actors": args.actors,
        "streams": args.streams,
        "top": args.top,
    }
    if not args.skip_baseline:
        results["baseline"] = _spawn("baseline", region, args.top)
    if not args.skip_cold:
        results["cold"] = _spawn("cold", region, args.top)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        results["import"] = _spawn("import", region, db)
        results["warm"] = _spawn("warm", db, results["import"]["region_id"], args.top, args.repeats)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = RESULTS / f"bench-{stamp}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    rows = [
        (
            "TF-IDF baseline, cold from file",
            results.get("baseline", {}).get("seconds"),
            results.get("baseline", {}).get("peak_mb"),
            "<= cold kreislauf",
        ),
        (
            f"kreislauf cold from file (top {args.top})",
            results.get("cold", {}).get("seconds"),
            results.get("cold", {}).get("peak_mb"),
            "<= baseline, <= 2048 MB",
        ),
        (
            "import + representations",
            results["import"]["seconds"],
            results["import"]["peak_mb"],
            "(not timed in targets)",
        ),
        (
            "kreislauf warm, stored region",
            results["warm"]["seconds"],
            results["warm"]["peak_mb"],
            "<= 30 s",
        ),
    ]
    print(f"{'measurement':40} {'seconds':>10} {'peak MB':>10}  target")
    for label, seconds, peak, target in rows:
        s = "-" if seconds is None else f"{seconds:10.1f}"
        p = "-" if peak is None else f"{peak:10.0f}"
        print(f"{label:40} {s:>10} {p:>10}  {target}")
    print(
        f"{'add one stream and match it (median)':40} {results['warm']['add_one_ms_median']:9.1f}ms {'':>10}  <= 100 ms (max {results['warm']['add_one_ms_max']:.1f} ms)"
    )
    print(
        f"warm run: {results['warm']['representations_recomputed']} representations computed "
        f"again (knowledge base changed since import), 1-min load "
        f"{results['warm']['load_average_1min']}"
    )
    print(f"machine: {results['machine']}")
    print(f"written: {out}")


if __name__ == "__main__":
    main()
