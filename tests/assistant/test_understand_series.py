"""Series and franchises known from the catalogue: ruled out on request, or named as a taste."""

from __future__ import annotations

import pytest

from assistant.understand import CatalogueIndex, RequestConstraints, parse_request
from assistant.understand.series import title_stem
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


def titles_of(index: CatalogueIndex, ids: frozenset[str] | tuple[str, ...]) -> set[str]:
    return {index.movie(i).title for i in ids}


@pytest.mark.parametrize(
    ("message", "series", "member", "genres"),
    [
        ("fantasy but no Harry Potter", "Harry Potter", "Harry Potter and the Goblet of Fire", ("Fantasy",)),
        (
            "fantasy but no harry potter",
            "Harry Potter",
            "Harry Potter and the Chamber of Secrets",
            ("Fantasy",),
        ),
        ("superheroes, nothing from Marvel", "Marvel", "Iron Man", ()),
        (
            "space opera that isn't Star Wars",
            "Star Wars",
            "Rogue One: A Star Wars Story",
            ("Science Fiction",),
        ),
        ("a spy film, no James Bond", "James Bond", "Casino Royale", ()),
        ("action, nothing from the Bourne films", "Bourne", "Jason Bourne", ("Action",)),
    ],
)
def test_a_ruled_out_series_excludes_all_its_films(
    index: CatalogueIndex, message: str, series: str, member: str, genres: tuple[str, ...]
) -> None:
    parsed = parse_request(message, index)
    constraints = parsed.constraints
    assert constraints.exclude_series == (series,)
    assert member in titles_of(index, constraints.excluded_films)
    assert constraints.include_genres == genres
    assert parsed.references == ()
    assert series.lower() not in parsed.intent.lower()
    film = next(m for m in map(index.movie, constraints.excluded_films) if m.title == member)
    assert not constraints.allows(film)
    assert f"one of the {series} films" in constraints.violations(film)


@pytest.mark.parametrize(
    ("message", "series"),
    [
        ("fantasy but no Harry Potter or Narnia", ("Harry Potter", "Narnia")),
        ("superheroes, nothing from Marvel or DC", ("Marvel", "DC")),
        ("no Bond, Mission Impossible or Bourne", ("Bond", "Mission Impossible", "Bourne")),
        # the list ends where the refusal does
        ("no Harry Potter and something funny", ("Harry Potter",)),
        ("a rom-com, no Star Wars stuff, I'm not into documentaries", ("Star Wars",)),
        # ... and goes on to no pronoun said short, nor to half a word (the grammar suite found both)
        ("fantasy but no Harry Potter and I'd like it short", ("Harry Potter",)),
        ("a horror movie, not the Harry Potter movies and I'd rather avoid romance", ("Harry Potter",)),
        ("no Star Wars stuff and non-English", ("Star Wars",)),
    ],
)
def test_a_refusal_holds_for_every_series_it_lists(
    index: CatalogueIndex, message: str, series: tuple[str, ...]
) -> None:
    assert parse_request(message, index).constraints.exclude_series == series


def test_a_language_refused_after_a_series_still_holds(index: CatalogueIndex) -> None:
    constraints = parse_request("a 50s film, but no Star Wars stuff and non-English", index).constraints
    assert constraints.exclude_languages == ("en",)


def test_a_series_other_name_in_its_plots_counts_too(index: CatalogueIndex) -> None:
    # Goldfinger's and Tomorrow Never Dies's plots say "007", never "Bond": most plots that say
    # "007" are Bond films, so the catalogue itself makes "007" a name of the series.
    excluded = titles_of(index, parse_request("a spy film, no James Bond", index).constraints.excluded_films)
    assert {"Goldfinger", "Tomorrow Never Dies", "Skyfall", "Dr. No"} <= excluded
    assert not {"Mission: Impossible", "The Bourne Identity", "Kingsman: The Secret Service"} & excluded


