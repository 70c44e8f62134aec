"""Request understanding on the shipped catalogue: the constraints, references and notices a user sees."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from assistant.understand import (
    EMPTY_NOTICE,
    CatalogueIndex,
    ParsedRequest,
    RequestConstraints,
    find_titles,
    parse_request,
)
from assistant.understand.vocabulary import RECENT_YEARS
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


def parse(index: CatalogueIndex, message: str) -> ParsedRequest:
    return parse_request(message, index)


def titles(index: CatalogueIndex, parsed: ParsedRequest) -> list[str]:
    return [index.movie(movie_id).label for movie_id in parsed.references]


def film(movie_id: str, title: str = "A Film", **fields: Any) -> Movie:
    return Movie(id=movie_id, title=title, overview="", **fields)


# --- years ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "years"),
    [
        ("90s thrillers", (1990, 1999)),
        ("something from the 1990s", (1990, 1999)),
        ("a comedy from the 80s", (1980, 1989)),
        ("late 90s", (1996, 1999)),
        ("after 2010", (2011, None)),
        ("since 2010", (2010, None)),
        ("2010 onwards", (2010, None)),
        # a lower bound said with "at least", not 2015 alone
        ("a thriller at least from 2015", (2015, None)),
        ("a thriller from at least 2015", (2015, None)),
        ("from 2015 at the earliest", (2015, None)),
        ("a western from 1970 at the latest", (None, 1970)),
        ("before 2000", (None, 1999)),
        ("older than 2000", (None, 1999)),
        ("from 1995 to 2005", (1995, 2005)),
        ("between 1995 and 2005", (1995, 2005)),
        ("films from 1995-99", (1995, 1999)),  # read 1995 alone
        ("a comedy from 2010 to 15", (2010, 2015)),
        ("something 1998-05", (1998, 2005)),
        ("best of 1999 - 10 films please", (1999, 1999)),  # ten films, not 2010
        ("after '68 - 4 stars or more", (1969, None)),  # was read as 68 films
        ("released in 2008", (2008, 2008)),
        ("80s or 90s action", (1980, 1999)),
        ("nothing after 2000", (None, 2000)),
        ("old westerns", (None, 1979)),
        ("a classic", (None, 1979)),
        ("classic films please", (None, 1979)),
        # noir is a style the catalogue records as no genre: its classic years (movements.py) within "old"
        ("a classic noir", (1940, 1959)),
        ("old noirs", (1940, 1959)),
        # "old" and years that are not about release dates
        ("an old school western", (None, None)),
        ("a story about a man who is 40 years old", (None, None)),
        ("movies set in the 1920s", (None, None)),
        ("something for me in my 30s", (None, None)),
        # a century said by its hundreds, as people say it (was 1900-1909: almost no films)
        ("a film from the 1900s", (1900, 1999)),
        ("movies from the early 1900s", (1900, 1933)),
        ("a movie from the 2000s", (2000, 2009)),  # the decade, as people say it
        # when the story is set, not when the film was made
        ("I'm guessing an early 1900's setting", (None, None)),
        ("based in the 1900s, about 4 men who start a society", (None, None)),
    ],
)
def test_years(index: CatalogueIndex, message: str, years: tuple[int | None, int | None]) -> None:
    constraints = parse(index, message).constraints
    assert (constraints.year_min, constraints.year_max) == years


def test_the_last_years_are_a_year_limit_though_a_film_has_that_title(index: CatalogueIndex) -> None:
    # The Last Five Years (2014) was read as a film liked, and the years were lost
    parsed = parse(index, "horror from the last 5 years")
    assert (parsed.constraints.year_min, parsed.references) == (index.latest_year - 4, ())


@pytest.mark.parametrize("message", ["recent comedies", "something new", "new movies", "the latest films"])
def test_recent_means_the_last_five_catalogue_years(index: CatalogueIndex, message: str) -> None:
    parsed = parse(index, message)
    assert (parsed.constraints.year_min, parsed.constraints.year_max) == (index.latest_year - 5, None)
    assert "recent" not in parsed.intent and "new" not in parsed.intent.split()


@pytest.mark.parametrize(
    ("message", "back", "whole_year", "intent"),
    [
        ("a movie from last year", 1, True, "a movie"),
        ("a comedy that came out last year", 1, True, "a comedy"),
        ("something released this year", 0, True, "something"),
        ("this year's best horror", 0, True, "best horror"),
        ("best films of the past year", 0, False, "best films"),
        ("no movies from this year", None, False, ""),
    ],
)
def test_this_year_and_last_year_are_the_catalogue_newest_years_said_so(
    index: CatalogueIndex, message: str, back: int | None, whole_year: bool, intent: str
) -> None:
    """The catalogue has an end, as "recent" has: "this year" is its newest year, and when the
    calendar has moved past it the person is told which year was meant."""
    parsed = parse(index, message)
    newest = index.latest_year
    if back is None:  # refused: until the year before
        assert (parsed.constraints.year_min, parsed.constraints.year_max) == (None, newest - 1)
    else:
        year = newest - back
        bounds = (year, year if whole_year else None)
        assert (parsed.constraints.year_min, parsed.constraints.year_max) == bounds
        assert any(str(year) in notice for notice in parsed.notices) == (date.today().year > newest)
    assert parsed.intent == intent


@pytest.mark.parametrize(
    "message",
    [
        "I think it came out last year",  # a memory of when, not a request
        "I remember watching a movie last year",
        "my favourite from last year was Heat",
        "there's a remake coming out this year",
    ],
)
def test_last_year_said_of_a_memory_is_no_year_limit(index: CatalogueIndex, message: str) -> None:
    constraints = parse(index, message).constraints
    assert (constraints.year_min, constraints.year_max) == (None, None)


def test_old_inside_a_title_is_a_title_not_a_year_limit(index: CatalogueIndex) -> None:
    parsed = parse(index, "I loved No Country for Old Men")
    assert titles(index, parsed) == ["No Country for Old Men (2007)"]
    assert parsed.constraints.is_empty()


def test_a_negated_decade_is_ignored_with_a_notice_not_applied(index: CatalogueIndex) -> None:
    parsed = parse(index, "a nice war film, nothing from the 2000s")
    assert (parsed.constraints.year_min, parsed.constraints.year_max) == (None, None)
    assert parsed.notices == ('I can\'t leave out a span of years, so I ignored "nothing from the 2000s".',)
    assert parsed.intent == "a nice war film"


# --- genres --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "genres"),
    [
        ("sci-fi", {"Science Fiction"}),
        ("scifi", {"Science Fiction"}),
        ("science fiction", {"Science Fiction"}),
        ("scary", {"Horror"}),
        ("horror", {"Horror"}),
        ("kids", {"Family"}),
        ("children's", {"Family"}),
        ("family", {"Family"}),
        ("animated", {"Animation"}),
        ("cartoon", {"Animation"}),
        ("anime", {"Animation"}),
        ("rom-com", {"Romance", "Comedy"}),
        ("romcom", {"Romance", "Comedy"}),
        ("funny", {"Comedy"}),
        ("comedy", {"Comedy"}),
        ("thriller", {"Thriller"}),
        ("war", {"War"}),
        ("western", {"Western"}),
        ("documentary", {"Documentary"}),
        ("doc", {"Documentary"}),
        ("musical", {"Music"}),
        ("music documentary", {"Music", "Documentary"}),
        ("romantic", {"Romance"}),
        ("love story", {"Romance"}),
        ("mystery", {"Mystery"}),
        ("whodunit", {"Mystery"}),
        ("fantasy", {"Fantasy"}),
        ("action", {"Action"}),
        ("adventure", {"Adventure"}),
        ("crime", {"Crime"}),
        ("gangster", {"Crime"}),
        ("historical", {"History"}),
        ("period drama", {"History"}),
        ("drama", {"Drama"}),
        ("heist", set()),
    ],
)
def test_everyday_genre_words_map_to_catalogue_genres(
    index: CatalogueIndex, word: str, genres: set[str]
) -> None:
    parsed = parse(index, f"show me a {word} film")
    assert set(parsed.constraints.include_genres) == genres
    assert parsed.constraints.exclude_genres == ()
    assert word in parsed.intent  # genre words describe the film: they stay for the semantic search


def test_constraint_phrases_leave_the_intent_but_descriptive_words_stay(index: CatalogueIndex) -> None:
    parsed = parse(index, "a tense heist thriller from the 90s, no horror, under two hours")
    assert parsed.intent == "a tense heist thriller"
    assert parsed.constraints == RequestConstraints(
        year_min=1990,
        year_max=1999,
        include_genres=("Thriller",),
        exclude_genres=("Horror",),
        runtime_max=120,
    )
    assert parsed.constraints.describe() == "1990-1999, Thriller, no Horror, under 120 min"
    assert parsed.notices == ()


@pytest.mark.parametrize(
    ("message", "include", "exclude"),
    [
        ("no horror", (), ("Horror",)),
        ("nothing romantic", (), ("Romance",)),
        ("not a comedy", (), ("Comedy",)),
        ("nothing scary", (), ("Horror",)),
        ("a comedy but not animated", ("Comedy",), ("Animation",)),
        ("not a comedy but a thriller", ("Thriller",), ("Comedy",)),
        ("anything but horror", (), ("Horror",)),
        ("I don't want anything too scary", (), ("Horror",)),
        ("no horror, romance or comedy", (), ("Horror", "Romance", "Comedy")),
        ("no horror, comedy please", ("Comedy",), ("Horror",)),
        ("I don't mind horror", ("Horror",), ()),
        ("nothing but horror", ("Horror",), ()),
        # a rom-com is refused by refusing Romance only, so plain comedies are still allowed
        ("no rom-coms, something funny", ("Comedy",), ("Romance",)),
        ("no rom-coms", (), ("Romance",)),
        # a refusal said after the genre, or as a matter of taste
        ("horror isn't my thing", (), ("Horror",)),
        ("a comedy, musicals aren't for me", ("Comedy",), ("Music",)),
        ("westerns don't do it for me, something funny", ("Comedy",), ("Western",)),
        ("romance is not my cup of tea", (), ("Romance",)),
        ("horror is my thing", ("Horror",), ()),
        # a genre after a taste cue is the genre, not a film titled with the word ("#Horror")
        ("I'm not a fan of horror", (), ("Horror",)),
        ("I don't like horror", (), ("Horror",)),
        # a family in the story is not a film for families
        ("a movie about a crime family", ("Crime",), ()),
        ("a drama about the royal family", ("Drama",), ()),
        # a family the story is about, with what it does: no film for families
        ("horror movies where a family moves into a haunted house", ("Horror",), ()),
        ("a comedy about a family of vampires", ("Comedy",), ()),
        ("a thriller about a family's dark secret", ("Thriller",), ()),
        ("an adventure for the whole family", ("Adventure", "Family"), ()),
        ("a film for the whole family", ("Family",), ()),
        # one people's kind refused is not the genre refused ("not the Italian mafia")
        ("a mob movie but not the Italian mafia", ("Crime",), ()),
    ],
)
def test_refused_genres(
    index: CatalogueIndex, message: str, include: tuple[str, ...], exclude: tuple[str, ...]
) -> None:
    constraints = parse(index, message).constraints
    assert (constraints.include_genres, constraints.exclude_genres) == (include, exclude)


def test_a_film_not_to_recommend_is_no_taste(index: CatalogueIndex) -> None:
    # was a reference: The Matrix liked, and films like it first
    parsed = parse(index, "don't recommend The Matrix")
    assert [index.movie(i).label for i in parsed.named] == ["The Matrix (1999)"]  # never a pick
    assert not parsed.references


@pytest.mark.parametrize(
    ("message", "include", "exclude"),
    [
        # both read as asked for: a drama with romance, a horror mystery
        ("a drama with zero romance", ("Drama",), ("Romance",)),
        ("keep the horror out, a mystery", ("Mystery",), ("Horror",)),
        ("leave the romance out of it, a drama", ("Drama",), ("Romance",)),
        ("keep the horror coming", ("Horror",), ()),
        ("a non-horror thriller", ("Thriller",), ("Horror",)),  # was a horror thriller
    ],
)
def test_a_genre_kept_out_is_refused(
    index: CatalogueIndex, message: str, include: tuple[str, ...], exclude: tuple[str, ...]
) -> None:
    constraints = parse(index, message).constraints
    assert (constraints.include_genres, constraints.exclude_genres) == (include, exclude)


@pytest.mark.parametrize(
    ("message", "title"),
    [
        ("something like the original Alien", "Alien (1979)"),
        ("like the original Ghostbusters", "Ghostbusters (1984)"),
        # no film is titled "Matrix": the words before the title the catalogue has go with it
        ("something like the first Matrix", "The Matrix (1999)"),
    ],
)
def test_the_original_names_the_film_after_it(index: CatalogueIndex, message: str, title: str) -> None:
    parsed = parse(index, message)  # was nothing at all: "the original Alien" opened no title
    assert titles(index, parsed) == [title]
    assert "original" not in parsed.intent
    assert "first" not in parsed.intent
    assert "like" not in parsed.intent


def test_a_kind_of_the_genre_asked_for_refused_is_a_word_to_avoid(index: CatalogueIndex) -> None:
    # "not zombies" in a horror request refuses zombies, not horror (it said "asked both for and against")
    parsed = parse(index, "korean horror but not zombies")
    assert (parsed.constraints.include_genres, parsed.constraints.exclude_genres) == (("Horror",), ())
    assert parsed.avoid == ("zombies",) and not parsed.notices
    assert parse(index, "a comedy, no zombies").constraints.exclude_genres == ("Horror",)


@pytest.mark.parametrize(
    ("message", "include", "exclude"),
    [
        # the genre filter showed only horror documentaries (Halloween: 25 Years of Terror)
        ("a documentary-style found footage horror", ("Horror",), ("Documentary",)),
        ("a fake documentary about a band", (), ("Documentary",)),
        ("a horror movie shot like a documentary", ("Horror",), ("Documentary",)),
        ("a comedy in the style of a documentary", ("Comedy",), ("Documentary",)),
        ("a western-style revenge film", (), ()),
        ("a noir-ish thriller", ("Thriller",), ()),
        # still the genre
        ("a documentary about space", ("Documentary",), ()),
        ("a drama inspired by true events", ("Drama",), ()),
    ],
)
def test_a_genre_said_as_a_style_is_no_filter(
    index: CatalogueIndex, message: str, include: tuple[str, ...], exclude: tuple[str, ...]
) -> None:
    constraints = parse(index, message).constraints
    assert (constraints.include_genres, constraints.exclude_genres) == (include, exclude)


def test_not_too_much_of_the_genre_asked_for_is_less_of_it_not_none(index: CatalogueIndex) -> None:
    parsed = parse(index, "a horror movie that's not too scary")
    assert (parsed.constraints.include_genres, parsed.constraints.exclude_genres) == (("Horror",), ())
    assert not parsed.notices  # it said "You asked both for and against Horror" and dropped the horror


def test_what_follows_more_x_than_is_less_of_it_neither_asked_for_nor_refused(index: CatalogueIndex) -> None:
    # "more romantic than funny" asked for comedies too
    parsed = parse(index, "more romantic than funny")
    assert (parsed.constraints.include_genres, parsed.constraints.exclude_genres) == (("Romance",), ())
    assert parsed.intent == "more romantic"  # "funny" is not searched for
    # a ghost story is one (Horror); "than scary" is not searched for
    parsed = parse(index, "a ghost story that's more sad than scary")
    assert (parsed.constraints.include_genres, parsed.constraints.exclude_genres) == (("Horror",), ())
    assert "scary" not in parsed.intent and not parsed.references
    # "rather than" still refuses, as before
    assert parse(index, "funny rather than romantic").constraints.exclude_genres == ("Romance",)


def test_live_action_rules_out_animation(index: CatalogueIndex) -> None:
    # "a musical, live action only" showed Sing
    c = parse(index, "a musical, live action only").constraints
    assert (c.include_genres, c.exclude_genres) == (("Music",), ("Animation",))
    assert parse(index, "a live-action fairy tale").constraints.exclude_genres == ("Animation",)
    # not when animation is asked for, or live action refused
    assert parse(index, "an animated film with live action scenes").constraints.exclude_genres == ()
    c = parse(index, "not live action, I want a cartoon").constraints
    assert (c.include_genres, c.exclude_genres) == (("Animation",), ())


def test_violence_is_no_genre_so_it_becomes_a_word_to_avoid(index: CatalogueIndex) -> None:
    parsed = parse(index, "an action film without violence")
    assert parsed.constraints.include_genres == ("Action",)
    assert parsed.constraints.exclude_genres == ()
    assert parsed.intent == "an action film"  # "violence" would pull violent films closer
    assert parsed.avoid == ("violence",)
    assert parse(index, "a tense heist thriller, nothing gory").avoid == ("gory",)


def test_words_refused_together_are_all_avoided(index: CatalogueIndex) -> None:
    parsed = parse(index, "an easy comedy, nothing loud or taxing")
    assert parsed.avoid == ("loud", "taxing")  # "taxing" stayed in the search
    assert parsed.intent == "an easy comedy"
    assert parse(index, "a drama, nothing sad, something uplifting").avoid == ("sad",)  # a new clause


def test_a_war_refused_by_its_name_is_avoided_whole(index: CatalogueIndex) -> None:
    # "isn't about World War II" avoided "world" and searched for "War II"; Allied and Midway were shown
    parsed = parse(index, "a war movie that isn't about World War II")
    assert (parsed.avoid, parsed.constraints.include_genres) == (("world war ii",), ("War",))
    assert "II" not in parsed.intent
    assert parse(index, "war movies but not world war 2").avoid == ("world war ii",)
    assert parse(index, "war movies but nothing about world war one").avoid == ("world war i",)
    assert parse(index, "a romance but nothing about cancer").avoid == ("cancer",)


def test_a_word_refused_after_it_is_avoided(index: CatalogueIndex) -> None:
    parsed = parse(index, "a thriller, gore is off limits")
    assert (parsed.avoid, parsed.intent) == (("gore",), "a thriller")
    assert parse(index, "a horror movie, jump scares are a hard no").avoid == ("jump scares",)
    assert parse(index, "something funny; swearing is a dealbreaker").avoid == ("swearing",)
    # only where a clause opens with it: here the house is part of the story
    assert parse(index, "a horror where the house is off limits").avoid == ()


def test_what_is_wanted_instead_of_something_refuses_it(index: CatalogueIndex) -> None:
    # "jump scares" was searched for, and Poltergeist twice and Ghostbusters came first
    parsed = parse(index, "something eerie, creeping dread rather than jump scares")
    assert (parsed.avoid, parsed.intent) == (("jump scares",), "something eerie, creeping dread")
    assert parse(index, "practical effects instead of CGI").avoid == ("cgi",)
    assert parse(index, "a quiet drama as opposed to a blockbuster").avoid == ("blockbuster",)


def test_a_remembered_score_is_no_fact_to_hold_a_film_to(index: CatalogueIndex) -> None:
    # a tomt post: Enough Said, the film meant, is 6.6 on TMDB
    parsed = parse(
        index,
        "I believe it's a romance movie. Two people smiling at each other on a park bench. "
        "It had a rating higher than a 7.5 on imdb if that helps",
    )
    assert parsed.intent_kind == "known_item" and parsed.constraints.rating_min is None


def test_a_capitalised_zero_refuses_nothing(index: CatalogueIndex) -> None:
    # "the Zero pilots" (the fighter plane) avoided pilots once "zero romance" refused romance
    assert parse(index, "The Zero pilots call their superiors, a war movie").avoid == ()


@pytest.mark.parametrize(
    ("message", "avoid", "intent"),
    [
        # "jump scares" was searched for: Poltergeist (2015), whose tagline says "Scares", came third
        (
            "a slow-burn psychological horror, nothing with jump scares",
            ("jump scares",),
            "a slow-burn psychological horror",
        ),
        ("a comedy, nothing involving clowns", ("clowns",), "a comedy"),
        ("nothing with a sad ending", ("sad ending",), ""),
    ],
)
def test_nothing_with_something_refuses_it(
    index: CatalogueIndex, message: str, avoid: tuple[str, ...], intent: str
) -> None:
    parsed = parse(index, message)
    assert (parsed.avoid, parsed.intent) == (avoid, intent)


def test_a_refused_setting_is_a_word_to_avoid(index: CatalogueIndex) -> None:
    parsed = parse(index, "a sci-fi film that isn't set in space")
    assert parsed.avoid == ("space",)  # it avoided "set" and searched "a sci-fi film that in space"
    assert "space" not in parsed.intent


def test_a_film_named_besides_what_is_asked_is_never_shown(index: CatalogueIndex) -> None:
    parsed = parse(index, "Christopher Nolan films I haven't seen besides Inception")
    assert [index.movie(i).title for i in parsed.named] == ["Inception"]


def test_only_a_negation_that_names_something_leaves_the_search(index: CatalogueIndex) -> None:
    # "not much happens" asks for a quiet film; it is no word to keep out, and stays searched
    parsed = parse(index, "something calm where not much happens, no violence")
    assert parsed.avoid == ("violence",)
    assert parsed.intent == "something calm where not much happens"
    # how the person wants to feel is no word the films must keep out
    parsed = parse(index, "a film that will make me feel less alone")
    assert parsed.avoid == ()
    assert "less alone" in parsed.intent


def test_a_refused_people_is_a_word_to_avoid_not_a_series(index: CatalogueIndex) -> None:
    parsed = parse(index, "like the Godfather but about another kind of crime family, not the italian mafia")
    assert parsed.constraints.exclude_series == () and not parsed.constraints.excluded_films
    assert parsed.avoid == ("italian",)
    # "not the same old stuff" compares: nothing to keep out
    assert parse(index, "a thriller, not the same old stuff").avoid == ()


def test_genres_joined_by_or_are_a_preference_not_a_filter(index: CatalogueIndex) -> None:
    parsed = parse(index, "a comedy or drama")
    assert parsed.constraints.include_genres == ()
    assert parsed.intent == "a comedy or drama"
    assert len(parsed.notices) == 1 and "comedy or drama" in parsed.notices[0]


# --- runtime and rating --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "runtime"),
    [
        ("under two hours", (None, 120)),
        ("less than 2 hours", (None, 120)),
        ("under 90 minutes", (None, 90)),
        ("shorter than 100 min", (None, 100)),
        ("an hour and a half max", (None, 90)),
        ("over 2 hours", (120, None)),
        ("something short", (None, 100)),
        ("not too long", (None, 120)),
        ("based on a short story", (None, None)),
        # a length said plainly is that long, give or take a quarter of an hour
        ("a 2 hour movie", (105, 135)),
        ("around 100 minutes", (85, 115)),
        ("a movie about 90 minutes long", (75, 105)),
        # ... and a range is both bounds
        ("a comedy between 90 and 120 minutes", (90, 120)),
        ("90-120 mins", (90, 120)),
        ("from 1.5 to 2 hours", (90, 120)),
        ("rated above 7 and 90 minutes or less", (None, 90)),  # "7 and 90" is no range
        # a stretch of the film or of watching it is not its length (memories, in known-item searches)
        ("I only watched about 20 minutes of it", (None, None)),
        ("about 15 minutes in, the dog dies", (None, None)),
        ("there is a 5-10 minute scene of a fight", (None, None)),
        ("less than 1h30", (None, 90)),
        ("no more than 1 hr 45", (None, 105)),
        ("under 2 hours 10 minutes", (None, 130)),
        # refused bounds turn over: "nothing over two and a half hours" asked for films over it
        ("nothing over two and a half hours", (None, 150)),
        ("no films longer than 2h", (None, 120)),
        ("nothing under 90 minutes", (90, None)),
    ],
)
def test_runtime(index: CatalogueIndex, message: str, runtime: tuple[int | None, int | None]) -> None:
    constraints = parse(index, message).constraints
    assert (constraints.runtime_min, constraints.runtime_max) == runtime
    if "rated" not in message:
        assert constraints.rating_min is None  # "over 2 hours" is no rating


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("a comedy under 90 minutes long", "a comedy"),
        ("a film less than 2 hours in length", "a film"),
        ("a movie under 2 hours long about a long journey", "a movie about a long journey"),
    ],
)
def test_how_long_said_whole_leaves_the_search(index: CatalogueIndex, message: str, intent: str) -> None:
    # "long" was left in the intent, a word to search plots for
    assert parse(index, message).intent == intent


@pytest.mark.parametrize(
    ("message", "rating"),
    [
        ("at least 7/10", 7.0),
        ("rated above 7", 7.0),
        ("highly rated", 7.0),
        ("critically acclaimed", 7.0),
        ("well reviewed", 7.0),
        ("rating 8+", 8.0),
        ("7.5 out of 10 or better", 7.5),
        ("4 stars", 8.0),
        ("a good movie", None),
        ("highly rated, above 8", 8.0),
        ("with a rating of at least 7.5", 7.5),  # was a question about a film called "at least 7"
        # a score in per cent, as review sites give it (was nothing, or a question about a film)
        ("with a score of at least 80%", 8.0),
        ("rated 75% or more", 7.5),
        ("over 90% on rotten tomatoes", 9.0),
        # the site the score comes from is part of the score, not something to search for
        ("at least 7 on imdb", 7.0),
        ("85% on rt", 8.5),
        ("a high imdb rating", 7.0),
        ("I saw it on imdb", None),
        # a score plus, said of a film (was nothing); not an age rating, a length or a count
        ("an 8+ movie", 8.0),
        ("a 7.5+ thriller", 7.5),
        ("an 18+ movie", None),
        ("a 5+ hour movie", None),
        ("give me 5+ films", None),
        ("a comedy that doesn't have a super high rating", None),  # said of it, no wish
    ],
)
def test_rating(index: CatalogueIndex, message: str, rating: float | None) -> None:
    parsed = parse(index, message)
    assert parsed.constraints.rating_min == rating
    if rating is not None:
        # nothing descriptive was said: at most an article and the kind of film are left
        assert not set(parsed.intent.lower().split()) - {"a", "an", "movie", "thriller"}


# --- people --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "directors", "cast"),
    [
        ("directed by Christopher Nolan", ("Christopher Nolan",), ()),
        ("directed by christopher nolan", ("Christopher Nolan",), ()),
        ("something by Nolan", ("Christopher Nolan",), ()),
        ("a Tarantino film", ("Quentin Tarantino",), ()),
        ("Spielberg movies", ("Steven Spielberg",), ()),
        ("Scorsese gangster films", ("Martin Scorsese",), ()),
        ("a Scott film", ("Ridley Scott",), ()),  # Ridley has more films in the catalogue than Tony
        ("starring Tom Hanks", (), ("Tom Hanks",)),
        ("with Brad Pitt", (), ("Brad Pitt",)),
        ("Tom Hanks movies", (), ("Tom Hanks",)),
        ("starring Tom Hanks and Meg Ryan", (), ("Tom Hanks", "Meg Ryan")),
        ("starring Tom Hnaks", (), ("Tom Hanks",)),
        # Surnames listed before a film noun are each a director: any of them will do.
        ("a Kubrick or Scorsese film", ("Stanley Kubrick", "Martin Scorsese"), ()),
        ("a Tarantino or Coen brothers film", ("Quentin Tarantino", "Joel Coen"), ()),
        (
            "a Fincher, Nolan or Villeneuve movie",
            ("David Fincher", "Christopher Nolan", "Denis Villeneuve"),
            (),
        ),
        ("i love johnny depp", (), ("Johnny Depp",)),  # chat is often typed in lower case
        # ... surnames too, where the plots never write the word in lower case and seldom at all
        ("a nolan film", ("Christopher Nolan",), ()),
        ("something by spielberg", ("Steven Spielberg",), ()),
        ("a scorsese gangster film", ("Martin Scorsese",), ()),
        ("kubrick's films", ("Stanley Kubrick",), ()),
        ("movies with hanks tonight", (), ("Tom Hanks",)),
        ("a london film", (), ()),  # a place the plots name often (Jason London is an actor)
        ("a carpenter movie", (), ()),  # a word the plots use (John Carpenter only capitalised)
        ("they hit each other with birch branches", (), ()),  # Thora Birch: a name ends its phrase
        # A surname the plots say more than its bearer has films is a word first: a place, a language
        ("a London film", (), ()),  # not Jason London
        ("a New York movie", (), ()),  # not Michael York (nor "new" films)
        ("an English movie from the 80s about a vampire", (), ()),  # not Ellia English
        ("a Zombie movie", (), ()),  # not Rob Zombie
        ("starring Jason London", (), ("Jason London",)),  # said with its role, a name
        ("a Scott film", ("Ridley Scott",), ()),  # 16 films, and 15 plots say "Scott"
        # ... and a kind of film cues a surname as "film" does
        ("a Hitchcock thriller", ("Alfred Hitchcock",), ()),
        ("a Sandler comedy", (), ("Adam Sandler",)),
        ("a film with a twist", (), ()),
        # A lower-case common word opens no name: this is not about The Edge (of U2).
        ("it had me on the edge of my seat", (), ()),
    ],
)
def test_people(
    index: CatalogueIndex, message: str, directors: tuple[str, ...], cast: tuple[str, ...]
) -> None:
    parsed = parse(index, message)
    assert (parsed.constraints.directors, parsed.constraints.cast) == (directors, cast)
    # the one notice a name may bring: which namesake a surname was taken for ("Scott": Ridley, not Tony)
    assert not [n for n in parsed.notices if "give the full name for" not in n]


def test_people_names_stay_in_the_intent(index: CatalogueIndex) -> None:
    assert parse(index, "Tom Hanks movies").intent == "Tom Hanks movies"


@pytest.mark.parametrize(
    ("message", "director"),
    [("a Lynch film", "David Lynch"), ("a Jackson movie", "Peter Jackson"), ("a Scott film", "Ridley Scott")],
)
def test_a_surname_alone_names_the_director_with_a_body_of_work(
    index: CatalogueIndex, message: str, director: str
) -> None:
    # were Jane Lynch and Samuel L. Jackson: more films, but as one of a cast
    constraints = parse(index, message).constraints
    assert constraints.directors == (director,) and not constraints.cast


def test_a_surname_directors_share_names_the_one_with_more_well_liked_films(index: CatalogueIndex) -> None:
    # was Paul W.S. Anderson (10 films, none rated 7 or more) over Wes Anderson (7 films, 6 of them)
    parsed = parse(index, "an Anderson film")
    assert parsed.constraints.directors == ("Wes Anderson",)
    assert [n for n in parsed.notices if "Wes Anderson" in n and "Paul Thomas Anderson" in n]
    assert parse(index, "something by Wright").constraints.directors == ("Edgar Wright",)
    assert not parse(index, "a Nolan film").notices  # nobody else of that name to mean


@pytest.mark.parametrize(
    ("message", "actor"), [("a Clooney film", "George Clooney"), ("a Stiller comedy", "Ben Stiller")]
)
def test_a_director_who_acts_more_is_the_actor(index: CatalogueIndex, message: str, actor: str) -> None:
    assert parse(index, message).constraints.cast == (actor,)


def test_surnames_listed_in_lower_case_before_a_film_noun_are_all_read(index: CatalogueIndex) -> None:
    # only the last was read ("nolan film"), so only Nolan's films came
    parsed = parse(index, "a fincher or nolan film")
    assert parsed.constraints.directors == ("David Fincher", "Christopher Nolan")


def test_a_surname_inside_a_name_the_catalogue_lacks_is_nobody(index: CatalogueIndex) -> None:
    # was Julie Christie, and no film matched "Mystery, with Julie Christie": an empty reply
    constraints = parse(index, "an Agatha Christie style mystery").constraints
    assert not constraints.cast and not constraints.directors


@pytest.mark.parametrize(
    ("message", "actor"),
    [("I love Adam Sandler movies", "Adam Sandler"), ("I like Emma Stone", "Emma Stone")],
)
def test_a_full_name_after_a_taste_is_the_person_not_a_title_it_opens_with(
    index: CatalogueIndex, message: str, actor: str
) -> None:
    # were the films "Adam" (2009) and "Emma" (2020), liked
    parsed = parse(index, message)
    assert parsed.constraints.cast == (actor,) and not parsed.references


def test_unknown_person_after_a_cue_is_reported(index: CatalogueIndex) -> None:
    parsed = parse(index, "directed by Zzzyxq Qwerty")
    assert parsed.constraints.directors == ()
    assert parsed.notices == ('I couldn\'t find anyone called "Zzzyxq Qwerty" in the catalogue.',)


def test_people_that_cannot_be_honoured_are_reported_not_required(index: CatalogueIndex) -> None:
    either = parse(index, "action movies with Bruce Willis or Arnold Schwarzenegger")
    assert either.constraints.cast == ()
    assert either.constraints.include_genres == ("Action",)
    assert "Bruce Willis or Arnold Schwarzenegger" in either.notices[0]
    refused = parse(index, "anything but not Tom Cruise")
    assert refused.constraints.cast == ()
    assert refused.constraints.exclude_series == ("Tom Cruise",)  # none of his films, as for a series
    top_gun = index.match_title("Top Gun", 1986)
    assert top_gun is not None and not refused.constraints.allows(top_gun)
    assert refused.notices == ()


# --- references ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message", ["what's like Inception?", "what is like Inception", "what's similar to Inception?"]
)
def test_what_is_like_a_film_asks_for_films_not_about_it(index: CatalogueIndex, message: str) -> None:
    parsed = parse(index, message)
    assert titles(index, parsed) == ["Inception (2010)"]
    assert parsed.intent_kind == "recommend" and parsed.notices == ()
    assert parse(index, "what's Inception like?").intent_kind == "film_question"


def test_a_series_named_without_films_after_a_taste_cue_steers_and_its_own_films_stay_out(
    index: CatalogueIndex,
) -> None:
    parsed = parse(index, "like Harry Potter but darker (and not Harry Potter itself)")
    assert parsed.references and all("Harry Potter" in index.movie(i).title for i in parsed.references)
    assert parsed.constraints.exclude_series == ("Harry Potter",)
    assert set(parsed.references) <= set(parsed.named)  # named films are never shown as picks
    # a film's own title after a cue is that film, not a series ("The Dark Knight", not Batman)
    named = parse(index, "I haven't seen The Dark Knight").named
    assert [index.movie(i).label for i in named] == ["The Dark Knight (2008)"]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("like Inception and The Dark Knight", ["Inception (2010)", "The Dark Knight (2008)"]),
        ("similar to The Matrix", ["The Matrix (1999)"]),
        ("I loved Alien, Aliens and Predator, Predators", ["Alien (1979)", "Aliens (1986)", "Predator (1987)",
                                                             "Predators (2010)"]),
        ("movies like Toy Story (1995)", ["Toy Story (1995)"]),
        ("in the vein of Se7en", ["Se7en (1995)"]),
        ("I liked Super Troopers (2001) a lot", ["Super Troopers (2001)"]),
        ("I liked Halloween (1978) and The Thing (1982)", ["Halloween (1978)", "The Thing (1982)"]),
        ("I'd like something like Up", ["Up (2009)"]),
        ("Schindler's List and Saving Private Ryan are my favourites", ["Schindler's List (1993)",
                                                                          "Saving Private Ryan (1998)"]),
        ("the dark knight vibes", ["The Dark Knight (2008)"]),
        ("similar to incepton", ["Inception (2010)"]),  # a misspelling after a cue
        ("movies like spiderman", ["Spider-Man (2002)"]),
        ("I loved Amelie (2001)", ["Amélie (2001)"]),
        # a sequel's number written another way: digits, words, Roman numerals
        ("something like Ocean's 11 (2001)", ["Ocean's Eleven (2001)"]),
        ("like Toy Story Four", ["Toy Story 4 (2019)"]),
        ("I loved Rocky Two", ["Rocky II (1979)"]),
        # single common words are titles only where the user is naming films
        ("a movie about her alien friend", []),
        ("I liked it", []),
        ("something for date night", []),
        ("I'd like a scary movie", []),
        # a style typed in lower case describes, though a film has it as its title
        ("a slow-burn psychological thriller", []),
        ("a slow burn thriller set in a small town", []),
        ("I loved Slow Burn", ["Slow Burn (2005)"]),
        # "a <kind> movie" in lower case asks for a kind, though a film has it as its title
        ("a superhero movie that isn't Marvel or DC", []),
        ("any good superhero movie?", []),
        ("something like superhero movie", ["Superhero Movie (2008)"]),
        # ... and so do its words before a genre or "film": what the film is like
        ("a non-stop action film", []),
        ("any non-stop thriller?", []),
        ("something like non-stop", ["Non-Stop (2014)"]),
        # ... and so does a genre's own phrase ("ghost story" is Horror), with its article
        ("i want a ghost story", []),
        ("I loved A Ghost Story", ["A Ghost Story (2017)"]),
        # "a" before a title whose own article is "The", in lower case, describes a thing
        ("a horror movie set in a cabin in the woods", []),
        ("a thriller about a perfect storm at sea", []),
        ("something like the cabin in the woods", ["The Cabin in the Woods (2012)"]),
        ("a film like a beautiful mind", ["A Beautiful Mind (2001)"]),
        # a time said in lower case is when, though a film has it as its title (years were lost)
        ("horror from the last 5 years", []),
        ("something like the last 5 years", ["The Last Five Years (2014)"]),
    ],
)  # fmt: skip
def test_references(index: CatalogueIndex, message: str, expected: list[str]) -> None:
    parsed = parse(index, message)
    assert titles(index, parsed) == expected
    assert parsed.notices == ()


def test_a_real_word_read_as_a_near_title_is_said(index: CatalogueIndex) -> None:
    # "Prisoner" is an English word and not a title here: the guess (Prisoners) is shown
    parsed = parse(index, "films like Se7en, Prisoner or Zodiac")
    assert titles(index, parsed) == ["Se7en (1995)", "Prisoners (2013)", "Zodiac (2007)"]
    assert parsed.notices == ('I took "Prisoner" to be Prisoners (2013).',)
    # a misspelling is no such guess, and leaving out "The" is no misreading
    for message in ("like Interstelar", "something like Jurasic Park", "like Matrix", "like Godfather"):
        parsed = parse(index, message)
        assert len(titles(index, parsed)) == 1 and parsed.notices == (), message


def test_a_longer_name_read_as_the_title_it_opens_with_is_said(index: CatalogueIndex) -> None:
    # Glass Onion (2022) is not in the catalogue; Glass (2019) is: the guess is shown, whole
    parsed = parse(index, "a movie like Knives Out and Glass Onion")
    assert titles(index, parsed) == ["Knives Out (2019)", "Glass (2019)"]
    assert parsed.notices == ('I took "Glass Onion" to be Glass (2019).',)
    assert "Onion" not in parsed.intent
    parsed = parse(index, "something like Heat Wave Runner")
    assert parsed.notices == ('I took "Heat Wave Runner" to be Heat (1995).',)
    # a person named after the title is not part of it, and a whole title is no guess
    for message in ("I loved Inception Christopher Nolan is great", "movies like Alien Covenant"):
        parsed = parse(index, message)
        assert len(titles(index, parsed)) == 1 and parsed.notices == (), message


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("Jaws is perfect. want more killer animal films", "want more killer animal films"),
        ("Heat was great, other films about a cop and a thief", "other films about a cop and a thief"),
        ("The Truman Show blew my mind, more films like that", "more films like that"),
        # pointing back at the film named is no subject: "vein" is a rare plot word, "spirit" a ghost
        ("Jaws is perfect. more killer animal movies in that vein", "more killer animal movies"),
        ("Seven Samurai was incredible. more sword epics in the same spirit", "more sword epics"),
        ("Heat was great, something along those lines", "something"),
        # a clause that says what the film is like stays
        ("mad max fury road is basically one long chase and i loved every second. more like it",
         "is basically one long chase and i loved every second. more like it"),
    ],
)  # fmt: skip
def test_praise_of_a_film_named_leaves_the_intent(index: CatalogueIndex, message: str, intent: str) -> None:
    parsed = parse(index, message)
    assert len(parsed.references) == 1
    assert parsed.intent == intent


def test_a_film_the_catalogue_lacks_does_not_end_a_list(index: CatalogueIndex) -> None:
    # "Thief" (1981) is not in the catalogue, and "thief" is a common word: it is still a film here.
    for message in ("films like Heat, Thief or Collateral", "movies like Drive, Thief and Ronin"):
        parsed = parse(index, message)
        assert len(titles(index, parsed)) == 2, message
        assert 'I couldn\'t find "Thief" in the catalogue.' in parsed.notices


def test_references_leave_the_intent_but_the_rest_stays(index: CatalogueIndex) -> None:
    parsed = parse(index, "something like 'Up' but funnier")
    assert titles(index, parsed) == ["Up (2009)"]
    assert parsed.intent == "something but funnier"
    assert parse(index, "a heist film like Inception").intent == "a heist film"
    assert (
        parse(index, "I want something like The Big Short but shorter").intent
        == "I want something but shorter"
    )


def test_titles_are_read_before_constraints(index: CatalogueIndex) -> None:
    parsed = parse(index, "I want something like The Big Short")  # "short" here is a title, not a runtime
    assert titles(index, parsed) == ["The Big Short (2015)"]
    assert parsed.constraints.is_empty()
    assert parse(index, "like Scary Movie 2").constraints.include_genres == ()


@pytest.mark.parametrize(
    ("message", "notice"),
    [
        ("like Zzzyxq", 'I couldn\'t find "Zzzyxq" in the catalogue.'),
        ("I liked Zzzyxq (1999)", 'I couldn\'t find "Zzzyxq (1999)" in the catalogue.'),
        ("I liked Halloween (1958)", 'I couldn\'t find "Halloween (1958)" in the catalogue.'),  # no such film
        ("something like 'Qwertyuiop Zxcv'", 'I couldn\'t find "Qwertyuiop Zxcv" in the catalogue.'),
    ],
)
def test_unknown_titles_named_by_the_user_are_reported(
    index: CatalogueIndex, message: str, notice: str
) -> None:
    parsed = parse(index, message)
    assert parsed.references == ()
    assert parsed.notices == (notice,)


def test_like_inception_and_an_unknown_film_keeps_the_known_one_and_reports_the_other(
    index: CatalogueIndex,
) -> None:
    parsed = parse(index, "like Inception and Zzzyxq")
    assert titles(index, parsed) == ["Inception (2010)"]
    assert parsed.notices == ('I couldn\'t find "Zzzyxq" in the catalogue.',)


@pytest.mark.parametrize(
    ("message", "understood", "notice"),
    [
        ("something like Heat", "Heat (1995)", 'I took "Heat" to be Heat (1995), not The Heat (2013).'),
        ("like The Heat", "The Heat (2013)", 'I took "The Heat" to be The Heat (2013), not Heat (1995).'),
        ("I loved Aliens", "Aliens (1986)", 'I took "Aliens" to be Aliens (1986), not Alien (1979).'),
    ],
)
def test_near_twin_titles_say_which_one_was_understood(
    index: CatalogueIndex, message: str, understood: str, notice: str
) -> None:
    parsed = parse(index, message)
    assert titles(index, parsed) == [understood]
    assert parsed.notices == (notice,)
    assert parsed.named == parsed.references


def test_near_twins_named_together_or_with_a_year_need_no_notice(index: CatalogueIndex) -> None:
    assert parse(index, "like Alien and Aliens").notices == ()
    assert parse(index, "like Heat (1995)").notices == ()


def test_every_named_film_is_in_named_whatever_the_person_thought_of_it(index: CatalogueIndex) -> None:
    parsed = parse(index, "I loved Inception, hated Twilight and haven't seen The Dark Knight")
    assert [index.movie(i).title for i in parsed.named] == ["Inception", "Twilight", "The Dark Knight"]
    assert titles(index, parsed) == ["Inception (2010)"]


def test_disliked_and_unseen_films_are_not_references(index: CatalogueIndex) -> None:
    hated = parse(index, "I hated Twilight, show me a thriller")
    assert hated.references == ()
    assert hated.notices == (
        'I can only search towards films, not away from them, so I set "Twilight" aside.',
    )
    unseen = parse(index, "I haven't seen The Dark Knight yet")
    assert unseen.references == ()
    assert "The Dark Knight" in unseen.intent


def test_find_titles_lists_every_named_film(index: CatalogueIndex) -> None:
    found = find_titles("I liked Super Troopers (2001), hated Twilight, and the dark knight was ok", index)
    assert [m.label for m in found] == ["Super Troopers (2001)", "Twilight (2008)", "The Dark Knight (2008)"]


def test_match_title(index: CatalogueIndex) -> None:
    inception = index.match_title("Inception")
    assert inception is not None and inception.year == 2010
    assert index.match_title("incepton") == inception
    assert index.match_title("the matrix") == index.match_title("The Matrix", 1999)
    assert index.match_title("Zzzyxq") is None
    assert index.match_title("") is None


def test_match_title_year_picks_the_remake_and_votes_break_ties() -> None:
    index = CatalogueIndex(
        [
            film("h78", "Halloween", year=1978, vote_count=1000),
            film("h07", "Halloween", year=2007, vote_count=400),
            film("h18", "Halloween II", year=2009, vote_count=300),
        ]
    )
    assert index.match_title("Halloween") == index.movie("h78")
    assert index.match_title("Halloween", 2007) == index.movie("h07")
    assert index.match_title("Haloween", 2008) == index.movie("h07")
    assert index.movie("h18").title == "Halloween II"


# --- how many ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "k"),
    [
        ("3 movies", 3),
        ("give me five films", 5),
        ("top 10", 10),
        ("top ten sci-fi", 10),
        ("a couple of comedies films", 2),
        ("one movie please", 1),
        ("a movie", None),
        ("a 2 hour movie", None),
        ("90s movies", None),
        ("give me 50 movies", 20),
    ],
)
def test_k(index: CatalogueIndex, message: str, k: int | None) -> None:
    assert parse(index, message).k == k


def test_too_many_films_is_clamped_with_a_notice(index: CatalogueIndex) -> None:
    assert parse(index, "give me 50 movies").notices == ("I can show at most 20 films at a time.",)


# --- contradictions ------------------------------------------------------------------------------


def test_contradictions_are_dropped_with_a_notice(index: CatalogueIndex) -> None:
    years = parse(index, "after 2010 and before 2000")
    assert (years.constraints.year_min, years.constraints.year_max) == (None, None)
    assert years.notices == ("You asked for films after 2010 and before 2000; I ignored the year limits.",)
    genre = parse(index, "a horror film, no horror")
    assert (genre.constraints.include_genres, genre.constraints.exclude_genres) == ((), ())
    assert genre.notices == ("You asked both for and against Horror; I ignored it.",)
    runtime = parse(index, "over 3 hours and under 90 minutes")
    assert (runtime.constraints.runtime_min, runtime.constraints.runtime_max) == (None, None)
    assert runtime.notices == (
        "You asked for films over 180 and under 90 minutes; I ignored the runtime limits.",
    )


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("message", ["", "   \n\t ", "🎬🍿😱", "<br/>", "'", '"""', "?!"])
def test_empty_input_asks_for_a_request(index: CatalogueIndex, message: str) -> None:
    parsed = parse(index, message)
    assert parsed.intent == ""
    assert parsed.constraints.is_empty() and parsed.references == () and parsed.k is None
    assert parsed.notices == (EMPTY_NOTICE,)


