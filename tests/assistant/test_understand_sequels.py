"""Sequels and remakes ruled out: a hard limit over the films the catalogue can tell are such."""

from __future__ import annotations

import pytest

from assistant.understand import CatalogueIndex, parse_request
from assistant.understand.series import carried_on
from ingest.movie import Movie


def film(
    id: str, title: str, year: int, genres: tuple[str, ...] = ("Action",), keywords: tuple[str, ...] = ()
) -> Movie:
    return Movie(id=id, title=title, overview="", year=year, genres=genres, keywords=keywords)


def test_numbered_subtitled_and_tagged_films_carry_an_earlier_one_on() -> None:
    films = [
        film("1", "Predator", 1987),
        film("2", "Predator 2", 1990),
        film("3", "Thor", 2011),
        film("4", "Thor: Ragnarok", 2017),
        film("5", "Aliens", 1986, keywords=("sequel",)),
        film("6", "Rocky", 1976, ("Drama",)),
        film("7", "Rocky II", 1979, ("Drama",)),
        # a number that is part of the title, or a film of another kind with the same first words
        film("8", "12 Angry Men", 1957, ("Drama",)),
        film("9", "Super", 2010, ("Comedy",)),
        film("10", "Super 8", 2011, ("Science Fiction",)),
        film("11", "Evil Dead", 2013, ("Horror",), ("remake",)),
    ]
    sequels, remakes = carried_on(films)
    assert sequels == {"2", "4", "5", "7"}
    assert remakes == {"11"}


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


@pytest.mark.parametrize(
    "message",
    ["action but no sequels", "a superhero movie, no sequels please", "something funny that isn't a sequel"],
)
def test_no_sequels_rules_the_known_sequels_out_and_says_what_it_cannot_tell(
    index: CatalogueIndex, message: str
) -> None:
    parsed = parse_request(message, index)
    sequels, _ = index.carried_on
    assert sequels and sequels <= parsed.constraints.excluded_films
    assert "sequel" not in parsed.intent and "sequels the catalogue can tell" in " ".join(parsed.notices)


def test_originals_only_rules_out_remakes_too(index: CatalogueIndex) -> None:
    parsed = parse_request("originals only: a 2010s horror", index)
    sequels, remakes = index.carried_on
    assert (sequels | remakes) <= parsed.constraints.excluded_films
    assert len(parsed.notices) == 2


def test_a_sequel_asked_about_or_liked_rules_nothing_out(index: CatalogueIndex) -> None:
    assert not parse_request("is Aliens a sequel?", index).constraints.excluded_films
    assert not parse_request("sequels that are better than the original", index).constraints.excluded_films