def test_a_series_characters_full_names_count_too(index: CatalogueIndex) -> None:
    # The Empire Strikes Back and Return of the Jedi carry "Star Wars" in no title, keyword or plot:
    # their plots name Darth Vader and Luke Skywalker, as most plots that name them are Star Wars films
    excluded = titles_of(
        index, parse_request("a space opera that isn't Star Wars", index).constraints.excluded_films
    )
    assert {"The Empire Strikes Back", "Return of the Jedi", "Star Wars"} <= excluded
    assert not {"Star Trek", "Dune", "Guardians of the Galaxy", "Spaceballs"} & excluded
    batman = titles_of(index, parse_request("a superhero film, no Batman", index).constraints.excluded_films)
    assert "Joker" in batman and "Superman" not in batman


def test_marvel_reaches_films_without_keywords_through_their_title_stems(index: CatalogueIndex) -> None:
    excluded = titles_of(index, parse_request("nothing from Marvel", index).constraints.excluded_films)
    # the second source's films carry no keywords: their titles tie them to the franchise
    assert {"Avengers: Endgame", "Thor: Ragnarok", "Iron Man 2", "The Avengers"} <= excluded
    assert "Blade Runner" not in excluded and "Batman Begins" not in excluded


def test_the_series_films_are_references_when_named_as_a_taste(index: CatalogueIndex) -> None:
    parsed = parse_request("something like the Bourne films", index)
    assert "The Bourne Identity" in titles_of(index, parsed.references)
    assert set(parsed.references) <= set(parsed.named)
    assert parsed.constraints.is_empty()
    assert parsed.intent == "something"


@pytest.mark.parametrize(
    "message",
    [
        "nothing after 2000",
        "Korean films",
        "a thriller, no violence",
        "a Tom Cruise film",
        "nothing loud or taxing",  # how it feels (a few titles start with "Loud")
    ],
)
def test_ordinary_words_are_no_series(index: CatalogueIndex, message: str) -> None:
    assert parse_request(message, index).constraints.exclude_series == ()


def test_series_exclusions_merge_across_turns_and_are_described() -> None:
    first = RequestConstraints(exclude_series=("Marvel",), excluded_films=frozenset({"1", "2"}))
    second = RequestConstraints(exclude_series=("Star Wars",), excluded_films=frozenset({"3"}))
    merged = first.merged(second)
    assert merged.exclude_series == ("Marvel", "Star Wars")
    assert merged.excluded_films == {"1", "2", "3"}
    assert merged.describe() == "no Marvel, no Star Wars"


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Thor: Ragnarok", "thor"),
        ("Iron Man 2", "iron man"),
        ("The Avengers", "avengers"),
        ("Blade II", "blade"),
    ],
)
def test_title_stem(title: str, stem: str) -> None:
    assert title_stem(title) == stem


@pytest.mark.parametrize(
    ("message", "series"),
    [
        ("a comedy, Marvel-free", "Marvel"),
        ("not another Star Wars", "Star Wars"),
        ("I've had enough of Marvel, something with superheroes though", "Marvel"),
        ("except for Star Wars, any space opera", "Star Wars"),
        ("one guy against a gang of bad guys (and not the die hard sequels obviously)", "Die Hard"),
    ],
)
def test_more_ways_to_rule_a_series_out(index: CatalogueIndex, message: str, series: str) -> None:
    parsed = parse_request(message, index)
    assert parsed.constraints.exclude_series == (series,)
    assert parsed.references == ()


def test_a_person_ruled_out_excludes_their_films_like_a_series(index: CatalogueIndex) -> None:
    parsed = parse_request("a comedy, but nothing with Adam Sandler", index)
    assert parsed.constraints.exclude_series == ("Adam Sandler",)
    assert parsed.constraints.cast == ()
    assert parsed.intent == "a comedy"
    assert "Grown Ups" in titles_of(index, parsed.constraints.excluded_films)


def test_a_single_film_ruled_out_is_never_shown(index: CatalogueIndex) -> None:
    parsed = parse_request("a mind-bending film but not Inception", index)
    assert parsed.constraints.exclude_series == ("Inception",)
    inception = index.match_title("Inception")
    assert inception is not None and not parsed.constraints.allows(inception)
    assert parsed.references == ()


