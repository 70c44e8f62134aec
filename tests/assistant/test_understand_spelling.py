"""Genre words typed with a slip are read as the genre meant; real words never are."""

from __future__ import annotations

import pytest

from assistant.understand import CatalogueIndex, parse_request
from assistant.understand.vocabulary import GENRE_WORD, KIND_WORDS
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


@pytest.mark.parametrize(
    ("message", "include", "exclude", "intent"),
    [
        ("a good thriler from the 90s", ("Thriller",), (), "a good thriller"),
        ("any horor movies not too gory", ("Horror",), (), "any horror movies"),
        ("a funny comdy for tonight", ("Comedy",), (), None),
        ("a romantic comdey", ("Romance", "Comedy"), (), "a romantic comedy"),
        ("documentry about space", ("Documentary",), (), "documentary about space"),
        ("animaited movie for kids", ("Animation",), (), None),
        ("a westren with clint eastwood", ("Western",), (), None),
        ("a dramma about grief", ("Drama",), (), "a drama about grief"),
        ("a gangser film", ("Crime",), (), None),
        ("no horrer please", (), ("Horror",), None),
        ("a THIRLLER", ("Thriller",), (), None),
    ],
)
def test_a_genre_word_typed_with_a_slip_is_the_genre(
    index: CatalogueIndex,
    message: str,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    intent: str | None,
) -> None:
    parsed = parse_request(message, index)
    assert set(parsed.constraints.include_genres) == set(include)
    assert set(parsed.constraints.exclude_genres) == set(exclude)
    if intent is not None:
        assert parsed.intent == intent


@pytest.mark.parametrize(
    "message",
    [
        "a heist at an auction house",  # a word, though one letter from "action"
        "a film about kung fu mastery",  # ... from "mystery"
        "something I'd be thrilled by",  # ... from "thriller"
        "a comely heroine",  # ... from "comedy"
        "a cartoonish villain",  # a genre word with an ending, said on purpose
        "a westernish score",
        "mosters under the bed",  # "monsters" or "mobsters"? a guess, not a slip
        "a musicial",  # "musical" or "musician"?
        "a story of honor",  # a word, and one letter from "horror" only by changing one
    ],
)
def test_a_word_near_a_genre_word_is_left_as_typed(index: CatalogueIndex, message: str) -> None:
    assert index.speller.correct(message) == message


def test_every_kind_word_is_read_as_a_genre() -> None:
    assert not [word for word in KIND_WORDS if not GENRE_WORD.fullmatch(word)]
