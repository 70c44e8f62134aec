"""Importing the rating exports people already have into a profile, with a report of every row that
could not be matched to the catalogue (line, title, reason), as ingest reports its rejected rows.

Each format is read by its documented columns:
- Letterboxd `ratings.csv` / `watched.csv` / `diary.csv`: Date, Name, Year, Letterboxd URI[, Rating]
  (0.5-5 in half stars; watched.csv has no Rating: the films are seen, not rated);
- IMDb `ratings.csv`: Const, Your Rating (1-10, halved to 0.5-5), Date Rated, Title, ..., Title Type,
  ..., Year;
- MovieLens-style: `movieId,rating[,timestamp]` with a links file (movieId -> tmdbId, MovieLens'
  links.csv, found beside the ratings when not given), or `tmdbId,rating[,timestamp]`.

Films are matched by TMDB id where the row has one (the catalogue's ids are TMDB ids), by IMDb id
when a links file maps it, else by title and year through the catalogue's own title matcher
(`CatalogueIndex.match_title`), refusing a film of the same title two or more years off: that is a
remake, not the film the person rated.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.profiles import MAX_RATING, MIN_RATING, Changes, ProfileFilm, ProfileStore
from assistant.understand import CatalogueIndex
from ingest.movie import Movie

FORMATS = ("letterboxd", "imdb", "movielens")
MAX_IMPORT_BYTES = 50 * 1024 * 1024  # a lifetime of ratings is a few MB
# IMDb title types that are films; series and episodes are not in a film catalogue.
IMDB_FILM_TYPES = frozenset({"movie", "tvmovie", "video", "short", "tvspecial", "film", ""})


@dataclass(frozen=True)
class UnmatchedRow:
    line: int  # line of the file, the header being line 1
    title: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.title or '(no title)'}: {self.reason}"


@dataclass(frozen=True)
class RatingRow:
    line: int
    title: str
    year: int | None = None
    rating: float | None = None
    rated_on: str = ""
    tmdb_id: str | None = None
    imdb_id: str | None = None


@dataclass(frozen=True)
class ImportReport:
    matched: int  # rows matched to a catalogue film
    unmatched: list[UnmatchedRow]
    rows: int  # data rows read
    format: str = ""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    profile: dict[str, int] = field(default_factory=dict)  # the profile after the import

    def as_json(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "unmatched": len(self.unmatched),
            "rated": self.profile.get("rated", 0),
            "liked": self.profile.get("liked", 0),
            "rows": self.rows,
            "format": self.format,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "seconds": self.seconds,
            "unmatched_rows": [asdict(u) for u in self.unmatched],
        }


def import_ratings(
    path: Path | str,
    store: ProfileStore,
    user_id: str,
    movies: Mapping[str, Movie],
    index: CatalogueIndex,
    format: str | None = None,
    links: Path | str | None = None,
) -> ImportReport:
    started = time.perf_counter()
    fmt, rows, bad = read_export(Path(path), format, links)
    films, unmatched = match_rows(rows, movies, index)
    changes = store.record_films(user_id, films) if films else Changes()
    return ImportReport(
        matched=len(films),
        unmatched=sorted(bad + unmatched, key=lambda u: u.line),
        rows=len(rows) + len(bad),
        format=fmt,
        added=changes.added,
        updated=changes.updated,
        unchanged=changes.unchanged,
        seconds=round(time.perf_counter() - started, 3),
        profile=store.load(user_id).summary(),
    )


# --- reading -----------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    if not path.is_file():
        raise ValueError(f"No ratings file at {path}: export it from Letterboxd, IMDb or MovieLens first")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ValueError(f"{path} is over {MAX_IMPORT_BYTES // 2**20} MB: is it really a ratings export?")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # older IMDb exports


def detect_format(header: list[str]) -> str | None:
    names = {h.strip().lower() for h in header}
    if {"name", "year", "letterboxd uri"} <= names:
        return "letterboxd"
    if {"const", "your rating"} <= names:
        return "imdb"
    if "rating" in names and names & {"movieid", "tmdbid"}:
        return "movielens"
    return None


def read_export(
    path: Path, format: str | None = None, links: Path | str | None = None
) -> tuple[str, list[RatingRow], list[UnmatchedRow]]:
    """(format, rows, rows refused while reading) of one export file."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    header = [h.strip() for h in next(reader, [])]
    found = detect_format(header)
    if format is not None and format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {format!r}")
    fmt = format or found
    if fmt is None or (format is not None and found is not None and found != format):
        raise ValueError(
            f"{path.name}: cannot read columns {header[:6]} as "
            f"{format or 'Letterboxd, IMDb or MovieLens'} ratings. Expected Letterboxd "
            "(Date, Name, Year, Letterboxd URI, Rating), IMDb (Const, Your Rating, Title, Year) or "
            "MovieLens (movieId or tmdbId, rating); pass --format to say which"
        )
    columns = {h.lower(): i for i, h in enumerate(header)}
    records = [(n, row) for n, row in enumerate(reader, start=2) if any(c.strip() for c in row)]
    if fmt == "letterboxd":
        return fmt, *_rows(records, columns, _letterboxd)
    if fmt == "imdb":
        imdb_to_tmdb = _links(Path(links), "imdbid") if links else {}
        return fmt, *_rows(records, columns, lambda n, get: _imdb(n, get, imdb_to_tmdb))
    movielens_to_tmdb: dict[str, str] = {}
    if "movieid" in columns:
        links_path = Path(links) if links else path.with_name("links.csv")
        if not links_path.is_file():
            raise ValueError(
                f"{path.name} names films by MovieLens movieId: put MovieLens' links.csv beside it "
                "or pass --links links.csv (movieId -> tmdbId)"
            )
        movielens_to_tmdb = _links(links_path, "movieid")
    return fmt, *_rows(records, columns, lambda n, get: _movielens(n, get, movielens_to_tmdb))


