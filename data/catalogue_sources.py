"""The two catalogue sources of data/prepare.py, normalised to one set of columns, and their union.

Kept apart from prepare.py (downloads, embedding, writing) so each part stays small and testable.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pandas as pd

TOP_CAST = 5

COLUMNS = [
    "id",
    "title",
    "year",
    "genres",
    "keywords",
    "overview",
    "tagline",
    "runtime",
    "vote_average",
    "vote_count",
    "popularity",
    "director",
    "cast",
    "has_credits",
    "language",
]
TOP10000_HEADER = [
    "",
    "id",
    "original_language",
    "original_title",
    "popularity",
    "release_date",
    "vote_average",
    "vote_count",
    "genre",
    "overview",
    "revenue",
    "runtime",
    "tagline",
]


# --- TMDB 5000 (the rich source) ---------------------------------------------------------------


def _names(cell: str) -> list[str]:
    """TMDB stores genres/keywords as JSON lists of {"id", "name"} objects."""
    return [item["name"] for item in json.loads(cell or "[]")]


def _director(crew_json: str) -> str:
    for member in json.loads(crew_json or "[]"):
        if member.get("job") == "Director":
            return str(member["name"])
    return ""


def _top_cast(cast_json: str) -> list[str]:
    cast = sorted(json.loads(cast_json or "[]"), key=lambda c: c.get("order", 1_000))
    return [c["name"] for c in cast[:TOP_CAST]]


def read_tmdb5000(movies: pd.DataFrame, credits: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, str]]:
    """(films with an overview, {id: title} of those without one)."""
    credits = credits.rename(columns={"movie_id": "id"})[["id", "cast", "crew"]]
    df = movies.merge(credits, on="id", how="left", validate="one_to_one")
    year = pd.to_datetime(df["release_date"], errors="coerce").dt.year
    out = pd.DataFrame(
        {
            "id": df["id"].astype("int64"),
            "title": df["title"].str.strip(),
            "year": year.astype("Int64"),
            "genres": df["genres"].map(_names),
            "keywords": df["keywords"].map(_names),
            "overview": df["overview"].fillna("").str.strip(),
            "tagline": df["tagline"].fillna("").str.strip(),
            "runtime": df["runtime"].round().astype("Int64"),
            "vote_average": df["vote_average"].astype("float64"),
            "vote_count": df["vote_count"].astype("int64"),
            "popularity": df["popularity"].round(4).astype("float64"),
            "director": df["crew"].map(_director),
            "cast": df["cast"].map(_top_cast),
        }
    )
    out["has_credits"] = (out["director"] != "") | (out["cast"].map(len) > 0)
    out["language"] = df["original_language"].map(_language)
    out.loc[out["runtime"] == 0, "runtime"] = pd.NA  # TMDB's 0 means "unknown"
    # A film without a plot can be neither retrieved by meaning nor explained honestly.
    no_plot = out["overview"] == ""
    dropped = dict(zip(out.loc[no_plot, "id"].tolist(), out.loc[no_plot, "title"].tolist(), strict=True))
    return out[~no_plot].reset_index(drop=True)[COLUMNS], dropped


def read_studios(movies: pd.DataFrame, catalogue_ids: set[int]) -> pd.DataFrame:
    """TMDB 5000's production companies as rows (movie_id, studio), for the films in the catalogue
    (`assistant/understand/studios.py`); the top 10,000 records none."""
    rows = [
        (str(movie_id), name)
        for movie_id, cell in zip(movies["id"].astype("int64"), movies["production_companies"], strict=True)
        if int(movie_id) in catalogue_ids
        for name in dict.fromkeys(_names(cell))
    ]
    return pd.DataFrame(sorted(rows, key=lambda r: (int(r[0]), r[1])), columns=["movie_id", "studio"])


# --- TMDB top 10,000 (popular films to 2021; no keywords, no credits) ---------------------------

_ML_TITLE = re.compile(r"^(?P<title>.*?)\s*(?:\((?P<alt>[^()]*)\)\s*)*\((?P<year>\d{4})(?:-\d{4})?\)\s*$")
_ARTICLE = re.compile(r"^(?P<rest>.*), (?P<article>The|A|An|Les|Le|La|L'|Il|El|Das|Die|Der)$")


def english_titles(movielens_dir: Path) -> dict[int, str]:
    """TMDB id -> MovieLens's English title ("Spirited Away"), for films this CSV names only in their
    original language ("千と千尋の神隠し"): nobody types the Japanese title to ask for it."""
    movies = pd.read_csv(movielens_dir / "movies.csv", usecols=["movieId", "title"])
    links = pd.read_csv(movielens_dir / "links.csv", usecols=["movieId", "tmdbId"]).dropna()
    joined = links.merge(movies, on="movieId").sort_values("movieId")
    titles: dict[int, str] = {}
    for tmdb_id, raw in zip(joined["tmdbId"].astype("int64"), joined["title"], strict=True):
        match = _ML_TITLE.match(str(raw).strip())
        title = (match.group("title") if match else str(raw)).strip()
        article = _ARTICLE.match(title)
        if article:  # "Lives of Others, The" -> "The Lives of Others"
            sep = "" if article.group("article").endswith("'") else " "
            title = f"{article.group('article')}{sep}{article.group('rest')}"
        titles.setdefault(int(tmdb_id), title)
    return titles


def _language(cell: object) -> str:
    """TMDB's original_language code; "" where it is missing or not a code ("xx": no language)."""
    code = str(cell).strip().lower() if isinstance(cell, str) else ""
    return code if len(code) == 2 and code.isalpha() and code.isascii() and code != "xx" else ""


