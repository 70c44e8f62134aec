"""Black and white or colour, read from the message and judged from what is sure of a film."""

from __future__ import annotations

import pytest

from assistant import MovieAssistant
from assistant.understand import CatalogueIndex, parse_request
from assistant.understand.picture import surely_black_and_white, surely_colour, surely_silent, surely_sound
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


@pytest.mark.parametrize(
    ("message", "silent", "intent"),
    [
        ("a silent film", True, "a film"),
        ("silent era comedies", True, "comedies"),
        ("now a silent one", True, None),  # a follow-up
        ("comedies from the silent era", True, "comedies"),
        ("a comedy, but no silent films please", False, None),  # not the Silent Hill series
        ("a thriller with a strong silent type hero", None, None),
        ("Silent Hill", None, None),  # the film
    ],
)
def test_silent_is_read_and_leaves_the_search(
    index: CatalogueIndex, message: str, silent: bool | None, intent: str | None
) -> None:
    parsed = parse_request(message, index)
    assert parsed.silent is silent
    assert not parsed.constraints.exclude_series
    if intent is not None:
        assert parsed.intent == intent


def test_what_is_sure_of_a_films_sound() -> None:
    def film(year: int | None, keywords: tuple[str, ...] = ()) -> Movie:
        return Movie(id="x", title="x", overview="", year=year, keywords=list(keywords))

    assert surely_silent(film(1925)) and surely_silent(film(2011, ("silent film",)))  # The Artist
    assert surely_sound(film(1940)) and not surely_sound(film(2011, ("silent film",)))
    for year in (1931, 1936, None):  # City Lights and Modern Times were silent, M was not: not judged
        assert not surely_silent(film(year)) and not surely_sound(film(year))


def test_a_silent_film_is_no_film_with_sound(assistant: MovieAssistant) -> None:
    """Before: The Artist, Silent Movie, City Lights, Sunset Boulevard, The Hunt for Red October
    (the word "silent" was searched for: silent submarines, A Quiet Place)."""
    picks = assistant.recommend("a silent film", k=5)
    assert len(picks) == 5
    assert not [p.title for p in picks if surely_sound(p)]
