"""`reelchat train-reranker`: train the cross-encoder on pairs derived from our own catalogue and
MovieLens, then tune the prior's weight on MovieLens tune users. Never touches ReDial."""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.errors import ReelchatError
from assistant.settings import Settings
from rerank.cross_encoder import PRIOR_FILE


def train_and_tune(
    settings: Settings, minutes: float = 12.0, seed: int = 0, progress: bool = True
) -> dict[str, Any]:
    from assistant.engine import Engine
    from rerank.movielens import load_ratings
    from rerank.train import train_reranker

    if not (settings.movielens_dir / "ratings.csv").exists():
        raise ReelchatError(
            f"MovieLens ratings not found in {settings.movielens_dir}: set REELCHAT_MOVIELENS_DIR to an "
            "ml-latest-small folder"
        )
    started = time.perf_counter()
    base = Engine(replace(settings, reranker="none"))
    movies = list(base.movies.values())
    ratings = load_ratings(settings.movielens_dir, set(base.movies))
    # Train into a scratch folder and move it in place at the end, so a killed run never leaves
    # a half-written model that later runs would load.
    scratch = settings.reranker_dir.with_name(settings.reranker_dir.name + ".partial")
    shutil.rmtree(scratch, ignore_errors=True)
    vectors = stored_vectors(base, [m.id for m in movies])  # ingest embedded them already
    training = train_reranker(
        movies, ratings, scratch, minutes=minutes, seed=seed, progress=progress, vectors=vectors
    )

    tuning = tune_and_install(settings, scratch, progress)
    return {
        "reranker_dir": str(settings.reranker_dir),
        "training": training,
        "prior_weight": tuning["weight"],
        "tuning": tuning,
        "seconds": round(time.perf_counter() - started, 1),
    }


def tune_and_install(settings: Settings, trained: Path, progress: bool = True) -> dict[str, Any]:
    """Tune the prior's weight for the model in `trained` on MovieLens tune users, record it
    beside the model, and move the model to `settings.reranker_dir`, where it is used by default."""
    from assistant.engine import Engine
    from assistant.evaluation.runner import tune_prior_weight

    tuning = tune_prior_weight(Engine(replace(settings, reranker=str(trained))), progress=progress)
    (trained / PRIOR_FILE).write_text(json.dumps(tuning, indent=2), encoding="utf-8")
    shutil.rmtree(settings.reranker_dir, ignore_errors=True)
    trained.rename(settings.reranker_dir)
    return tuning


def stored_vectors(engine: Any, ids: list[str], page: int = 2_000) -> Any:
    """The collection's embeddings for `ids`, in that order (float32 array)."""
    import numpy as np

    rows: dict[str, Any] = {}
    for start in range(0, len(ids), page):
        got = engine.collection.get(ids=ids[start : start + page], include=["embeddings"])
        rows.update(zip(got["ids"], got["embeddings"], strict=True))
    return np.asarray([rows[i] for i in ids], dtype=np.float32)