@pytest.mark.parametrize(
    ("message", "ruled_out", "kept"),
    [
        # 12 Angry Men and In the Heat of the Night have "heat" in their keywords and plots
        ("a buddy cop comedy, not The Heat", {"The Heat"}, ["Heat", "12 Angry Men", "Red Heat"]),
        # "matrix" is a keyword of the Transformers films
        (
            "sci-fi but not The Matrix",
            {"The Matrix", "The Matrix Reloaded", "The Matrix Revolutions"},
            ["Transformers", "Dark City"],
        ),
        ("no The Terminator", {"The Terminator", "Terminator 2: Judgment Day"}, []),
    ],
)
def test_a_refused_title_with_its_article_is_that_film_and_its_sequels(
    index: CatalogueIndex, message: str, ruled_out: set[str], kept: list[str]
) -> None:
    excluded = titles_of(index, parse_request(message, index).constraints.excluded_films)
    assert ruled_out <= excluded
    assert not excluded & set(kept)


def test_a_refused_series_called_a_series_keeps_all_its_films(index: CatalogueIndex) -> None:
    parsed = parse_request("sci-fi, not the Terminator films", index)
    excluded = titles_of(index, parsed.constraints.excluded_films)
    assert {"The Terminator", "Terminator Genisys", "Terminator Salvation"} <= excluded


def test_a_title_after_a_refusal_is_no_reference(index: CatalogueIndex) -> None:
    parsed = parse_request("anything but another Superhero Movie", index)
    assert parsed.references == ()


def test_a_surname_ruled_out_is_the_person(index: CatalogueIndex) -> None:
    assert parse_request("no Nolan please", index).constraints.exclude_series == ("Christopher Nolan",)


@pytest.mark.parametrize(
    "message",
    [
        "epic fantasy but no Lord of the Rings",
        "epic fantasy, not Lord of the Rings",
        "epic fantasy that isn't The Lord of the Rings",
    ],
)
def test_a_series_name_opening_with_a_surname_is_the_series(index: CatalogueIndex, message: str) -> None:
    # "Lord" is Phil Lord's surname too: the series was read as "no Phil Lord", or its 1978 namesake
    # alone was set aside, and the trilogy was shown.
    c = parse_request(message, index).constraints
    assert c.exclude_series == ("Lord Of The Rings",)
    assert "The Lord of the Rings: The Two Towers" in titles_of(index, c.excluded_films)
    assert c.include_genres == ("Fantasy",)


@pytest.mark.parametrize(
    ("message", "people"),
    [
        ("no Nolan or Tarantino films", ("Christopher Nolan", "Quentin Tarantino")),
        (
            "nothing by Nolan, Tarantino or Scorsese",
            ("Christopher Nolan", "Quentin Tarantino", "Martin Scorsese"),
        ),
        ("a comedy without Adam Sandler or Will Ferrell", ("Adam Sandler", "Will Ferrell")),
        ("anything but Nolan", ("Christopher Nolan",)),  # asked for nothing at all
        ("a comedy, anything but jim carrey", ("Jim Carrey",)),
        ("tired of Adam Sandler movies", ("Adam Sandler",)),
        # were asked for: a refusal said as "that isn't", "nothing from", "except for"
        ("something that isn't Wes Anderson", ("Wes Anderson",)),
        ("a comedy except for Jim Carrey", ("Jim Carrey",)),
        ("a thriller that's not by Fincher", ("David Fincher",)),
    ],
)
def test_a_refusal_holds_for_every_person_it_lists(
    index: CatalogueIndex, message: str, people: tuple[str, ...]
) -> None:
    # "no Nolan or Tarantino" asked for Tarantino's films
    c = parse_request(message, index).constraints
    assert c.exclude_series == people
    assert not c.directors and not c.cast


