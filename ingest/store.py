"""ChromaDB behind one factory: embedded `PersistentClient` by default, `HttpClient` for a server."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection


class StoreError(RuntimeError):
    """The vector store cannot be reached or used; the message names the fix."""


def chroma_client(path: str | Path | None = None, url: str | None = None) -> ClientAPI:
    """A Chroma client: `url` (http://host:port) selects a server, else an embedded store at `path`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        parsed = urlparse(url if "://" in url else f"http://{url}")
        if not parsed.hostname:
            raise StoreError(f"--chroma-url {url!r} is not a URL like http://127.0.0.1:8000")
        port = parsed.port or (443 if parsed.scheme == "https" else 8000)
        try:
            client = chromadb.HttpClient(
                host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=chroma_settings
            )
            client.heartbeat()
        except Exception as e:  # chromadb raises several types for an unreachable server
            raise StoreError(
                f"Cannot reach the Chroma server at {url}: start it with "
                f"`chroma run --path DIR --port {port}`, or unset REELCHAT_CHROMA_URL to use the "
                f"embedded store ({type(e).__name__}: {e})"
            ) from e
        return client
    if path is None:
        raise StoreError("give an embedded store path or a server URL")
    Path(path).mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def open_collection(client: ClientAPI, name: str, embed_model: str, create: bool = True) -> Collection:
    """The movies collection, cosine space, tagged with the model that embedded it so a query
    with another model is refused instead of silently returning nonsense."""
    meta: dict[str, Any] = {"hnsw:space": "cosine", "embedding_model": embed_model}
    if create:
        try:
            collection = client.get_or_create_collection(name, metadata=meta, embedding_function=None)
        except Exception as e:  # chromadb raises InvalidArgumentError (not a ValueError) for a bad name
            raise StoreError(f"Cannot create collection {name!r}: {e}") from e
    else:
        try:
            collection = client.get_collection(name, embedding_function=None)
        except Exception as e:
            raise StoreError(f"No collection {name!r} in the store yet: run `reelchat ingest` first") from e
    stored = (collection.metadata or {}).get("embedding_model")
    if stored and stored != embed_model:
        raise StoreError(
            f"Collection {name!r} was embedded with {stored!r}, not {embed_model!r}: use the same "
            f"model (REELCHAT_EMBED_MODEL), or ingest into another collection with --collection"
        )
    return collection


def stored_hashes(collection: Collection, key: str, page: int = 5_000) -> dict[str, str]:
    """id -> content hash of everything stored, paged so 100k-film collections stay cheap."""
    hashes: dict[str, str] = {}
    offset = 0
    while True:
        got = collection.get(include=["metadatas"], limit=page, offset=offset)  # type: ignore[list-item]
        ids = got["ids"]
        for movie_id, meta in zip(ids, got["metadatas"] or [], strict=True):
            hashes[movie_id] = str((meta or {}).get(key, ""))
        if len(ids) < page:
            return hashes
        offset += page
