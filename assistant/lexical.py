"""BM25 over what people name exactly: titles, directors, actors, keywords, genres, plot (bm25s).

Dense vectors blur names ("Tom Hanks" is close to any actor); BM25 does not, which is why the
two are fused."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from ingest.movie import Movie

# Words every request is made of: in a BM25 query they match titles ("Something Wicked" for
# "something like Inception") and plots at random. English stopwords go too (bm25s "en").
REQUEST_NOISE = frozenset(
    "movie movies film films flick flicks something anything stuff watch watching want wanna like "
    "liked loved enjoyed recommend recommendation recommendations suggest suggestion suggestions "
    "seen good great best kind sort please thanks maybe also".split()
)


def lexical_query(text: str) -> str:
    """The request's words that can tell films apart."""
    return " ".join(w for w in text.split() if w.lower().strip(".,;:!?\"'()") not in REQUEST_NOISE)


def lexical_text(movie: Movie) -> str:
    # Title twice: a title match should outweigh one keyword. The plot too: rare plot words
    # ("ferry", "smuggle") are exactly what a dense vector of a short request can miss.
    fields = [movie.title, movie.title, *movie.directors, *movie.cast, *movie.keywords, *movie.genres]
    fields += [movie.tagline, movie.overview]
    return " ".join(fields)


class BM25Index:
    """A bm25s index whose row i is `ids[i]`."""

    def __init__(self, movies: Sequence[Movie]) -> None:
        import bm25s

        self.ids = [movie.id for movie in movies]
        tokens = bm25s.tokenize([lexical_text(m) for m in movies], stopwords="en", show_progress=False)
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


class BM25MovieRetriever(BaseRetriever):
    """The BM25 index as a LangChain retriever (documents carry `movie_id` and `score`)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    index: BM25Index
    k: int = 100

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [
            Document(page_content=movie_id, id=movie_id, metadata={"movie_id": movie_id, "score": score})
            for movie_id, score in self.index.search(query, self.k)
        ]
