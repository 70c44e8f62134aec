"""Reading and validating catalogue files: bad rows are reported with line and reason and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.catalogue import CatalogueError, parse_column_map, parse_filters, read_catalogue
from ingest.movie import Movie

HEADER = "id,title,year,genres,overview,runtime\n"


def _bad_rows_csv(path: Path) -> Path:
    big_plot = "x" * (1024 * 1024)
    rows = [
        HEADER.encode(),
        b'1,Heat,1995,"Crime, Thriller","A group of professional bank robbers.",170\n',  # line 2: good
        b"2,Empty Plot,2001,Drama,,100\n",  # line 3: empty plot
        b"3,Bad Year,abc,Drama,A film whose year is not a year.,90\n",  # line 4
        b"1,Heat Again,1995,Crime,Duplicate of the first id.,100\n",  # line 5: duplicate id
        f"5,Huge,2003,Drama,{big_plot},100\n".encode(),  # line 6: 1 MB plot
        b"6,Caf\xe9 Latin1,1999,Drama,Bytes that are not UTF-8 \xff\xfe.,95\n",  # line 7
        b"7,Alien,1979,\"['Horror', 'Science Fiction']\",In space no one can hear you scream.,117\n",  # good
        b'8,"Multi\nLine Title",2010,Drama,"A plot that is fine, with ""quotes"".",88\n',  # lines 9-10: good
        b",,2010,Drama,No title here.,88\n",  # line 11: missing title
    ]
    path.write_bytes(b"".join(rows))
    return path


def test_bad_rows_are_reported_with_line_and_reason_and_good_rows_load(tmp_path: Path) -> None:
    catalogue = read_catalogue(_bad_rows_csv(tmp_path / "bad.csv"))

    assert [m.title for m in catalogue.movies] == ["Heat", "Alien", "Multi Line Title"]
    reasons = {row.line: row.reason for row in catalogue.rejected}
    assert set(reasons) == {3, 4, 5, 6, 7, 11}
    assert reasons[3] == "missing plot (overview)"
    assert reasons[4] == "unparseable year 'abc'"
    assert reasons[5] == "duplicate id '1' (first seen on line 2)"
    assert reasons[6].startswith("plot is 1,048,576 characters")
    assert "undecodable bytes" in reasons[7]
    assert reasons[11] == "missing title"
    heat, alien, _ = catalogue.movies
    assert heat.genres == ("Crime", "Thriller") and heat.runtime == 170 and heat.year == 1995
    assert alien.genres == ("Horror", "Science Fiction")


def test_missing_required_column_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "no_plot.csv"
    path.write_text("id,title,year\n1,Heat,1995\n")
    with pytest.raises(CatalogueError) as info:
        read_catalogue(path)
    message = str(info.value)
    assert "required column 'overview' is missing" in message
    assert "--columns" in message


def test_jsonl_reports_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "films.jsonl"
    path.write_bytes(
        b'{"title": "Heat", "overview": "Robbers and a cop.", "year": 1995}\n'
        b'{"title": "Broken", "overview": \n'
        b'["not", "an", "object"]\n'
        b'{"title": "Bytes \xff", "overview": "x"}\n'
        b'{"title": "Up", "overview": "A balloon house.", "year": "2009-05-28"}\n'
    )
    catalogue = read_catalogue(path)
    assert [(m.title, m.year) for m in catalogue.movies] == [("Heat", 1995), ("Up", 2009)]
    assert [r.line for r in catalogue.rejected] == [2, 3, 4]
    assert catalogue.movies[0].id.startswith("t-")  # no id column: a stable derived id
    assert read_catalogue(path).movies[0].id == catalogue.movies[0].id


def test_shipped_catalogue_is_clean_and_complete() -> None:
    catalogue = read_catalogue(Path(__file__).resolve().parents[2] / "data" / "movies.parquet")
    assert len(catalogue.movies) == 11_809 and catalogue.rejected == []
    by_id = {m.id: m for m in catalogue.movies}
    inception = by_id["27205"]  # in both sources: the TMDB 5000 record, with its credits, wins
    assert (inception.title, inception.year, inception.directors) == (
        "Inception",
        2010,
        ("Christopher Nolan",),
    )
    assert "Leonardo DiCaprio" in inception.cast and "Science Fiction" in inception.genres
    assert inception.has_credits
    # Films people name that TMDB 5000 lacks come from the top 10,000, honest about no credits.
    labels = {m.label: m for m in catalogue.movies}
    for label in (
        "Heat (1995)",
        "Zootopia (2016)",
        "Coco (2017)",
        "Arrival (2016)",
        "Sleepless in Seattle (1993)",
    ):
        assert label in labels, label
    zootopia = labels["Zootopia (2016)"]
    assert zootopia.cast == () and not zootopia.has_credits and "Animation" in zootopia.genres
    assert labels["Spirited Away (2001)"].id == "129"  # an English title, not 千と千尋の神隠し


def test_has_credits_column_or_its_default(tmp_path: Path) -> None:
    path = tmp_path / "films.csv"
    path.write_text(
        "title,overview,director,cast,has_credits\n"
        "A,plot a,Jane Doe,,\n"
        "B,plot b,,,\n"
        "C,plot c,,,true\n"
        "D,plot d,,,maybe\n"
    )
    catalogue = read_catalogue(path)
    assert [m.has_credits for m in catalogue.movies] == [True, False, True]
    assert "has_credits 'maybe' is not true or false" in catalogue.rejected[0].reason
    meta = catalogue.movies[1].metadata()
    assert meta["has_credits"] is False
    assert Movie.from_metadata("x", meta).has_credits is False


def test_netflix_movies_load_through_a_column_map(shared_data: Path) -> None:
    catalogue = read_catalogue(
        shared_data / "catalogues" / "netflix_titles.csv",
        parse_column_map(
            "id=show_id,overview=description,year=release_year,genres=listed_in,runtime=duration"
        ),
        parse_filters(["type=Movie"]),
    )
    assert len(catalogue.movies) + len(catalogue.rejected) == 6131
    assert len(catalogue.movies) > 6100
    first = catalogue.movies[0]
    assert first.id == "s1" and first.title == "Dick Johnson Is Dead" and first.runtime == 90
    assert first.genres == ("Documentaries",)


def test_tmdb_top_10000_loads_and_reports_its_malformed_rows(shared_data: Path) -> None:
    catalogue = read_catalogue(
        shared_data / "catalogues" / "tmdb_top_10000.csv",
        parse_column_map("title=original_title,year=release_date,genres=genre"),
    )
    assert len(catalogue.movies) > 9800
    assert any("fields, the header has" in r.reason for r in catalogue.rejected)
    venom = next(m for m in catalogue.movies if m.id == "580489")
    assert venom.year == 2021 and venom.genres == ("Science Fiction", "Action", "Adventure")


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [("overview", "OURS=SOURCE"), ("plot=description", "unknown column 'plot'"), ("=x", "OURS=SOURCE")],
)
def test_bad_column_maps_are_explained(spec: str, fragment: str) -> None:
    with pytest.raises(CatalogueError, match=fragment):
        parse_column_map(spec)