class _Refused(Exception):
    def __init__(self, title: str, reason: str) -> None:
        super().__init__(reason)
        self.title, self.reason = title, reason


def _rows(
    records: list[tuple[int, list[str]]], columns: dict[str, int], read: Any
) -> tuple[list[RatingRow], list[UnmatchedRow]]:
    rows: list[RatingRow] = []
    bad: list[UnmatchedRow] = []
    for n, row in records:

        def get(name: str, row: list[str] = row) -> str:
            i = columns.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        try:
            rows.append(read(n, get))
        except _Refused as e:
            bad.append(UnmatchedRow(n, e.title, e.reason))
    return rows, bad


def _letterboxd(n: int, get: Any) -> RatingRow:
    title = get("name")
    if not title:
        raise _Refused("", "no film name")
    return RatingRow(n, title, _year(get("year"), title), _rating(get("rating"), title, 1.0), get("date"))


def _imdb(n: int, get: Any, imdb_to_tmdb: Mapping[str, str]) -> RatingRow:
    title = get("title")
    kind = get("title type").replace(" ", "").lower()
    if kind not in IMDB_FILM_TYPES:
        raise _Refused(title, f"an IMDb {get('title type')}: the catalogue holds films only")
    imdb = _digits(get("const"))
    return RatingRow(
        n,
        title,
        _year(get("year"), title),
        _rating(get("your rating"), title, 0.5),  # IMDb rates 1-10
        get("date rated"),
        tmdb_id=imdb_to_tmdb.get(imdb) if imdb else None,
        imdb_id=imdb,
    )


def _movielens(n: int, get: Any, movielens_to_tmdb: Mapping[str, str]) -> RatingRow:
    ml_id, tmdb = get("movieid"), _digits(get("tmdbid"))
    title = get("title") or (f"MovieLens film {ml_id}" if ml_id else f"TMDB film {tmdb}")
    if ml_id and not tmdb:
        tmdb = movielens_to_tmdb.get(_digits(ml_id) or "")
        if tmdb is None:
            raise _Refused(title, f"MovieLens id {ml_id} is not in the links file")
    if not tmdb:
        raise _Refused(title, "no film id")
    stamp = get("timestamp")
    rated_on = datetime.fromtimestamp(int(stamp), UTC).date().isoformat() if stamp.isdigit() else ""
    return RatingRow(n, title, None, _rating(get("rating"), title, 1.0), rated_on, tmdb_id=tmdb)


def _links(path: Path, key: str) -> dict[str, str]:
    """MovieLens links.csv (movieId, imdbId, tmdbId) as {key column value: tmdbId}."""
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    fields = {f.lower(): f for f in reader.fieldnames or []}
    if key not in fields or "tmdbid" not in fields:
        raise ValueError(f"{path} is no MovieLens links file: it needs the columns movieId, imdbId, tmdbId")
    out = {}
    for row in reader:
        source, tmdb = _digits(row[fields[key]] or ""), _digits(row[fields["tmdbid"]] or "")
        if source and tmdb:
            out[source] = tmdb
    return out


def _digits(text: str) -> str | None:
    """ "tt0113277" -> "113277", "862.0" -> "862": ids compared as plain numbers."""
    found = re.fullmatch(r"(?:tt)?0*(\d+)(?:\.0+)?", text.strip())
    return found.group(1) if found else None


def _year(text: str, title: str) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise _Refused(title, f"year {text!r} is not a year")
    return int(text)


def _rating(text: str, title: str, scale: float) -> float | None:
    if not text:
        return None
    try:
        value = float(text) * scale
    except ValueError:
        raise _Refused(title, f"rating {text!r} is not a number") from None
    if not MIN_RATING <= value <= MAX_RATING:
        shown = f"{float(text):g}"
        raise _Refused(title, f"rating {shown} is outside {MIN_RATING / scale:g}-{MAX_RATING / scale:g}")
    return value


# --- matching ----------------------------------------------------------------------------------


def match_rows(
    rows: list[RatingRow], movies: Mapping[str, Movie], index: CatalogueIndex
) -> tuple[list[ProfileFilm], list[UnmatchedRow]]:
    films: list[ProfileFilm] = []
    unmatched: list[UnmatchedRow] = []
    for row in rows:
        movie, reason = match_row(row, movies, index)
        if movie is None:
            unmatched.append(UnmatchedRow(row.line, row.title, reason))
        else:
            films.append(ProfileFilm(movie.id, row.rating, 0, True, row.rated_on))
    return films, unmatched


def match_row(row: RatingRow, movies: Mapping[str, Movie], index: CatalogueIndex) -> tuple[Movie | None, str]:
    """The catalogue film a row means, or None and why not."""
    if row.tmdb_id is not None:
        if row.tmdb_id in movies:
            return movies[row.tmdb_id], ""
        if not row.title or row.year is None:  # nothing else to go on
            return None, f"TMDB id {row.tmdb_id} is not in the catalogue"
    if not row.title:
        return None, "no title"
    found = index.match_title(row.title, row.year)
    if found is None:
        return None, "no film of this title in the catalogue"
    if row.year is not None and found.year is not None and abs(found.year - row.year) > 1:
        return None, f"not in the catalogue (only {found.label}, another film of that title)"
    return found, ""