def test_long_input_is_truncated_with_a_notice(index: CatalogueIndex) -> None:
    message = "a tense thriller " + "blah " * 2_000
    parsed = parse(index, message)
    assert len(message) > 10_000 and parsed.text == message.strip()
    assert parsed.constraints.include_genres == ("Thriller",)
    assert parsed.notices == ("Your message is long, so I only read its first 2,000 characters.",)
    assert len(parsed.intent) <= 2_000


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("<script>alert(1)</script>", "alert(1)"),
        ("'; DROP TABLE movies; --", "DROP TABLE movies"),
        ("like 'like' \"\" (((( )))) ~~~ like", "like 'like' \"\" (((( )))) ~~~ like"),
    ],
)
def test_hostile_input_parses_to_something_sensible(index: CatalogueIndex, message: str, intent: str) -> None:
    parsed = parse(index, message)
    assert parsed.intent == intent
    assert parsed.constraints.is_empty() and parsed.references == () and parsed.notices == ()


@pytest.mark.parametrize(
    "message",
    ["(2001)", "like (1999) and", "{0} %s \\ NULL", "like, like, like", "no no no not", "top",
     "directed by", "starring", "under hours", "rated", "a" * 3_000, "ünïcödé «ταινία» 映画 фильм"],
)  # fmt: skip
def test_junk_never_raises(index: CatalogueIndex, message: str) -> None:
    parsed = parse(index, message)
    assert parsed.references == ()  # and no exception; the intent may be empty


