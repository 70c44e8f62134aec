"""A popularity/quality prior, and how it is blended with cross-encoder scores.

The cross-encoder judges fit to the request; it knows nothing of whether a film is any good or
whether anyone has heard of it. Asked for "a heist thriller", people expect Heat before an obscure
film of the same shape, so the final score adds a small prior for widely seen, well rated films.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from ingest.movie import Movie

# Placeholder: the eval tunes this on MovieLens tuning users (never ReDial) and the tuned value
# replaces it; `Settings.prior_weight` (REELCHAT_PRIOR_WEIGHT) overrides it at run time.
DEFAULT_PRIOR_WEIGHT = 0.5

# The weight over the z-scored retrieval (RRF) scores of the first `rerank_top` candidates when no
# cross-encoder runs. `reelchat eval prior` on MovieLens tune users (never ReDial) picks 15 by the
# one-standard-error rule (table in docs/EVAL.md), and at 15 ReDial Recall@10 rises from 0.0903 to
# 0.0993. But the prior overrides clear fits: "a tense 90s heist thriller" opens with The Silence
# of the Lambs, and a film asked for by its own plot loses to popular ones (even at weight 1 in a
# 50-film collection: RRF scores sit close together). Liked-history and ReDial reward popularity
# and measure no fit to a request, so recommend() leaves the prior off by default; the eval's
# "prior" stage measures it at the tuned weight. REELCHAT_RETRIEVAL_PRIOR_WEIGHT turns it on.
RETRIEVAL_PRIOR_WEIGHT = 0.0
TUNED_RETRIEVAL_PRIOR_WEIGHT = 15.0

# Mean vote_average over the shipped catalogue's films with votes (4,799 TMDB films: 6.17).
CATALOGUE_MEAN_VOTE = 6.2
# Votes at which a film's own average and the catalogue mean weigh the same (IMDb-style shrinkage):
# three votes of 10/10 say little, ten thousand votes of 7.5 say a lot.
SHRINK_VOTES = 100.0
# Votes at which popularity saturates: about the 97th percentile of the catalogue (median: 236).
# Beyond it, more votes do not make a film more suitable.
SATURATION_VOTES = 5_000
MEDIAN_VOTES = 236  # the catalogue's median vote count
# Shrunk averages are mapped linearly from this range onto [0, 1]; nearly every film lies inside it.
QUALITY_LOW, QUALITY_HIGH = 4.0, 8.5
POPULARITY_SHARE = 0.5  # the prior is this much popularity, the rest quality


def shrunk_rating(movie: Movie, mean: float = CATALOGUE_MEAN_VOTE, m: float = SHRINK_VOTES) -> float:
    """Bayesian average (v * R + m * C) / (v + m): R the film's average over v votes, C the mean."""
    votes = max(movie.vote_count or 0, 0)
    if votes == 0 or movie.vote_average is None:
        return mean
    return (votes * movie.vote_average + m * mean) / (votes + m)


def quality_prior(movie: Movie, mean: float = CATALOGUE_MEAN_VOTE) -> float:
    """A prior in [0, 1]: POPULARITY_SHARE * popularity + (1 - POPULARITY_SHARE) * quality, where
    popularity = min(1, log(1 + votes) / log(1 + SATURATION_VOTES)) (log-scaled: the difference
    between 10 and 1,000 votes matters more than between 5,000 and 50,000) and quality is the
    shrunk rating mapped from [QUALITY_LOW, QUALITY_HIGH] onto [0, 1].

    A film with no vote count at all (one a person or bot just added) is unknown, not unpopular:
    it gets the prior of a typical catalogue film (median votes, mean rating), so it is not
    buried under every voted film the moment it arrives."""
    if movie.vote_count is None:
        return quality_prior(replace(movie, vote_count=MEDIAN_VOTES, vote_average=mean), mean)
    votes = max(movie.vote_count, 0)
    popularity = min(1.0, math.log1p(votes) / math.log1p(SATURATION_VOTES))
    quality = (shrunk_rating(movie, mean) - QUALITY_LOW) / (QUALITY_HIGH - QUALITY_LOW)
    quality = min(1.0, max(0.0, quality))
    return POPULARITY_SHARE * popularity + (1.0 - POPULARITY_SHARE) * quality


def blend(ce_scores: np.ndarray, priors: np.ndarray, weight: float) -> np.ndarray:
    """final_i = (s_i - mean(s)) / std(s) + weight * prior_i, over one request's candidates.

    Cross-encoder logits have no fixed scale (it differs between models and between requests), so
    they are z-normalised over the candidate list first; `weight` then reads the same everywhere:
    a film with prior 1 gains `weight` standard deviations of cross-encoder score over one with
    prior 0. With one candidate, or all scores equal, the z-scores are 0 and the prior decides.
    """
    scores = np.asarray(ce_scores, dtype=np.float64).ravel()
    prior = np.asarray(priors, dtype=np.float64).ravel()
    if scores.shape != prior.shape:
        raise ValueError(
            "ce_scores and priors need one value per candidate each; "
            f"got {scores.shape[0]} and {prior.shape[0]}"
        )
    std = float(scores.std()) if scores.size else 0.0
    z = (scores - scores.mean()) / std if std > 1e-9 else np.zeros_like(scores)
    return z + weight * prior
