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

from ingest.catalogue import RejectedRow
from ingest.movie import HASH_KEY, Movie
from ingest.store import stored_hashes

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

EncodeFn = Callable[[list[str]], Any]  # texts -> 2-D array of embeddings
# Films per upsert: large enough to amortise Chroma's per-call cost, small enough to lose little
# on a kill.
CHUNK = 512


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    total: int = 0
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
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
) -> None:
    """Embed and upsert (movie, content hash) pairs in chunks. Upserting chunk N runs in a worker
    thread while chunk N+1 is embedded, so Chroma's write time hides behind the model's."""
    # Longest documents first and in length order, so each encode batch pads little.
    ordered = sorted(movies, key=lambda pair: len(pair[0].document()), reverse=True)
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending: Future[None] | None = None
        for start in range(0, len(ordered), chunk_size):
            chunk = ordered[start : start + chunk_size]
            documents = [movie.document() for movie, _ in chunk]
            embeddings = encode(documents)
            if pending is not None:
                pending.result()  # surface a write error before queueing more
            pending = writer.submit(_write_chunk, collection, chunk, documents, embeddings)
            if progress:
                progress(len(chunk))
        if pending is not None:
            pending.result()


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
) -> IngestReport:
    """Bring `collection` up to date with `movies`. The model is loaded (via `encode_factory`)
    only when something needs embedding, so an unchanged re-run costs a hash comparison."""
    started = time.perf_counter()
    stored = stored_hashes(collection, HASH_KEY)
    new, changed, unchanged = plan_changes(movies, stored, model_name)
    report = IngestReport(added=len(new), updated=len(changed), unchanged=unchanged, rejected=list(rejected))
    todo = new + changed
    if todo:
        encode = encode_factory()
        from tqdm.auto import tqdm

        with tqdm(total=len(todo), unit="film", desc="embedding", disable=not show_progress_bar) as bar:
            upsert_movies(collection, todo, encode, progress=bar.update, chunk_size=chunk_size)
    if prune:
        keep = {movie.id for movie in movies}
        gone = [movie_id for movie_id in stored if movie_id not in keep]
        for start in range(0, len(gone), CHUNK):
            collection.delete(ids=gone[start : start + CHUNK])
        report.removed = len(gone)
    report.total = collection.count()
    report.seconds = time.perf_counter() - started
    return report