def test_whitespace_is_normalised(index: CatalogueIndex) -> None:
    assert parse(index, "  a   funny\n\nfilm ").text == "a funny film"


# --- RequestConstraints ----------------------------------------------------------------------------

HEAT_LIKE = film(
    "1",
    "Heist",
    year=1995,
    genres=("Crime", "Thriller"),
    runtime=170,
    vote_average=7.9,
    directors=("Michael Mann",),
    cast=("Al Pacino", "Robert De Niro"),
)


def test_allows_and_violations_are_exact() -> None:
    everything = RequestConstraints(1990, 1999, ("Crime",), ("Horror",), 120, 180, 7.5)
    everything = replace(everything, directors=("Michael Mann", "Ridley Scott"), cast=("Al Pacino",))
    assert everything.allows(HEAT_LIKE) and everything.violations(HEAT_LIKE) == []
    failing = RequestConstraints(2000, None, ("Comedy",), ("Thriller",), None, 120, 8.0)
    failing = replace(failing, directors=("Ridley Scott",), cast=("Al Pacino", "Tom Hanks"))
    assert not failing.allows(HEAT_LIKE)
    assert failing.violations(HEAT_LIKE) == [
        "released 1995 before 2000",
        "not Comedy",
        "is Thriller",
        "runtime 170 min, over 120",
        "rated 7.9, below 8",
        "not directed by Ridley Scott",
        "Tom Hanks is not in the cast",
    ]


