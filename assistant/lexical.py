"""BM25 over what people name exactly: titles; and directors, actors, keywords, genres, plot (bm25s).

Dense vectors blur names ("Tom Hanks" is close to any actor); BM25 does not, which is why the
two are fused."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.understand.vocabulary import STOPWORDS
from ingest.movie import Movie

# Words every request is made of: in a BM25 query they match titles ("Something Wicked" for
# "something like Inception") and plots at random. English stopwords go too (bm25s "en").
REQUEST_NOISE = frozenset(
    "movie movies film films flick flicks something anything stuff watch watching want wanna like "
    "liked loved enjoyed recommend recommendation recommendations suggest suggestion suggestions "
    "seen good great best kind sort please thanks maybe also".split()
)
# How people ask, never what a film is like ("what should we put on", "any ideas?"). Not request
# noise for BM25: in a long memory of a film ("I can't tell if it was a show") they may matter.
CHAT_WORDS = frozenset(
    "should would could need needs put pls plz thank honestly really just actually give show tell "
    "find pick help idea ideas options tonight thats fine much instead ones now".split()
)
GLUE = STOPWORDS | REQUEST_NOISE | CHAT_WORDS  # words that say nothing of the film wanted on their own
# What a film is adapted from ("based on a true story", "adapted from comic books"): one topic, said
# as the descriptors say it (`assistant/topics.py`), and no title's words: "a thriller based on a book"
# opened with The Book of Eli, "movies based on video games" showed Pixels and WarGames.
SOURCE = re.compile(
    r"\b(?:based\s+on|adapted\s+from|inspired\s+by|adaptations?\s+of)\s+(?:(?:a|an|the|some)\s+)?"
    r"(?P<source>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})",
    re.I,
)


def says_nothing(text: str) -> bool:
    """Whether no word of `text` says anything of the film wanted ("something, actually", "instead")."""
    return not any(w not in GLUE for w in re.findall(r"[^\W\d_]{2,}", text.lower()))


def lexical_query(text: str) -> str:
    """The request's words that can tell films apart."""
    return " ".join(w for w in text.split() if w.lower().strip(".,;:!?\"'()") not in REQUEST_NOISE)


def title_query(lexical: str) -> str:
    """The words of a request a title may match: not what the film is based on."""
    return SOURCE.sub(" ", lexical)


def title_text(movie: Movie) -> str:
    return movie.title


def content_text(movie: Movie) -> str:
    """Everything but the title: people, keywords, genres, tagline and plot. Rare plot words
    ("ferry", "smuggle") are exactly what a dense vector of a short request can miss. The title is
    its own index, so that a title word alone ("Heist") cannot outscore a film about a heist."""
    fields = [*movie.directors, *movie.cast, *movie.keywords, *movie.genres, movie.tagline, movie.overview]
    return " ".join(fields)


class BM25Index:
    """A bm25s index over one field of each film (`text_of`), whose row i is `ids[i]`."""

    def __init__(self, movies: Sequence[Movie], text_of: Callable[[Movie], str] = content_text) -> None:
        import bm25s

        self.ids = [movie.id for movie in movies]
        tokens = bm25s.tokenize([text_of(m) for m in movies], stopwords="en", show_progress=False)
        self._bm25 = bm25s.BM25()
        self._bm25.index(tokens, show_progress=False)

    def search(self, query: str, k: int = 100) -> list[tuple[str, float]]:
        """(movie id, BM25 score) best first; [] when the query has no indexed word."""
        import bm25s

        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False, return_ids=False)
        if not tokens or not tokens[0]:
            return []
        scores = self._bm25.get_scores(tokens[0])
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
