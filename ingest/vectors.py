"""Precomputed document vectors shipped beside a catalogue, so a first ingest need not embed.

`movies.parquet` may have `movies.vectors.npz` beside it: float16 vectors, the film ids, the hash of
each film's document text, and the name of the model that embedded them. A film's stored vector is
used only when the model name matches and its document hash matches the text ingest would embed
now; anything else (a new film, an edited overview, another model) is embedded as usual. A file
that cannot be read is reported and ignored: it can cost time, never correctness.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

VECTORS_SUFFIX = ".vectors.npz"
REBUILD_HINT = "rebuild it with `python data/prepare.py --vectors-only`"


def vectors_path_for(catalogue: str | Path) -> Path:
    """`data/movies.parquet` -> `data/movies.vectors.npz` (any catalogue format)."""
    catalogue = Path(catalogue)
    return catalogue.with_name(catalogue.stem + VECTORS_SUFFIX)


def document_hash(document: str) -> str:
    """What a stored vector is valid for: the exact text that was embedded."""
    return hashlib.sha256(document.encode("utf-8", errors="surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True)
class PrecomputedVectors:
    model: str
    row_of: dict[str, int]  # film id -> row of `vectors` / `hashes`
    hashes: np.ndarray  # str, one per row
    vectors: np.ndarray  # float16, rows x dim

    def __len__(self) -> int:
        return len(self.row_of)

    def vector_for(self, movie_id: str, document: str) -> np.ndarray | None:
        """The stored vector for this film, or None when there is none or its text changed."""
        row = self.row_of.get(movie_id)
        if row is None or self.hashes[row] != document_hash(document):
            return None
        return self.vectors[row]


def write_vectors(
    path: str | Path, model: str, ids: Sequence[str], documents: Sequence[str], vectors: Any
) -> Path:
    """Write vectors (rows in `ids` order) as float16 with their document hashes and model name."""
    path = Path(path)
    matrix = np.asarray(vectors, dtype=np.float16)
    if matrix.shape[0] != len(ids) or len(ids) != len(documents):
        raise ValueError(f"{len(ids)} ids, {len(documents)} documents, {matrix.shape[0]} vectors: must match")
    with path.open("wb") as out:  # an open file keeps numpy from appending a second ".npz"
        np.savez_compressed(
            out,
            model=np.array(model),
            ids=np.array(list(ids), dtype=str),
            hashes=np.array([document_hash(d) for d in documents], dtype=str),
            vectors=matrix,
        )
    return path


def load_vectors(path: str | Path, model_name: str) -> PrecomputedVectors | None:
    """The vectors at `path` if they exist, can be read and were made by `model_name`; else None,
    with one log line saying why (nothing at all when there is simply no file)."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as npz:
            model = str(npz["model"])
            ids = [str(i) for i in npz["ids"]]
            hashes = npz["hashes"]
            vectors = npz["vectors"]
    except Exception as e:  # zipfile, numpy and OS errors all mean the same here: unusable file
        log.error(
            "precomputed vectors %s cannot be read (%s: %s); embedding every film instead: %s",
            path,
            type(e).__name__,
            e,
            REBUILD_HINT,
        )
        return None
    if not (len(ids) == len(hashes) == vectors.shape[0]) or vectors.ndim != 2:
        log.error(
            "precomputed vectors %s are inconsistent (%d ids, %d hashes, %s vectors); embedding every "
            "film instead: %s",
            path,
            len(ids),
            len(hashes),
            vectors.shape,
            REBUILD_HINT,
        )
        return None
    if model != model_name:
        log.warning(
            "precomputed vectors %s were made with %r, not %r; ignoring them and embedding",
            path,
            model,
            model_name,
        )
        return None
    return PrecomputedVectors(model, {movie_id: i for i, movie_id in enumerate(ids)}, hashes, vectors)


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """float32 rows of length 1, as the encoder returns them (float16 storage loses a little)."""
    rows = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)
