"""Languages asked for and refused are hard constraints where the catalogue records them
(assistant/understand/languages.py), and a notice where it does not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.api import MovieAssistant
from assistant.retrieval import chroma_where
from assistant.understand import CatalogueIndex, RequestConstraints, parse_request
from ingest.catalogue import read_catalogue
from ingest.languages import code_of
from ingest.movie import Movie

Codes = tuple[str, ...]


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


@pytest.mark.parametrize(
    ("message", "wanted", "refused", "genres"),
    [
        ("a Korean revenge thriller", ("ko",), (), ("Thriller",)),
        ("something in French", ("fr",), (), ()),
        ("a Spanish-language drama", ("es",), (), ("Drama",)),
        ("French or Italian comedies from the 60s", ("fr", "it"), (), ("Comedy",)),
        ("a Bollywood musical", ("hi",), (), ("Music",)),
        ("a Japanese animated film", ("ja",), (), ("Animation",)),
        ("a romance that is NOT in english, i want subtitles", (), ("en",), ("Romance",)),
        ("foreign horror movies", (), ("en",), ("Horror",)),
        ("a movie that isn't in English", (), ("en",), ()),
        ("a heist film, nothing in French or Spanish", (), ("fr", "es"), ()),
        ("no French comedies please", (), ("fr",), ()),  # French films refused, not comedies
        ("a comedy, no subtitles please", ("en",), (), ("Comedy",)),
        ("a Korean film with English subtitles", ("ko",), ("en",), ()),
        # where a film comes from, said after a film word or a refusal
        ("a thriller from Korea", ("ko",), (), ("Thriller",)),
        ("anything dreamlike that isn't from japan", (), ("ja",), ()),
        ("films made in France", ("fr",), (), ()),
        # a people's adjective said alone is the wish itself
        ("something Japanese", ("ja",), (), ()),
        ("what about Korean?", ("ko",), (), ()),
        ("French please", ("fr",), (), ()),
        ("a comedy, but nothing French", (), ("fr",), ("Comedy",)),
    ],
)
def test_a_language_is_read_as_a_constraint(
    index: CatalogueIndex, message: str, wanted: Codes, refused: Codes, genres: Codes
) -> None:
    parsed = parse_request(message, index)
    assert (parsed.constraints.languages, parsed.constraints.exclude_languages) == (wanted, refused)
    assert parsed.constraints.include_genres == genres and parsed.constraints.exclude_genres == ()
    assert not [n for n in parsed.notices if "languages" in n]


@pytest.mark.parametrize(
    "message",
    [
        "a Korean War film",  # a war, not a language
        "a drama set during the French Revolution",
        "something like The French Connection",  # a title, read first
        "what's like the Godfather but not the italian mafia?",  # a subject: no film noun follows
        "a film set in the English countryside",
        "a story about a girl from Japan who moves to Paris",  # the story's people and places
        "a drama set in Japan",
        "I don't mind subtitles, just a good drama",  # allows, asks for nothing
        "Bong Joon-ho films, or other Korean thrillers like them",  # widens: a taste, not a filter
        "a film about my Korean friend",
        "something about the French",
    ],
)
def test_words_that_only_look_like_a_language_set_none(index: CatalogueIndex, message: str) -> None:
    c = parse_request(message, index).constraints
    assert (c.languages, c.exclude_languages) == ((), ())


def test_a_catalogue_without_languages_says_so_instead(catalogue_movies: list[Movie]) -> None:
    index = CatalogueIndex([replace(m, language="") for m in catalogue_movies[:2_000]])
    parsed = parse_request("a Korean revenge thriller", index)
    assert parsed.constraints.languages == ()
    assert any('"Korean" only guided the search' in n for n in parsed.notices), parsed.notices


def test_language_constraints_hold_for_every_film_and_in_chroma() -> None:
    korean = Movie("1", "Oldboy", "A man is held captive.", language="ko")
    english = Movie("2", "Memento", "A man cannot make memories.", language="en")
    unknown = Movie("3", "Mystery", "Nobody knows.")
    wanted = RequestConstraints(languages=("ko",))
    refused = RequestConstraints(exclude_languages=("en",))
    assert wanted.allows(korean) and not wanted.allows(english) and not wanted.allows(unknown)
    assert refused.allows(korean) and not refused.allows(english)
    assert refused.violations(unknown) == ["language unknown"]  # unknown is not shown to be un-English
    assert wanted.violations(english) == ["in English, not Korean"]
    assert chroma_where(wanted) == {"language": {"$in": ["ko"]}}
    assert chroma_where(refused) == {"language": {"$nin": ["en"]}}
    assert wanted.describe() == "in Korean" and refused.describe() == "not in English"
    # A later turn that asks for English drops an earlier refusal of it, and the reverse.
    assert refused.merged(RequestConstraints(languages=("en",))).exclude_languages == ()
    assert wanted.merged(refused).languages == ("ko",)


def test_a_catalogue_language_column_takes_codes_and_names(tmp_path: Path) -> None:
    cells = ("ko", "KO", "Korean", " french ", "", "xx")
    assert [code_of(v) for v in cells] == ["ko", "ko", "ko", "fr", "", ""]
    path = tmp_path / "films.csv"
    path.write_text(
        "title,overview,language\nOldboy,A man is held captive.,Korean\n"
        "Heat,A heist.,Klingonese\nMemento,A man forgets.,en\n",
        encoding="utf-8",
    )
    result = read_catalogue(path)
    assert [(m.title, m.language) for m in result.movies] == [("Oldboy", "ko"), ("Memento", "en")]
    assert [r.line for r in result.rejected] == [3] and "language" in result.rejected[0].reason


@pytest.mark.parametrize(
    ("message", "wanted", "refused"),
    [
        ("in Japanese instead", ("ja",), ()),
        ("what about in Spanish?", ("es",), ()),
        ("not in Korean actually, in Japanese", ("ja",), ("ko",)),
        ("only English ones", ("en",), ()),
        ("no subtitles", ("en",), ()),
        ("something not in English", (), ("en",)),
    ],
)
def test_a_language_alone_in_a_chat_changes_the_films_shown(
    index: CatalogueIndex, message: str, wanted: Codes, refused: Codes
) -> None:
    parsed = parse_request(message, index, in_session=True)
    assert parsed.intent_kind == "follow_up"  # the earlier request's genre and years still hold
    assert (parsed.constraints.languages, parsed.constraints.exclude_languages) == (wanted, refused)


def test_a_language_follow_up_keeps_the_request_it_narrows(assistant: MovieAssistant) -> None:
    session = "languages-follow-up"
    first = assistant.recommend("a romantic comedy from the 90s", session_id=session)
    again = assistant.recommend("anything not in English?", session_id=session)
    assert first and again
    assert all(p.language not in ("", "en") for p in again)
    assert all({"Romance", "Comedy"} <= set(p.genres) and 1990 <= (p.year or 0) <= 1999 for p in again)


def test_a_refusal_before_a_language_is_the_language_s_only_when_next_to_it(index: CatalogueIndex) -> None:
    c = parse_request("nothing scary in French", index).constraints
    assert (c.languages, c.exclude_languages, c.exclude_genres) == (("fr",), (), ("Horror",))
    c = parse_request("nothing in French, something scary", index).constraints
    assert (c.languages, c.exclude_languages) == ((), ("fr",))
