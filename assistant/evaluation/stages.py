"""Rankings at every stage for one request, and the engines the evaluation measures with.

Each request is retrieved once; the stages are orderings of the same candidates, so the table
compares like with like. MovieLens-based jobs use an engine whose MovieLens signals come from the
training half of the users only (`split_users` seed 0), so no test user's ratings leak in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from assistant.engine import STAGES, Engine
from assistant.settings import Settings
from assistant.understand import ParsedRequest

RANK_DEPTH = 50  # Recall@50 needs 50 films ranked


def stages_for(engine: Engine) -> list[str]:
    stages = [s for s in STAGES if s != "rerank" or engine.reranker is not None]
    return [s for s in stages if s != "learned" or engine.ranker is not None]  # blend works without


def staged_rankings(
    engine: Engine, parsed: ParsedRequest, exclude: frozenset[str], stages: list[str] | None = None
) -> dict[str, list[str]]:
    """stage -> movie ids, best first (RANK_DEPTH of them)."""
    retrieved = engine.retrieve(parsed, exclude)
    out: dict[str, list[str]] = {}
    for stage in stages or stages_for(engine):
        ordered = engine.order(parsed, retrieved, stage)
        out[stage] = [c.movie.id for c in ordered[:RANK_DEPTH]]
    return out


def as_known_item(parsed: ParsedRequest) -> ParsedRequest:
    """The same request, marked as a known-item search (when the parser has that field)."""
    if hasattr(parsed, "intent_kind"):
        return replace(parsed, intent_kind="known_item")  # type: ignore[call-arg]
    return parsed


def train_user_signals(settings: Settings, movie_ids: set[str], tag_part: int | None = None) -> Any:
    """MovieLens signals (co-liked neighbours, rating counts and means, tags) from the training half of
    the users only. Counts are scaled to all users, so the ranker sees the sizes it sees in use."""
    from rerank.movielens import (
        LIKE_POPULARITY,
        MovieLensSignals,
        item_neighbours,
        load_ratings,
        load_tags,
        split_users,
    )

    ratings = load_ratings(settings.movielens_dir, movie_ids)
    users = sorted(ratings["user"].unique())
    train, _ = split_users(users, seed=0, fraction=0.5)
    part = ratings[ratings["user"].isin(train)]
    scale = len(users) / max(len(train), 1)
    stats = part.groupby("movie_id")["rating"].agg(["count", "mean"])
    return MovieLensSignals(
        neighbours=item_neighbours(part),
        like_neighbours=item_neighbours(part, popularity=LIKE_POPULARITY),
        counts={str(i): round(float(c) * scale) for i, c in stats["count"].items()},
        means={str(i): float(m) for i, m in stats["mean"].items()},
        tags=load_tags(settings.movielens_dir, movie_ids, users=train, part=tag_part),
    )


def held_out_engine(settings: Settings, base: Engine | None = None, tag_part: int | None = None) -> Engine:
    """An engine for MovieLens-based evaluation and training (train-user signals only; with
    `tag_part`, only that half of their tags: see `rerank.movielens.load_tags`)."""
    ids = set(base.movies) if base is not None else None
    if ids is None:
        from assistant.catalogue import load_collection
        from assistant.library import open_store

        ids = {m.id for m in load_collection(open_store(settings, create=False)[1])[0]}
    return Engine(settings, signals=train_user_signals(settings, ids, tag_part))
