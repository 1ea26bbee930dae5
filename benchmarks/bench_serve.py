"""Benchmark: `newsgraph serve` latency (p50, p95) of the search, actor and event pages, and a bounded
concurrent load on the pages and the API, against 127.0.0.1 only.

Usage:
    .venv/bin/python benchmarks/bench_serve.py --db STORE.duckdb            # an existing store
    .venv/bin/python benchmarks/bench_serve.py --docs 10000 --keep /tmp/s   # build N synthetic articles first
                                                                            # (bench_build's mix; slow: ~10 docs/s)
Starts `newsgraph serve` in its own process on a free loopback port, picks its targets from the store with a
fixed seed (actors: the most mentioned and a random sample; events: a random sample; searches: aliases,
surnames and misspelt surnames), warms up, times each page type one request at a time, then runs
--concurrency clients for --load requests over pages and API and counts errors. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
HOST = "127.0.0.1"  # loopback only, by design


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def build_store(docs: int, where: Path) -> Path:
    from bench_build import synthetic_corpus

    corpus = where / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    synthetic_corpus(corpus, docs)
    db = where / "store.duckdb"
    subprocess.run([sys.executable, "-m", "newsgraph", "build", str(corpus), "--db", str(db), "--quiet"], check=True)
    return db


def targets(db: Path, rng: random.Random, n: int) -> dict[str, list[str]]:
    import newsgraph

    g = newsgraph.open(str(db))
    ents = g.sql("""SELECT e.id, e.name, e.aliases, count(*) AS n FROM entities e JOIN mentions m ON m.entity = e.id
                    GROUP BY ALL ORDER BY n DESC, e.id""").to_dict("records")
    events = list(g.sql("SELECT id FROM events ORDER BY id").id)
    actors = [e["id"] for e in ents[: n // 2]] + [e["id"] for e in rng.sample(ents, min(len(ents), n - n // 2))]
    queries = []
    for e in rng.sample(ents[:200], min(n, len(ents[:200]))):
        name = max(list(e["aliases"]) + [e["name"]], key=len)
        surname = name.split()[-1]
        queries += [name, surname.lower(), surname[:-2] + surname[-1] + surname[-2] if len(surname) > 3 else surname]
    return {"search": [f"/search?q={httpx.QueryParams({'q': q})['q']}" for q in queries[:n]],
            "actor": [f"/actor/{a}" for a in actors],
            "event": [f"/event/{e}" for e in rng.sample(events, min(n, len(events)))],
            "api": [f"/api/events?actor={a}&limit=20" for a in actors[:20]] + ["/api/entities?limit=50", "/api/stories"]}


def timed(client: httpx.Client, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    r = client.get(path)
    return (time.perf_counter() - started) * 1000, r.status_code


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an existing store (else --docs synthetic articles are built)")
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--keep", help="directory for the synthetic corpus and store (default: a temporary one)")
    ap.add_argument("--samples", type=int, default=100, help="targets per page type")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--load", type=int, default=800, help="requests in the concurrent phase")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(a.db) if a.db else build_store(a.docs, Path(a.keep or tmp))
        pick = targets(db, rng, a.samples)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--host", HOST,
                                   "--port", str(port)], stdout=subprocess.DEVNULL)
        try:
            run(f"http://{HOST}:{port}", db, pick, a, rng)
        finally:
            server.terminate()
            server.wait(20)


def run(base: str, db: Path, pick: dict[str, list[str]], a, rng: random.Random) -> None:
    client = httpx.Client(base_url=base, timeout=60)
    deadline = time.monotonic() + 60
    while True:
        try:
            client.get("/api/stories")
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start in 60 s") from None
            time.sleep(0.2)
    for path in pick["search"][:5] + pick["actor"][:5] + pick["event"][:5]:  # warm the entity index and caches
        client.get(path)
    stats = client.get("/api/documents", params={"limit": 1}).json()["total"]
    print(f"store {db}: {stats} documents; {HOST} only\n")
    print("| page | requests | p50 ms | p95 ms | max ms | errors |")
    print("|---|---|---|---|---|---|")
    for kind in ("search", "actor", "event"):
        results = [timed(client, p) for p in pick[kind]]
        ms = [t for t, _ in results]
        errors = sum(code != 200 for _, code in results)
        print(f"| {kind} | {len(ms)} | {statistics.median(ms):.1f} | {pct(ms, 95):.1f} | {max(ms):.1f} | {errors} |")
    mixed = [p for k in ("search", "actor", "event", "api") for p in pick[k]]
    plan = [rng.choice(mixed) for _ in range(a.load)]
    clients = [httpx.Client(base_url=base, timeout=60) for _ in range(a.concurrency)]
    started = time.perf_counter()
    with ThreadPoolExecutor(a.concurrency) as pool:
        results = list(pool.map(lambda k: timed(clients[k % a.concurrency], plan[k]), range(len(plan))))
    wall = time.perf_counter() - started
    ms = [t for t, _ in results]
    errors = sum(code != 200 for _, code in results)
    print(f"| mixed, {a.concurrency} concurrent clients | {len(ms)} | {statistics.median(ms):.1f} | {pct(ms, 95):.1f} "
          f"| {max(ms):.1f} | {errors} |")
    print(f"\nconcurrent phase: {len(ms) / wall:.1f} requests/s over {wall:.1f} s, {errors} errors")


if __name__ == "__main__":
    main()
