"""API latency under load: 50 concurrent clients on the demo region, on loopback.

Starts ``kreislauf``'s web app with uvicorn in a separate process on 127.0.0.1 (a fresh
SQLite database with the Mittelsachsen demo region, or ``--database URL``), fetches a
bearer token, warms every endpoint once, then lets ``--clients`` asyncio clients (httpx)
send requests round-robin over the API's read endpoints -- region, actor and stream lists
and details, one-stream matches, leads, map data, impact -- until ``--requests`` are
done or ``--seconds`` have passed. Prints p50/p95/p99 latency overall and per endpoint
as JSON. Only 127.0.0.1 is ever contacted; the server is stopped at the end.

    python -m bench.web_load [--clients 50] [--requests 3000] [--seconds 60]
                             [--think 0] [--workers 1] [--database URL]

``--think 0`` is a closed loop (each client sends its next request at once: the
server's saturation); ``--think 1`` paces each client like a person clicking about once
a second.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PASSWORD = "bench password 123"
EMAIL = "bench@example.org"


def bench_app() -> Any:
    """The app for uvicorn's ``--factory`` (settings from the environment)."""
    from kreislauf.settings import Settings
    from kreislauf.web import create_app

    settings = Settings(
        database_url=os.environ["KREISLAUF_BENCH_DATABASE"],
        data_dir=Path(os.environ["KREISLAUF_BENCH_DATA"]),
        language="en",
        secret_key="bench-secret-" + "z" * 24,
    )
    return create_app(settings)


def prepare(database_url: str, region: Any) -> None:
    """Store ``region`` and a facilitator account for it."""
    from kreislauf.errors import ConflictError
    from kreislauf.storage.accounts import Accounts
    from kreislauf.storage.database import make_engine
    from kreislauf.storage.repository import Repository

    repo = Repository(make_engine(database_url))
    repo.upgrade()
    if repo.has_region(region.id):
        repo.delete_region(region.id)
    repo.save_region(region)
    accounts = Accounts(repo.engine)
    with contextlib.suppress(ConflictError):  # the account exists from an earlier run
        accounts.add_user(EMAIL, PASSWORD, "facilitator", regions=[region.id])
    repo.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(database_url: str, data_dir: Path, workers: int = 1) -> Iterator[str]:
    """uvicorn serving the app on 127.0.0.1 in a child process; yields the base URL."""
    import urllib.request

    port = free_port()
    env = {
        **os.environ,
        "KREISLAUF_BENCH_DATABASE": database_url,
        "KREISLAUF_BENCH_DATA": str(data_dir),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "bench.web_load:bench_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--workers",
            str(workers),
        ],
        env=env,
        cwd=str(Path(__file__).resolve().parent.parent),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/login", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.time() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(times: list[float]) -> dict[str, float]:
    return {
        "n": len(times),
        "p50_ms": round(percentile(times, 50) * 1000, 1),
        "p95_ms": round(percentile(times, 95) * 1000, 1),
        "p99_ms": round(percentile(times, 99) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1) if times else float("nan"),
    }


def endpoints(region: Any, rng: random.Random, count: int = 40) -> list[tuple[str, str]]:
    """(name, path) pairs round-robin: lists, details of random actors and streams,
    one-stream matches, leads, map data, impact."""
    rid = region.id
    actors = [a.id for a in region.actors]
    streams = [s.id for s in region.streams]
    out: list[tuple[str, str]] = []
    for _ in range(count):
        out += [
            ("region", f"/api/v1/regions/{rid}"),
            ("actors", f"/api/v1/regions/{rid}/actors"),
            ("actor", f"/api/v1/regions/{rid}/actors/{rng.choice(actors)}"),
            ("streams", f"/api/v1/regions/{rid}/streams"),
            ("stream", f"/api/v1/regions/{rid}/streams/{rng.choice(streams)}"),
            ("matches_one_stream", f"/api/v1/regions/{rid}/matches?stream={rng.choice(streams)}"),
            ("leads", f"/api/v1/regions/{rid}/leads"),
            ("map_data", f"/api/v1/regions/{rid}/map-data"),
            ("impact", f"/api/v1/regions/{rid}/impact"),
        ]
    return out


async def load(
    base: str,
    region: Any,
    clients: int,
    requests: int,
    seconds: float,
    think: float = 0.0,
    seed: int = 1,
) -> dict[str, Any]:
    import httpx

    rng = random.Random(seed)
    plan = endpoints(region, rng)
    async with httpx.AsyncClient(
        base_url=base,
        timeout=30,
        limits=httpx.Limits(max_connections=clients, max_keepalive_connections=clients),
    ) as client:
        token = (
            await client.post("/api/v1/auth/token", data={"username": EMAIL, "password": PASSWORD})
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        for _, path in plan[:9]:  # warm-up: the matcher is built on the first match
            (await client.get(path, headers=headers)).raise_for_status()
        times: dict[str, list[float]] = {}
        errors: dict[str, int] = {}
        sent = 0
        stop_at = time.monotonic() + seconds

        async def worker(offset: int) -> None:
            nonlocal sent
            pacing = random.Random(seed + offset)
            index = offset
            while sent < requests and time.monotonic() < stop_at:
                sent += 1
                name, path = plan[index % len(plan)]
                index += 1
                if think > 0:  # a person's pace: think +- 50 % between two requests
                    await asyncio.sleep(think * (0.5 + pacing.random()))
                start = time.perf_counter()
                response = await client.get(path, headers=headers)
                elapsed = time.perf_counter() - start
                if response.status_code != 200:
                    errors[name] = errors.get(name, 0) + 1
                times.setdefault(name, []).append(elapsed)

        began = time.perf_counter()
        await asyncio.gather(*(worker(i * 7) for i in range(clients)))
        wall = time.perf_counter() - began
    everything = [t for values in times.values() for t in values]
    return {
        "clients": clients,
        "think_seconds": think,
        "requests": len(everything),
        "seconds": round(wall, 2),
        "requests_per_second": round(len(everything) / wall, 1) if wall else None,
        "errors": errors,
        "overall": summary(everything),
        "per_endpoint": {name: summary(values) for name, values in sorted(times.items())},
    }


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds between a client's requests (0: none)"
    )
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--database", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args(argv)
    from kreislauf.examples import mittelsachsen

    region = mittelsachsen()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{folder}/bench.db"
        prepare(url, region)
        with server(url, Path(folder), args.workers) as base:
            result = asyncio.run(
                load(base, region, args.clients, args.requests, args.seconds, args.think)
            )
    result["workers"] = args.workers
    result["region"] = {
        "id": region.id,
        "actors": len(region.actors),
        "streams": len(region.streams),
    }
    result["database"] = "sqlite" if args.database is None else url.split(":")[0]
    result["machine"] = machine()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
