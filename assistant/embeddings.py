"""The sentence-transformers model as a LangChain `Embeddings`, so langchain-chroma can use it."""

from __future__ import annotations

from typing import Any

from langchain_core.embeddings import Embeddings

from ingest.embedding import load_embedder


class SentenceTransformerEmbeddings(Embeddings):
    """Unit-length embeddings from the same model (and the same packaged weights) ingest used."""

    def __init__(self, model_name: str, batch_size: int = 64) -> None:
        self.model_name = model_name
        self.batch_size = batch_size

    @property
    def model(self) -> Any:
        return load_embedder(self.model_name)  # cached per process

    def encode(self, texts: list[str]) -> Any:
        """texts -> numpy array (n, dim); the form the rest of reelchat computes with."""
        return self.model.encode(
            texts,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self.encode(texts)]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self.encode([text])[0]]
