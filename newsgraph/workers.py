"""Where documents are analysed: in the build's own process, in local worker processes, or on a Dask cluster.

Public entry point: :func:`executor` (``executor(settings, nlp, batches)``). Every executor takes a batch of
documents with ``submit`` and gives back a future whose ``result()`` is the batch's
:class:`~newsgraph.analysis.Analysed`; the build writes the results itself, in the order it submitted
them, so the store is the same whichever executor analysed them.

- ``Inline``: analyses at once in this process (one worker, or a corpus of one batch).
- ``Processes``: ``settings.workers`` processes on this machine, each loading the spaCy pipeline once.
- ``DaskCluster``: the workers of a ``dask.distributed`` scheduler (``settings.dask``: its address, or
  "local" for a LocalCluster of ``settings.workers`` processes). Each worker loads the pipeline once; a
  task lost with its worker is run again elsewhere (``retries``).

A worker that dies loses no document: its batch is analysed again (by another worker, else in this
process), and a document that kills every worker it meets is named as a Problem.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from newsgraph.analysis import Analysed, Analyser
from newsgraph.errors import InputError
from newsgraph.records import Document, Problem
from newsgraph.settings import Settings

__all__ = ["DaskCluster", "Inline", "Processes", "executor", "peak_memory_mb", "worker_count"]

_RETRIES = 2  # a batch whose worker died is run again this many times before it is analysed here


def worker_count(settings: Settings) -> int:
    """The processes to analyse with: ``settings.workers``, or one per core when it is 0."""
    if settings.workers < 0:
        raise InputError(f"--workers {settings.workers}: give a number of processes, 0 for one per core")
    return settings.workers or os.cpu_count() or 1


class Inline:
    """Analyses each batch in this process, at once."""

    name = "inline"

    def __init__(self, analyser_of):
        self._analyser_of = analyser_of  # loads the pipeline on first use
        self._analyser: Analyser | None = None

    def analyser(self) -> Analyser:
        if self._analyser is None:
            self._analyser = self._analyser_of()
        return self._analyser

    def submit(self, docs: Sequence[Document]) -> Future:
        done: Future = Future()
        try:
            done.set_result(self.analyser().analyse(list(docs)))
        except BaseException as e:  # out of memory, interrupts: raised where the result is read
            done.set_exception(e)
        return done

    def close(self) -> None:
        pass


# ---------------------------------------------------------------------- worker side (a separate process)
_WORKER: Analyser | None = None
_WORKER_KEY: tuple | None = None


def _start(model: str | None, settings: Settings, parent: int | None = None) -> None:
    """A worker process's start: load the pipeline once; with ``parent``, end when that process ends (a
    build killed with SIGKILL leaves no worker behind)."""
    from newsgraph.annotate import load_model

    global _WORKER, _WORKER_KEY
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent,), daemon=True, name="newsgraph-parent-watch").start()
    _WORKER, _WORKER_KEY = Analyser(load_model(model), settings), (model, settings)


def _end_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def analyse_batch(docs: list[Document], model: str | None, settings: Settings) -> Analysed:
    """Analyse a batch in a worker (the pipeline loaded on the worker's first batch, then kept)."""
    if _WORKER is None or (model, settings) != _WORKER_KEY:
        _start(model, settings)
    return _WORKER.analyse(docs)


class _Guarded:
    """A batch's future; when its worker died, the batch is run again, then each of its documents alone,
    and a document whose worker still dies is a Problem. ``lost`` are the errors a dead worker gives."""

    def __init__(self, submit, docs: list[Document], lost: tuple[type[BaseException], ...]):
        self.submit, self.docs, self.lost = submit, docs, lost
        self.inner = submit(docs)

    def result(self, timeout: float | None = None) -> Analysed:
        for _ in range(_RETRIES):
            try:
                return self.inner.result(timeout)
            except self.lost:
                self.inner = self.submit(self.docs)
        try:
            return self.inner.result(timeout)
        except self.lost:
            return self._one_by_one(timeout)

    def _one_by_one(self, timeout: float | None) -> Analysed:
        results: dict = {}
        seconds: dict[str, float] = {}
        for doc in self.docs:
            try:
                found = self.submit([doc]).result(timeout)
            except self.lost:
                results[doc.id] = failed_worker(doc)
                continue
            results.update(found.results)
            for step, s in found.seconds.items():
                seconds[step] = seconds.get(step, 0.0) + s
        return Analysed(results, seconds)


class Processes:
    """``n`` worker processes on this machine (started fresh, not forked from the build)."""

    name = "processes"

    def __init__(self, n: int, settings: Settings):
        self.n, self.settings = n, settings
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.n, mp_context=get_context("spawn"), initializer=_start,
                                   initargs=(self.settings.model, self.settings, os.getpid()))

    def _submit(self, docs: list[Document]) -> Future:
        """Submit to the pool; a pool broken by a dead worker is replaced first."""
        try:
            return self.pool.submit(analyse_batch, docs, self.settings.model, self.settings)
        except BrokenProcessPool:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()
            return self.pool.submit(analyse_batch, docs, self.settings.model, self.settings)

    def submit(self, docs: Sequence[Document]) -> _Guarded:
        return _Guarded(self._submit, list(docs), (BrokenProcessPool,))

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """The workers of a Dask scheduler (``address``), or of a LocalCluster of ``n`` processes ("local")."""

    name = "dask"

    def __init__(self, address: str, n: int, settings: Settings):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--dask needs dask.distributed", "pip install 'newsgraph[dask]'") from None
        self.settings, self.cluster = settings, None
        try:
            if address == "local":
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=40)
                self.client = Client(self.cluster)
            else:
                self.client = Client(address, timeout="5s")
            # each worker loads the pipeline now, while the build reads its first files
            self.warming = [self.client.submit(analyse_batch, [], settings.model, settings, workers=[address],
                                               pure=False) for address in self.client.scheduler_info()["workers"]]
        except (OSError, TimeoutError) as e:
            if self.cluster is not None:
                self.cluster.close()
            raise InputError(f"cannot reach the Dask scheduler at {address}: {str(e).splitlines()[0]}",
                             "start one with `dask scheduler` and workers with `dask worker ADDRESS`") from None

    def _submit(self, docs: list[Document]):
        return self.client.submit(analyse_batch, docs, self.settings.model, self.settings, pure=False)

    def submit(self, docs: Sequence[Document]) -> _Guarded:
        from distributed import KilledWorker

        return _Guarded(self._submit, list(docs), (KilledWorker,))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def executor(settings: Settings, analyser_of, batches_expected: int):
    """Where this build analyses its batches: one batch or one worker, here; else worker processes, or the
    Dask cluster ``settings.dask`` names."""
    n = worker_count(settings)
    if settings.dask:
        return DaskCluster(settings.dask, n, settings)
    if n == 1 or batches_expected <= 1:
        return Inline(analyser_of)
    return Processes(n, settings)


def peak_memory_mb() -> float:
    """The peak resident memory of this process or of the largest of its finished worker processes, in MB."""
    import resource

    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def failed_worker(doc: Document) -> Problem:
    return Problem(doc.source, "not stored: the worker analysing it died each time it was tried")
