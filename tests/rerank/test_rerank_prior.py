"""The shrunk rating the learned ranker reads as a film's standing."""

from __future__ import annotations

import pytest

from ingest.movie import Movie
from rerank.prior import CATALOGUE_MEAN_VOTE, shrunk_rating


def film(votes: int | None, average: float | None) -> Movie:
    return Movie(id=f"{votes}-{average}", title="x", overview="", vote_count=votes, vote_average=average)


def test_many_good_votes_beat_a_few_perfect_ones() -> None:
    assert shrunk_rating(film(10_000, 7.5)) > shrunk_rating(film(3, 10.0))
    assert shrunk_rating(film(10_000, 7.5)) == pytest.approx(7.5, abs=0.02)
    assert shrunk_rating(film(100, 8.2)) == pytest.approx((8.2 + CATALOGUE_MEAN_VOTE) / 2)


def test_a_film_without_votes_gets_the_catalogue_mean() -> None:
    assert shrunk_rating(film(None, None)) == CATALOGUE_MEAN_VOTE
    assert shrunk_rating(film(0, 9.0)) == CATALOGUE_MEAN_VOTE
