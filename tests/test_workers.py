"""Parallel builds (issue 16): worker processes and a Dask LocalCluster give the store one process gives;
a worker that dies loses no document; bad --workers / --dask are one-line errors."""
from __future__ import annotations

import json
import os
import signal
from concurrent.futures import Future
from pathlib import Path
from concurrent.futures.process import BrokenProcessPool

import pytest

import newsgraph
from newsgraph.analysis import Analysed
from newsgraph.records import Document, Problem, Time
from newsgraph.settings import Settings
from newsgraph.workers import Processes, _Guarded

from conftest import EXAMPLES, run_cli

pytestmark = pytest.mark.slow


def _export(db: str) -> dict:
    out = db + ".json"
    newsgraph.open(db).export("json", out)
    data = json.loads(Path(out).read_text(encoding="utf-8"))
    data.pop("unfinished")
    return data


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory) -> dict:
    """The example corpus built in batches of 4 by this process alone."""
    db = str(tmp_path_factory.mktemp("one") / "s.duckdb")
    report = newsgraph.build([str(EXAMPLES)], settings=Settings(db=db, batch_size=4, workers=1))
    assert report.annotated > 8  # several batches
    return _export(db)


def test_two_worker_processes_build_the_store_one_process_builds(one_worker, tmp_path):
    db = str(tmp_path / "s.duckdb")
    heard = []
    newsgraph.build([str(EXAMPLES)], settings=Settings(db=db, batch_size=4, workers=2),
                    on_progress=lambda *a: heard.append(a))
    assert _export(db) == one_worker
    assert heard[0][0] == "reading files" and heard[-1] == ("relate", 1, 1)


def test_a_dask_local_cluster_of_two_workers_builds_the_same_store(one_worker, tmp_path):
    db = str(tmp_path / "s.duckdb")
    newsgraph.build([str(EXAMPLES)], settings=Settings(db=db, batch_size=4, workers=2, dask="local"))
    assert _export(db) == one_worker


def _doc(k: int, text: str) -> Document:
    return Document(id=f"d{k}", source=f"f{k}.txt", text=text, published=Time("2021-05-03", "2021-05-03", "2021-05-03"))


def test_a_worker_killed_mid_batch_loses_no_document(tmp_path):
    """Both workers are killed while the batch is out: the pool breaks, the batch is run again on a new pool,
    and every document comes back analysed."""
    docs = [_doc(k, f"Ostland's army shelled Karst on Monday, the Velm Front said in statement {k}.")
            for k in range(6)]
    pool = Processes(2, Settings(db=str(tmp_path / "s.duckdb")))
    try:
        pending = pool.submit(docs)
        for pid in list(pool.pool._processes):
            os.kill(pid, signal.SIGKILL)
        analysed = pending.result(timeout=300)
    finally:
        pool.close()
    assert sorted(analysed.results) == [d.id for d in docs]
    assert not any(isinstance(r, Problem) for r in analysed.results.values())
    assert all(r.annotation.mentions for r in analysed.results.values())


def test_a_document_that_kills_every_worker_is_named_and_the_rest_are_kept():
    """The guard's logic, with a stand-in for the pool: a batch is tried three times, then document by
    document; the one whose worker always dies is a Problem naming it."""
    tries = []

    def submit(docs):
        tries.append([d.id for d in docs])
        done = Future()
        if any("deadly" in d.text for d in docs):
            done.set_exception(BrokenProcessPool("a worker died"))
        else:
            done.set_result(Analysed({d.id: "analysis" for d in docs}, {"annotate": 1.0}))
        return done

    docs = [_doc(0, "fine"), _doc(1, "deadly"), _doc(2, "fine too")]
    analysed = _Guarded(submit, docs, (BrokenProcessPool,)).result()
    assert tries == [["d0", "d1", "d2"]] * 3 + [["d0"], ["d1"], ["d2"]]
    assert analysed.results["d0"] == analysed.results["d2"] == "analysis"
    problem = analysed.results["d1"]
    assert isinstance(problem, Problem) and problem.source == "f1.txt" and "worker" in problem.reason
    assert analysed.seconds == {"annotate": 2.0}


def test_bad_workers_and_an_unreachable_scheduler_are_one_line_errors(tmp_path):
    bad = run_cli("build", str(EXAMPLES), "--db", str(tmp_path / "a.duckdb"), "--workers", "-1")
    assert bad.returncode == 1 and "--workers" in bad.stderr and "Traceback" not in bad.stderr
    far = run_cli("build", str(EXAMPLES), "--db", str(tmp_path / "b.duckdb"), "--dask", "tcp://127.0.0.1:9")
    assert far.returncode == 1 and "cannot reach the Dask scheduler" in far.stderr, far.stderr
    assert "Traceback" not in far.stderr and len(far.stderr.strip().splitlines()) == 1


def test_a_build_killed_with_sigkill_leaves_no_worker_behind(tmp_path):
    import subprocess
    import sys
    import time

    from conftest import ROOT

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(12):
        (corpus / f"a{k}.txt").write_text(f"Report {k}\n\nOstland's army shelled Karst on Monday, the Velm Front "
                                          f"said in statement {k}. Talks in Zarovia were called off.\n")
    build = subprocess.Popen([sys.executable, "-m", "newsgraph", "build", str(corpus), "--db", str(tmp_path / "s.duckdb"),
                              "--batch-size", "2", "--workers", "2", "-q"], cwd=ROOT)

    def workers() -> list[int]:
        listed = subprocess.run(["ps", "-o", "pid=", "--ppid", str(build.pid)], capture_output=True, text=True)
        return [int(p) for p in listed.stdout.split()]

    deadline = time.monotonic() + 120
    while len(workers()) < 2 and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.2)
    children = workers()
    assert len(children) >= 2, "the build started no workers"
    build.kill()
    build.wait()
    deadline = time.monotonic() + 30
    def running(pid: int) -> bool:
        status = Path(f"/proc/{pid}/status")
        try:
            return "zombie" not in status.read_text().lower()
        except OSError:  # gone
            return False

    while any(map(running, children)) and time.monotonic() < deadline:
        time.sleep(0.5)
    alive = [p for p in children if running(p)]
    assert not alive, f"workers {alive} outlived the build"


def test_extract_reads_many_files_in_parallel_with_the_same_records_in_the_same_order(tmp_path):
    for k in range(30):
        (tmp_path / f"p{k:02d}.txt").write_text(f"Report {k}\n\nKARST, 3 May 2021 — The Velm Front said on Monday that "
                                                f"talks in Zarovia would resume, in statement number {k}.\n")
    (tmp_path / "p05-copy.txt").write_text((tmp_path / "p05.txt").read_text())  # an exact copy: marked
    (tmp_path / "empty.txt").write_text("")  # a Problem, in its place
    from newsgraph.api import extract

    alone = list(extract([str(tmp_path)], workers=1))
    together = list(extract([str(tmp_path)], workers=2))
    assert together == alone and len(alone) == 32
    assert any(isinstance(x, Problem) for x in alone)
