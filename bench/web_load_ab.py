"""API latency with 50 concurrent keep-alive clients, measured by ApacheBench.

ApacheBench (Debian package apache2-utils) is a C load tool that needs little CPU, so on a
2-core machine it measures the server rather than the client (bench/web_load.py's Python
client costs more CPU per request than the server). One ``ab`` per endpoint of
bench/web_load.py's mix, 50 clients in all, loopback only, bounded by time.

    python -m bench.web_load_ab [WORKERS] [SECONDS]
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

import bench.web_load as wl
from kreislauf.examples import mittelsachsen


def pct(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    region = mittelsachsen()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        wl.prepare(url, region)
        with wl.server(url, Path(folder), workers) as base:
            tok = httpx.post(
                base + "/api/v1/auth/token", data={"username": wl.EMAIL, "password": wl.PASSWORD}
            ).json()["access_token"]
            h = {"Authorization": f"Bearer {tok}"}
            plan = wl.endpoints(region, random.Random(1), 1)
            for _ in range(2 * workers):  # every worker builds its matcher before timing
                for _, p in plan:
                    httpx.get(base + p, headers=h, timeout=60).raise_for_status()
            conc = [6, 6, 6, 6, 6, 5, 5, 5, 5]
            procs = []
            for (name, path), c in zip(plan, conc, strict=False):
                g = f"{folder}/{name}.tsv"
                procs.append(
                    (
                        name,
                        g,
                        subprocess.Popen(
                            [
                                "ab",
                                "-q",
                                "-k",
                                "-c",
                                str(c),
                                "-t",
                                str(seconds),
                                "-n",
                                "1000000",
                                "-H",
                                f"Authorization: Bearer {tok}",
                                "-g",
                                g,
                                base + path,
                            ],
                            stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT,
                            text=True,
                        ),
                    )
                )
            all_t = []
            per = {}
            non2xx = {}
            for name, g, p in procs:
                out = p.communicate()[0]
                for line in out.splitlines():
                    if "Non-2xx" in line or "Failed requests" in line:
                        non2xx[name] = non2xx.get(name, "") + line.strip() + "; "
                rows = Path(g).read_text().splitlines()[1:]
                times = [int(row.split("\t")[4]) for row in rows]
                per[name] = times
                all_t += times

            def pct(v, q):
                v = sorted(v)
                return v[min(len(v) - 1, round(q / 100 * (len(v) - 1)))]

            res = {
                "clients": sum(conc),
                "workers": workers,
                "seconds": seconds,
                "requests": len(all_t),
                "requests_per_second": round(len(all_t) / seconds, 1),
                "overall_ms": {
                    "p50": pct(all_t, 50),
                    "p95": pct(all_t, 95),
                    "p99": pct(all_t, 99),
                    "max": max(all_t),
                },
                "per_endpoint_ms": {
                    n: {"n": len(t), "p50": pct(t, 50), "p95": pct(t, 95), "p99": pct(t, 99)}
                    for n, t in per.items()
                },
                "errors": non2xx,
                "loadavg": os.getloadavg(),
            }
            print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
