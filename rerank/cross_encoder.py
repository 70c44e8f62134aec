"""`CrossEncoderReranker`: scores how well each candidate film fits one request.

A cross-encoder reads the request and a film's card together, so it can weigh "funny" against
"horror" in a way that cosine similarity of two separate embeddings cannot; it costs one
transformer pass per candidate, which is why it only reranks the retriever's top few dozen.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from ingest.movie import Movie
from rerank.texts import candidate_text

if TYPE_CHECKING:
    from sentence_transformers import CrossEncoder

# Measured on the 2-core sandbox (see the report in rerank/README or training.json): 30 candidates
# take about 0.6-0.9 s in float32 at any of 128/192/256 tokens and 0.25 s in bfloat16 at 128;
# request + card rarely need more than 128 tokens when the card puts the overview last.
DEFAULT_MAX_LENGTH = 128
EXAMPLE_HUB_MODEL = "cross-encoder/ms-marco-MiniLM-L-6-v2"
TRAIN_COMMAND = "reelchat train-reranker"
PRIOR_FILE = "prior.json"  # beside a trained model: the prior weight tuned for it on MovieLens
Precision = Literal["auto", "float32", "bfloat16"]


class RerankerModelError(RuntimeError):
    """The reranker model cannot be loaded; the message names the fix."""


def bfloat16_is_fast() -> bool:
    """Whether this CPU has AMX tiles, on which bfloat16 matmuls run about 3x faster than float32.
    Elsewhere bfloat16 is emulated and slower, so "auto" precision means float32 there."""
    import torch

    probe = getattr(torch.cpu, "_is_amx_tile_supported", None)
    try:
        return bool(probe()) if probe is not None else False
    except RuntimeError:
        return False


def tuned_prior_weight(model_dir: str | Path) -> float | None:
    """The prior weight `train-reranker` tuned for the model in `model_dir`, if it tuned one."""
    import json

    path = Path(model_dir) / PRIOR_FILE
    if not path.is_file():
        return None
    return float(json.loads(path.read_text(encoding="utf-8"))["weight"])


def _looks_local(name_or_path: str | Path) -> bool:
    """A path rather than a hub name ("org/model"): a Path, an existing path, or path-shaped text."""
    if isinstance(name_or_path, Path):
        return True
    text = str(name_or_path)
    return (
        Path(text).expanduser().exists()
        or text.startswith(("/", "./", "../", "~"))
        or "\\" in text
        or text.count("/") > 1
    )


class CrossEncoderReranker:
    """A one-score cross-encoder over (query_text, candidate_text) pairs; see `rerank.texts`."""

    def __init__(self, model: CrossEncoder, model_name: str, precision: Precision = "auto") -> None:
        import torch

        self.model = model
        self.model_name = model_name
        self.dtype = (
            "bfloat16"
            if precision == "bfloat16" or (precision == "auto" and bfloat16_is_fast())
            else "float32"
        )
        if self.dtype == "bfloat16":
            model.to(torch.bfloat16)
        self._identity = torch.nn.Identity()

    @property
    def max_length(self) -> int:
        return int(self.model.max_seq_length or 0)

    @classmethod
    def load(
        cls,
        name_or_path: str | Path,
        *,
        max_length: int | None = DEFAULT_MAX_LENGTH,
        precision: Precision = "auto",
        device: str = "cpu",
    ) -> CrossEncoderReranker:
        """A trained directory (what `reelchat train-reranker` saves) or a hub name such as
        cross-encoder/ms-marco-MiniLM-L-6-v2 (downloaded once, which needs internet).
        `max_length=None` keeps the model's own limit."""
        local = _looks_local(name_or_path)
        source = str(Path(name_or_path).expanduser()) if local else str(name_or_path)
        if local:
            path = Path(source)
            if not (path / "config.json").is_file():
                what = "is not a trained reranker (no config.json)" if path.exists() else "does not exist"
                raise RerankerModelError(
                    f"No reranker model at {path}: it {what}. Train one with `{TRAIN_COMMAND}` "
                    "(about 15 minutes on a laptop CPU), or use a hub cross-encoder such as "
                    f"{EXAMPLE_HUB_MODEL}."
                )
            # Everything is on disk: never let transformers ask the hub about it.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import CrossEncoder  # seconds to import: only once a model is there

        try:
            model = CrossEncoder(source, device=device, max_length=max_length, local_files_only=local)
        except (OSError, ValueError) as e:
            hint = (
                f"retrain it with `{TRAIN_COMMAND}`"
                if local
                else "check the name, or download it once with internet access"
            )
            raise RerankerModelError(f"Cannot load reranker {source!r}: {hint} ({e})") from e
        if model.num_labels != 1:
            raise RerankerModelError(
                f"Reranker {source!r} gives {model.num_labels} scores per pair; reelchat needs a "
                f"one-score relevance cross-encoder such as {EXAMPLE_HUB_MODEL}"
            )
        return cls(model, source, precision)

    def score_pairs(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        """Raw logits (higher: better fit) for (query_text, candidate_text) pairs."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer, got {batch_size}")
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        scores = self.model.predict(
            [(q, c) for q, c in pairs],
            batch_size=batch_size,
            show_progress_bar=False,
            activation_fn=self._identity,  # logits: blend() z-normalises, a sigmoid would squash
            convert_to_numpy=True,
        )
        return np.asarray(scores, dtype=np.float32).reshape(-1)

    def score(self, query: str, movies: Sequence[Movie], batch_size: int = 32) -> np.ndarray:
        """One raw logit per film, in the given order, for `query` (build it with `query_text`)."""
        return self.score_pairs([(query, candidate_text(m)) for m in movies], batch_size=batch_size)
