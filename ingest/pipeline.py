"""Embed films and upsert them into Chroma, re-embedding only what is new or changed.

Restartable by construction: each batch is upserted with its content hash as soon as it is
embedded, so a killed run loses at most the batch in flight, and the next run skips everything
already stored with a matching hash.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ingest.catalogue import RejectedRow
from ingest.movie import HASH_KEY, Movie
from ingest.store import stored_hashes
from ingest.vectors import PrecomputedVectors, unit_rows

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

EncodeFn = Callable[[list[str]], Any]  # texts -> 2-D array of embeddings
# Films per upsert: large enough to amortise Chroma's per-call cost, small enough to lose little
# on a kill.
CHUNK = 512
# Films per upsert of precomputed vectors: no model to wait for, so fewer, larger writes.
STORED_CHUNK = 2_048


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    from_vectors: int = 0  # added or updated films whose vectors came precomputed, not embedded
    rejected: list[RejectedRow] = field(default_factory=list)
    total: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "from_vectors": self.from_vectors,
            "rejected": len(self.rejected),
            "total": self.total,
            "seconds": round(self.seconds, 3),
        }


def plan_changes(
    movies: Sequence[Movie], stored: dict[str, str], model_name: str
) -> tuple[list[tuple[Movie, str]], list[tuple[Movie, str]], int]:
    """Split films into (new, changed, unchanged count) by comparing content hashes."""
    new: list[tuple[Movie, str]] = []
    changed: list[tuple[Movie, str]] = []
    unchanged = 0
    for movie in movies:
        digest = movie.content_hash(model_name)
        previous = stored.get(movie.id)
        if previous is None:
            new.append((movie, digest))
        elif previous != digest:
            changed.append((movie, digest))
        else:
            unchanged += 1
    return new, changed, unchanged


def upsert_movies(
    collection: Collection,
    movies: Sequence[tuple[Movie, str]],
    encode: EncodeFn,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK,
    precomputed: PrecomputedVectors | None = None,
) -> int:
    """Upsert (movie, content hash) pairs in chunks, embedding only films without a usable
    precomputed vector; returns how many were embedded. Writes run in one worker thread while the
    next chunk is embedded, so Chroma's write time hides behind the model's."""
    documents = {movie.id: movie.document() for movie, _ in movies}  # built once: it is not free
    ready: list[tuple[Movie, str]] = []
    ready_vectors: list[np.ndarray] = []
    to_embed: list[tuple[Movie, str]] = []
    for pair in movies:
        vector = precomputed.vector_for(pair[0].id, documents[pair[0].id]) if precomputed else None
        if vector is None:
            to_embed.append(pair)
        else:
            ready.append(pair)
            ready_vectors.append(vector)
    # Longest documents first and in length order, so each encode batch pads little.
    to_embed.sort(key=lambda pair: len(documents[pair[0].id]), reverse=True)
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending: list[Future[None]] = []

        def write(chunk: Sequence[tuple[Movie, str]], embeddings: Any) -> None:
            # One write queued at most: surface a write error before queueing more, and keep
            # memory flat however large the catalogue.
            while pending:
                pending.pop(0).result()
            texts = [documents[movie.id] for movie, _ in chunk]
            pending.append(writer.submit(_write_chunk, collection, chunk, texts, embeddings))
            if progress:
                progress(len(chunk))

        if ready:
            stacked = unit_rows(np.stack(ready_vectors))
            for start in range(0, len(ready), STORED_CHUNK):
                write(ready[start : start + STORED_CHUNK], stacked[start : start + STORED_CHUNK])
        for start in range(0, len(to_embed), chunk_size):
            chunk = to_embed[start : start + chunk_size]
            embeddings = encode([documents[movie.id] for movie, _ in chunk])
            write(chunk, embeddings)
        while pending:
            pending.pop(0).result()
    return len(to_embed)


def _write_chunk(
    collection: Collection, chunk: Sequence[tuple[Movie, str]], documents: list[str], embeddings: Any
) -> None:
    metadatas = [{**movie.metadata(), HASH_KEY: digest} for movie, digest in chunk]
    collection.upsert(
        ids=[movie.id for movie, _ in chunk],
        embeddings=embeddings,
        documents=documents,
        metadatas=metadatas,  # type: ignore[arg-type]
    )


def ingest_movies(
    collection: Collection,
    movies: Sequence[Movie],
    encode_factory: Callable[[], EncodeFn],
    model_name: str,
    prune: bool = False,
    rejected: Sequence[RejectedRow] = (),
    show_progress_bar: bool = True,
    chunk_size: int = CHUNK,
    precomputed: Callable[[], PrecomputedVectors | None] | None = None,
) -> IngestReport:
    """Bring `collection` up to date with `movies`. The model is loaded (via `encode_factory`)
    only when something needs embedding, so an unchanged re-run costs a hash comparison, and a
    catalogue with matching `precomputed` vectors (loaded only when something is to be written)
    costs only the writes."""
    started = time.perf_counter()
    stored = stored_hashes(collection, HASH_KEY)
    new, changed, unchanged = plan_changes(movies, stored, model_name)
    report = IngestReport(added=len(new), updated=len(changed), unchanged=unchanged, rejected=list(rejected))
    todo = new + changed
    if todo:
        from tqdm.auto import tqdm

        loaded: list[EncodeFn] = []

        def encode(texts: list[str]) -> Any:  # the model loads on the first film that needs it
            if not loaded:
                loaded.append(encode_factory())
            return loaded[0](texts)

        with tqdm(total=len(todo), unit="film", desc="ingesting", disable=not show_progress_bar) as bar:
            embedded = upsert_movies(
                collection,
                todo,
                encode,
                bar.update,
                chunk_size=chunk_size,
                precomputed=precomputed() if precomputed else None,
            )
        report.from_vectors = len(todo) - embedded
    if prune:
        keep = {movie.id for movie in movies}
        gone = [movie_id for movie_id in stored if movie_id not in keep]
        for start in range(0, len(gone), CHUNK):
            collection.delete(ids=gone[start : start + CHUNK])
        report.removed = len(gone)
    report.total = collection.count()
    report.seconds = time.perf_counter() - started
    return report
