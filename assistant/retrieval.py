"""Candidate retrieval: dense (langchain-chroma; a request with hard constraints is searched
exactly among the allowed films, see assistant.columns), dense among the best-known films (by
meaning, and by genre lean), viewers' tags matching the words, BM25 on titles and on everything
else, collaborative neighbours of the films the person named, and (the engine's) the best-known
films a request's hard limits allow. Each candidate keeps every
source's rank and score (the learned ranker's features) and a reciprocal-rank-fusion score (the
"hybrid" baseline ordering). Every candidate returned satisfies the hard constraints."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from assistant.columns import FilmColumns
from assistant.lexical import BM25Index, lexical_query, title_query
from assistant.understand import RequestConstraints
from ingest.movie import Movie
from rerank.features import SOURCES, series_stem

MOOD_STANDING = 0.5  # in the mood source, how much being widely seen counts beside the genre fit
LIKE_REFERENCES = 1  # up to this many named films, co-liking discounts popular neighbours
RRF_K = 60  # the constant from Cormack et al. (2009); damps the head of each list


def chroma_where(c: RequestConstraints) -> dict[str, Any] | None:
    """RequestConstraints -> a Chroma `where` filter (None when unconstrained)."""
    clauses: list[dict[str, Any]] = []
    if c.year_min is not None:
        clauses.append({"year": {"$gte": c.year_min}})
    if c.year_max is not None:
        clauses.append({"year": {"$lte": c.year_max}})
    if c.runtime_min is not None:
        clauses.append({"runtime": {"$gte": c.runtime_min}})
    if c.runtime_max is not None:
        clauses.append({"runtime": {"$lte": c.runtime_max}})
    if c.rating_min is not None:
        clauses.append({"vote_average": {"$gte": c.rating_min}})
    clauses += [{"genres": {"$contains": g}} for g in c.include_genres]
    clauses += [{"genres": {"$not_contains": g}} for g in c.exclude_genres]
    clauses += [{"cast": {"$contains": name}} for name in c.cast]
    if c.directors:
        options = [{"directors": {"$contains": name}} for name in c.directors]
        clauses.append(options[0] if len(options) == 1 else {"$or": options})
    if c.languages:
        clauses.append({"language": {"$in": list(c.languages)}})
    if c.exclude_languages:
        clauses.append({"language": {"$nin": list(c.exclude_languages)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass
class Candidate:
    movie: Movie
    fused: float = 0.0  # reciprocal rank fusion score: the "hybrid" ordering
    ranks: dict[str, int] = field(default_factory=dict)  # source -> 1-based rank among allowed films
    scores: dict[str, float] = field(default_factory=dict)  # source -> the source's own score
    score: float = 0.0  # the final order's score (set by the engine)


@dataclass(frozen=True)
class RetrievalQuery:
    vector: Sequence[float] | None  # dense query (intent blended with named films)
    lexical: str  # text for BM25
    references: tuple[str, ...] = ()  # ids of films the person named
    constraints: RequestConstraints = field(default_factory=RequestConstraints)
    exclude: frozenset[str] = frozenset()
    genre_lean: Mapping[str, float] = field(default_factory=dict)  # Catalogue.genre_lean of the words


class HybridRetriever(BaseRetriever):
    """Dense (Chroma; exact among the allowed films when constrained), BM25 on titles and on
    everything else, and MovieLens co-liked neighbours of the named films. `retrieve` is the typed
    call the engine makes; as a LangChain retriever, `invoke("a 90s heist thriller")` reads the
    text with the request parser and returns the candidates as Documents (metadata: movie_id,
    ranks, scores)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    store: Any  # langchain_chroma.Chroma
    movies: Mapping[str, Movie]
    titles: BM25Index
    texts: BM25Index
    neighbours: Mapping[str, Sequence[tuple[str, float]]] = {}
    # The same with the neighbours' own popularity discounted, for requests that name one film
    # (rerank.movielens.LIKE_POPULARITY says why).
    like_neighbours: Mapping[str, Sequence[tuple[str, float]]] = {}
    weights: Mapping[str, float] = {
        "dense": 1.0,
        "known": 1.0,
        "mood": 0.5,
        "tags": 1.0,
        "title": 0.5,
        "text": 1.0,
        "cf": 1.0,
        # Films other people described like this (assistant.recall): they join the candidates,
        # and the engine weighs their recall score itself, so they add nothing to RRF.
        "recalled": 0.0,
        # The recorded films of a studio asked for ("a Pixar movie"): candidates, not votes; the
        # engine puts them first (`Engine.order`).
        "studio": 0.0,
        # The best-known films a request's hard limits allow (`engine.BEST_KNOWN_ALLOWED`).
        "allowed": 1.0,
    }
    catalogue_index: Any = None  # assistant.understand.CatalogueIndex, for invoke() on plain text
    # The best-known films and their vectors: a second dense search among films people have heard
    # of, so "something cosy for a rainy Sunday" can find a beloved film whose plot never says
    # "cosy" beside the obscure ones whose plots do.
    known_ids: list[str] = Field(default_factory=list)
    known_vectors: Any = None  # (len(known_ids), dim) float32, unit length
    known_genres: Any = None  # (len(known_ids), len(genre_names)) share of each film's genres
    known_standing: Any = None  # (len(known_ids),) z-scored votes: how widely seen
    genre_names: list[str] = Field(default_factory=list)
    tag_index: Any = None  # assistant.tags.TagIndex: what viewers call films (MovieLens tags)
    # Every film's vector (unit length) and the constraint fields in the same row order: with
    # them, a request with hard constraints is searched exactly among the allowed films.
    vectors: Any = None
    columns: FilmColumns | None = None
    k: int = 10
    # (movies, series stem -> its best-known film with co-liking data): built on first use
    series_known: Any = None

    def dense(self, query: RetrievalQuery, n: int) -> list[tuple[str, float]]:
        """The films nearest the query vector, with their cosine distance (lower is nearer)."""
        if query.vector is None:
            return []
        # Over-fetch: named and excluded films are dropped after the search.
        fetch = n + len(query.exclude) + len(query.references)
        where = chroma_where(query.constraints)
        if where is not None and self.columns is not None and self.vectors is not None:
            return self.exact(query.vector, self.columns.allowed(query.constraints), fetch)
        hits = self.store.similarity_search_by_vector_with_relevance_scores(
            list(query.vector), k=fetch, filter=where
        )
        return [(doc.id, float(score)) for doc, score in hits if doc.id]

    def exact(self, vector: Sequence[float], allowed: np.ndarray, n: int) -> list[tuple[str, float]]:
        """The `n` allowed films nearest `vector`, by exact cosine distance over their vectors
        (assistant.columns says why constrained requests do not use Chroma's filtered search)."""
        assert self.columns is not None
        rows = np.flatnonzero(allowed)
        if not len(rows):
            return []
        q = np.asarray(vector, dtype=np.float32)
        q = q / (np.linalg.norm(q) or 1.0)
        # Gathering most of a large matrix costs more than scoring all of it.
        sims = self.vectors[rows] @ q if len(rows) < len(allowed) // 2 else (self.vectors @ q)[rows]
        top = np.argpartition(-sims, min(n, len(rows)) - 1)[:n]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(self.columns.movies[rows[i]].id, float(1.0 - sims[i])) for i in top]

    def known(self, query: RetrievalQuery, n: int) -> list[tuple[str, float]]:
        if query.vector is None or self.known_vectors is None or not self.known_ids:
            return []
        sims = self.known_vectors @ np.asarray(query.vector, dtype=np.float32)
        # Constraints are checked in fuse(): fetch deeper when they will drop many.
        fetch = min(len(sims), n * 4 if not query.constraints.is_empty() else n + len(query.exclude))
        top = np.argpartition(-sims, fetch - 1)[:fetch]
        top = top[np.argsort(-sims[top])]
        return [(self.known_ids[i], float(sims[i])) for i in top]

    def mood(self, query: RetrievalQuery, n: int) -> list[tuple[str, float]]:
        """The best-known films whose genres suit what the words lean to ("a good cry" leans to
        Drama and Romance): how a mood or an occasion, which plots never spell out, finds films."""
        lean = np.asarray([query.genre_lean.get(g, 0.0) for g in self.genre_names], dtype=np.float32)
        if self.known_genres is None or not lean.any():
            return []
        scores = self.known_genres @ lean + MOOD_STANDING * self.known_standing
        fetch = min(len(scores), n * 4 if not query.constraints.is_empty() else n + len(query.exclude))
        top = np.argpartition(-scores, fetch - 1)[:fetch]
        top = top[np.argsort(-scores[top])]
        return [(self.known_ids[i], float(scores[i])) for i in top]

    def tagged(self, query: RetrievalQuery, n: int) -> list[tuple[str, float]]:
        """Films whose viewers' tags match the request's words ("bleak" -> tagged "depressing"),
        or that share the named films' tags ("like Inception" -> "dreams", "thought-provoking")."""
        if self.tag_index is None or not len(self.tag_index):
            return []
        scores = self.tag_index.scores(query.lexical, self.as_known(query.references))
        hits = np.flatnonzero(scores)
        fetch = min(len(hits), n * 4 if not query.constraints.is_empty() else n + len(query.exclude))
        top = hits[np.argsort(-scores[hits], kind="stable")[:fetch]]
        return [(self.tag_index.film_ids[i], float(scores[i])) for i in top]

    def lexical(
        self, index: BM25Index, query: RetrievalQuery, n: int, text: str | None = None
    ) -> list[tuple[str, float]]:
        # BM25 cannot filter: fetch deeper when constraints will drop many.
        fetch = n * 3 if not query.constraints.is_empty() else n + len(query.exclude)
        return index.search(query.lexical if text is None else text, fetch)

    def as_known(self, references: Sequence[str]) -> list[str]:
        """The named films as MovieLens knows them: a film it has no ratings of (Toy Story 4, 2019:
        the ratings end in 2018) stands in for by its series' best-known film it has (Toy Story 3),
        whose co-liked films and tags say what people who like the series like."""
        table = self.neighbours or self.like_neighbours
        if not table or all(ref in table for ref in references):
            return list(references)
        if self.series_known is None or self.series_known[0] is not self.movies:
            best: dict[str, str] = {}
            for movie in sorted(self.movies.values(), key=lambda m: -(m.vote_count or 0)):
                if movie.id in table:
                    best.setdefault(series_stem(movie.title), movie.id)
            self.series_known = (self.movies, best)
        stand_in = self.series_known[1]
        return [
            ref
            if ref in table or ref not in self.movies
            else stand_in.get(series_stem(self.movies[ref].title), ref)
            for ref in references
        ]

    def collaborative(self, query: RetrievalQuery, n: int) -> list[tuple[str, float]]:
        """Films people who liked the named films also liked (MovieLens co-ratings)."""
        table = self.neighbours
        if len(query.references) <= LIKE_REFERENCES and self.like_neighbours:
            table = self.like_neighbours
        scores: dict[str, float] = {}
        for ref in self.as_known(query.references):
            for movie_id, strength in table.get(ref, ()):
                scores[movie_id] = scores.get(movie_id, 0.0) + strength
        return sorted(scores.items(), key=lambda p: p[1], reverse=True)[: n * 3]

    def retrieve(
        self,
        query: RetrievalQuery,
        n: int = 100,
        sources: Iterable[str] = SOURCES,
        extra: Mapping[str, Sequence[tuple[str, float]]] | None = None,
    ) -> list[Candidate]:
        """Up to `n` allowed films from each source (and from the `extra` lists the engine found
        itself), fused; best RRF score first."""
        found = {
            "dense": lambda: self.dense(query, n),
            "known": lambda: self.known(query, n),
            "mood": lambda: self.mood(query, n),
            "tags": lambda: self.tagged(query, n),
            "title": lambda: self.lexical(self.titles, query, n, title_query(query.lexical)),
            "text": lambda: self.lexical(self.texts, query, n),
            "cf": lambda: self.collaborative(query, n),
        }
        lists = {name: found[name]() for name in sources} | dict(extra or {})
        return fuse(lists, self.movies, query, n, self.weights)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        from assistant.understand import parse_request

        if self.catalogue_index is None:
            raise ValueError("HybridRetriever.invoke needs catalogue_index (the request parser's index)")
        parsed = parse_request(query, self.catalogue_index)
        vector = self.store.embeddings.embed_query(parsed.intent) if parsed.intent.strip() else None
        typed = RetrievalQuery(vector, lexical_query(parsed.intent), parsed.references, parsed.constraints)
        return [
            Document(
                page_content=c.movie.document(),
                id=c.movie.id,
                metadata={"movie_id": c.movie.id, "title": c.movie.title, "rrf": c.fused, **c.ranks},
            )
            for c in self.retrieve(typed)[: self.k]
        ]


