"""Training pairs for the cross-encoder, derived by the project itself (never from ReDial).

Two sources of (request, right film):
- synthesized requests (`rerank.requests`): a description of a film from its metadata -> that film;
- MovieLens "liked X, also liked Y": a request naming X as liked -> Y, for co-liked pairs from the
  training half of the users only.

Each right film gets NEGATIVES_HARD hard negatives, the films dense retrieval ranks highest for the
request (what the reranker will actually have to tell apart), and NEGATIVES_RANDOM random film, so
a group is 1 positive + 4 negatives. Hard negatives skip films that are another right answer: one
with everything a synthesized request asks for, or one co-liked with X.

The MovieLens user split is `split_users(users, seed=0, fraction=0.5)`, the project's split: the
first half trains (here, and `assistant.engine.load_neighbours`), the second half is the eval's
test users and is never read here. It does not depend on the training seed, so no seed moves test
users into training.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd

from ingest.movie import Movie
from rerank.movielens import co_liked_pairs, split_users
from rerank.requests import SynthRequest, synthesized_requests
from rerank.texts import candidate_text, query_text

Pair = tuple[str, str, float]  # (query_text, candidate_text, label)
Encoder = Callable[[list[str]], np.ndarray]

NEGATIVES_HARD = 3
NEGATIVES_RANDOM = 1
GROUP_SIZE = 1 + NEGATIVES_HARD + NEGATIVES_RANDOM
MINING_DEPTH = 50  # hits looked at per request for hard negatives
SPLIT_SEED = 0  # the project's MovieLens user split; fixed, unlike the training seed
# What the intent looks like once request understanding has lifted the named films out of it
# ("something like The Matrix" -> intent "something", references [The Matrix]): the title never
# stays in the intent, so training requests do not put it there either.
REFERENCE_INTENTS = (
    "movies",
    "something similar",
    "more like this",
    "what else would I like?",
    "recommend me something",
    "I loved it, what else?",
    "",
)


@dataclass(frozen=True)
class PairGroup:
    """One request, its right film and its negatives; `source` is "synthesized" or "movielens"."""

    query: str
    positive: Movie
    negatives: tuple[Movie, ...]
    source: str

    def pairs(self) -> list[Pair]:
        return [(self.query, candidate_text(self.positive), 1.0)] + [
            (self.query, candidate_text(m), 0.0) for m in self.negatives
        ]


@dataclass(frozen=True)
class _Pending:
    query: str
    positive: int
    reject: Callable[[int], bool]  # films that must not be negatives (the positive among them)
    source: str


def training_users(ratings: pd.DataFrame) -> frozenset[int]:
    """The MovieLens users whose ratings may train: the first half of the project's split."""
    train, _ = split_users(sorted(int(u) for u in ratings["user"].unique()), seed=SPLIT_SEED, fraction=0.5)
    return train


def film_vectors(movies: Sequence[Movie], encode: Encoder) -> np.ndarray:
    """Unit vectors of the films' documents, the text ingest embeds for dense retrieval."""
    return np.asarray(encode([m.document() for m in movies]), dtype=np.float32)