def test_unknown_values_fail_only_the_constraints_on_them() -> None:
    unknown = film("2")
    assert RequestConstraints().allows(unknown)
    assert RequestConstraints(include_genres=()).is_empty()
    assert RequestConstraints(year_max=1999).violations(unknown) == ["released unknown"]
    assert RequestConstraints(runtime_min=90).violations(unknown) == ["runtime unknown"]
    assert RequestConstraints(rating_min=6.0).violations(unknown) == ["rating unknown"]
    assert RequestConstraints(exclude_genres=("Horror",)).allows(unknown)


def test_parsed_constraints_filter_the_catalogue(
    index: CatalogueIndex, catalogue_movies: list[Movie]
) -> None:
    constraints = parse(index, "a 90s thriller, no horror, under two hours, rated 7+").constraints
    allowed = [m for m in catalogue_movies if constraints.allows(m)]
    assert 10 < len(allowed) < len(catalogue_movies) // 10
    for movie in allowed:
        assert movie.year is not None and 1990 <= movie.year <= 1999
        assert "Thriller" in movie.genres and "Horror" not in movie.genres
        assert movie.runtime is not None and movie.runtime <= 120
        assert movie.vote_average is not None and movie.vote_average >= 7.0
    rejected = [m for m in catalogue_movies if not constraints.allows(m)]
    assert all(constraints.violations(m) for m in rejected)


