"""Bounded load test of `storyline serve` on loopback against a 10,000-article store.

    python benchmarks/serve_load.py [--data ../shared/data] [--articles 10000] [--requests 2000]
                                    [--concurrency 4] [--max-seconds 60]
                                    [--store bench-out/incremental/story.db]

Uses the store benchmarks/incremental_add.py leaves in bench-out/ when it holds enough articles,
otherwise builds one. Starts the server as a subprocess on 127.0.0.1, then for each query kind sends
at most --requests requests (and for at most --max-seconds) from --concurrency client threads with
keep-alive connections, and prints requests per second and p50/p99 latency. Only loopback is used.
Client and server share the machine's cores.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from socket import socket

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))


def ensure_store(path: Path, data: Path, articles: int) -> None:
    if path.exists():
        from storyline.store.db import connect

        conn = connect(path, readonly=True)
        held = conn.execute(
            "SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM failures)"
        ).fetchone()[0]
        conn.close()
        if held >= articles:
            return
    from incremental_add import build_store, records

    from storyline.config import Config

    path.parent.mkdir(parents=True, exist_ok=True)
    seconds = build_store(path, records(data, articles), Config.load())
    print(f"built a store of {articles} articles in {seconds:.0f} s")


def free_port() -> int:
    with socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(port: int, path: str) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    body = conn.getresponse().read()
    conn.close()
    return json.loads(body)


def run_load(port: int, paths: list[str], requests: int, concurrency: int, max_seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + max_seconds

    def worker(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if next(counter, None) is None:
                    break
            start = time.perf_counter()
            try:
                conn.request("GET", rng.choice(paths))
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                errors += not ok
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
    }


def query_paths(port: int, rng: random.Random) -> dict[str, list[str]]:
    facets = get_json(port, "/api/facets")
    types = [f["value"] for f in facets["types"]][:20] or [None]
    outlets = [f["value"] for f in facets["outlets"]][:40] or [None]
    entities = [e["id"] for e in get_json(port, "/api/entities?limit=200")["items"]] or [None]
    titles = " ".join(d["title"] or "" for d in get_json(port, "/api/documents?limit=500")["items"])
    words = [w for w in set(re.findall(r"[A-Za-z]{5,}", titles))] or ["report"]
    extent = facets["date_extent"]
    years = range(int((extent["start"] or "2000")[:4]), int((extent["end"] or "2020")[:4]) + 1)

    def timeline() -> str:
        params: dict = {"limit": 200}
        kind = rng.randrange(5)
        if kind == 1:
            y, m = rng.choice(years), rng.randint(1, 12)
            params.update({"from": f"{y}-{m:02d}", "to": f"{y}-{min(m + 2, 12):02d}"})
        elif kind == 2 and types[0]:
            params["type"] = rng.choice(types)
        elif kind == 3 and outlets[0]:
            params["outlet"] = rng.choice(outlets)
        elif kind == 4 and entities[0]:
            params["entity"] = rng.choice(entities)
        return "/api/timeline?" + urllib.parse.urlencode(params)

    def search() -> str:
        q = " ".join(rng.sample(words, 1 if rng.random() < 0.7 else min(2, len(words))))
        return "/api/search?" + urllib.parse.urlencode({"q": q, "limit": 20})

    return {"timeline": [timeline() for _ in range(500)], "search": [search() for _ in range(500)]}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--store", default=str(REPO / "bench-out" / "incremental" / "story.db"))
    parser.add_argument("--requests", type=int, default=2000, help="per query kind (bound)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=60.0, help="per query kind (bound)")
    args = parser.parse_args()
    store = Path(args.store)
    ensure_store(store, Path(args.data), args.articles)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "storyline.serve.cli", str(store), "--port", str(port)],
        cwd=REPO,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                info = get_json(port, "/api/info")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("server did not start")
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"client and server on the same machine, loopback"
        )
        print(f"store: {info['documents']} documents, {info['entities']} entities, {info['events']} events")
        paths = query_paths(port, random.Random(11))
        for kind, kind_paths in paths.items():
            run_load(port, kind_paths[:50], 100, args.concurrency, 10)  # warm-up
            r = run_load(port, kind_paths, args.requests, args.concurrency, args.max_seconds)
            print(
                f"{kind:9s} {r['requests']:5d} requests, {r['errors']} errors, {r['rps']:7.1f} req/s, "
                f"p50 {r['p50_ms']:6.1f} ms, p99 {r['p99_ms']:6.1f} ms (concurrency {args.concurrency})"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
