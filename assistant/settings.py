"""One frozen `Settings`, built once from `REELCHAT_*` environment variables; CLI flags override.

Nothing else in reelchat reads `os.environ` (the embedding loader sets HF_HUB_OFFLINE for the
packaged model, which is the model's business, not a setting).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"  # what the product ships: catalogue, vectors, MovieLens signals, ranker
DEFAULT_CATALOGUE = DATA_DIR / "movies.parquet"
DEFAULT_EMBED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_MOVIELENS = REPO_ROOT.parent / "shared" / "data" / "movielens-latest-small"
MAX_K = 20  # films one reply may show


def _default_home(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "reelchat"


@dataclass(frozen=True)
class Settings:
    home: Path
    chroma_dir: Path
    chroma_url: str | None = None
    collection: str = "movies"
    embed_model: str = DEFAULT_EMBED_MODEL
    catalogue: Path = DEFAULT_CATALOGUE
    batch_size: int = 64
    data_dir: Path = DATA_DIR
    # The learned ranker that votes in the default ordering (engine.Engine.blended): "learned" (the
    # LightGBM ranker shipped as data/ranker.json), "none" (RRF and standing vote alone), or a path
    # to another ranker file.
    ranker: str = "learned"
    # Cross-encoder over the default ordering's head: "none" (the default: see docs/EVAL.md), "trained" for
    # the one `train-reranker` saves under the data directory, or a hub name / local directory.
    reranker: str = "none"
    rerank_top: int = 30
    movielens_dir: Path = DEFAULT_MOVIELENS
    # Language model backend: auto | ollama | llamacpp | openai | none (assistant.llm).
    llm: str = "auto"
    ollama_host: str = "http://127.0.0.1:11434"  # OLLAMA_HOST, as the ollama CLI reads it
    ollama_model: str = "llama3.2"
    gguf: Path | None = None  # None: the assembled Qwen, else the packaged SmolLM2
    openai_base_url: str | None = None
    openai_model: str | None = None
    openai_api_key: str | None = None
    llm_timeout: float = 60.0  # seconds the model may go without producing words
    llm_max_tokens: int = 96  # per film: one or two sentences
    llm_context: int = 4096  # context window asked of the model (llama.cpp n_ctx, Ollama num_ctx)
    api_token: str | None = None  # REELCHAT_API_TOKEN: when set, REST writes need it as a Bearer token

    @property
    def reranker_dir(self) -> Path:
        return self.home / "reranker"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read `REELCHAT_*` variables; keyword overrides that are not None win (CLI flags)."""
        env = os.environ if env is None else env
        home = Path(env.get("REELCHAT_HOME") or _default_home(env)).expanduser()
        settings = cls(
            home=home,
            chroma_dir=Path(env.get("REELCHAT_CHROMA_DIR") or home / "chroma").expanduser(),
            chroma_url=env.get("REELCHAT_CHROMA_URL") or None,
            collection=env.get("REELCHAT_COLLECTION") or "movies",
            embed_model=env.get("REELCHAT_EMBED_MODEL") or DEFAULT_EMBED_MODEL,
            catalogue=Path(env.get("REELCHAT_CATALOGUE") or DEFAULT_CATALOGUE),
            batch_size=int(env.get("REELCHAT_BATCH_SIZE") or 64),
            data_dir=Path(env.get("REELCHAT_DATA_DIR") or DATA_DIR),
            ranker=env.get("REELCHAT_RANKER") or "learned",
            reranker=env.get("REELCHAT_RERANKER") or "none",
            rerank_top=int(env.get("REELCHAT_RERANK_TOP") or 30),
            movielens_dir=Path(env.get("REELCHAT_MOVIELENS_DIR") or DEFAULT_MOVIELENS),
            llm=(env.get("REELCHAT_LLM") or "auto").strip().lower(),
            ollama_host=env.get("OLLAMA_HOST") or "http://127.0.0.1:11434",
            ollama_model=env.get("REELCHAT_OLLAMA_MODEL") or "llama3.2",
            gguf=Path(env["REELCHAT_GGUF"]).expanduser() if env.get("REELCHAT_GGUF") else None,
            openai_base_url=env.get("REELCHAT_OPENAI_BASE_URL") or None,
            openai_model=env.get("REELCHAT_OPENAI_MODEL") or None,
            openai_api_key=env.get("REELCHAT_OPENAI_API_KEY") or None,
            llm_timeout=float(env.get("REELCHAT_LLM_TIMEOUT") or 60),
            llm_max_tokens=int(env.get("REELCHAT_LLM_MAX_TOKENS") or 96),
            llm_context=int(env.get("REELCHAT_LLM_CONTEXT") or 4096),
            api_token=env.get("REELCHAT_API_TOKEN") or None,
        )
        return settings.with_overrides(**overrides)

    def with_overrides(self, **overrides: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        given = {k: v for k, v in overrides.items() if v is not None}
        for name in ("home", "chroma_dir", "catalogue", "movielens_dir", "gguf", "data_dir"):
            if isinstance(given.get(name), str):
                given[name] = Path(given[name]).expanduser()
        if "home" in given and "chroma_dir" not in given:
            given["chroma_dir"] = Path(given["home"]) / "chroma"
        return replace(self, **given)
