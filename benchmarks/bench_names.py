"""Scaling check for ``cluster_names``: names per second at 10k, 20k and 40k synthetic names.

The names are random combinations of tokens: a given name from a fixed pool of common names,
an optional father's name, and a family name from a pool that grows with the list (as a real
corpus grows), written in varied romanisations (al-/El-/glued article, doubled letters, vowel
changes, "ou" for "u"). If blocking works, names/s stays roughly flat as the list doubles.

The cost follows the number of candidate pairs per name, printed too. It rises from 10k to 20k
names and is flat from 20k on: the random consonant-vowel family names have few distinct
consonant skeletons, so blocks of similar family names fill up as the list grows, until they
reach the block cap (names.BLOCK_CAP), after which the cost is linear.

    python benchmarks/bench_names.py [--sizes 10000 20000 40000] [--seed 7]
"""
from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

from newsgraph.resolve.names import _candidate_pairs, _Run, cluster_names

GIVEN = (
    "Muhammad Ahmad Ali Hasan Husayn Umar Khalid Yusuf Ibrahim Mahmud Mustafa Abdallah Said Salih "
    "Sulayman Hamid Jamal Karim Nasir Tariq Walid Yasin Zayd Faisal Adil Ayman Bilal Fuad Hisham "
    "Ismail Jafar Kamal Mansur Nabil Qasim Rashid Samir Talal Usama Abd-al-Rahman Abd-al-Aziz "
    "Abu-Bakr Hamza Idris Anwar Bashir Munir Riyad Ziyad"
).split()
CONSONANTS = "bdfhjklmnqrstwyz"
VOWELS = "aiu"


@dataclass(frozen=True)
class Sizes:
    counts: tuple[int, ...]
    seed: int


def _family_name(rng: random.Random) -> str:
    syllables = rng.randint(2, 3)
    word = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables))
    return word + rng.choice(("", "i", "n", "r", "ri"))


def _variant(token: str, rng: random.Random) -> str:
    """One romanisation variant: vowel change, doubled letter or ou for u."""
    roll = rng.random()
    if roll < 0.2:
        return token.replace("u", "ou", 1)
    if roll < 0.35:
        return token.replace("i", "ee", 1)
    if roll < 0.5 and len(token) > 3:
        k = rng.randrange(1, len(token) - 1)
        return token[:k] + token[k] + token[k:]
    if roll < 0.6:
        return token.replace("a", "e", 1)
    return token


def _article(family: str, rng: random.Random) -> str:
    return rng.choice(("", "al-", "Al ", "El-", "al")) + family.capitalize()


def synthetic_names(count: int, rng: random.Random) -> list[str]:
    """``count`` names; about one family name per five names, each written several ways."""
    families = [_family_name(rng) for _ in range(max(1, count // 5))]
    names = []
    for _ in range(count):
        parts = [_variant(rng.choice(GIVEN), rng)]
        if rng.random() < 0.4:
            parts.append(_variant(rng.choice(GIVEN), rng))
        parts.append(_article(_variant(rng.choice(families), rng), rng))
        names.append(" ".join(parts))
    return names


def candidate_pairs(names: list[str]) -> int:
    """The number of pairs blocking lets through (what the cost grows with)."""
    return len(_candidate_pairs(_Run(names, None)))


def run(sizes: Sizes) -> list[tuple[int, float, float]]:
    rows = []
    for count in sizes.counts:
        names = synthetic_names(count, random.Random(sizes.seed + count))
        started = time.perf_counter()
        cpu = time.process_time()
        cluster_names(names)
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        rows.append((count, wall, used))
        pairs = candidate_pairs(names)
        print(f"{count:>7} names  {wall:7.1f} s wall  {used:7.1f} s cpu  {count / used:8.0f} names/s (cpu)"
              f"  {pairs / count:5.1f} candidate pairs per name", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = run(Sizes(tuple(args.sizes), args.seed))
    if len(rows) > 1:
        (n0, _, c0), (n1, _, c1) = rows[0], rows[-1]
        print(f"cost ratio {c1 / c0:.2f} for size ratio {n1 / n0:.2f} (linear: equal ratios)")


if __name__ == "__main__":
    main()
