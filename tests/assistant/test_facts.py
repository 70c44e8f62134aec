"""Answers to questions about a film come from the catalogue's facts, never invented."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.facts import answer_film_question
from assistant.understand import CatalogueIndex, parse_request
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


def answer(index: CatalogueIndex, message: str) -> str:
    parsed = parse_request(message, index)
    movie = index.movie(parsed.asked_film) if parsed.asked_film else None
    return answer_film_question(parsed, movie)


def test_answers_quote_the_catalogue(index: CatalogueIndex) -> None:
    assert answer(index, "who directed Inception?") == "Inception (2010) was directed by Christopher Nolan."
    titanic = index.match_title("Titanic", 1997)
    assert titanic is not None and titanic.runtime
    assert answer(index, "how long is Titanic?").startswith(f"Titanic (1997) runs {titanic.runtime} minutes")
    assert answer(index, "what year did Jaws come out?") == "Jaws came out in 1975."
    assert "Leonardo DiCaprio" in answer(index, "who is in Inception?")
    # Heat comes from the second source, which carries no credits: said, not invented
    assert answer(index, "who directed Heat?") == (
        "The catalogue doesn't say who directed Heat (1995). Its source carries no credits for it."
    )


def test_kids_answer_says_it_rests_on_genres_not_an_age_rating(index: CatalogueIndex) -> None:
    said = answer(index, "is Coco for kids?")
    assert "no age rating" in said and "families" in said


def test_a_film_without_credits_is_not_given_a_made_up_director() -> None:
    film = Movie(id="x", title="Obscure Film", overview="A quiet story.", year=2021, has_credits=False)
    parsed = replace(parse_request("", CatalogueIndex([film])), question="director", asked_film="x")
    said = answer_film_question(parsed, film)
    assert (
        said
        == "The catalogue doesn't say who directed Obscure Film (2021). Its source carries no credits for it."
    )


def test_facts_the_catalogue_never_holds_are_declined(index: CatalogueIndex) -> None:
    assert (
        answer(index, "where can I stream Heat?")
        == "The catalogue doesn't hold where it is streaming for Heat (1995)."
    )
    assert answer(index, "who directed Zzzyxq?").startswith("I couldn't find that film")
