"""Black and white or colour, read from the message and judged from what is sure of a film."""

from __future__ import annotations

import pytest

from assistant import MovieAssistant
from assistant.understand import CatalogueIndex, parse_request
from assistant.understand.picture import surely_black_and_white, surely_colour
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


@pytest.mark.parametrize(
    ("message", "wanted", "intent"),
    [
        ("a black and white horror", True, "a horror"),
        ("an old B&W comedy", True, None),
        ("something like Casablanca but in colour please, I struggle with black and white", False, None),
        ("a war film, nothing in black and white", False, "a war film"),
        ("a colour movie from the 1950s", False, None),
        ("a heist thriller", None, "a heist thriller"),
    ],
)
def test_black_and_white_or_colour_is_read_and_leaves_the_search(
    index: CatalogueIndex, message: str, wanted: bool | None, intent: str | None
) -> None:
    parsed = parse_request(message, index)
    assert parsed.black_and_white is wanted
    assert not {"black", "white", "colour", "b&w"} & set(parsed.intent.lower().split())
    if intent is not None:
        assert parsed.intent == intent


def film(year: int | None, genres: tuple[str, ...] = ("Drama",), keywords: tuple[str, ...] = ()) -> Movie:
    return Movie(id="1", title="A Film", overview="", year=year, genres=genres, keywords=keywords)


def test_only_what_is_sure_is_judged() -> None:
    assert surely_black_and_white(film(1931))  # before Becky Sharp (1935), the first in full colour
    assert not surely_black_and_white(film(1931, ("Animation",)))
    assert surely_black_and_white(film(1979), ("black and white",))  # Manhattan, tagged so
    assert surely_colour(film(1994)) and surely_colour(film(1940, ("Animation",)))
    assert not surely_colour(film(1979, keywords=("black and white",)))
    for year in (1942, 1954, 1966, None):  # Casablanca and Vertigo alike: not judged
        assert not surely_black_and_white(film(year)) and not surely_colour(film(year))


def test_an_old_black_and_white_film_is_no_modern_film_labelled_so_for_a_scene(
    assistant: MovieAssistant,
) -> None:
    """Before: Miller's Crossing, The Giver, Psycho, Sin City, Rashomon (the words found labels)."""
    picks = assistant.recommend("an old black-and-white film worth discovering", k=10)
    assert not [
        p.title
        for p in picks
        if p.year is not None and p.year >= 1967 and "black and white" not in p.keywords
    ]


@pytest.mark.parametrize("message", ["a black and white film", "something in black and white"])
def test_black_and_white_and_nothing_else_draws_films_that_may_be_so(
    assistant: MovieAssistant, message: str
) -> None:
    """The words leave the search and nothing is left to search for: the candidates were the
    best-known films of any kind, all in colour, and the reply opened with Avengers: Infinity War.
    Now the best-known films not surely in colour are drawn too."""
    picks = assistant.recommend(message, k=5)
    assert len(picks) == 5
    assert not [p.title for p in picks if surely_colour(p)]
