"""The fields hard constraints test, as arrays in the order of the catalogue's vectors, so a
request's constraints pick the allowed films of the whole catalogue at once.

The dense search uses them when a request has constraints: an exact search over the allowed
films' vectors, already in memory. Chroma's HNSW search with a `where` filter was the slowest step
at 100,000 films (500-760 ms for "a 10s history movie, nothing too long") and, where the filter
keeps few films, missed about a quarter of the exact top 20 even at the shipped catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.understand import RequestConstraints
from ingest.movie import Movie


def _numbers(values: Sequence[float | None]) -> np.ndarray:
    return np.asarray([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _within(values: np.ndarray, lo: float | None, hi: float | None) -> np.ndarray:
    """Like RequestConstraints: an unknown value (NaN) never meets a limit."""
    keep = np.ones(len(values), dtype=bool)
    if lo is not None:
        keep &= values >= lo
    if hi is not None:
        keep &= values <= hi
    return keep


@dataclass(frozen=True)
class FilmColumns:
    movies: tuple[Movie, ...]  # row i is the film of the catalogue's vector row i
    row: Mapping[str, int]
    year: np.ndarray  # float64, NaN where unknown
    runtime: np.ndarray
    rating: np.ndarray
    language: np.ndarray  # str, "" where unknown
    genres: Mapping[str, np.ndarray]  # genre -> bool per film
    directors: Mapping[str, np.ndarray]  # name -> rows of the films they directed
    cast: Mapping[str, np.ndarray]  # name -> rows of the films they play in

    @classmethod
    def build(cls, movies: Sequence[Movie]) -> FilmColumns:
        genres: dict[str, np.ndarray] = {}
        directors: dict[str, list[int]] = {}
        cast: dict[str, list[int]] = {}
        for i, movie in enumerate(movies):
            for g in movie.genres:
                genres.setdefault(g, np.zeros(len(movies), dtype=bool))[i] = True
            for name in movie.directors:
                directors.setdefault(name, []).append(i)
            for name in movie.cast:
                cast.setdefault(name, []).append(i)
        return cls(
            movies=tuple(movies),
            row={m.id: i for i, m in enumerate(movies)},
            year=_numbers([m.year for m in movies]),
            runtime=_numbers([m.runtime for m in movies]),
            rating=_numbers([m.vote_average for m in movies]),
            language=np.asarray([m.language for m in movies], dtype=str),
            genres=genres,
            directors={k: np.asarray(v) for k, v in directors.items()},
            cast={k: np.asarray(v) for k, v in cast.items()},
        )

    def allowed(self, c: RequestConstraints) -> np.ndarray:
        """A bool per film: exactly `c.allows(movie)` for every film of the catalogue."""
        n = len(self.movies)
        keep = _within(self.year, c.year_min, c.year_max)
        keep &= _within(self.runtime, c.runtime_min, c.runtime_max)
        keep &= _within(self.rating, c.rating_min, None)
        none = np.zeros(n, dtype=bool)
        for g in c.include_genres:
            keep &= self.genres.get(g, none)
        for g in c.exclude_genres:
            keep &= ~self.genres.get(g, none)
        if c.languages:
            keep &= np.isin(self.language, list(c.languages))
        if c.exclude_languages:
            keep &= (self.language != "") & ~np.isin(self.language, list(c.exclude_languages))
        keep[[self.row[i] for i in c.excluded_films if i in self.row]] = False
        if c.directors:
            keep &= self._having(self.directors, c.directors, any_of=True)
        if c.cast:
            keep &= self._having(self.cast, c.cast, any_of=False)
        return keep

    def _having(self, people: Mapping[str, np.ndarray], names: Sequence[str], any_of: bool) -> np.ndarray:
        """Films with any (directors) or all (cast) of the names; a film without credits has none."""
        rows = [people.get(name, np.zeros(0, dtype=int)) for name in names]
        has = np.zeros(len(self.movies), dtype=bool)
        if any_of:
            for r in rows:
                has[r] = True
            return has
        has[:] = True
        for r in rows:
            one = np.zeros(len(self.movies), dtype=bool)
            one[r] = True
            has &= one
        return has
