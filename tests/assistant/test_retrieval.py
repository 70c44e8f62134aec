"""Retrieval: a request with hard constraints is searched exactly among the allowed films
(assistant.columns); co-liked neighbours by how many films the request names."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.api import MovieAssistant
from assistant.columns import FilmColumns
from assistant.retrieval import RetrievalQuery, chroma_where
from assistant.understand import RequestConstraints, parse_request
from ingest.movie import Movie

REQUESTS = [
    "a 90s heist thriller",
    "a 10s history movie, nothing too long",
    "a comedy that's not a romance, under 100 minutes",
    "a korean thriller",
    "not in english, from the 70s",
    "a Tom Hanks comedy",
    "films with Tom Hanks and Meg Ryan",
    "a Spielberg film from the 80s",
    "fantasy but no harry potter",
    "rated above 8, made before 1960",
]


@pytest.fixture(scope="module")
def columns(catalogue_movies: list[Movie]) -> FilmColumns:
    return FilmColumns.build(catalogue_movies)


def test_the_columns_allow_exactly_what_the_constraints_allow(
    assistant: MovieAssistant, columns: FilmColumns
) -> None:
    index = assistant.engine.catalogue.index
    tested = 0
    for text in REQUESTS:
        c = parse_request(text, index).constraints
        assert not c.is_empty(), text
        expected = [c.allows(m) for m in columns.movies]
        assert columns.allowed(c).tolist() == expected, text
        tested += sum(expected)
    assert tested > 100  # the requests keep films: the equality is not all False


def test_unknown_values_never_meet_a_limit() -> None:
    films = [
        Movie(id="a", title="A", overview=""),
        Movie(id="b", title="B", overview="", year=1999, runtime=90),
    ]
    columns = FilmColumns.build(films)
    assert columns.allowed(RequestConstraints(year_min=1990)).tolist() == [False, True]
    assert columns.allowed(RequestConstraints(runtime_max=100)).tolist() == [False, True]
    assert columns.allowed(RequestConstraints(languages=("en",))).tolist() == [False, False]
    assert columns.allowed(RequestConstraints(exclude_languages=("ko",))).tolist() == [False, False]


@pytest.mark.parametrize("text", ["a 90s heist thriller", "a 10s history movie, nothing too long"])
def test_the_exact_search_is_never_further_than_chromas_filtered_search(
    assistant: MovieAssistant, text: str
) -> None:
    catalogue = assistant.engine.catalogue
    retriever = catalogue.retriever
    c = parse_request(text, catalogue.index).constraints
    vector = catalogue.embeddings.encode([text])[0]
    exact = retriever.dense(RetrievalQuery(vector, text, constraints=c), 30)
    hnsw = retriever.store.similarity_search_by_vector_with_relevance_scores(
        [float(x) for x in vector], k=30, filter=chroma_where(c)
    )
    assert len(exact) == len(hnsw) == 30
    assert all(c.allows(catalogue.movies[i]) for i, _ in exact)
    distances = [d for _, d in exact]
    assert distances == sorted(distances)
    # Both report cosine distance; the exact list is at least as near at every position.
    assert np.all(np.asarray(distances) <= np.asarray([d for _, d in hnsw]) + 1e-4)
    assert exact[0][0] == hnsw[0][0].id or distances[0] < hnsw[0][1]


def test_one_named_film_uses_the_neighbours_that_discount_popularity() -> None:
    from assistant.retrieval import HybridRetriever

    retriever = HybridRetriever.model_construct(
        neighbours={"a": [("popular", 0.5)], "b": [("popular", 0.5)], "c": [("popular", 0.5)]},
        like_neighbours={"a": [("kin", 0.2)], "b": [("kin", 0.1)], "c": [("kin", 0.1)]},
    )

    def found(*refs: str) -> list[tuple[str, float]]:
        return retriever.collaborative(RetrievalQuery(None, "", references=refs), 10)

    assert found("a") == [("kin", 0.2)]
    assert found("a", "b") == [("popular", 1.0)]  # two or more films: the usual co-liking
    assert found("a", "b", "c") == [("popular", 1.5)]
