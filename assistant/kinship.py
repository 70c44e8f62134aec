"""Votes of kind for requests that name films: "like The Shining" asks for films of its kind, and
"like Inception but funnier" for its kind shifted as asked (the engine weighs them, `engine.py`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.tags import unit_rows
from ingest.movie import Movie
from rerank.features import series_stem
from rerank.features import zscores as _z

# The genres that are a film's intensity, which "gentler", "less scary" or "funnier" ask to lower.
INTENSE = frozenset({"Action", "Horror", "Thriller", "War", "Crime"})
SHIFT_KIN = 3.0  # in shifted_kinship, having all the named films' genres counts like a clear mood


def series_named(references: Sequence[Movie]) -> list[str]:
    """The distinct series of the films named ("like Harry Potter" names five films, one series)."""
    return list(dict.fromkeys(series_stem(r.title) for r in references))


def kinship(
    films: Sequence[Movie], vectors: np.ndarray, references: Sequence[Movie], reference_vectors: np.ndarray
) -> np.ndarray:
    """How much each film is of the named films' kind: z(genre Jaccard with their genres) + z(closest
    plot cosine to theirs)."""
    kin = {g for ref in references for g in ref.genres}
    shared = np.asarray(
        [len(kin & set(m.genres)) / max(len(kin | set(m.genres)), 1) for m in films], dtype=np.float32
    )
    return _z(shared) + _z((unit_rows(vectors) @ unit_rows(reference_vectors).T).max(axis=1))


def shifted_kinship(
    films: Sequence[Movie], references: Sequence[Movie], shift: dict[str, float]
) -> np.ndarray:
    """How well each film is of the named films' kind and differs from them as asked ("like Toy Story
    but darker": animated and dark, not Pulp Fiction): SHIFT_KIN x the share of the named films'
    genres it has, plus the mean lean of the shift over its other genres. The shift never counts
    against the named films' own genres: "darker than Toy Story" is still animation. Nor does it
    count for a film of none of their genres: "like Inception but funnier" is not The Hangover (the
    first judged set's like-X requests, P@5 0.53 -> 0.56; the other sets level)."""
    kin = {g for ref in references for g in ref.genres}
    # ... unless the shift is away from its intensity: "like Alien but less scary" is science fiction,
    # not horror (kept where nothing else is left). Who a film is for stays: "like Harry Potter but
    # darker" may still be a family film (the judges accepted Narnia and Stardust).
    kin = {g for g in kin if g not in INTENSE or shift.get(g, 0.0) >= 0} or kin
    scores = []
    for movie in films:
        shared = kin.intersection(movie.genres)
        other = [shift.get(g, 0.0) for g in movie.genres if g not in kin]
        lean = float(np.mean(other)) if other and shared else 0.0
        scores.append(SHIFT_KIN * len(shared) / max(len(kin), 1) + lean)
    return np.asarray(scores, dtype=np.float32)
