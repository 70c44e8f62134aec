"""Title autocomplete over the loaded catalogue: case- and accent-insensitive, prefix matches first."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.understand.titles import fold  # the one title normaliser's first step
from ingest.movie import Movie

_cache: tuple[Mapping[str, Movie], list[tuple[str, Movie]]] | None = None


def _folded(movies: Mapping[str, Movie]) -> list[tuple[str, Movie]]:
    # The engine replaces its dict when a film is added, so "the same dict" means "nothing changed".
    # Holding the dict itself (not its id) keeps that test sound: a freed id can be reused.
    global _cache
    cached = _cache
    if cached is None or cached[0] is not movies:
        ordered = sorted(movies.values(), key=lambda m: -(m.vote_count or 0))
        cached = _cache = (movies, [(fold(m.title), m) for m in ordered])
    return cached[1]


def search_titles(movies: Mapping[str, Movie], query: str, limit: int = 10) -> list[Movie]:
    q = fold(query)
    if not q:
        return []
    prefix: list[Movie] = []
    inner: list[Movie] = []
    for title, movie in _folded(movies):
        if title.startswith(q):
            prefix.append(movie)
        elif q in title:
            inner.append(movie)
        if len(prefix) >= limit:
            break
    return (prefix + inner)[:limit]