def build_groups(
    movies: Sequence[Movie],
    ratings: pd.DataFrame | None,
    encode: Encoder,
    n_synth: int,
    n_colike: int,
    seed: int = 0,
    *,
    vectors: np.ndarray | None = None,
    users: Iterable[int] | None = None,
) -> list[PairGroup]:
    """Synthesized groups, then MovieLens groups; the same inputs and seed give the same groups.

    `vectors` (film_vectors of `movies`) can be passed to skip embedding the catalogue; `users`
    overrides which MovieLens users train (default: `training_users`)."""
    rng = np.random.default_rng(seed)
    index = {m.id: i for i, m in enumerate(movies)}
    pending = [
        _Pending(r.text, index[r.movie.id], partial(_answers_request, movies, r), "synthesized")
        for r in synthesized_requests(movies, n_synth, seed)
    ]
    if ratings is not None and n_colike > 0:
        pending += _co_liked_requests(movies, index, ratings, n_colike, rng, users)
    if not pending:
        return []
    if vectors is None:
        vectors = film_vectors(movies, encode)
    hard = _mine(pending, encode, vectors)
    groups = []
    for request, hits in zip(pending, hard, strict=True):
        chosen = [j for j in hits if not request.reject(j)][:NEGATIVES_HARD]
        for _ in range(100 * len(movies)):  # random picks also fill a short mine
            if len(chosen) == NEGATIVES_HARD + NEGATIVES_RANDOM:
                break
            j = int(rng.integers(len(movies)))
            if j not in chosen and not request.reject(j):
                chosen.append(j)
        if len(chosen) < NEGATIVES_HARD + NEGATIVES_RANDOM:
            continue  # a catalogue too small to have four wrong answers for this request
        groups.append(
            PairGroup(
                request.query, movies[request.positive], tuple(movies[j] for j in chosen), request.source
            )
        )
    return groups


def build_pairs(
    movies: Sequence[Movie],
    ratings: pd.DataFrame | None,
    encode: Encoder,
    n_synth: int,
    n_colike: int,
    seed: int = 0,
    *,
    vectors: np.ndarray | None = None,
) -> list[Pair]:
    """(query_text, candidate_text, label) in groups of GROUP_SIZE: the positive, then negatives."""
    groups = build_groups(movies, ratings, encode, n_synth, n_colike, seed, vectors=vectors)
    return [pair for group in groups for pair in group.pairs()]


def _co_liked_requests(
    movies: Sequence[Movie],
    index: dict[str, int],
    ratings: pd.DataFrame,
    n: int,
    rng: np.random.Generator,
    users: Iterable[int] | None,
) -> list[_Pending]:
    train = frozenset(users) if users is not None else training_users(ratings)
    pairs = [
        (x, y)
        for x, y, _ in co_liked_pairs(ratings, users=train, seed=SPLIT_SEED)
        if x in index and y in index
    ]
    # "Co-liked with X" for excluding negatives is wider than the training pairs (which keep each
    # X's ten strongest): any positive association among training users, two fans in common.
    associated: dict[str, set[str]] = {}
    for x, y, _ in co_liked_pairs(ratings, users=train, min_count=2, per_film=10**6, max_pairs=10**9):
        associated.setdefault(x, set()).add(y)
    picks: list[int] = (
        rng.choice(len(pairs), size=min(n, len(pairs)), replace=False).tolist() if pairs else []
    )
    requests = []
    for p in picks:
        x, y = pairs[p]
        excluded = frozenset({x, y} | associated.get(x, set()))
        intent = REFERENCE_INTENTS[int(rng.integers(len(REFERENCE_INTENTS)))]
        query = query_text(intent, [movies[index[x]]])
        requests.append(_Pending(query, index[y], partial(_in_ids, movies, excluded), "movielens"))
    return requests


def _answers_request(movies: Sequence[Movie], request: SynthRequest, j: int) -> bool:
    return movies[j].id == request.movie.id or request.facets.satisfied_by(movies[j])


def _in_ids(movies: Sequence[Movie], ids: frozenset[str], j: int) -> bool:
    return movies[j].id in ids


def _mine(
    pending: Sequence[_Pending], encode: Encoder, vectors: np.ndarray, chunk: int = 512
) -> list[list[int]]:
    """For each request, the MINING_DEPTH films nearest to it by cosine, nearest first."""
    queries = np.asarray(encode([p.query for p in pending]), dtype=np.float32)
    depth = min(MINING_DEPTH, vectors.shape[0])
    hits: list[list[int]] = []
    for start in range(0, len(queries), chunk):
        sims = queries[start : start + chunk] @ vectors.T
        top = np.argpartition(-sims, depth - 1, axis=1)[:, :depth]
        for row, cols in zip(sims, top, strict=True):
            # stable sort on (-sim, index): equal similarities keep a fixed order across runs
            order = np.lexsort((cols, -row[cols]))
            hits.append([int(c) for c in cols[order]])
    return hits
