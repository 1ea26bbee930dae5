"""Benchmark: resolution across documents (newsgraph.resolve.resolve) on synthetic stores of growing size.

Usage: .venv/bin/python benchmarks/bench_resolve.py [--docs 10000 20000 50000 100000]

Each synthetic document names 8 people (drawn from a population that grows with the corpus, each
written in one of several romanisations, sometimes surname-only), 2 organisations and 3 countries.
Mentions are written straight into a new store (no spaCy), then ``resolve(store)`` is timed.
Prints documents, mention rows, distinct names, seconds and documents per second for each size.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsgraph.resolve import resolve  # noqa: E402
from newsgraph.resolve.local import name_key  # noqa: E402
from newsgraph.store import Store  # noqa: E402

GIVEN = [["Mohamed", "Muhammad", "Mohammed"], ["Abdel Fattah", "Abdul Fattah"], ["Khalifa", "Khalifah"],
         ["Ahmed", "Ahmad"], ["Youssef", "Yusuf", "Yousef"], ["Hussein", "Husayn"], ["Omar", "Umar"],
         ["Abdel Rahman", "Abdul Rahman", "Abd al-Rahman"], ["Mustafa", "Mostafa"], ["Ali"], ["Hassan", "Hasan"],
         ["Ibrahim"], ["Khaled", "Khalid"], ["Saleh", "Salih"], ["Tarek", "Tariq"], ["Osama", "Usama"]]
SYLLABLES = ["ha", "ja", "zi", "ma", "ri", "ta", "qa", "sa", "la", "na", "fa", "ka", "da", "wa", "ba", "ra", "mu"]
COUNTRIES = ["EGY", "LBY", "TUN", "DZA", "SDN", "TUR", "QAT", "ARE", "FRA", "ITA", "USA", "RUS"]
ORG_WORDS = ["Council", "Army", "Brigade", "Front", "Party", "Committee", "Movement", "Authority"]


def family(rng: random.Random) -> list[str]:
    """A family name and two romanisations of it (doubled letter, vowel change, article)."""
    base = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return [base, base.replace("a", "e", 1), "al-" + base]


def population(n_people: int, rng: random.Random) -> list[tuple[list[str], list[str]]]:
    return [(rng.choice(GIVEN), family(rng)) for _ in range(n_people)]


def mention_rows(docs: int, rng: random.Random) -> dict[str, list]:
    people = population(max(50, docs // 4), rng)
    orgs = [f"{''.join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()} {rng.choice(ORG_WORDS)}"
            for _ in range(max(20, docs // 20))]
    rows: dict[str, list] = {k: [] for k in ("doc", "start", "end", "text", "label", "sentence", "name", "local", "country")}
    for d in range(docs):
        doc, pos = f"d{d:07d}", 0
        for k in range(13):
            if k < 8:
                given, fam = people[int(rng.paretovariate(1.2)) % len(people)]
                name = f"{rng.choice(given)} {rng.choice(fam)}" if k % 3 else rng.choice(fam[:2])
                label, country, local = "PERSON", None, name_key(name)
            elif k < 10:
                name = rng.choice(orgs)
                label, country, local = "ORG", None, name_key(name)
            else:
                country = rng.choice(COUNTRIES)
                name, label, local = country, "GPE", f"country:{country}"
            for key, value in zip(rows, (doc, pos, pos + len(name), name, label, k, name, local, country)):
                rows[key].append(value)
            pos += len(name) + 40
    return rows


def build_store(path: str, docs: int, rng: random.Random) -> tuple[Store, int]:
    store = Store.open(path)
    rows = mention_rows(docs, rng)
    with store.transaction():
        store._insert_columns("documents", {"id": np.array([f"d{d:07d}" for d in range(docs)], dtype=object),
                                            "seq": np.arange(1, docs + 1, dtype=np.int64)})
        store._insert_columns("mentions", {k: np.array(v, dtype=np.int64 if k in ("start", "end", "sentence") else object)
                                           for k, v in rows.items()})
    return store, len(rows["doc"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[10_000, 20_000, 50_000, 100_000])
    args = ap.parse_args()
    print(f"{'documents':>10} {'mentions':>10} {'names':>8} {'entities':>9} {'seconds':>8} {'docs/s':>8}")
    for n in args.docs:
        with tempfile.TemporaryDirectory() as tmp:
            store, mentions = build_store(str(Path(tmp) / "bench.duckdb"), n, random.Random(n))
            names = store.con.execute("SELECT count(DISTINCT local) FROM mentions").fetchone()[0]
            started = time.perf_counter()
            result = resolve(store)
            seconds = time.perf_counter() - started
            store.close()
        print(f"{n:>10} {mentions:>10} {names:>8} {len(result.entities):>9} {seconds:>8.1f} {n / seconds:>8.0f}")


if __name__ == "__main__":
    main()
