"""Rating imports and the profile store, on a small real-looking catalogue (no models needed):
every unmatched row reported with its line and reason, a second import changes nothing, a newer
export updates, and deleting a profile leaves no trace in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.profiles import ProfileStore
from assistant.ratings_import import detect_format, import_ratings
from assistant.understand import CatalogueIndex
from ingest.movie import Movie

FILMS = [
    Movie("949", "Heat", "A group of professional bank robbers.", 1995, vote_count=1800),
    Movie("11660", "Heat", "A bodyguard in Las Vegas.", 1986, vote_count=90),
    Movie("603", "The Matrix", "A hacker learns the truth.", 1999, vote_count=13000),
    Movie("194", "Amélie", "A shy waitress in Paris.", 2001, vote_count=5000),
    Movie("101", "Léon: The Professional", "A hitman takes in a girl.", 1994, vote_count=4300),
    Movie("680", "Pulp Fiction", "Stories of crime in Los Angeles.", 1994, vote_count=8600),
    Movie("807", "Se7en", "Two detectives hunt a killer.", 1995, vote_count=5900),
    Movie("948", "Halloween", "A killer returns home.", 1978, vote_count=1400),
]
MOVIES = {m.id: m for m in FILMS}

LETTERBOXD = """Date,Name,Year,Letterboxd URI,Rating
2024-01-02,Heat,1995,https://boxd.it/29Ma,5
2024-01-03,The Matrix,1999,https://boxd.it/2a1m,4.5
2024-01-04,Amelie,2001,https://boxd.it/2b4q,4
2024-01-05,Leon: The Professional,1994,https://boxd.it/2bqS,3.5
2024-01-06,Halloween,2007,https://boxd.it/1Z9s,2
2024-01-07,A Film Nobody Made,2019,https://boxd.it/xxxx,3
2024-01-08,Pulp Fiction,1994,https://boxd.it/2a3G,11
2024-01-09,,2001,https://boxd.it/yyyy,4
"""


@pytest.fixture(scope="module")
def index() -> CatalogueIndex:
    return CatalogueIndex(FILMS)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_letterboxd_import_matches_by_title_and_year_and_reports_every_other_row(
    tmp_path: Path, index: CatalogueIndex
) -> None:
    store = ProfileStore(tmp_path / "profiles.sqlite")
    report = import_ratings(write(tmp_path, "ratings.csv", LETTERBOXD), store, "ann", MOVIES, index)
    assert report.format == "letterboxd" and report.rows == 8 and report.matched == 4
    profile = store.load("ann")
    assert {m: f.rating for m, f in profile.films.items()} == {"949": 5.0, "603": 4.5, "194": 4.0, "101": 3.5}
    assert [f.movie_id for f in profile.liked] == ["949", "603", "194"]  # most loved first
    reasons = {u.line: (u.title, u.reason) for u in report.unmatched}
    assert set(reasons) == {6, 7, 8, 9}  # the header is line 1
    assert reasons[6][0] == "Halloween" and "Halloween (1978)" in reasons[6][1]  # a remake is not the film
    assert reasons[7] == ("A Film Nobody Made", "no film of this title in the catalogue")
    assert "outside 0.5-5" in reasons[8][1]
    assert reasons[9][1] == "no film name"
    assert report.as_json()["unmatched"] == 4 and report.as_json()["liked"] == 3


def test_a_second_import_changes_nothing_and_a_newer_export_updates(
    tmp_path: Path, index: CatalogueIndex
) -> None:
    store = ProfileStore(tmp_path / "profiles.sqlite")
    path = write(tmp_path, "ratings.csv", LETTERBOXD)
    first = import_ratings(path, store, "ann", MOVIES, index)
    before = store.load("ann")
    again = import_ratings(path, store, "ann", MOVIES, index)
    assert (first.added, again.added, again.updated, again.unchanged) == (4, 0, 0, 4)
    assert store.load("ann") == before
    newer = LETTERBOXD.replace(
        "2024-01-03,The Matrix,1999,https://boxd.it/2a1m,4.5",
        "2024-06-01,The Matrix,1999,https://boxd.it/2a1m,2.5",
    )
    report = import_ratings(write(tmp_path, "newer.csv", newer), store, "ann", MOVIES, index)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 3)
    assert store.load("ann").films["603"].rating == 2.5
    older = LETTERBOXD.replace(
        "2024-01-02,Heat,1995,https://boxd.it/29Ma,5", "2023-01-01,Heat,1995,https://boxd.it/29Ma,1"
    )
    import_ratings(write(tmp_path, "older.csv", older), store, "ann", MOVIES, index)
    assert store.load("ann").films["949"].rating == 5.0  # an older export does not undo a newer rating


def test_watched_csv_marks_films_seen_without_clearing_ratings(tmp_path: Path, index: CatalogueIndex) -> None:
    store = ProfileStore(tmp_path / "profiles.sqlite")
    import_ratings(write(tmp_path, "ratings.csv", LETTERBOXD), store, "ann", MOVIES, index)
    watched = (
        "Date,Name,Year,Letterboxd URI\n2024-02-01,Heat,1995,https://boxd.it/29Ma\n2024-02-02,Se7en,1995,x\n"
    )
    report = import_ratings(write(tmp_path, "watched.csv", watched), store, "ann", MOVIES, index)
    profile = store.load("ann")
    assert report.matched == 2 and profile.films["949"].rating == 5.0
    assert profile.films["807"].rating is None and "807" in profile.known


def test_imdb_export_halves_ratings_and_skips_series(tmp_path: Path, index: CatalogueIndex) -> None:
    imdb = (
        "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,"
        "Genres,Num Votes,Release Date,Directors\n"
        "tt0113277,10,2023-05-01,Heat,Heat,https://www.imdb.com/title/tt0113277/,Movie,8.3,170,1995,"
        "Crime,700000,1995-12-15,Michael Mann\n"
        "tt0903747,10,2023-05-02,Breaking Bad,Breaking Bad,u,TV Series,9.5,49,2008,Crime,2000000,"
        "2008-01-20,\n"
        "tt0114369,7,2023-05-03,Se7en,Se7en,u,Movie,8.6,127,1995,Crime,1700000,1995-09-22,David Fincher\n"
    )
    store = ProfileStore(tmp_path / "profiles.sqlite")
    report = import_ratings(write(tmp_path, "imdb.csv", imdb), store, "bo", MOVIES, index)
    assert report.format == "imdb" and report.matched == 2
    assert {m: f.rating for m, f in store.load("bo").films.items()} == {"949": 5.0, "807": 3.5}
    assert [(u.line, u.title) for u in report.unmatched] == [(3, "Breaking Bad")]
    assert "films only" in report.unmatched[0].reason


def test_movielens_export_by_movie_id_through_links_or_by_tmdb_id(
    tmp_path: Path, index: CatalogueIndex
) -> None:
    write(
        tmp_path,
        "links.csv",
        "movieId,imdbId,tmdbId\n6,0113277,949\n2571,0133093,603\n99999,0000001,424242\n",
    )
    ratings = write(
        tmp_path,
        "ratings.csv",
        "userId,movieId,rating,timestamp\n1,6,4.0,964982703\n1,2571,5.0,964981247\n1,99999,3.0,964982224\n1,5,2.0,964982224\n",
    )
    store = ProfileStore(tmp_path / "profiles.sqlite")
    report = import_ratings(ratings, store, "cy", MOVIES, index)
    assert report.format == "movielens" and report.matched == 2
    assert store.load("cy").films["603"].rated_on == "2000-07-30"
    assert [(u.line, u.reason) for u in report.unmatched] == [
        (4, "TMDB id 424242 is not in the catalogue"),
        (5, "MovieLens id 5 is not in the links file"),
    ]
    by_tmdb = write(tmp_path, "tmdb.csv", "tmdbId,rating\n680,4.5\n")
    assert import_ratings(by_tmdb, store, "cy", MOVIES, index).matched == 1
    assert store.load("cy").films["680"].rating == 4.5


def test_a_file_that_is_no_ratings_export_is_refused_with_the_columns_expected(
    tmp_path: Path, index: CatalogueIndex
) -> None:
    store = ProfileStore(tmp_path / "profiles.sqlite")
    with pytest.raises(ValueError, match=r"Letterboxd .*Date, Name, Year"):
        import_ratings(write(tmp_path, "x.csv", "a,b\n1,2\n"), store, "ann", MOVIES, index)
    with pytest.raises(ValueError, match=r"links\.csv"):
        import_ratings(write(tmp_path, "r.csv", "movieId,rating\n1,4\n"), store, "ann", MOVIES, index)
    assert detect_format(["Const", "Your Rating", "Title"]) == "imdb"


def test_feedback_and_sessions_join_the_profile_and_delete_leaves_no_trace(
    tmp_path: Path, index: CatalogueIndex
) -> None:
    path = tmp_path / "profiles.sqlite"
    store = ProfileStore(path)
    import_ratings(write(tmp_path, "ratings.csv", LETTERBOXD), store, "secret-person", MOVIES, index)
    store.link_session("secret-person", "s1")
    store.set_feedback("secret-person", "680", 1)
    store.set_feedback("secret-person", "603", -1)
    profile = store.load("secret-person")
    assert profile.films["680"].liked and profile.films["603"].disliked  # the thumb is the latest word
    assert store.user_of("s1") == "secret-person" and store.sessions("secret-person") == ["s1"]
    assert store.delete("secret-person") == {"films": 5, "sessions": 1}
    assert store.load("secret-person").is_empty() and not store.exists("secret-person")
    assert store.user_of("s1") is None
    for file in tmp_path.glob("profiles.sqlite*"):
        assert b"secret-person" not in file.read_bytes()