def test_merged_follow_up_turns() -> None:
    first = RequestConstraints(1990, 1999, ("Thriller",), ("Horror",), rating_min=7.0, cast=("Tom Hanks",))
    assert first.merged(RequestConstraints()) == first
    follow_up = RequestConstraints(include_genres=("Horror",), exclude_genres=("Thriller",), runtime_max=100)
    merged = first.merged(follow_up)
    assert merged.include_genres == ("Horror",)
    assert merged.exclude_genres == ("Thriller",)
    assert (merged.year_min, merged.year_max, merged.runtime_max, merged.rating_min) == (1990, 1999, 100, 7.0)
    assert merged.cast == ("Tom Hanks",)
    # a newer year bound that contradicts an older one replaces the pair
    later = first.merged(RequestConstraints(year_min=2011))
    assert (later.year_min, later.year_max) == (2011, None)
    narrower = first.merged(RequestConstraints(year_min=1995))
    assert (narrower.year_min, narrower.year_max) == (1995, 1999)
    assert first.merged(RequestConstraints(cast=("Meg Ryan",))).cast == ("Meg Ryan",)
    more = first.merged(RequestConstraints(include_genres=("Comedy",)))
    assert more.include_genres == ("Thriller", "Comedy")


def test_describe() -> None:
    assert RequestConstraints().describe() == "no constraints"
    nolan = RequestConstraints(year_min=2011, rating_min=7.5, directors=("Christopher Nolan",))
    assert nolan.describe() == "from 2011, rated 7.5+, directed by Christopher Nolan"
    assert RequestConstraints(cast=("Tom Hanks", "Meg Ryan")).describe() == "with Tom Hanks and Meg Ryan"
    assert (
        RequestConstraints(year_min=2008, year_max=2008, runtime_min=120).describe() == "2008, over 120 min"
    )


