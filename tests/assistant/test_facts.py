"""Answers to questions about a film come from the catalogue's facts, never invented."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.facts import answer_film_question, compare_shown, sift_shown
from assistant.understand import CatalogueIndex, parse_request
from assistant.understand.shown import asks_which_of_shown, read_superlative
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


@pytest.mark.parametrize(
    ("message", "fact", "most"),
    [
        ("which one is the shortest?", "runtime", False),
        ("so which is the quickest watch?", "runtime", False),
        ("what is the longest film you showed me?", "runtime", True),
        ("which of these is the most recent", "year", True),
        ("which one's the oldest", "year", False),
        ("which of them is the most popular one?", "votes", True),
        ("which is the least known?", "votes", False),
        ("which one has the best reviews?", "rating", True),
        ("which is the best?", "rating", True),
        ("which of the three is the lowest rated", "rating", False),
        ("which one is the scariest?", "Horror", True),
        ("which of these is the funniest", "Comedy", True),
        ("which is best for kids?", "Family", True),
        ("which is the shortest, I only have an hour", "runtime", False),
    ],
)
def test_a_comparison_of_the_films_shown_is_read(message: str, fact: str, most: bool) -> None:
    which = read_superlative(message)
    assert which is not None and (which.fact, which.most) == (fact, most)


@pytest.mark.parametrize(
    "message",
    [
        "what's the newest Pixar movie?",  # asks for a film, not about the ones shown
        "what's the best horror movie of the 80s?",
        "which one is the scariest film ever made?",
        "what's the funniest comedy you have?",
        "which one would you pick?",
        "a short comedy",
        "the best heist films",
    ],
)
def test_requests_and_other_questions_are_no_comparison(message: str) -> None:
    assert read_superlative(message) is None


def shown(index: CatalogueIndex, *films: tuple[str, int]) -> list[Movie]:
    movies = [index.match_title(title, year) for title, year in films]
    assert all(movies)
    return [m for m in movies if m is not None]


def test_a_comparison_orders_the_films_shown_by_the_catalogues_facts(index: CatalogueIndex) -> None:
    movies = shown(index, ("The Shining", 1980), ("Halloween", 1978), ("Scream", 1996))
    which = read_superlative("which one is the shortest?")
    assert which is not None
    said, film = compare_shown(which, movies)
    runtimes = sorted((m.runtime or 0, m.label) for m in movies)
    assert film is not None and film.label == runtimes[0][1]
    assert said.startswith(f"The shortest of these is {film.label}, {film.runtime} min.")
    assert said.index(runtimes[1][1]) < said.index(runtimes[2][1])  # the rest in order, with figures
    newest = read_superlative("which is the newest?")
    assert newest is not None and compare_shown(newest, movies)[1] == movies[2]  # Scream, 1996
    best = read_superlative("which one has the best reviews?")
    assert best is not None
    said, film = compare_shown(best, movies)
    top = max(movies, key=lambda m: m.vote_average or 0.0)
    assert film == top and said.startswith("By TMDB viewers' rating")
    assert f"{top.vote_count:,} TMDB votes" in said


def test_a_feel_no_fact_measures_is_answered_with_the_genre_and_says_so(index: CatalogueIndex) -> None:
    movies = shown(index, ("The Shining", 1980), ("Toy Story", 1995), ("Jaws", 1975))
    which = read_superlative("which one is the scariest?")
    assert which is not None
    said, film = compare_shown(which, movies)
    horror = [m for m in movies if "Horror" in m.genres]
    assert said.startswith("I can't measure how scary each one is")
    assert horror and all(m.label in said for m in horror) and "Toy Story" not in said
    assert film in horror
    comedy = read_superlative("which is the funniest?")
    assert comedy is not None
    said, film = compare_shown(comedy, shown(index, ("The Shining", 1980)))
    assert film is None and "None of these is filed under comedy." in said


def test_a_fact_the_catalogue_lacks_is_said_not_guessed(index: CatalogueIndex) -> None:
    movies = shown(index, ("Jaws", 1975), ("Alien", 1979))
    which = read_superlative("which is the shortest?")
    assert which is not None
    said, film = compare_shown(which, [replace(movies[0], runtime=None), movies[1]])
    assert film == movies[1] and "The catalogue gives no runtime for Jaws (1975)." in said
    tied = [replace(movies[1], year=1990), replace(movies[0], year=1990)]
    newest = read_superlative("which one is the newest?")
    assert newest is not None
    assert compare_shown(newest, tied)[0].startswith("The newest of these are Alien (1990) and Jaws (1990).")


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("which ones are under 2 hours?", True),
        ("which of these can I watch with my kids?", True),
        ("are any of them comedies?", True),
        ("any of those in french?", True),
        ("is either of them animated?", True),
        ("which one is the shortest?", False),  # a superlative, read above
        ("a comedy from the 90s", False),
        ("any good comedies from the 90s?", False),
    ],
)
def test_which_of_the_films_shown_is_read(message: str, asks: bool) -> None:
    assert asks_which_of_shown(message) is asks


def test_which_of_the_films_shown_fit_says_why_each_other_one_does_not(index: CatalogueIndex) -> None:
    movies = shown(index, ("Aliens", 1986), ("Blade Runner", 1982), ("The Terminator", 1984))
    limit = parse_request("which ones are under 2 hours?", index).constraints
    said, film = sift_shown(limit, False, movies)
    fit = [m for m in movies if m.runtime is not None and m.runtime <= 120]
    assert fit and said.startswith(f"Of these, under 120 min: {fit[0].label}")
    aliens = movies[0]
    assert aliens.runtime is not None and aliens.runtime > 120
    assert f"Not: Aliens (1986) (runtime {aliens.runtime} min, over 120)" in said
    assert film == (fit[0] if len(fit) == 1 else None)
    comedy = parse_request("are any of them comedies?", index).constraints
    assert sift_shown(comedy, False, movies) == ("None of these fits (comedy).", None)


def test_which_of_the_films_shown_suit_children_goes_by_genre_and_says_so(index: CatalogueIndex) -> None:
    movies = shown(index, ("Aliens", 1986), ("Blade Runner", 1982), ("E.T. the Extra-Terrestrial", 1982))
    said, film = sift_shown(parse_request("which can my kids watch?", index).constraints, True, movies)
    assert said == (
        "The catalogue has no age ratings, so this goes by genre. Made with families in mind: "
        "E.T. the Extra-Terrestrial (1982); not marked as a family film: Blade Runner (1982); probably "
        "not for young children: Aliens (1986)."
    )
    assert film == movies[2]


def test_what_a_film_is_based_on_comes_from_its_keywords_or_is_said_unknown(index: CatalogueIndex) -> None:
    schindler = index.match_title("Schindler's List", 1993)
    assert schindler is not None and "biography" in schindler.keywords
    said = answer(index, "is Schindler's List a true story?")
    assert said.startswith(
        'The catalogue files Schindler\'s List (1993) under "biography". Its summary says: "The true'
    )
    assert parse_request("what is The Shining based on?", index).question == "source"
    bare = index.match_title("Full Metal Jacket", 1987)
    assert bare is not None and not bare.keywords  # the second source carries no keywords
    assert answer(index, "is Full Metal Jacket based on a book?").startswith(
        "The catalogue has no keywords for Full Metal Jacket (1987), so it can't say what it is based on."
    )
    assert parse_request("is Titanic sad?", index).question == "plot"
