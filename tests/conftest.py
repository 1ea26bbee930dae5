"""Shared fixtures: paths to the project's example corpus and to ../shared (skipped when absent)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# The same examples on every run, so that CI is repeatable; `--hypothesis-profile=explore` searches anew.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): seed and dev-set tests need it beside the project")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.annotate import load_model

    return load_model()


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the real `newsgraph` entry point in a fresh interpreter."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, input=stdin, env=env, timeout=600)


@pytest.fixture(scope="session")
def example_db(tmp_path_factory) -> Path:
    """The bundled example corpus built once for the session (tests only read it)."""
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    built = run_cli("build", str(EXAMPLES), "--db", str(db), "--quiet")
    assert built.returncode == 0, built.stderr
    return db


@pytest.fixture(scope="module")
def graph(example_db):
    """The example store through the library, held open for the module's many reads."""
    import newsgraph

    g = newsgraph.open(str(example_db))
    with g.held():
        yield g


@pytest.fixture(scope="module")
def top_person(graph):
    """The most mentioned person of the example corpus (chosen from the store, not by name)."""
    people = graph.entities()
    return people[people.type == "PERSON"].iloc[0]
