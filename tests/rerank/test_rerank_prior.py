"""The popularity/quality prior and its blend with cross-encoder scores."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.movie import Movie
from rerank.prior import blend, quality_prior


def film(votes: int | None, average: float | None) -> Movie:
    return Movie(id=f"{votes}-{average}", title="x", overview="", vote_count=votes, vote_average=average)


def test_many_good_votes_beat_a_few_perfect_ones() -> None:
    assert quality_prior(film(10_000, 7.5)) > quality_prior(film(3, 10.0))
    assert quality_prior(film(10_000, 7.5)) > quality_prior(film(10_000, 5.0))
    assert quality_prior(film(50, 7.0)) < quality_prior(film(500, 7.0)) < quality_prior(film(5_000, 7.0))
    for movie in (film(None, None), film(0, 9.0), film(3, 10.0), film(100_000, 10.0), film(20, 1.0)):
        assert 0.0 <= quality_prior(movie) <= 1.0


def test_a_film_without_votes_is_typical_not_unpopular() -> None:
    unknown = quality_prior(film(None, None))  # just added: nobody has counted votes
    assert quality_prior(film(0, None)) < unknown  # counted, and nobody voted
    assert unknown == pytest.approx(quality_prior(film(236, 6.2)))
    assert quality_prior(film(50, 6.2)) < unknown < quality_prior(film(5_000, 6.2))


def test_blend_z_normalises_then_adds_the_weighted_prior() -> None:
    ce = np.array([1.0, 2.0, 3.0])  # mean 2, population std sqrt(2/3)
    priors = np.array([0.0, 0.5, 1.0])
    z = np.array([-1.0, 0.0, 1.0]) / np.sqrt(2.0 / 3.0)
    np.testing.assert_allclose(blend(ce, priors, 2.0), z + np.array([0.0, 1.0, 2.0]))
    np.testing.assert_allclose(blend(ce * 10 + 5, priors, 0.0), z)  # the logits' scale is irrelevant
    # A strong enough prior reorders: the best-fitting film with prior 0 drops below a popular one.
    assert np.argmax(blend(np.array([3.0, 2.9, 0.0]), np.array([0.0, 1.0, 0.0]), 1.0)) == 1
    np.testing.assert_allclose(blend(np.array([4.0, 4.0]), np.array([0.2, 0.7]), 1.0), [0.2, 0.7])
    assert blend(np.array([]), np.array([]), 1.0).shape == (0,)
    with pytest.raises(ValueError, match="one value per candidate"):
        blend(np.array([1.0, 2.0]), np.array([0.5]), 1.0)
