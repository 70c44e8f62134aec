"""Real training (a minute on the packaged MiniLM), loading, scoring, and the trained model's skill."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ingest.movie import Movie
from rerank.cross_encoder import CrossEncoderReranker, RerankerModelError, _looks_local
from rerank.texts import query_text
from rerank.train import train_reranker

Encode = Callable[[list[str]], np.ndarray]


@pytest.mark.slow
def test_a_short_real_training_run_saves_a_model_that_loads_and_scores(
    catalogue_movies: list[Movie], ratings: pd.DataFrame, encode: Encode, tmp_path: Path
) -> None:
    out = tmp_path / "reranker"
    report = train_reranker(
        catalogue_movies,
        ratings,
        out,
        minutes=0.75,
        seed=0,
        progress=False,
        n_synth=50,
        n_colike=50,
        encode=encode,
    )
    assert report["steps"] > 0 and report["pairs"]["train"] + report["pairs"]["val"] == 100 * 5
    assert json.loads((out / "training.json").read_text())["val_after"] == report["val_after"]
    assert report["seconds"]["total"] < 240

    reranker = CrossEncoderReranker.load(out)
    assert reranker.max_length == report["max_length"]
    films = catalogue_movies[:3]
    scores = reranker.score(query_text("a funny family film"), films)
    assert scores.shape == (3,) and np.isfinite(scores).all()
    np.testing.assert_allclose(scores, reranker.score(query_text("a funny family film"), films), atol=1e-6)
    assert reranker.score("anything", []).shape == (0,)


def test_a_missing_model_names_the_command_that_trains_one(tmp_path: Path) -> None:
    with pytest.raises(RerankerModelError, match="reelchat train-reranker"):
        CrossEncoderReranker.load(tmp_path / "reranker")
    (tmp_path / "empty").mkdir()
    with pytest.raises(RerankerModelError, match=r"no config\.json.*reelchat train-reranker"):
        CrossEncoderReranker.load(str(tmp_path / "empty"))


def test_hub_names_and_paths_are_told_apart(tmp_path: Path) -> None:
    assert not _looks_local("cross-encoder/ms-marco-MiniLM-L-6-v2")
    assert _looks_local(tmp_path / "reranker") and _looks_local("./models/reranker")
    assert _looks_local("~/.local/share/reelchat/reranker") and _looks_local(str(tmp_path))
