"""Reading the package's tab-separated data tables (lexicons, gazetteers, title lists)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def read_rows(path: Path, columns: int) -> Iterator[list[str]]:
    """Rows of a tab-separated data file: '#' lines are comments, '-' cells and missing cells are ''."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = ["" if c.strip() == "-" else c.strip() for c in line.rstrip("\n").split("\t")]
            yield (cells + [""] * columns)[:columns]
