"""How good a film is, as far as its votes can tell: a shrunk (Bayesian) rating.

Three votes of 10/10 say little, ten thousand votes of 7.5 say a lot, so a film's average is
pulled towards the catalogue's mean in proportion to how few votes it has. The learned ranker
reads it beside the vote count and MovieLens figures (rerank.features).
"""

from __future__ import annotations

from ingest.movie import Movie

# Mean vote_average over the TMDB 5000 films with votes (6.17).
CATALOGUE_MEAN_VOTE = 6.2
# Votes at which a film's own average and the catalogue mean weigh the same (IMDb-style shrinkage).
SHRINK_VOTES = 100.0


def shrunk_rating(movie: Movie, mean: float = CATALOGUE_MEAN_VOTE, m: float = SHRINK_VOTES) -> float:
    """Bayesian average (v * R + m * C) / (v + m): R the film's average over v votes, C the mean."""
    votes = max(movie.vote_count or 0, 0)
    if votes == 0 or movie.vote_average is None:
        return mean
    return (votes * movie.vote_average + m * mean) / (votes + m)
