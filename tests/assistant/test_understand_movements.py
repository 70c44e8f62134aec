"""A film movement named is read as the years, language and kind it stands for, with a notice."""

from __future__ import annotations

import pytest

from assistant.understand import CatalogueIndex, parse_request
from assistant.understand.moods import mood_lean
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


@pytest.mark.parametrize(
    ("message", "years", "languages", "genres", "notice"),
    [
        ("a film noir", (1940, 1959), (), (), "I read film noir as films of 1940-1959."),
        ("a classic noir please", (1940, 1959), (), (), "I read film noir as films of 1940-1959."),
        ("a film noir from the 50s", (1950, 1959), (), (), ""),  # its own years, within: nothing to say
        ("a neo-noir", (1960, None), (), (), "I read neo-noir as films from 1960 on."),
        ("a french new wave film", (1958, 1970), ("fr",), (),
         "I read the French New Wave as French films of 1958-1970."),
        ("a giallo", (1963, 1987), ("it",), (), "I read giallo as Italian films of 1963-1987."),
        ("a spaghetti western", (1960, 1979), (), ("Western",),
         "I read the spaghetti western as western films of 1960-1979."),
        ("some J-horror", (None, None), ("ja",), ("Horror",), "I read J-horror as Japanese horror films."),
    ],
)  # fmt: skip
def test_a_movement_sets_its_years_language_and_kind_and_says_so(
    index: CatalogueIndex,
    message: str,
    years: tuple[int | None, int | None],
    languages: tuple[str, ...],
    genres: tuple[str, ...],
    notice: str,
) -> None:
    parsed = parse_request(message, index)
    c = parsed.constraints
    assert parsed.intent_kind == "recommend"
    assert ((c.year_min, c.year_max), c.languages, c.include_genres) == (years, languages, genres)
    assert notice in parsed.notices if notice else not parsed.notices


def test_the_messages_own_years_and_language_win_where_they_differ(index: CatalogueIndex) -> None:
    parsed = parse_request("a 90s film noir", index)  # neo-noir in all but name
    assert (parsed.constraints.year_min, parsed.constraints.year_max) == (1990, 1999) and not parsed.notices
    parsed = parse_request("a giallo in english", index)
    assert parsed.constraints.languages == ("en",)


def test_words_a_movement_shares_with_other_things_set_nothing(index: CatalogueIndex) -> None:
    parsed = parse_request("a new wave of zombies attacks a town", index)
    assert not parsed.constraints.languages and parsed.constraints.year_min is None and not parsed.notices


def test_a_movement_in_a_question_or_a_memory_sets_nothing(index: CatalogueIndex) -> None:
    question = parse_request("is Chinatown a film noir?", index)
    assert question.intent_kind == "film_question" and not question.notices
    memory = parse_request(
        "I remember a film from the 80s, it felt like a film noir, where a detective loses his memory", index
    )
    assert memory.intent_kind == "known_item" and not memory.notices
    assert (memory.constraints.year_min, memory.constraints.year_max) == (1980, 1989)  # its own decade


def test_noir_and_giallo_lean_to_crime_and_mystery() -> None:
    """The classic noirs carry no keywords in the catalogue: their genres are what finds them."""
    noir, giallo = mood_lean("a film noir"), mood_lean("a giallo")
    assert noir["Crime"] > 0 and noir["Mystery"] > 0 and noir["Comedy"] < 0
    assert giallo["Horror"] > 0 and giallo["Mystery"] > 0
