from pathlib import Path

import pandas as pd
import pytest

from rerank.movielens import (
    co_liked_pairs,
    item_neighbours,
    liked_history_samples,
    load_ratings,
    split_users,
)

REPO = Path(__file__).resolve().parents[2]
ML_DIR = REPO.parent / "shared" / "data" / "movielens-latest-small"


@pytest.fixture(scope="module")
def ratings() -> pd.DataFrame:
    if not (ML_DIR / "ratings.csv").exists():
        pytest.skip(f"MovieLens ml-latest-small not found at {ML_DIR} (see the shared data README)")
    from ingest.catalogue import read_catalogue

    catalogue_ids = {movie.id for movie in read_catalogue(REPO / "data" / "movies.parquet").movies}
    return load_ratings(ML_DIR, catalogue_ids)


def test_join_carries_the_documented_ratings(ratings: pd.DataFrame) -> None:
    assert list(ratings.columns) == ["user", "movie_id", "rating", "timestamp"]
    # rerank/movielens.py measures 87,536 ratings of 5,371 films joined to the shipped catalogue
    # (a user who rated two MovieLens entries sharing a TMDB id keeps one rating).
    assert abs(len(ratings) - 87_536) <= 5
    assert ratings["user"].nunique() == 610
    assert 5_300 <= ratings["movie_id"].nunique() <= 5_371
    assert not ratings.duplicated(["user", "movie_id"]).any()
    assert ratings.loc[ratings["movie_id"] == "862", "rating"].count() > 150  # Toy Story, by TMDB id


def test_liked_history_samples(ratings: pd.DataFrame) -> None:
    samples = liked_history_samples(ratings, seed=0)
    assert 450 <= len(samples) <= 610
    assert samples == liked_history_samples(ratings, seed=0)
    assert samples != liked_history_samples(ratings, seed=1)
    loved = ratings[ratings["rating"] >= 4.5].groupby("user")["movie_id"].agg(set)
    for sample in samples:
        assert len(sample.query_ids) == 3 and len(set(sample.query_ids)) == 3
        assert sample.target_ids and not sample.target_ids & set(sample.query_ids)
        assert sample.target_ids | set(sample.query_ids) == loved[sample.user]
    # A user's sample does not depend on which other users are present.
    one_user = ratings[ratings["user"] == samples[5].user]
    assert liked_history_samples(one_user, seed=0) == [samples[5]]
    assert len(liked_history_samples(ratings, max_users=50)) == 50


def test_split_users_is_disjoint_and_deterministic() -> None:
    tune, test = split_users(range(1, 611), seed=3, fraction=0.3)
    assert not tune & test
    assert tune | test == set(range(1, 611))
    assert len(tune) == 183
    assert (tune, test) == split_users(reversed(range(1, 611)), seed=3, fraction=0.3)
    assert split_users(range(1, 611), seed=4, fraction=0.3)[0] != tune
    with pytest.raises(ValueError, match="fraction"):
        split_users([1, 2], fraction=1.5)


def liked(pairs: dict[int, list[str]]) -> pd.DataFrame:
    rows = [(user, film, 5.0, 0) for user, films in pairs.items() for film in films]
    return pd.DataFrame(rows, columns=["user", "movie_id", "rating", "timestamp"])


def test_co_liked_pairs_discount_a_film_everyone_likes() -> None:
    # Everyone likes P; users 1-4 also like A and B; users 5-8 like C.
    frame = liked({u: ["P", "A", "B"] if u <= 4 else ["P", "C"] if u <= 8 else ["P"] for u in range(1, 11)})
    pairs = co_liked_pairs(frame, min_count=3)
    assert pairs == [("A", "B", pytest.approx(1.0)), ("B", "A", pytest.approx(1.0))]
    assert len(co_liked_pairs(frame, max_pairs=1, seed=0)) == 1
    assert co_liked_pairs(frame, users=[1, 2]) == []  # two users in common is below min_count


def test_item_neighbours_respect_held_out_users() -> None:
    frame = liked({1: ["A", "B"], 2: ["A", "B"], 3: ["A", "C"], 4: ["C", "D"]})
    everyone = item_neighbours(frame, shrinkage=0.0)
    assert [film for film, _ in everyone["A"]] == ["B", "C"]
    assert everyone["A"][0][1] == pytest.approx(2 / (3 * 2) ** 0.5)
    tuned = item_neighbours(frame, users={1, 2}, shrinkage=0.0)
    assert set(tuned) == {"A", "B"}  # users 3 and 4 are held out, so C and D are unknown


def test_discounting_popularity_keeps_a_films_own_kin_above_what_everyone_likes() -> None:
    # All 40 users like P; the 10 who like A all like P too, 4 of them like K (liked by 10 in all).
    frame = liked(
        {u: ["P", "A", "K"] if u <= 4 else ["P", "A"] if u <= 10 else ["P", "K"] if u <= 16 else ["P"]
         for u in range(1, 41)}
    )  # fmt: skip
    cosine = item_neighbours(frame, shrinkage=0.0)
    assert [film for film, _ in cosine["A"]] == ["P", "K"]  # 10 / sqrt(10 * 40) > 4 / sqrt(10 * 10)
    discounted = item_neighbours(frame, shrinkage=0.0, popularity=1.0)
    assert [film for film, _ in discounted["A"]] == ["K", "P"]  # 4 / (sqrt(10) 10) > 10 / (sqrt(10) 40)
    assert discounted["A"][0][1] == pytest.approx(4 / (10**0.5 * 10))


def test_item_neighbours_on_movielens(ratings: pd.DataFrame) -> None:
    neighbours = item_neighbours(ratings)
    assert max(len(found) for found in neighbours.values()) == 50
    toy_story = [film for film, _ in neighbours["862"][:5]]
    assert "863" in toy_story  # Toy Story 2
    scores = [score for _, score in neighbours["862"]]
    assert scores == sorted(scores, reverse=True)
