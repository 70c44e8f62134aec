"""Candidate retrieval: dense (langchain-chroma, hard constraints as Chroma `where` filters),
lexical BM25 and collaborative neighbours of the films the person named, fused by reciprocal
rank fusion. Every candidate returned satisfies the hard constraints."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.lexical import BM25Index
from assistant.understand import RequestConstraints
from ingest.movie import Movie

if TYPE_CHECKING:
    from langchain_chroma import Chroma

RRF_K = 60  # the constant from Cormack et al. (2009); damps the head of each list
SOURCES = ("dense", "bm25", "cf")


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
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass
class Candidate:
    movie: Movie
    fused: float = 0.0
    ranks: dict[str, int] = field(default_factory=dict)  # source -> 1-based rank


@dataclass(frozen=True)
class RetrievalQuery:
    vector: Sequence[float] | None  # dense query (intent blended with named films)
    lexical: str  # text for BM25
    references: tuple[str, ...] = ()  # ids of films the person named
    constraints: RequestConstraints = field(default_factory=RequestConstraints)
    exclude: frozenset[str] = frozenset()


class HybridRetriever:
    def __init__(
        self,
        store: Chroma,
        movies: Mapping[str, Movie],
        bm25: BM25Index,
        neighbours: Mapping[str, Sequence[tuple[str, float]]] | None = None,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self.store = store
        self.movies = movies
        self.bm25 = bm25
        self.neighbours = neighbours or {}
        self.weights = {"dense": 1.0, "bm25": 1.0, "cf": 1.0, **(weights or {})}

    def dense(self, query: RetrievalQuery, n: int) -> list[str]:
        if query.vector is None:
            return []
        # Over-fetch: named and excluded films are dropped after the search.
        fetch = n + len(query.exclude) + len(query.references)
        where = chroma_where(query.constraints)
        hits = self.store.similarity_search_by_vector_with_relevance_scores(
            list(query.vector), k=fetch, filter=where
        )
        return [doc.id for doc, _ in hits if doc.id]

    def lexical(self, query: RetrievalQuery, n: int) -> list[str]:
        fetch = n * 3 if not query.constraints.is_empty() else n + len(query.exclude)
        return [movie_id for movie_id, _ in self.bm25.search(query.lexical, fetch)]

    def collaborative(self, query: RetrievalQuery, n: int) -> list[str]:
        """Films people who liked the named films also liked (MovieLens co-ratings)."""
        scores: dict[str, float] = {}
        for ref in query.references:
            for movie_id, strength in self.neighbours.get(ref, ()):
                scores[movie_id] = scores.get(movie_id, 0.0) + strength
        return sorted(scores, key=scores.__getitem__, reverse=True)[: n * 3]

    def retrieve(
        self, query: RetrievalQuery, n: int = 100, sources: Iterable[str] = SOURCES
    ) -> list[Candidate]:
        lists = {name: getattr(self, _METHOD[name])(query, n) for name in sources}
        return fuse(lists, self.movies, query, n, self.weights)


_METHOD = {"dense": "dense", "bm25": "lexical", "cf": "collaborative"}


def fuse(
    lists: Mapping[str, Sequence[str]],
    movies: Mapping[str, Movie],
    query: RetrievalQuery,
    n: int,
    weights: Mapping[str, float],
) -> list[Candidate]:
    """Reciprocal rank fusion over the allowed films of each list: score = sum w / (RRF_K + rank)."""
    blocked = query.exclude | set(query.references)
    candidates: dict[str, Candidate] = {}
    for source, ids in lists.items():
        rank = 0
        for movie_id in ids:
            movie = movies.get(movie_id)
            if movie is None or movie_id in blocked or not query.constraints.allows(movie):
                continue  # the hard guarantee: nothing disallowed gets past this line
            rank += 1
            cand = candidates.setdefault(movie_id, Candidate(movie))
            if source not in cand.ranks:
                cand.ranks[source] = rank
                cand.fused += weights.get(source, 1.0) / (RRF_K + rank)
            if rank >= n:
                break
    ordered = sorted(candidates.values(), key=lambda c: c.fused, reverse=True)
    return ordered[:n]


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
