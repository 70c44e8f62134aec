from pathlib import Path

import pytest

from assistant.evaluation.titles import TitleMatcher, normalise_title, parse_name
from ingest.movie import Movie

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO.parent / "shared" / "data"
needs_data = pytest.mark.skipif(
    not (DATA_DIR / "redial").is_dir(), reason=f"shared data not found at {DATA_DIR} (see its README)"
)


def film(movie_id: str, title: str, year: int | None, votes: int = 100) -> Movie:
    return Movie(id=movie_id, title=title, overview="", year=year, vote_count=votes)


SMALL_CATALOGUE = [
    film("h78", "Halloween", 1978),
    film("h07", "Halloween", 2007),
    film("carrie", "Carrie", 1976),
    film("matrix", "The Matrix", 1999),
    film("amelie", "Amélie", 2001),
    film("spider", "Spider-Man", 2002),
    film("dude", "Dude, Where\u2019s My Car?", 2000),
    film("kumar", "A Very Harold & Kumar Christmas", 2011),
    film("blair", "The Blair Witch Project", 1999),
    film("fast", "Fast & Furious", 2009),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("The Matrix", "matrix"),
        ("Matrix, The", "matrix"),
        ("  THE   MATRIX ", "matrix"),
        ("Amélie", "amelie"),
        ("Fast & Furious", "fast and furious"),
        ("Schindler\u2019s List", "schindlers list"),
        ("A.I. Artificial Intelligence", "ai artificial intelligence"),
        ("Star Wars: Episode VIII \u2013 The Last Jedi", "star wars episode viii the last jedi"),
        ("An American Tail", "american tail"),
        ("The", "the"),  # a title that is only an article keeps it
    ],
)
def test_normalise_title(title: str, expected: str) -> None:
    assert normalise_title(title) == expected


def test_parse_name_reads_redial_forms() -> None:
    assert parse_name("Police Academy  (1984)") == ("Police Academy", 1984)
    assert parse_name("American Pie ") == ("American Pie", None)
    assert parse_name("Why Did I Get Married%3F (2007)") == ("Why Did I Get Married?", 2007)
    assert parse_name("2001: A Space Odyssey (1968)") == ("2001: A Space Odyssey", 1968)


@pytest.mark.parametrize(
    ("name", "expected_id"),
    [
        ("Halloween (1978)", "h78"),  # remakes are told apart by year
        ("Halloween  (2007)", "h07"),
        ("Halloween", None),  # no year and two films of that title: ambiguous
        ("Carrie (1977)", "carrie"),  # a year off between databases
        ("Carrie (2013)", None),  # the remake, which the catalogue lacks, is not the 1976 film
        ("Carrie", "carrie"),  # no year, one film of that title
        ("Matrix, The (1999)", "matrix"),
        ("Matrix (1999)", "matrix"),
        ("Amelie (2001)", "amelie"),  # accents
        ("Spiderman (2002)", "spider"),
        ("Fast and Furious (2009)", "fast"),
        ("Dude, Where's My Car%3F (2000)", "dude"),
        ("A Very Harold & Kumar 3D Christmas (2011)", "kumar"),  # fuzzy: only words added
        ("The Blair Bitch Project (1999)", None),  # fuzzy but a different film (a parody)
        ("The Matrix (2015)", None),
        ("", None),
    ],
)
def test_match(name: str, expected_id: str | None) -> None:
    found = TitleMatcher(SMALL_CATALOGUE).match(name)
    assert (found.id if found else None) == expected_id


def test_same_title_and_year_prefers_the_more_rated_film() -> None:
    matcher = TitleMatcher(
        [film("obscure", "Crash", 2004, votes=3), film("famous", "Crash", 2004, votes=2000)]
    )
    found = matcher.match("Crash (2004)")
    assert found is not None and found.id == "famous"


@needs_data
def test_redial_match_rate_on_shipped_catalogue() -> None:
    import csv

    from ingest.catalogue import read_catalogue

    matcher = TitleMatcher(read_catalogue(REPO / "data" / "movies.parquet").movies)
    with open(DATA_DIR / "redial" / "movies_with_mentions.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    matched = [row for row in rows if matcher.match(row["movieName"]) is not None]
    # Measured on the 11,809-film catalogue: 4,110 of 6,924 (59.4%); by mentions 88.1%.
    assert 0.55 < len(matched) / len(rows) < 0.65
    mentions = sum(int(row["nbMentions"]) for row in rows)
    assert 0.83 < sum(int(row["nbMentions"]) for row in matched) / mentions < 0.93
    shawshank = matcher.match("The Shawshank Redemption (1994)")
    assert shawshank is not None and shawshank.id == "278"
    ghostbusters = matcher.match("Ghostbusters (1984)")  # the 1984 film, not the 2016 remake
    assert ghostbusters is not None and ghostbusters.year == 1984
