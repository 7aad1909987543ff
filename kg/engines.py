"""Ways to run the per-document extraction: in this process, in a process pool, or on
a Dask cluster. :func:`extract_batch` is a pure function of documents and settings, so
every engine returns the same records in the same order."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Iterable, Iterator

from threadpoolctl import threadpool_limits

from kg.ingest import Document
from kg.nlp.components import clear_caches
from kg.nlp.extract import Extraction, extract_documents, load_pipeline

CHUNK = 32  # documents per task sent to a worker


@dataclass(frozen=True)
class ExtractSettings:
    patterns: bool = True
    model: str | None = None
    batch_size: int = 64


@lru_cache(maxsize=2)
def _pipeline(settings: ExtractSettings):
    return load_pipeline(patterns=settings.patterns, model=settings.model)


def extract_batch(docs: list[Document], settings: ExtractSettings) -> list[Extraction]:
    """Extractions of a few documents; loads the pipeline once per process. On one BLAS
    thread, as in :func:`run_serial`: each worker has its core."""
    with threadpool_limits(1, user_api="blas"):
        return list(extract_documents(docs, _pipeline(settings), batch_size=settings.batch_size))


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


def run_serial(
    docs: Iterable[Document], settings: ExtractSettings, nlp=None, n_process: int = 1
) -> Iterator[Extraction]:
    """In this process; ``n_process`` > 1 uses spaCy's own multiprocessing in nlp.pipe.

    The model's matrix products keep to one BLAS thread: on kg's paragraph-sized inputs
    a second thread bought no time and cost half as much CPU again (bench/RESULTS.md), and
    ``--jobs`` is how a build uses more cores. A pipeline loaded here is let go, with its
    word caches, once the stream ends, so the later stages of a build do not hold it."""
    owned = nlp is None
    if owned:
        nlp = load_pipeline(patterns=settings.patterns, model=settings.model)
    with threadpool_limits(1, user_api="blas"):
        yield from extract_documents(docs, nlp, batch_size=settings.batch_size, n_process=n_process)
    if owned:
        del nlp
        clear_caches()
        gc.collect()  # spaCy's objects hold reference cycles, and the later stages pause the collector


def run_pool(docs: Iterable[Document], settings: ExtractSettings, jobs: int) -> Iterator[Extraction]:
    """A pool of ``jobs`` processes, each with its own pipeline; results in input order."""
    import multiprocessing as mp
    from functools import partial

    ctx = mp.get_context("spawn")  # fork would copy a loaded model and its threads
    with ctx.Pool(jobs) as pool:
        for batch in pool.imap(partial(extract_batch, settings=settings), _chunks(docs, CHUNK)):
            yield from batch


def run_dask(docs: Iterable[Document], settings: ExtractSettings, address: str) -> Iterator[Extraction]:
    """On a Dask cluster (``address`` of a scheduler, or "local" for a LocalCluster on
    this machine); the client keeps a bounded number of tasks in flight."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:  # optional dependency
        raise ImportError("kg build --dask needs dask.distributed: pip install 'kg[dask]'") from err

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True) if address == "local" else None
    client = Client(cluster or address)
    try:
        in_flight = []
        limit = 4 * max(1, len(client.scheduler_info().get("workers", {})))
        for chunk in _chunks(docs, CHUNK):
            in_flight.append(client.submit(extract_batch, chunk, settings, pure=False))
            if len(in_flight) >= limit:
                yield from in_flight.pop(0).result()
        for future in in_flight:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
