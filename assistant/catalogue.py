"""The catalogue as the engine sees it, loaded once: every film with its vector, the request
parser's index, the BM25 indexes, the retriever and the MovieLens signals shipped in data/.

This is wiring only: what to do with a request is the engine's business (assistant/engine.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.columns import FilmColumns
from assistant.errors import NotIngestedError
from assistant.lexical import BM25Index, content_text, title_text
from assistant.recall import load_query_adapter, load_recall_index
from assistant.retrieval import HybridRetriever
from assistant.settings import Settings
from assistant.tags import TagIndex
from assistant.topics import TopicIndex, film_descriptors, phrase_vectors
from assistant.understand import CatalogueIndex
from assistant.understand.studios import load_studios, with_labels
from ingest.movie import Movie
from rerank.features import GENRE_DESCRIPTIONS, FilmFacts
from rerank.movielens import MovieLensSignals, load_shipped_signals

log = logging.getLogger(__name__)
KNOWN_FILMS = 3_000  # the best-known films get a dense search of their own (HybridRetriever.known)


@dataclass(frozen=True)
class CatalogueState:
    """Everything that changes when a film is added, swapped in as one object so that a request
    running in another thread always sees one consistent catalogue."""

    movies: dict[str, Movie]
    row: Mapping[str, int]  # movie id -> row of `vectors` (the columns' own index)
    vectors: np.ndarray  # (films, dim) float32, unit length
    index: CatalogueIndex
    facts: FilmFacts
    columns: FilmColumns  # the constraint fields, in `vectors` row order


def load_collection(collection: Any, page: int = 5_000) -> tuple[list[Movie], np.ndarray]:
    """Every film in the collection with its stored vector, paged so 100k films stay cheap."""
    movies: list[Movie] = []
    vectors: list[np.ndarray] = []
    offset = 0
    while True:
        got = collection.get(include=["metadatas", "embeddings"], limit=page, offset=offset)
        metas = got["metadatas"] or []
        movies += [Movie.from_metadata(i, m or {}) for i, m in zip(got["ids"], metas, strict=True)]
        if len(got["ids"]):
            vectors.append(np.asarray(got["embeddings"], dtype=np.float32))
        if len(got["ids"]) < page:
            break
        offset += page
    matrix = np.vstack(vectors) if vectors else np.zeros((0, 384), dtype=np.float32)
    return movies, matrix


class Catalogue:
    def __init__(self, settings: Settings, signals: MovieLensSignals | None = None) -> None:
        """`signals` replaces the MovieLens signals shipped in data/ (the evaluation passes its
        own, built from training users only, so nothing it measures was learnt from its test users)."""
        from langchain_chroma import Chroma

        from assistant.embeddings import SentenceTransformerEmbeddings
        from assistant.library import open_store

        self.settings = settings
        client, self.collection = open_store(settings, create=False)
        movies, vectors = load_collection(self.collection)
        if not movies:
            raise NotIngestedError(
                f"The collection {settings.collection!r} is empty: run `reelchat ingest` first"
            )
        self.signals = load_shipped_signals(settings.data_dir) if signals is None else signals
        self.studios = with_labels(
            load_studios(settings.data_dir), self.signals.tags
        )  # who made what, if known
        self.embeddings = SentenceTransformerEmbeddings(settings.embed_model, settings.batch_size)
        store = Chroma(
            client=client,
            collection_name=settings.collection,
            embedding_function=self.embeddings,
            create_collection_if_not_exists=False,
        )
        self.state = self._state(movies, vectors)
        self.genre_vectors = self._genre_vectors()
        self.retriever = HybridRetriever(
            store=store,
            movies=self.state.movies,
            titles=BM25Index(movies, title_text),
            texts=BM25Index(movies, content_text),
            neighbours=self.signals.neighbours,
            like_neighbours=self.signals.like_neighbours,
            catalogue_index=self.state.index,
            vectors=self.state.vectors,
            columns=self.state.columns,
        )
        self._set_known(self.state)
        self.retriever.tag_index = self._tag_index()
        self._phrase_vectors = phrase_vectors(settings.data_dir, settings.embed_model, self.embeddings.encode)
        self.topics = self._topic_index(self.state.movies)
        self.recall = load_recall_index(settings.data_dir, settings.embed_model, self.state.movies)
        self.adapter = load_query_adapter(settings.data_dir, settings.embed_model)
        self._add_lock = threading.Lock()

    def _genre_vectors(self) -> dict[str, np.ndarray]:
        genres = sorted({g for m in self.movies.values() for g in m.genres} & set(GENRE_DESCRIPTIONS))
        vectors = self.embeddings.encode([GENRE_DESCRIPTIONS[g] for g in genres]) if genres else []
        return dict(zip(genres, vectors, strict=True))

    def _tag_index(self) -> TagIndex:
        """MovieLens tags of the films in the collection (a film added later simply has none)."""
        tagged = [film for film in self.signals.tags if film in self.state.movies]
        return TagIndex(self.signals.tags, tagged, self.embeddings.encode)

    def _topic_index(self, movies: dict[str, Movie]) -> TopicIndex:
        """Each film's keywords and viewers' tags, embedded (assistant.topics)."""
        return TopicIndex(film_descriptors(movies, self.signals.tags), self._phrase_vectors)

    def genre_lean(self, intent_vector: np.ndarray | None) -> dict[str, float]:
        """How much more the request's words resemble each genre than the average genre (z-scores)."""
        if intent_vector is None or len(self.genre_vectors) < 2:
            return {}
        sims = np.asarray([v @ intent_vector for v in self.genre_vectors.values()], dtype=np.float32)
        z = (sims - sims.mean()) / (sims.std() or 1.0)
        return dict(zip(self.genre_vectors, (float(x) for x in z), strict=True))

    def _set_known(self, state: CatalogueState) -> None:
        votes = state.facts.standing["log_votes"] + 0.5 * state.facts.standing["log_popularity"]
        order = np.argsort(-votes, kind="stable")[:KNOWN_FILMS]
        ids = list(state.facts.index)
        known = [state.movies[ids[i]] for i in order]
        names = list(self.genre_vectors)
        genres = np.zeros((len(known), len(names)), dtype=np.float32)
        for row, movie in enumerate(known):
            mine = [names.index(g) for g in movie.genres if g in self.genre_vectors]
            genres[row, mine] = 1.0 / max(len(mine), 1)
        standing = votes[order]
        self.retriever.known_ids = [m.id for m in known]
        self.retriever.known_vectors = state.vectors[[state.row[m.id] for m in known]]
        self.retriever.genre_names = names
        self.retriever.known_genres = genres
        self.retriever.known_standing = (standing - standing.mean()) / (standing.std() or 1.0)

    def _state(self, movies: Sequence[Movie], vectors: np.ndarray) -> CatalogueState:
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        columns = FilmColumns.build(movies)
        return CatalogueState(
            movies={m.id: m for m in movies},
            row=columns.row,
            vectors=vectors / np.where(norms == 0, 1.0, norms),
            index=CatalogueIndex(movies, self.studios),
            facts=FilmFacts.build(movies, self.signals.counts, self.signals.means),
            columns=columns,
        )

    @property
    def movies(self) -> dict[str, Movie]:
        return self.state.movies

    @property
    def index(self) -> CatalogueIndex:
        return self.state.index

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        state = self.state
        return state.vectors[[state.row[i] for i in ids]] if ids else state.vectors[:0]

    def add(self, movie: Movie) -> None:
        """Make a film just upserted into the collection findable by name, BM25 and filters too.
        Rebuilds the in-memory indexes (a second or two at 12k films); for bulk loads use ingest."""
        got = self.collection.get(ids=[movie.id], include=["embeddings"])
        vector = np.asarray(got["embeddings"], dtype=np.float32).reshape(1, -1)
        # Copy, then swap: requests running in other threads keep a consistent old view; the lock
        # keeps two adds at once from each building on the same old view and losing a film.
        with self._add_lock:
            old = self.state
            movies = {**old.movies, movie.id: movie}
            rows = dict(old.row)
            if movie.id in rows:
                vectors = old.vectors.copy()
                vectors[rows[movie.id]] = vector[0]
            else:
                vectors = np.vstack([old.vectors, vector])
            films = sorted(movies.values(), key=lambda m: rows.get(m.id, len(rows)))
            state = self._state(films, vectors)
            self.retriever.titles = BM25Index(films, title_text)
            self.retriever.texts = BM25Index(films, content_text)
            self.retriever.movies = state.movies
            self.retriever.catalogue_index = state.index
            self.retriever.vectors = state.vectors
            self.retriever.columns = state.columns
            self._set_known(state)
            self.topics = self._topic_index(state.movies)
            self.state = state

    def search_titles(self, query: str, limit: int = 10) -> list[Movie]:
        from assistant.search import search_titles

        return search_titles(self.movies, query, limit)
