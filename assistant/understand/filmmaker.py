"""Films asked for by who made another one: "films by the director of Inception", "what else did the
director of the second one make?", "more from the same director".

The film named (or pointed at, in a conversation) gives its directors, and they become the request's
director constraint: the films themselves, not a fact about the one named. Where the catalogue has no
credits for that film, nothing is guessed: the question about its director is answered instead, and
says the catalogue does not know.
"""

from __future__ import annotations

import re

# "films by / from the director of", "what else did the director (of X) make", "anything else by that
# director", "more from the same director", "other movies directed by the person who made X"
_BY_THE_DIRECTOR = re.compile(
    r"\b(?:films?|movies?|more|others?|anything|something|what\s+else|work|stuff)\b[^.?!;]{0,30}?"
    r"\b(?:by|from|did|has|of|made\s+by|directed\s+by)\s+(?:the|that|this|its|his|her|their)\s+(?:same\s+)?"
    r"(?:director|filmmaker)\b"
    r"|\b(?:same|that|this)\s+director['’]s\s+(?:other\s+)?(?:films|movies|work)\b",
    re.I,
)


def asks_films_by_director(text: str) -> bool:
    """Whether the message asks for a director's films by naming (or pointing at) one of them."""
    return _BY_THE_DIRECTOR.search(text) is not None
