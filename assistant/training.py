"""`reelchat train-reranker`: train the cross-encoder on pairs derived from our own catalogue and
MovieLens. Never touches ReDial. The engine blends it with the learned ranker's order."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.errors import ReelchatError
from assistant.settings import Settings


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
    vectors = base.catalogue.vectors([m.id for m in movies])  # ingest embedded them already
    training = train_reranker(
        movies, ratings, scratch, minutes=minutes, seed=seed, progress=progress, vectors=vectors
    )

    install(settings, scratch)
    return {
        "reranker_dir": str(settings.reranker_dir),
        "training": training,
        "seconds": round(time.perf_counter() - started, 1),
    }


def install(settings: Settings, trained: Path) -> None:
    """Move the model in `trained` to `settings.reranker_dir`, where `REELCHAT_RERANKER=trained`
    finds it. Training writes into a scratch folder first, so a killed run never leaves a
    half-written model that later runs would load."""
    shutil.rmtree(settings.reranker_dir, ignore_errors=True)
    trained.rename(settings.reranker_dir)