# --- phrasings of issue 11 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "years"),
    [
        ("a thriller from the eighties", (1980, 1989)),
        ("a 70's film", (1970, 1979)),
        ("something made in the nineteen-nineties", (1990, 1999)),
        ("late nineties comedy", (1996, 1999)),
        ("a movie from the two thousands", (2000, 2009)),
        ("a thriller after '95", (1996, None)),
        ("nothing made before 1995", (1995, None)),
        ("not older than 2005", (2005, None)),
        ("no earlier than 2010", (2010, None)),
        ("no movies before the year 2000", (2000, None)),
        ("I don't want anything before 1990", (1990, None)),
        ("from this century", (2000, None)),
        ("in my twenties I loved westerns", (None, None)),  # an age, not a decade of release
        ("what about the 80s?", (1980, 1989)),  # asks for films made then ...
        ("how about the eighties", (1980, 1989)),
        ("a film about the 60s", (None, None)),  # ... a film about them is set then
    ],
)
def test_spelled_apostrophe_and_negated_years(
    index: CatalogueIndex, message: str, years: tuple[int | None, int | None]
) -> None:
    constraints = parse(index, message).constraints
    assert (constraints.year_min, constraints.year_max) == years


@pytest.mark.parametrize(
    ("message", "years"),
    [
        ("something like The Shining but more recent", (1981, None)),
        ("like Jurassic Park, only newer", (1994, None)),
        ("like Alien but older", (None, 1978)),
        ("like Heat but newer than 2005", (2006, None)),  # a year given wins over the film's
    ],
)
def test_newer_or_older_than_the_film_named(
    index: CatalogueIndex, message: str, years: tuple[int | None, int | None]
) -> None:
    parsed = parse(index, message)
    assert (parsed.constraints.year_min, parsed.constraints.year_max) == years
    assert not {"newer", "older", "recent"} & set(parsed.intent.split())


