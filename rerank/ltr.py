"""The learned ranker: LightGBM LambdaMART over `rerank.features`, one model per kind of request.

Two models ship in one file (data/ranker.json): "recommend" reads every feature; "known_item"
("what's the film where...") reads only how well a film fits, never its popularity. Each is a
LightGBM text model with the names of the features it was trained on, so a model and the code
computing its features cannot drift apart silently.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

KINDS = ("recommend", "known_item")
# Rounds without a better validation NDCG@10 before training stops: generous, since the validation
# groups are few and their NDCG moves in steps (at 40, one model stopped after 8 rounds).
PATIENCE = 100
PARAMS: dict[str, Any] = {
    "objective": "lambdarank",
    "metric": "ndcg",
    "eval_at": [5, 10],
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 50,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambdarank_truncation_level": 20,
    "num_threads": 2,
    "verbose": -1,
    "seed": 0,
    "deterministic": True,
}


class RankerModelError(RuntimeError):
    """The ranker model file is missing or unreadable; the message names the fix."""


@dataclass
class Group:
    """One training request: a feature row per candidate, and which candidates were right."""

    features: np.ndarray
    labels: np.ndarray


@dataclass
class LearnedRanker:
    """Scores candidate rows; higher is better."""

    models: dict[str, Any]  # kind -> lightgbm.Booster
    feature_names: dict[str, tuple[str, ...]]
    about: dict[str, Any]

    def score(self, kind: str, features: np.ndarray) -> np.ndarray:
        model = self.models.get(kind) or self.models["recommend"]
        if not len(features):
            return np.zeros(0, dtype=np.float32)
        return np.asarray(model.predict(features, num_threads=1), dtype=np.float32)

    def names(self, kind: str) -> tuple[str, ...]:
        return self.feature_names.get(kind) or self.feature_names["recommend"]

    @classmethod
    def load(cls, path: Path | str) -> LearnedRanker:
        import lightgbm as lgb

        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            models = {kind: lgb.Booster(model_str=m["model"]) for kind, m in data["models"].items()}
            names = {kind: tuple(m["features"]) for kind, m in data["models"].items()}
        except (OSError, ValueError, KeyError, lgb.basic.LightGBMError) as e:
            raise RankerModelError(
                f"Cannot read the ranker model {path}: {e}. Rebuild it with `reelchat train-ranker`."
            ) from e
        if "recommend" not in models:
            raise RankerModelError(
                f"{path} has no 'recommend' model: rebuild it with `reelchat train-ranker`"
            )
        return cls(models, names, data.get("about", {}))

    def save(self, path: Path | str) -> None:
        payload = {
            "about": self.about,
            "models": {
                kind: {"features": list(self.feature_names[kind]), "model": model.model_to_string()}
                for kind, model in self.models.items()
            },
        }
        Path(path).write_text(json.dumps(payload, ensure_ascii=False) + "\n", encoding="utf-8")


def train_model(
    train: Sequence[Group],
    valid: Sequence[Group],
    names: Sequence[str],
    rounds: int = 400,
    params: Mapping[str, Any] | None = None,
) -> tuple[Any, dict[str, Any]]:
    """A LambdaMART booster, stopped early on the validation groups' NDCG@10."""
    import lightgbm as lgb

    def dataset(groups: Sequence[Group], reference: Any = None) -> Any:
        kept = [g for g in groups if g.labels.any() and len(g.labels) > 1]
        x = np.vstack([g.features for g in kept])
        y = np.concatenate([g.labels for g in kept])
        return lgb.Dataset(
            x, y, group=[len(g.labels) for g in kept], feature_name=list(names), reference=reference
        )

    train_set = dataset(train)
    valid_set = dataset(valid, reference=train_set)
    evals: dict[str, Any] = {}
    booster = lgb.train(
        {**PARAMS, **(params or {})},
        train_set,
        num_boost_round=rounds,
        valid_sets=[valid_set],
        valid_names=["valid"],
        callbacks=[lgb.early_stopping(PATIENCE, verbose=False), lgb.record_evaluation(evals)],
    )
    gain = booster.feature_importance(importance_type="gain")
    report = {
        "rounds": int(booster.best_iteration),
        "valid_ndcg@10": round(float(max(evals["valid"]["ndcg@10"])), 4),
        "train_groups": int(sum(bool(g.labels.any()) for g in train)),
        "valid_groups": int(sum(bool(g.labels.any()) for g in valid)),
        "top_features": [name for name, _ in sorted(zip(names, gain, strict=True), key=lambda p: -p[1])[:10]],
    }
    return booster, report