def fuse(
    lists: Mapping[str, Sequence[tuple[str, float]]],
    movies: Mapping[str, Movie],
    query: RetrievalQuery,
    n: int,
    weights: Mapping[str, float],
) -> list[Candidate]:
    """Reciprocal rank fusion over the allowed films of each list: score = sum w / (RRF_K + rank)."""
    blocked = query.exclude | set(query.references)
    candidates: dict[str, Candidate] = {}
    for source, hits in lists.items():
        rank = 0
        for movie_id, score in hits:
            movie = movies.get(movie_id)
            if movie is None or movie_id in blocked or not query.constraints.allows(movie):
                continue  # the hard guarantee: nothing disallowed gets past this line
            rank += 1
            cand = candidates.setdefault(movie_id, Candidate(movie))
            if source not in cand.ranks:
                cand.ranks[source] = rank
                cand.scores[source] = score
                cand.fused += weights.get(source, 1.0) / (RRF_K + rank)
            if rank >= n:
                break
    return sorted(candidates.values(), key=lambda c: c.fused, reverse=True)


def blend_query_vector(
    intent_vector: np.ndarray | None, reference_vectors: np.ndarray | None
) -> np.ndarray | None:
    """The dense query: the request's own words and the films it names, weighted equally."""
    parts = [] if intent_vector is None else [intent_vector]
    if reference_vectors is not None and len(reference_vectors):
        parts.append(reference_vectors.mean(axis=0))
    if not parts:
        return None
    vector = np.mean(np.stack([p / (np.linalg.norm(p) or 1.0) for p in parts]), axis=0)
    return vector / (np.linalg.norm(vector) or 1.0)
