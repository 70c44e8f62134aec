"""The recommendation engine: everything loaded once (catalogue, indexes, models) and the ranking
of one understood request. Stages can be switched off one by one, which is how eval measures
what each adds."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.errors import NotIngestedError, ReelchatError
from assistant.lexical import BM25Index, lexical_query
from assistant.retrieval import Candidate, HybridRetriever, RetrievalQuery, blend_query_vector
from assistant.settings import Settings
from assistant.understand import CatalogueIndex, ParsedRequest
from ingest.movie import Movie

if TYPE_CHECKING:
    from rerank.cross_encoder import CrossEncoderReranker

log = logging.getLogger(__name__)

# dense -> hybrid adds BM25 and collaborative retrieval; "prior" is hybrid with the popularity/quality
# prior blended in (no cross-encoder); "rerank" is hybrid reordered by the cross-encoder alone;
# "full" is what recommend() runs: cross-encoder + prior with a reranker loaded, else "prior".
STAGES = ("dense", "hybrid", "prior", "rerank", "full")
CANDIDATES = 100  # films retrieval hands to the ordering stages
INTENT_CHARS = 1_000  # MiniLM reads 256 tokens from the start; in a long chat the end matters


@dataclass
class Ranked:
    movie: Movie
    score: float
    candidate: Candidate
    prior: float = 0.0
    avoided: bool = False  # matches a word the person asked to avoid ("nothing gory")


# "nothing gory" should also keep films tagged "gore" away: the word, and what catalogues say instead.
AVOID_SYNONYMS = {
    "gory": ("gore", "gory", "blood"),
    "bloody": ("blood", "gore"),
    "violent": ("violen",),
    "violence": ("violen",),
    "scary": ("scary", "terrif", "horror"),
    "sad": ("sad", "tragic", "grief"),
    "depressing": ("depress", "tragic", "suicide"),
    "sex": ("sex", "erotic", "nudity"),
    "sexy": ("sex", "erotic", "nudity"),
}
AVOID_PENALTY = 0.5  # RRF scores are multiplied by it; reranked z-scores lose 2 * (1 - it)


def avoid_stems(words: Sequence[str]) -> tuple[str, ...]:
    stems: list[str] = []
    for word in words:
        stems += AVOID_SYNONYMS.get(word, (word[:5] if len(word) > 5 else word,))
    return tuple(stems)


def mentions_any(movie: Movie, stems: Sequence[str]) -> bool:
    text = " ".join((movie.overview, movie.tagline, *movie.keywords)).lower()
    return any(stem in text for stem in stems)


@dataclass
class Ranking:
    items: list[Ranked]
    timings_ms: dict[str, float] = field(default_factory=dict)


def load_movies(collection: Any, page: int = 5_000) -> list[Movie]:
    movies: list[Movie] = []
    offset = 0
    while True:
        got = collection.get(include=["metadatas"], limit=page, offset=offset)
        movies += [
            Movie.from_metadata(i, m or {}) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)
        ]
        if len(got["ids"]) < page:
            return movies
        offset += page


class Engine:
    def __init__(self, settings: Settings, load_reranker: bool = True) -> None:
        from langchain_chroma import Chroma

        from assistant.embeddings import SentenceTransformerEmbeddings
        from assistant.library import open_store

        self.settings = settings
        client, self.collection = open_store(settings, create=False)
        movies = load_movies(self.collection)
        if not movies:
            raise NotIngestedError(
                f"The collection {settings.collection!r} is empty: run `reelchat ingest` first"
            )
        self.movies: dict[str, Movie] = {m.id: m for m in movies}
        self.index = CatalogueIndex(movies)
        self.embeddings = SentenceTransformerEmbeddings(settings.embed_model, settings.batch_size)
        store = Chroma(
            client=client,
            collection_name=settings.collection,
            embedding_function=self.embeddings,
            create_collection_if_not_exists=False,
        )
        self.retriever = HybridRetriever(
            store, self.movies, BM25Index(movies), load_neighbours(settings, self.movies)
        )
        self.reranker = load_reranker_for(settings) if load_reranker else None
        self._add_lock = threading.Lock()
        from rerank.cross_encoder import tuned_prior_weight
        from rerank.prior import DEFAULT_PRIOR_WEIGHT, RETRIEVAL_PRIOR_WEIGHT, quality_prior

        # Explicit setting, else the weight tuned on MovieLens for this reranker, else the default.
        weight = settings.prior_weight
        if weight is None and self.reranker is not None:
            weight = tuned_prior_weight(self.reranker.model_name)
        self.prior_weight = DEFAULT_PRIOR_WEIGHT if weight is None else weight
        self.retrieval_prior_weight = (
            RETRIEVAL_PRIOR_WEIGHT
            if settings.retrieval_prior_weight is None
            else settings.retrieval_prior_weight
        )
        self._prior = {movie_id: quality_prior(m) for movie_id, m in self.movies.items()}

    def add(self, movie: Movie) -> None:
        """Make a film just upserted into the collection findable by name, BM25 and filters too.
        Rebuilds the in-memory indexes (about a second at 5k films); for bulk loads use ingest."""
        # Copy, then swap: requests running in other threads keep a consistent old view; the lock
        # keeps two adds at once from each building on the same old view and losing a film.
        with self._add_lock:
            self._add(movie)

    def _add(self, movie: Movie) -> None:
        from rerank.prior import quality_prior

        movies = {**self.movies, movie.id: movie}
        self._prior = {**self._prior, movie.id: quality_prior(movie)}
        self.index = CatalogueIndex(movies.values())
        self.retriever.bm25 = BM25Index(list(movies.values()))
        self.retriever.movies = movies
        self.movies = movies

    def search_titles(self, query: str, limit: int = 10) -> list[Movie]:
        from assistant.search import search_titles

        return search_titles(self.movies, query, limit)

    def reference_vectors(self, ids: Sequence[str]) -> np.ndarray | None:
        if not ids:
            return None
        got = self.collection.get(ids=list(ids), include=["embeddings"])
        vectors = got.get("embeddings")
        return None if vectors is None or len(vectors) == 0 else np.asarray(vectors, dtype=np.float32)

    def rank(
        self,
        parsed: ParsedRequest,
        exclude: frozenset[str] = frozenset(),
        k: int = 5,
        stage: str = "full",
        n: int = CANDIDATES,
    ) -> Ranking:
        """Rank films for an understood request; `stage` stops the pipeline early (for eval)."""
        if stage not in STAGES:
            raise ValueError(f"stage must be one of {STAGES}, not {stage!r}")
        timings: dict[str, float] = {}
        items = self.candidates(parsed, exclude, n, lexical=stage != "dense", timings=timings)
        if stage in ("rerank", "full") and self.reranker is not None and items:
            started = time.perf_counter()
            ce = self.cross_scores(parsed, items)
            items = self.order(items, ce, self.prior_weight if stage == "full" else 0.0)
            timings["rerank"] = _ms(started)
        elif stage in ("prior", "full") and self.retrieval_prior_weight:  # off by default
            items = self.with_prior(items, self.retrieval_prior_weight)
        return Ranking(items[: max(k, 1)] if k else items, timings)

    def candidates(
        self,
        parsed: ParsedRequest,
        exclude: frozenset[str] = frozenset(),
        n: int = 100,
        lexical: bool = True,
        timings: dict[str, float] | None = None,
    ) -> list[Ranked]:
        """Retrieval: dense alone, or dense + BM25 + collaborative fused; constraints hold."""
        timings = {} if timings is None else timings
        started = time.perf_counter()
        intent = parsed.intent[-INTENT_CHARS:]
        intent_vector = self.embeddings.encode([intent])[0] if intent.strip() else None
        vector = blend_query_vector(intent_vector, self.reference_vectors(parsed.references))
        timings["embed"] = _ms(started)

        started = time.perf_counter()
        query = RetrievalQuery(
            vector=None if vector is None else vector.tolist(),
            lexical=" ".join(
                [
                    lexical_query(intent),
                    *(self.movies[r].title for r in parsed.references if r in self.movies),
                ]
            ),
            references=parsed.references,
            constraints=parsed.constraints,
            exclude=exclude,
        )
        sources = ("dense", "bm25", "cf") if lexical else ("dense",)
        found = self.retriever.retrieve(query, n=n, sources=sources)
        if not found:
            found = self._popular_allowed(query, n)  # e.g. "90s horror": constraints, no words
        timings["retrieve"] = _ms(started)
        stems = avoid_stems(parsed.avoid)
        items = [
            Ranked(c.movie, c.fused, c, self._prior[c.movie.id], mentions_any(c.movie, stems)) for c in found
        ]
        if stems:
            for item in items:
                item.score *= AVOID_PENALTY if item.avoided else 1.0
            items.sort(key=lambda r: r.score, reverse=True)
        return items

    def cross_scores(self, parsed: ParsedRequest, items: Sequence[Ranked]) -> np.ndarray:
        """Cross-encoder logits for the first `rerank_top` candidates."""
        from rerank.texts import query_text

        if self.reranker is None:
            raise ReelchatError("no reranker loaded: run `reelchat train-reranker`")
        refs = [self.movies[r] for r in parsed.references if r in self.movies]
        top = items[: self.settings.rerank_top]
        return np.asarray(self.reranker.score(query_text(parsed.intent, refs), [r.movie for r in top]))

    def order(self, items: Sequence[Ranked], ce: np.ndarray, prior_weight: float) -> list[Ranked]:
        """Reranked head (cross-encoder blended with the prior), then the tail in retrieval order."""
        from rerank.prior import blend

        head = [replace(r) for r in items[: len(ce)]]
        rest = [replace(r) for r in items[len(ce) :]]
        scores = blend(ce, np.array([r.prior for r in head]), prior_weight)
        for item, score in zip(head, scores, strict=True):
            item.score = float(score) - (2 * (1 - AVOID_PENALTY) if item.avoided else 0.0)
        return _head_then_rest(head, rest)

    def with_prior(self, items: Sequence[Ranked], weight: float) -> list[Ranked]:
        """Retrieval order blended with the prior, for when no cross-encoder runs. Like the
        cross-encoder, it reorders only the first `rerank_top` candidates (fused scores z-normalised
        over them, plus `weight` * prior: rerank.prior.blend), so popularity picks among films that
        fit and never lifts one from deep in the list; the rest follow in retrieval order."""
        from rerank.prior import blend

        top = self.settings.rerank_top
        head, rest = [replace(r) for r in items[:top]], [replace(r) for r in items[top:]]
        if not head or weight == 0:
            return head + rest
        scores = blend(np.array([r.score for r in head]), np.array([r.prior for r in head]), weight)
        for item, score in zip(head, scores, strict=True):
            item.score = float(score)
        return _head_then_rest(head, rest)

    def _popular_allowed(self, query: RetrievalQuery, n: int) -> list[Candidate]:
        allowed = [
            m
            for m in self.movies.values()
            if m.id not in query.exclude and m.id not in query.references and query.constraints.allows(m)
        ]
        allowed.sort(key=lambda m: self._prior[m.id], reverse=True)
        return [
            Candidate(m, fused=self._prior[m.id], ranks={"prior": i}) for i, m in enumerate(allowed[:n], 1)
        ]


def _head_then_rest(head: list[Ranked], rest: list[Ranked]) -> list[Ranked]:
    """The rescored head, best first, then the rest in retrieval order, scored below every head film."""
    head.sort(key=lambda r: r.score, reverse=True)
    floor = min((r.score for r in head), default=0.0)
    for offset, item in enumerate(rest, start=1):
        item.score = floor - offset
    return head + rest


def load_reranker_for(settings: Settings) -> CrossEncoderReranker | None:
    """The configured cross-encoder, or None (with a log line) when reranking is off or missing."""
    if settings.reranker.lower() == "none":
        return None
    from rerank.cross_encoder import CrossEncoderReranker

    trained = settings.reranker.lower() == "trained"
    source = str(settings.reranker_dir) if trained else settings.reranker
    if trained and not settings.reranker_dir.exists():
        log.warning("no trained reranker at %s: run `reelchat train-reranker`; ranking without it", source)
        return None
    try:
        return CrossEncoderReranker.load(source)
    except Exception as e:  # a broken or unreachable model must not take recommendations down
        raise ReelchatError(
            f"Cannot load the reranker {source!r}: {e}. Run `reelchat train-reranker`."
        ) from e


def load_neighbours(settings: Settings, movies: dict[str, Movie]) -> dict[str, list[tuple[str, float]]]:
    """MovieLens co-liked neighbours from the training users only (evaluation users held out)."""
    if not (settings.movielens_dir / "ratings.csv").exists():
        log.warning("MovieLens not found at %s: collaborative retrieval is off", settings.movielens_dir)
        return {}
    from rerank.movielens import item_neighbours, load_ratings, split_users

    ratings = load_ratings(settings.movielens_dir, set(movies))
    train_users, _ = split_users(sorted(ratings["user"].unique()), seed=0, fraction=0.5)
    return item_neighbours(ratings, users=set(train_users))


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
