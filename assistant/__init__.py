"""reelchat: a private, local, retrieval-augmented chat assistant for films.

    from assistant import MovieAssistant

    bot = MovieAssistant()
    bot.recommend("a tense 90s heist thriller, nothing gory", k=5)   # list[Recommendation]
    bot.chat("something like Alien but funny", session_id="me")      # Reply

The names below load on first use, so `import assistant.settings` (and `reelchat --help`) stays
fast: the API pulls in the retrieval stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.api import MovieAssistant
    from assistant.errors import ReelchatError
    from assistant.results import Event, Recommendation, Reply
    from assistant.settings import Settings

__all__ = ["Event", "MovieAssistant", "Recommendation", "ReelchatError", "Reply", "Settings"]

_HOMES = {
    "MovieAssistant": "assistant.api",
    "Recommendation": "assistant.results",
    "Reply": "assistant.results",
    "Event": "assistant.results",
    "Settings": "assistant.settings",
    "ReelchatError": "assistant.errors",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