def _genres(text: str) -> list[str]:
    value = ast.literal_eval(text) if text.strip() else []
    if not isinstance(value, list) or not all(isinstance(g, str) for g in value):
        raise ValueError(f"genre {text[:60]!r} is not a list of names")
    return value


def _optional_number(text: str, name: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    number = float(text)
    if number != number or number < 0:
        raise ValueError(f"{name} {text!r} is not a non-negative number")
    return number


def _top10000_row(row: dict[str, str], english: dict[int, str]) -> dict[str, object]:
    try:
        tmdb_id = float(row["id"])
    except ValueError:
        raise ValueError(f"id {row['id'][:40]!r} is not a TMDB id") from None
    if not tmdb_id.is_integer() or tmdb_id <= 0:
        raise ValueError(f"id {row['id'][:40]!r} is not a TMDB id")
    movie_id = int(tmdb_id)
    title = " ".join(row["original_title"].split())
    if row["original_language"] != "en":
        title = english.get(movie_id, title)
    overview = " ".join(row["overview"].split())
    if not title:
        raise ValueError("no title")
    if not overview:
        raise ValueError("no overview")
    date = row["release_date"].strip()
    year = pd.to_datetime(date, errors="coerce").year if date else None
    if date and pd.isna(year):
        raise ValueError(f"release_date {date[:20]!r} is not a date")
    runtime = _optional_number(row["runtime"], "runtime")
    vote_average = _optional_number(row["vote_average"], "vote_average")
    if vote_average is not None and vote_average > 10:
        raise ValueError(f"vote_average {vote_average} is outside 0-10")
    vote_count = _optional_number(row["vote_count"], "vote_count")
    popularity = _optional_number(row["popularity"], "popularity")
    return {
        "id": movie_id,
        "title": title,
        "year": None if year is None else int(year),
        "genres": _genres(row["genre"]),
        "keywords": [],
        "overview": overview,
        "tagline": " ".join(row["tagline"].split()),
        "runtime": None if not runtime else round(runtime),  # 0 means unknown
        "vote_average": vote_average,
        "vote_count": None if vote_count is None else round(vote_count),
        "popularity": None if popularity is None else round(popularity, 4),
        "director": "",
        "cast": [],
        "has_credits": False,
        "language": _language(row["original_language"]),
    }


def read_top10000(path: Path, english: dict[int, str]) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """(valid films, [(line, reason)] for rows left out). A row must have the header's 13 fields,
    an integral TMDB id, a title and an overview; the first row of a repeated id wins."""
    rows: list[dict[str, object]] = []
    problems: list[tuple[int, str]] = []
    seen: dict[int, int] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != TOP10000_HEADER:
            raise SystemExit(f"{path}: unexpected header {header}; expected {TOP10000_HEADER}")
        start = reader.line_num + 1
        for values in reader:
            line, start = start, reader.line_num + 1
            if len(values) != len(header):
                problems.append((line, f"malformed: {len(values)} fields, the header has {len(header)}"))
                continue
            try:
                film = _top10000_row(dict(zip(header, values, strict=True)), english)
            except (ValueError, SyntaxError) as e:
                problems.append((line, str(e)))
                continue
            movie_id = int(str(film["id"]))
            if movie_id in seen:
                problems.append((line, f"duplicate id {movie_id} (first on line {seen[movie_id]})"))
                continue
            seen[movie_id] = line
            rows.append(film)
    return _typed(pd.DataFrame(rows, columns=COLUMNS)), problems


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype(
        {
            "id": "int64",
            "year": "Int64",
            "runtime": "Int64",
            "vote_average": "float64",
            "vote_count": "Int64",
            "popularity": "float64",
            "has_credits": "bool",
        }
    )


# --- the union ---------------------------------------------------------------------------------


def union(rich: pd.DataFrame, top: pd.DataFrame) -> pd.DataFrame:
    """Every film of both, one row per TMDB id. A film in both keeps the TMDB 5000 record (it has
    keywords and credits); only its empty fields (tagline, runtime, year) are filled from the
    other. Its numbers (votes, popularity) stay TMDB 5000's, so one film's figures come from one crawl."""
    rich = _typed(rich.copy())
    extra = top.set_index("id")
    both = rich["id"].isin(extra.index)
    for column in ("tagline", "runtime", "year"):
        other = rich.loc[both, "id"].map(extra[column])
        empty = rich.loc[both, column].isna() | (rich.loc[both, column].astype(str) == "")
        rich.loc[both & empty.reindex(rich.index, fill_value=False), column] = other[empty]
    only_top = top[~top["id"].isin(rich["id"])]
    out = pd.concat([rich, only_top], ignore_index=True)
    return _typed(out).sort_values("id", kind="stable").reset_index(drop=True)[COLUMNS]
