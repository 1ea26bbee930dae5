"""Table files written through DuckDB (the store package alone speaks SQL): a DataFrame as Parquet."""
from __future__ import annotations

import os

import duckdb
import pandas as pd

__all__ = ["write_parquet"]


def write_parquet(frame: pd.DataFrame, path: str) -> None:
    """Write ``frame`` to ``path`` as Parquet (list columns stay lists), atomically (a .part file, then renamed)."""
    con = duckdb.connect()
    try:
        con.register("frame", frame)
        columns = ", ".join(f'"{c}"' if len(frame) else f'CAST("{c}" AS VARCHAR) AS "{c}"' for c in frame.columns)
        con.execute(f"COPY (SELECT {columns} FROM frame) TO '{(path + '.part').replace(chr(39), chr(39) * 2)}' "
                    "(FORMAT parquet)")
    finally:
        con.close()
    os.replace(path + ".part", path)