def test_relative_years_count_back_from_the_newest_film(index: CatalogueIndex) -> None:
    assert parse(index, "from the last ten years").constraints.year_min == index.latest_year - 9
    assert parse(index, "nothing from the past decade").constraints.year_max == index.latest_year - 10
    # "a few" years is as many as "recent" means; the words that say it leave the search
    parsed = parse(index, "something made in the last few years")
    assert (parsed.constraints.year_min, parsed.intent) == (index.latest_year - RECENT_YEARS + 1, "something")
    couple = parse(index, "a comedy from the past couple of years")
    assert couple.constraints.year_min == index.latest_year - 2
    # when a film is set, not when it was made
    parsed = parse(index, "a film about the last few years of a marriage")
    assert parsed.constraints.year_min is None and "marriage" in parsed.intent


@pytest.mark.parametrize(
    ("message", "back", "genres"),
    [
        ("a sci-fi film no older than 15 years", (14, None), ("Science Fiction",)),
        ("nothing older than ten years please", (9, None), ()),
        ("a comedy less than 20 years old", (19, None), ("Comedy",)),
        ("a thriller that is at most a decade old", (9, None), ("Thriller",)),
        ("a western, nothing more than two decades old", (19, None), ("Western",)),
        ("I don't want anything more than 10 years old", (9, None), ()),
        ("films more than 30 years old", (None, 30), ()),
        ("a romance at least 40 years old", (None, 40), ("Romance",)),
    ],
)
def test_a_films_age_bounds_its_year(
    index: CatalogueIndex, message: str, back: tuple[int | None, int | None], genres: tuple[str, ...]
) -> None:
    c = parse(index, message).constraints
    latest = index.latest_year
    assert (c.year_min, c.year_max) == tuple(None if b is None else latest - b for b in back)
    assert c.include_genres == genres


def test_an_age_said_of_a_person_is_no_films_age(index: CatalogueIndex) -> None:
    parsed = parse(index, "a drama about a man over 50 years old")
    assert (parsed.constraints.year_min, parsed.constraints.year_max) == (None, None)


