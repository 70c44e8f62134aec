"""The film library as the rest of reelchat sees it: the Chroma collection named by `Settings`,
filled from catalogue files (`ingest_file`) or one film at a time (`add_movie`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.settings import Settings
from ingest.catalogue import CatalogueError, movie_from_record, read_catalogue
from ingest.embedding import make_encoder
from ingest.movie import Movie
from ingest.pipeline import CHUNK, IngestReport, ingest_movies
from ingest.store import chroma_client, open_collection
from ingest.vectors import load_vectors, vectors_path_for

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection


def open_store(settings: Settings, create: bool = True) -> tuple[ClientAPI, Collection]:
    """The Chroma client and the movies collection named by `settings`."""
    client = chroma_client(path=settings.chroma_dir, url=settings.chroma_url)
    return client, open_collection(client, settings.collection, settings.embed_model, create=create)


def movies_collection(settings: Settings, create: bool = True) -> Collection:
    return open_store(settings, create)[1]


def ingest_file(
    settings: Settings,
    path: str | Path | None = None,
    columns: Mapping[str, str] | None = None,
    where: Mapping[str, str] | None = None,
    prune: bool = False,
    show_progress_bar: bool = True,
    chunk_size: int = CHUNK,
) -> IngestReport:
    """Read, validate, embed and upsert a catalogue file (default: the shipped one). Films whose
    vectors sit precomputed beside the file (`movies.vectors.npz`) for this model are not embedded."""
    source = Path(path or settings.catalogue)
    catalogue = read_catalogue(source, columns=columns, where=where)
    return ingest_movies(
        movies_collection(settings),
        catalogue.movies,
        encode_factory=lambda: make_encoder(settings.embed_model, settings.batch_size),
        model_name=settings.embed_model,
        prune=prune,
        rejected=catalogue.rejected,
        show_progress_bar=show_progress_bar,
        chunk_size=chunk_size,
        precomputed=lambda: load_vectors(vectors_path_for(source), settings.embed_model),
    )


def add_movie(settings: Settings, record: Mapping[str, Any]) -> tuple[Movie, IngestReport]:
    """Add or update one film (our column names) without a full re-ingest."""
    try:
        movie = movie_from_record(dict(record))
    except ValueError as e:
        raise CatalogueError(f"film not added: {e}") from e
    report = ingest_movies(
        movies_collection(settings),
        [movie],
        encode_factory=lambda: make_encoder(settings.embed_model, settings.batch_size),
        model_name=settings.embed_model,
        show_progress_bar=False,
    )
    return movie, report


def is_up_to_date(settings: Settings) -> bool:
    """True when the collection holds exactly the current shipped catalogue's content."""
    from ingest.movie import HASH_KEY
    from ingest.pipeline import plan_changes
    from ingest.store import stored_hashes

    stored = stored_hashes(movies_collection(settings), HASH_KEY)
    if not stored:
        return False
    movies = read_catalogue(settings.catalogue).movies
    new, changed, _ = plan_changes(movies, stored, settings.embed_model)
    return not new and not changed
