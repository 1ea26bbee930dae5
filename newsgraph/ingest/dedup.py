"""Document identity and near-duplicate detection.

The document id is a hash of the cleaned, normalised text, so the same article read twice (or from
two files) is one document. Wire copies that differ by a headline or a closing line are near
duplicates: MinHash over word 5-shingles estimates their Jaccard similarity, and locality-sensitive
hashing in bands finds candidates in time proportional to the new documents, not the store. The band
hashes are kept in the store, so the check works across runs and incremental adds.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, replace

import numpy as np

from newsgraph.records import Document
from newsgraph.settings import Settings

_WORD = re.compile(r"\w+", re.UNICODE)
_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)


def document_id(text: str) -> str:
    """Stable id from the text with case and whitespace folded: 16 hex digits of SHA-256."""
    canonical = " ".join(text.lower().split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Signature:
    """MinHash values of a text and the LSH band keys derived from them."""

    values: tuple[int, ...]
    bands: tuple[int, ...]

    def similarity(self, other: Signature) -> float:
        same = sum(1 for a, b in zip(self.values, other.values) if a == b)
        return same / len(self.values) if self.values else 0.0


@dataclass(frozen=True)
class MinHasher:
    """A seeded family of hash permutations; the same settings always give the same signatures."""

    permutations: int
    bands: int
    shingle_words: int
    min_words: int

    @classmethod
    def from_settings(cls, settings: Settings) -> MinHasher:
        return cls(settings.minhash_permutations, settings.minhash_bands, settings.shingle_words,
                   settings.min_duplicate_words)

    def signature(self, text: str) -> Signature | None:
        """None for texts too short to compare reliably."""
        words = [w.lower() for w in _WORD.findall(text)]
        if len(words) < self.min_words:
            return None
        k = self.shingle_words
        shingles = {zlib.crc32(" ".join(words[i:i + k]).encode()) for i in range(len(words) - k + 1)}
        x = np.fromiter(shingles, dtype=np.uint64)
        a, b = self._coefficients()
        hashed = (np.outer(a, x) + b[:, None]) % _PRIME & _MASK32
        values = tuple(int(v) for v in hashed.min(axis=1))
        return Signature(values, self.band_keys(values))

    def _coefficients(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(20140516)
        a = rng.integers(1, 1 << 31, size=self.permutations, dtype=np.uint64)
        b = rng.integers(0, 1 << 31, size=self.permutations, dtype=np.uint64)
        return a, b

    def band_keys(self, values: tuple[int, ...]) -> tuple[int, ...]:
        rows = self.permutations // self.bands
        keys = []
        for band in range(self.bands):
            chunk = ",".join(map(str, values[band * rows:(band + 1) * rows]))
            digest = hashlib.blake2b(f"{band}:{chunk}".encode(), digest_size=8).digest()
            keys.append(int.from_bytes(digest, "big", signed=True))
        return tuple(keys)


class DuplicateFinder:
    """Marks near duplicates among the documents it sees and those it is told to ``remember``.

    Signatures of new originals wait in ``pending`` until the caller stores them (``drain``).
    """

    def __init__(self, settings: Settings):
        self.hasher = MinHasher.from_settings(settings)
        self.threshold = settings.near_duplicate_threshold
        self.seen: dict[str, tuple[int, ...]] = {}
        self.by_band: dict[int, list[str]] = {}
        self.pending: list[tuple[str, Signature]] = []

    def remember(self, doc_id: str, values: tuple[int, ...]) -> None:
        """Know a stored document's signature, so that copies of it are found."""
        self._index(doc_id, Signature(values, self.hasher.band_keys(values)))

    def mark(self, doc: Document, signature: Signature | None = None) -> Document:
        """The document, with ``duplicate_of`` set when it copies one seen before."""
        if doc.id in self.seen:
            return replace(doc, duplicate_of=doc.id)
        signature = signature or self.hasher.signature(doc.text)
        if signature is None:
            return doc
        original = self._original(signature)
        if original:
            return replace(doc, duplicate_of=original)
        self._index(doc.id, signature)
        self.pending.append((doc.id, signature))
        return doc

    def drain(self) -> list[tuple[str, Signature]]:
        pending, self.pending = self.pending, []
        return pending

    def _index(self, doc_id: str, signature: Signature) -> None:
        self.seen[doc_id] = signature.values
        for band in signature.bands:
            self.by_band.setdefault(band, []).append(doc_id)

    def _original(self, signature: Signature) -> str | None:
        candidates = {d for band in signature.bands for d in self.by_band.get(band, ())}
        scored = [(signature.similarity(Signature(self.seen[d], ())), d) for d in sorted(candidates)]
        best = max(scored, default=None)
        return best[1] if best and best[0] >= self.threshold else None