def test_named_spans_of_years(index: CatalogueIndex) -> None:
    c = parse(index, "a comedy from the turn of the millennium").constraints
    assert (c.year_min, c.year_max, c.include_genres) == (1998, 2002, ("Comedy",))
    c = parse(index, "a drama from this decade").constraints
    assert (c.year_min, c.year_max) == (index.latest_year // 10 * 10, None)
    assert parse(index, "nothing from this decade").constraints.year_max == index.latest_year // 10 * 10 - 1
    # when a film is set, not when it was made
    assert parse(index, "a heist movie set at the turn of the century").constraints.year_min is None


@pytest.mark.parametrize(
    ("message", "include", "exclude"),
    [
        ("skip the horror", (), ("Horror",)),
        ("no romance please", (), ("Romance",)),
        ("anything but a musical", (), ("Music",)),
        ("a drama, not a comedy", ("Drama",), ("Comedy",)),
        ("I'm not in the mood for horror tonight", (), ("Horror",)),
        ("a comedy, horror-free", ("Comedy",), ("Horror",)),
        ("a western, war movies-free", ("Western",), ("War",)),
        ("romance is a no, something tense", (), ("Romance",)),
        ("a drama - horror is off limits", ("Drama",), ("Horror",)),  # was asked for
        ("westerns are a hard no", (), ("Western",)),
        ("a comedy, romance is out of the question", ("Comedy",), ("Romance",)),
        ("spare me the musicals", (), ("Music",)),
        ("a space opera", ("Science Fiction",), ()),
        ("a creepy ghost story", ("Horror",), ()),
    ],
)
def test_refused_genres_in_many_forms_and_synonyms(
    index: CatalogueIndex, message: str, include: tuple[str, ...], exclude: tuple[str, ...]
) -> None:
    constraints = parse(index, message).constraints
    assert (constraints.include_genres, constraints.exclude_genres) == (include, exclude)


@pytest.mark.parametrize(
    ("message", "runtime_max"),
    [
        ("a film under ninety minutes", 90),
        ("an hour and a half max", 90),
        ("at most a hundred and twenty minutes", 120),
    ],
)
def test_spelled_runtimes(index: CatalogueIndex, message: str, runtime_max: int) -> None:
    assert parse(index, message).constraints.runtime_max == runtime_max


@pytest.mark.parametrize(
    ("message", "title"),
    [
        ("Whiplash wrecked me (in a good way). anything like it?", "Whiplash"),
        ("The Dark Knight was amazing, more like that please", "The Dark Knight"),
        ("Up made me cry. Something like it?", "Up"),
        ("Jaws is perfect. want more killer animal movies in that vein", "Jaws"),
        # typed without capitals: a title of more than one common word still opens the sentence
        ("die hard is my all-time favourite. what else has one guy against a gang?", "Die Hard"),
        # asking for "more <films or a genre>" asks for its like too
        ("Get Out blew my mind. more horror that's secretly about something", "Get Out"),
        ("Drive was amazing, other movies with that neon mood?", "Drive"),
    ],
)
def test_a_film_judged_at_a_sentence_start_steers_a_like_it_request(
    index: CatalogueIndex, message: str, title: str
) -> None:
    parsed = parse_request(message, index)
    assert [index.movie(i).title for i in parsed.references] == [title]


def test_a_capitalised_word_that_is_no_judged_film_is_not_read_as_one(index: CatalogueIndex) -> None:
    assert parse_request("Something was off. More like that", index).references == ()
    assert parse_request("up was great. what else is there", index).references == ()
    # a pronoun opening the sentence is the film just shown, not the film "It"
    assert parse_request("It was great. More films like that please", index).references == ()


def test_the_horror_of_something_is_not_the_horror_genre(index: CatalogueIndex) -> None:
    parsed = parse_request("a war film that shows the horror of war, not glorifying it", index)
    assert parsed.constraints.include_genres == ("War",)
    assert parse_request("the horrors of slavery", index).constraints.include_genres == ()
    assert parse_request("a horror film set in a war", index).constraints.include_genres == ("Horror", "War")


def test_refusing_a_war_by_name_keeps_war_films(index: CatalogueIndex) -> None:
    parsed = parse_request("a war film that's not about World War II", index)
    assert parsed.constraints.include_genres == ("War",) and parsed.constraints.exclude_genres == ()
    assert parse_request("a comedy, no war", index).constraints.exclude_genres == ("War",)


@pytest.mark.parametrize(
    ("message", "avoid"),
    [
        # two words the catalogue names whole are refused whole, not "found" in every plot
        ("horror but not found footage", ("found footage",)),
        ("a horror film, no jump scares", ("jump scares",)),
        ("no gore, blood or jump scares", ("gore", "blood", "jump scares")),  # a list, to its "or"
        ("nothing violent, funny please", ("violent",)),  # a comma alone ends the refusal
        ("films like Heat but not a prison movie", ("prison",)),
        # the creatures, not the films called Aliens or Vampires
        ("a sci-fi movie without aliens", ("aliens",)),
        ("a fantasy film, no vampires", ("vampires",)),
    ],
)
def test_what_a_refusal_keeps_out(index: CatalogueIndex, message: str, avoid: tuple[str, ...]) -> None:
    parsed = parse_request(message, index)
    assert parsed.avoid == avoid
    assert parsed.constraints.exclude_series == ()


def test_a_refused_series_typed_in_lower_case_is_still_one(index: CatalogueIndex) -> None:
    assert parse_request("no transformers please", index).constraints.exclude_series == ("Transformers",)


def test_isnt_about_is_something_to_avoid(index: CatalogueIndex) -> None:
    assert parse_request("a drama that isn't about music", index).avoid == ("music",)


@pytest.mark.parametrize(
    ("message", "says"),
    [
        ("an animated film about growing up, not Pixar", "couldn't leave out Pixar films"),
        ("a Japanese animated film that isn't Ghibli", "couldn't leave out Ghibli films"),
        ("nothing from Disney please, something with heart", "couldn't leave out Disney films"),
        ("a Studio Ghibli film for a rainy day", '"Studio Ghibli" only guided the search'),
        ("something on Netflix tonight", 'couldn\'t check "Netflix"'),
        ("a good Disney+ movie for the kids", 'couldn\'t check "Disney+"'),
        ("a Disney movie for the kids", '"Disney" only guided the search'),
    ],
)
def test_a_wish_the_catalogue_cannot_check_gets_a_notice(
    index: CatalogueIndex, message: str, says: str
) -> None:
    parsed = parse(index, message)
    assert parsed.intent_kind == "recommend"
    assert any(says in notice for notice in parsed.notices), parsed.notices
    assert not parsed.constraints.cast  # a studio is no actor: Walt Disney is in the cast of Fantasia alone


@pytest.mark.parametrize(
    "message",
    [
        "something like The French Connection",  # a title, read before
        "a drama set during the French Revolution",  # a history, not a language
        "neon-soaked cyberpunk thriller",  # a look, not the studio
        "a heist thriller with a twist",
    ],
)
def test_words_that_only_look_like_such_a_wish_get_no_notice(index: CatalogueIndex, message: str) -> None:
    assert not [
        n for n in parse(index, message).notices if "catalogue doesn't record" in n or "streaming" in n
    ]


def test_a_remembered_service_in_a_known_item_search_is_no_wish(index: CatalogueIndex) -> None:
    parsed = parse(index, "I saw it on Netflix years ago, a movie about a girl who finds a dragon")
    assert parsed.intent_kind == "known_item" and not parsed.notices


def test_who_a_film_is_for_is_no_title(index: CatalogueIndex) -> None:
    parsed = parse(index, "animated like Toy Story, but made for grown-ups")
    assert titles(index, parsed) == ["Toy Story (1995)"]  # not the film Grown Ups
    assert titles(index, parse(index, "looking for the dark knight vibes")) == ["The Dark Knight (2008)"]
    assert titles(index, parse(index, "something like grown ups")) == ["Grown Ups (2010)"]


def test_a_sequel_number_said_another_way_is_matched_exactly_never_as_a_misspelling(
    index: CatalogueIndex,
) -> None:
    # "Avatar too" was read as a misspelt "Avatar Two", the alias of Avatar 2 (2022)
    parsed = parse(index, "films like Titanic and The Notebook, and tell me about Avatar too")
    assert "Avatar 2 (2022)" not in [index.movie(i).label for i in (*parsed.named, *parsed.references)]
    assert titles(index, parse(index, "something like Ocean's 11")) == ["Ocean's Eleven (2001)"]
