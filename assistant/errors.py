"""Errors a person can act on. Each message says what went wrong and the command that fixes it.

The CLI prints `str(error)` on one line and exits non-zero; no stack trace reaches a user.
"""

from __future__ import annotations

from ingest.catalogue import CatalogueError
from ingest.embedding import EmbeddingModelError
from ingest.store import StoreError


class ReelchatError(RuntimeError):
    """Base for reelchat's own actionable errors."""


class NotIngestedError(ReelchatError):
    """The collection is missing or empty."""


# Errors raised by the lower layers that the edges (CLI, UI, REST) turn into a message.
USER_ERRORS: tuple[type[Exception], ...] = (
    ReelchatError,
    CatalogueError,
    EmbeddingModelError,
    StoreError,
)