def test_a_title_far_less_known_than_its_series_names_the_series(index: CatalogueIndex) -> None:
    # Bakshi's 1978 The Lord of the Rings was the only film "like The Lord of the Rings" steered by
    parsed = parse_request("something like The Lord of the Rings", index)
    assert "The Lord of the Rings: The Fellowship of the Ring" in titles_of(index, parsed.references)
    parsed = parse_request("something like Pirates of the Caribbean", index)  # no film of that title
    assert "Pirates of the Caribbean: The Curse of the Black Pearl" in titles_of(index, parsed.references)
    # a title that is its series' best-known film stays that film
    assert titles_of(index, parse_request("like Die Hard", index).references) == {"Die Hard"}
    assert titles_of(index, parse_request("like Star Wars but funnier", index).references) == {"Star Wars"}


@pytest.mark.parametrize(
    ("message", "series", "in_it", "not_in_it"),
    [
        (
            "a fantasy adventure, but nothing from Middle-earth",
            "Middle-earth",
            {"The Lord of the Rings: The Two Towers", "The Hobbit: An Unexpected Journey"},
            {"A Streetcar Named Desire"},  # its plot says "Middle" in another sense
        ),
        ("fantasy but nothing set in Middle-earth", "Middle-earth", {"The Hobbit"}, set()),
        ("superheroes, no Spider-Man films", "Spider-Man", {"Spider-Man 2"}, {"Arachnophobia"}),
    ],
)
def test_a_hyphenated_series_name_is_read_whole(
    index: CatalogueIndex, message: str, series: str, in_it: set[str], not_in_it: set[str]
) -> None:
    parsed = parse_request(message, index)
    assert parsed.constraints.exclude_series == (series,)
    excluded = titles_of(index, parsed.constraints.excluded_films)
    assert in_it <= excluded and not (not_in_it & excluded)


def test_a_question_about_a_person_is_no_refusal(index: CatalogueIndex) -> None:
    c = parse_request("Oh cool, isn't Devito in that?", index).constraints
    assert not c.exclude_series and not c.excluded_films


@pytest.mark.parametrize(
    ("message", "director"),
    [
        # were the films whose plots say "Nolan" (Bruce Almighty, Orca), read as a series
        ("I love Nolan movies", "Christopher Nolan"),
        ("I love Tarantino films", "Quentin Tarantino"),
        # were chit-chat: a taste for someone says what to look for
        ("I love Tarantino", "Quentin Tarantino"),
        ("I'm a big fan of Nolan", "Christopher Nolan"),
        # were the 2017 documentary and the 2012 film about him, not his films
        ("we love Spielberg", "Steven Spielberg"),
        ("I really enjoy Hitchcock", "Alfred Hitchcock"),
    ],
)
def test_a_taste_for_a_filmmaker_names_the_filmmaker(
    index: CatalogueIndex, message: str, director: str
) -> None:
    parsed = parse_request(message, index)
    assert parsed.constraints.directors == (director,)
    assert not parsed.references and parsed.intent_kind == "recommend"


@pytest.mark.parametrize(
    ("message", "title"), [("I loved Heat", "Heat"), ("I loved Lincoln", "Lincoln"), ("I loved Ray", "Ray")]
)
def test_a_title_that_is_a_surname_stays_a_title(index: CatalogueIndex, message: str, title: str) -> None:
    parsed = parse_request(message, index)
    assert [index.movie(i).title for i in parsed.references] == [title]
    assert not parsed.constraints.directors and not parsed.constraints.cast


@pytest.mark.parametrize(
    ("message", "film"),
    [
        ("skip the MCU, superheroes", "The Avengers"),  # was nothing: no plot says "MCU"
        ("superhero films outside the Marvel Cinematic Universe", "The Avengers"),  # was a taste for them
        ("no LOTR please, fantasy", "The Lord of the Rings: The Two Towers"),
    ],
)
def test_a_series_ruled_out_by_a_short_name_or_outside_it(
    index: CatalogueIndex, message: str, film: str
) -> None:
    parsed = parse_request(message, index)
    assert film in titles_of(index, parsed.constraints.excluded_films)
    assert not parsed.references


def test_outside_a_place_is_no_series_refused(index: CatalogueIndex) -> None:
    c = parse_request("No idea how that worked outside Poland, though", index).constraints
    assert not c.exclude_series and not c.excluded_films
