"""The two texts a cross-encoder reads: a film as a short candidate card, and a request.

Training (`rerank.pairs`) and inference (`assistant.engine`) both build their inputs here, so the
model is never scored on text shaped differently from what it learnt on.

The pair is truncated to the model's max_length (longest side first, from its end), so each text
puts what decides relevance first and the long free text (overview) last, where truncation bites.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.movie import Movie

OVERVIEW_CHARS = 350
CANDIDATE_KEYWORDS = 8
CANDIDATE_CAST = 2
INTENT_CHARS = 400
REFERENCE_KEYWORDS = 3
MAX_REFERENCES = 5

# TMDB tags that describe the production or the credits, not the film a person is asking for.
NOISE_KEYWORDS = frozenset(
    {"aftercreditsstinger", "duringcreditsstinger", "woman director", "independent film", "3d", "imax"}
)


def useful_keywords(movie: Movie, limit: int | None = None) -> list[str]:
    """The film's keywords without production tags, in catalogue order."""
    words = [k for k in movie.keywords if k.strip() and k.lower() not in NOISE_KEYWORDS]
    return words if limit is None else words[:limit]


def cut_at_word(text: str, limit: int) -> str:
    """The first `limit` characters of text, ending at a word boundary, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    if space > limit // 2:  # a single very long word: cut inside it rather than drop most of the text
        head = head[:space]
    return head.rstrip(" ,;:.-") + "…"


def tail_at_word(text: str, limit: int) -> str:
    """The last `limit` characters of text, starting at a word boundary, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    tail = text[-limit:]
    space = tail.find(" ")
    if 0 <= space < limit // 2:
        tail = tail[space + 1 :]
    return "…" + tail.lstrip(" ,;:.-")


def candidate_text(movie: Movie) -> str:
    """A film as the cross-encoder sees it, e.g.
    "Heat (1995). Action, Crime, Drama. Directed by Michael Mann. Starring Al Pacino, Robert De Niro.
    Keywords: robbery, detective, bank, .... A group of professional bank robbers start to ..."."""
    parts = [f"{movie.label}."]
    if movie.genres:
        parts.append(f"{', '.join(movie.genres)}.")
    if movie.directors:
        parts.append(f"Directed by {', '.join(movie.directors[:2])}.")
    # Not in the brief's list, but requests name actors ("something with Tom Hanks"): the model can
    # only learn to match a name it is shown. Two names cost about eight tokens.
    if movie.cast:
        parts.append(f"Starring {', '.join(movie.cast[:CANDIDATE_CAST])}.")
    keywords = useful_keywords(movie, CANDIDATE_KEYWORDS)
    if keywords:
        parts.append(f"Keywords: {', '.join(keywords)}.")
    if movie.tagline.strip():
        parts.append(" ".join(movie.tagline.split()))
    if movie.overview.strip():
        parts.append(cut_at_word(movie.overview, OVERVIEW_CHARS))
    return " ".join(parts)


def reference_text(movie: Movie) -> str:
    """A liked film in a request: "Heat (Action, Crime, Drama; robbery, detective, bank)"."""
    details = ", ".join(movie.genres)
    keywords = useful_keywords(movie, REFERENCE_KEYWORDS)
    if keywords:
        details = f"{details}; {', '.join(keywords)}" if details else ", ".join(keywords)
    return f"{movie.title} ({details})" if details else movie.title


def query_text(intent: str, references: Sequence[Movie] = ()) -> str:
    """The request as the cross-encoder sees it: the intent (its last INTENT_CHARS characters, since
    in a conversation the latest words matter most), then the films the user said they like."""
    text = tail_at_word(intent, INTENT_CHARS)
    if references:
        liked = "; ".join(reference_text(m) for m in references[:MAX_REFERENCES])
        if text and text[-1] not in ".!?…":
            text += "."
        text = f"{text} Liked: {liked}" if text else f"Liked: {liked}"
    return text
