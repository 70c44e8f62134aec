"""Training pairs: deterministic per seed, groups shaped as designed, and evaluation users unread."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ingest.movie import Movie
from rerank.movielens import co_liked_pairs, split_users
from rerank.pairs import GROUP_SIZE, NEGATIVES_HARD, build_groups, build_pairs, training_users
from rerank.texts import candidate_text, reference_text

Encode = Callable[[list[str]], np.ndarray]


def test_pairs_are_deterministic_per_seed_and_grouped_as_designed(
    catalogue_movies: list[Movie], ratings: pd.DataFrame, encode: Encode, catalogue_vectors: np.ndarray
) -> None:
    movies = catalogue_movies
    vectors = catalogue_vectors
    pairs = build_pairs(movies, ratings, encode, n_synth=80, n_colike=80, seed=0, vectors=vectors)
    assert pairs == build_pairs(movies, ratings, encode, n_synth=80, n_colike=80, seed=0, vectors=vectors)
    assert pairs != build_pairs(movies, ratings, encode, n_synth=80, n_colike=80, seed=1, vectors=vectors)

    assert len(pairs) == 160 * GROUP_SIZE
    labels = [label for _, _, label in pairs]
    assert labels == [1.0, 0.0, 0.0, 0.0, 0.0] * 160  # one positive, then its four negatives
    for start in range(0, len(pairs), GROUP_SIZE):
        group = pairs[start : start + GROUP_SIZE]
        assert len({query for query, _, _ in group}) == 1
        positive = group[0][1]
        assert all(candidate != positive for _, candidate, _ in group[1:])
        assert len({candidate for _, candidate, _ in group}) == GROUP_SIZE  # no film twice


def test_negatives_are_hard_and_never_another_right_answer(
    catalogue_movies: list[Movie], ratings: pd.DataFrame, encode: Encode, catalogue_vectors: np.ndarray
) -> None:
    movies = catalogue_movies
    vectors = catalogue_vectors
    groups = build_groups(movies, ratings, encode, n_synth=60, n_colike=60, seed=2, vectors=vectors)
    assert [g.source for g in groups] == ["synthesized"] * 60 + ["movielens"] * 60
    liked_with: dict[str, set[str]] = {}
    for x, y, _ in co_liked_pairs(
        ratings, users=training_users(ratings), min_count=2, per_film=10**6, max_pairs=10**9
    ):
        liked_with.setdefault(x, set()).add(y)
    by_reference = {reference_text(m): m for m in movies}
    hard_similarity, random_similarity = [], []
    for g in groups:
        assert g.positive.id not in {n.id for n in g.negatives}
        q = encode([g.query])[0]
        sims = [float(q @ encode([n.document()])[0]) for n in g.negatives]
        hard_similarity += sims[:NEGATIVES_HARD]
        random_similarity.append(sims[NEGATIVES_HARD])
        if g.source == "movielens":
            reference = by_reference[g.query.split("Liked: ", 1)[1]]
            assert g.positive.id in liked_with.get(reference.id, set())
            assert not {n.id for n in g.negatives} & (liked_with.get(reference.id, set()) | {reference.id})
    # Hard negatives are what retrieval returns for the request, far nearer than random films.
    assert np.mean(hard_similarity) > np.mean(random_similarity) + 0.1


def test_evaluation_users_never_shape_the_pairs(
    catalogue_movies: list[Movie], ratings: pd.DataFrame, encode: Encode, catalogue_vectors: np.ndarray
) -> None:
    movies = catalogue_movies
    vectors = catalogue_vectors
    train, test = split_users(sorted(ratings["user"].unique()), seed=0, fraction=0.5)
    assert training_users(ratings) == train
    # Scramble what the test half rated: the same users (so the same split), other films.
    scrambled = ratings.copy()
    rows = scrambled["user"].isin(test).to_numpy()
    scrambled.loc[rows, "movie_id"] = np.random.default_rng(0).permutation(
        scrambled.loc[rows, "movie_id"].to_numpy()
    )

    def pairs_of(frame: pd.DataFrame) -> list[tuple[str, str, float]]:
        return build_pairs(movies, frame, encode, n_synth=0, n_colike=120, seed=0, vectors=vectors)

    assert pairs_of(scrambled) == pairs_of(ratings)
    # ...whereas the training half's ratings do.
    changed = ratings.copy()
    rows = changed["user"].isin(train).to_numpy()
    changed.loc[rows, "movie_id"] = np.random.default_rng(0).permutation(
        changed.loc[rows, "movie_id"].to_numpy()
    )
    assert pairs_of(changed) != pairs_of(ratings)


def test_synthesized_pairs_need_no_ratings(catalogue_movies: list[Movie], encode: Encode) -> None:
    movies = catalogue_movies[:300]
    pairs = build_pairs(movies, None, encode, n_synth=20, n_colike=20, seed=0)
    assert len(pairs) == 20 * GROUP_SIZE
    titles = {candidate_text(m): m.title for m in movies}
    assert all(candidate in titles for _, candidate, _ in pairs)
