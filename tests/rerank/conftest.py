"""Fixtures for the reranker tests: MovieLens ratings joined to the shipped catalogue, and a fast
deterministic hashing encoder standing in for MiniLM where only the logic around it is tested."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ingest.movie import Movie
from rerank.movielens import load_ratings
from rerank.pairs import film_vectors

REPO = Path(__file__).resolve().parents[2]
ML_DIR = REPO.parent / "shared" / "data" / "movielens-latest-small"
HASH_DIM = 512


def hashing_encode(texts: list[str]) -> np.ndarray:
    """Bag of words hashed into HASH_DIM buckets, unit length: similar words, similar vectors."""
    out = np.zeros((len(texts), HASH_DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in re.findall(r"\w+", text.lower()):
            out[row, zlib.crc32(word.encode()) % HASH_DIM] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


@pytest.fixture
def encode() -> Callable[[list[str]], np.ndarray]:
    return hashing_encode


@pytest.fixture(scope="session")
def catalogue_vectors(catalogue_movies: list[Movie]) -> np.ndarray:
    """The shipped catalogue's documents through `hashing_encode`, computed once."""
    return film_vectors(catalogue_movies, hashing_encode)


@pytest.fixture(scope="session")
def ratings(catalogue_movies: list[Movie]) -> pd.DataFrame:
    if not (ML_DIR / "ratings.csv").exists():
        pytest.skip(f"MovieLens ml-latest-small not found at {ML_DIR} (see the shared data README)")
    return load_ratings(ML_DIR, {m.id for m in catalogue_movies})
