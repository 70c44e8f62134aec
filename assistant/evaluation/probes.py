"""Constraint probes: requests with explicit constraints, and what those constraints are, written
by hand. A recommended film that breaks the hand-written constraint is a violation, whatever the
parser understood, so a parser mistake cannot hide one."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.understand import RequestConstraints as C


@dataclass(frozen=True)
class Probe:
    request: str
    expected: C


PROBES: tuple[Probe, ...] = (
    Probe("a tense 90s heist thriller, nothing gory", C(1990, 1999, include_genres=("Thriller",))),
    Probe("90s comedies", C(1990, 1999, include_genres=("Comedy",))),
    Probe("a scary movie from the 80s", C(1980, 1989, include_genres=("Horror",))),
    Probe("sci-fi after 2010", C(year_min=2011, include_genres=("Science Fiction",))),
    Probe("a western older than 1970", C(year_max=1969, include_genres=("Western",))),
    Probe("war films from 1995 to 2005", C(1995, 2005, include_genres=("War",))),
    Probe("romantic comedy between 2000 and 2009", C(2000, 2009, include_genres=("Romance", "Comedy"))),
    Probe("an animated film for kids from the 2000s", C(2000, 2009, include_genres=("Animation",))),
    Probe("a crime drama, no romance", C(include_genres=("Crime", "Drama"), exclude_genres=("Romance",))),
    Probe("action movies but no sci-fi", C(include_genres=("Action",), exclude_genres=("Science Fiction",))),
    Probe(
        "a comedy with no romance, under 100 minutes",
        C(include_genres=("Comedy",), exclude_genres=("Romance",), runtime_max=100),
    ),
    Probe("something fun, nothing scary", C(exclude_genres=("Horror",))),
    Probe("a thriller under two hours", C(include_genres=("Thriller",), runtime_max=120)),
    Probe("a drama shorter than 90 minutes", C(include_genres=("Drama",), runtime_max=90)),
    Probe("an epic over 2 hours", C(runtime_min=120)),  # bounds are inclusive: 120 min is "2 hours"
    Probe("a highly rated mystery", C(include_genres=("Mystery",), rating_min=7.0)),
    Probe("a horror film rated at least 7/10", C(include_genres=("Horror",), rating_min=7.0)),
    Probe("an adventure rated 8+", C(include_genres=("Adventure",), rating_min=8.0)),
    Probe("films directed by Christopher Nolan", C(directors=("Christopher Nolan",))),
    Probe("a Quentin Tarantino film", C(directors=("Quentin Tarantino",))),
    Probe(
        "something directed by Steven Spielberg before 1990",
        C(year_max=1989, directors=("Steven Spielberg",)),
    ),
    Probe("a movie starring Tom Hanks", C(cast=("Tom Hanks",))),
    Probe("Brad Pitt movies from the 90s", C(1990, 1999, cast=("Brad Pitt",))),
    Probe("a comedy with Jim Carrey", C(include_genres=("Comedy",), cast=("Jim Carrey",))),
    Probe("a Leonardo DiCaprio drama", C(include_genres=("Drama",), cast=("Leonardo DiCaprio",))),
    Probe("a family movie, not animated", C(include_genres=("Family",), exclude_genres=("Animation",))),
    Probe("a documentary about music", C(include_genres=("Documentary",))),
    Probe(
        "a fantasy adventure from the 2000s, no horror",
        C(2000, 2009, include_genres=("Fantasy", "Adventure"), exclude_genres=("Horror",)),
    ),
    Probe("a 70s crime film", C(1970, 1979, include_genres=("Crime",))),
    Probe("a musical made before 1965", C(year_max=1964, include_genres=("Music",))),
    Probe("a heist movie made after 2005 under 2 hours", C(year_min=2006, runtime_max=120)),
    Probe("something like Inception but from before 2000", C(year_max=1999)),
    Probe("movies like The Matrix, but no action", C(exclude_genres=("Action",))),
    Probe("like Toy Story but not animated", C(exclude_genres=("Animation",))),
    Probe("similar to Alien, after 1990", C(year_min=1991)),
    Probe("something like Titanic but not a romance", C(exclude_genres=("Romance",))),
    Probe("a history film from the 2010s", C(2010, 2019, include_genres=("History",))),
    Probe("a space movie, no comedies", C(exclude_genres=("Comedy",))),
    Probe("a spy thriller from the 60s", C(1960, 1969, include_genres=("Thriller",))),
    Probe("a horror comedy", C(include_genres=("Horror", "Comedy"))),
    Probe("dark fantasy, not for kids", C(include_genres=("Fantasy",), exclude_genres=("Family",))),
    Probe("a short animated movie under 90 minutes", C(include_genres=("Animation",), runtime_max=90)),
    Probe("a drama from 2015", C(2015, 2015, include_genres=("Drama",))),
    Probe("a mystery thriller since 2010", C(year_min=2010, include_genres=("Mystery", "Thriller"))),
    Probe(
        "no horror and no thrillers please, something from the 90s",
        C(1990, 1999, exclude_genres=("Horror", "Thriller")),
    ),
    Probe("acclaimed war movies", C(include_genres=("War",), rating_min=7.0)),
    Probe(
        "a romance without comedy from before 1980",
        C(year_max=1979, include_genres=("Romance",), exclude_genres=("Comedy",)),
    ),
    Probe("an action film with Tom Cruise", C(include_genres=("Action",), cast=("Tom Cruise",))),
    Probe("a Ridley Scott sci-fi movie", C(include_genres=("Science Fiction",), directors=("Ridley Scott",))),
    Probe(
        "a crime movie directed by Martin Scorsese from the 90s",
        C(1990, 1999, include_genres=("Crime",), directors=("Martin Scorsese",)),
    ),
    Probe("a western rated above 7", C(include_genres=("Western",), rating_min=7.0)),
    Probe(
        "an 80s adventure, less than 2 hours", C(1980, 1989, include_genres=("Adventure",), runtime_max=120)
    ),
    Probe("give me 3 horror movies from the 2010s", C(2010, 2019, include_genres=("Horror",))),
    Probe(
        "a feel-good family film from the 90s, no animation",
        C(1990, 1999, include_genres=("Family",), exclude_genres=("Animation",)),
    ),
    Probe(
        "something with Morgan Freeman, nothing scary",
        C(exclude_genres=("Horror",), cast=("Morgan Freeman",)),
    ),
    # Spelled-out and apostrophe decades, negated bounds and refusals (issue 11)
    Probe("a thriller from the eighties", C(1980, 1989, include_genres=("Thriller",))),
    Probe("a 70's crime film", C(1970, 1979, include_genres=("Crime",))),
    Probe("something made in the nineteen-nineties", C(1990, 1999)),
    Probe("a drama, nothing made before 1995", C(year_min=1995, include_genres=("Drama",))),
    Probe("a comedy not older than 2005", C(year_min=2005, include_genres=("Comedy",))),
    Probe("sci-fi no earlier than 2010", C(year_min=2010, include_genres=("Science Fiction",))),
    Probe("an action film, skip the horror", C(include_genres=("Action",), exclude_genres=("Horror",))),
    Probe("an adventure, no romance please", C(include_genres=("Adventure",), exclude_genres=("Romance",))),
    Probe("anything but a musical from the 60s", C(1960, 1969, exclude_genres=("Music",))),
    Probe("a crime film, not a comedy", C(include_genres=("Crime",), exclude_genres=("Comedy",))),
    Probe(
        "a late nineties thriller under two hours",
        C(1996, 1999, include_genres=("Thriller",), runtime_max=120),
    ),
    # Original languages (TMDB's original_language)
    Probe("a Korean thriller", C(include_genres=("Thriller",), languages=("ko",))),
    Probe("French or Italian comedies", C(include_genres=("Comedy",), languages=("fr", "it"))),
    Probe("a horror film that isn't in English", C(include_genres=("Horror",), exclude_languages=("en",))),
    Probe(
        "a Japanese animated film from the 90s",
        C(1990, 1999, include_genres=("Animation",), languages=("ja",)),
    ),
    Probe("a war movie, no subtitles please", C(include_genres=("War",), languages=("en",))),
)
