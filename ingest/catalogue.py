"""Read a catalogue file (CSV, JSONL or Parquet) into validated `Movie`s plus a rejected-rows report.

Every row is checked on its own: a bad row is reported with its line and reason and skipped, the
rest load. Only a problem with the file as a whole (unknown format, a required column missing)
raises, as `CatalogueError`, with a message that names the fix.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.languages import code_of
from ingest.movie import Movie

# Our column names. `title` and `overview` are required; the rest are optional.
REQUIRED_COLUMNS = ("title", "overview")
OPTIONAL_COLUMNS = (
    "id",
    "year",
    "genres",
    "keywords",
    "tagline",
    "runtime",
    "vote_average",
    "vote_count",
    "popularity",
    "director",
    "cast",
    "has_credits",
    "language",
)
KNOWN_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

MAX_TITLE_CHARS = 300
MAX_OVERVIEW_CHARS = 20_000
MAX_LIST_ITEMS = 200
MIN_YEAR, MAX_YEAR = 1870, 2100
MAX_RUNTIME_MIN = 1_000

csv.field_size_limit(sys.maxsize)  # absurd lengths are a per-row rejection, not a crash


class CatalogueError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class RejectedRow:
    line: int  # 1-based line of the file (CSV, JSONL) or row number (Parquet)
    reason: str
    title: str = ""

    def __str__(self) -> str:
        label = f" ({self.title[:60]!r})" if self.title else ""
        return f"line {self.line}{label}: {self.reason}"


@dataclass
class Catalogue:
    movies: list[Movie]
    rejected: list[RejectedRow]
    source: str


def parse_column_map(spec: str | None) -> dict[str, str]:
    """`"id=show_id,overview=description"` -> {"id": "show_id", "overview": "description"}."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        ours, sep, theirs = part.partition("=")
        ours, theirs = ours.strip(), theirs.strip()
        if not sep or not ours or not theirs:
            raise CatalogueError(
                f"--columns entry {part!r} must look like OURS=SOURCE, e.g. overview=description"
            )
        if ours not in KNOWN_COLUMNS:
            raise CatalogueError(
                f"--columns names unknown column {ours!r}; ours are: {', '.join(KNOWN_COLUMNS)}"
            )
        mapping[ours] = theirs
    return mapping


def parse_filters(specs: list[str] | None) -> dict[str, str]:
    """`["type=Movie"]` -> {"type": "Movie"}: keep only rows whose SOURCE column equals the value."""
    filters: dict[str, str] = {}
    for spec in specs or []:
        column, sep, value = spec.partition("=")
        if not sep or not column.strip():
            raise CatalogueError(f"--where {spec!r} must look like SOURCE_COLUMN=VALUE, e.g. type=Movie")
        filters[column.strip()] = value.strip()
    return filters


def read_catalogue(
    path: str | Path,
    columns: Mapping[str, str] | None = None,
    where: Mapping[str, str] | None = None,
) -> Catalogue:
    """Read and validate a catalogue. `columns` maps our names to the file's; `where` keeps only
    rows whose (source) column equals a value, e.g. {"type": "Movie"} for the Netflix file."""
    path = Path(path)
    if not path.exists():
        raise CatalogueError(f"catalogue file not found: {path}")
    columns = dict(columns or {})
    where = dict(where or {})
    header, rows = _open_rows(path)
    source_for = {ours: columns.get(ours, ours) for ours in KNOWN_COLUMNS}
    missing = [
        f"{ours!r}" + (f" (mapped to {src!r})" if src != ours else "")
        for ours, src in source_for.items()
        if ours in REQUIRED_COLUMNS and src not in header
    ]
    if missing:
        raise CatalogueError(
            f"{path.name}: required column {', '.join(missing)} is missing; the file has columns "
            f"{', '.join(map(repr, header))}. Map yours with --columns, e.g. --columns overview=description"
        )
    for column in where:
        if column not in header:
            raise CatalogueError(f"{path.name}: --where column {column!r} is not in the file")
    present = {ours: src for ours, src in source_for.items() if src in header}

    movies: list[Movie] = []
    rejected: list[RejectedRow] = []
    first_line_of: dict[str, int] = {}
    for line, raw in rows:
        if isinstance(raw, RejectedRow):
            rejected.append(raw)
            continue
        if any(str(raw.get(col, "")) != value for col, value in where.items()):
            continue
        record = {ours: raw.get(src) for ours, src in present.items()}
        try:
            movie = movie_from_record(record)
        except ValueError as e:
            rejected.append(RejectedRow(line, str(e), _text(record.get("title"))))
            continue
        if movie.id in first_line_of:
            reason = f"duplicate id {movie.id!r} (first seen on line {first_line_of[movie.id]})"
            rejected.append(RejectedRow(line, reason, movie.title))
            continue
        first_line_of[movie.id] = line
        movies.append(movie)
    return Catalogue(movies=movies, rejected=rejected, source=str(path))


def write_jsonl(movies: Sequence[Movie], path: str | Path) -> Path:
    """Films as a JSONL catalogue in our column names, which `read_catalogue` reads back."""
    from dataclasses import asdict

    path = Path(path)
    with path.open("w", encoding="utf-8") as out:
        for movie in movies:
            row = asdict(movie)
            row["director"] = list(row.pop("directors"))
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


# --- reading rows ------------------------------------------------------------------------------

Row = dict[str, Any]


def _open_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, Row | RejectedRow]]]:
    name = path.name.lower()
    if name.endswith(".csv"):
        return _csv_rows(path)
    if name.endswith((".jsonl", ".ndjson")):
        return _jsonl_rows(path)
    if name.endswith(".parquet"):
        return _parquet_rows(path)
    raise CatalogueError(f"{path.name}: unknown catalogue format; use .csv, .jsonl or .parquet")


def _csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, Row | RejectedRow]]]:
    # surrogateescape keeps undecodable bytes as lone surrogates, so one bad row is found and
    # rejected instead of the whole file failing to decode.
    handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(handle)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        handle.close()
        raise CatalogueError(f"{path.name}: the file is empty") from None

    def rows() -> Iterator[tuple[int, Row | RejectedRow]]:
        with handle:
            start = reader.line_num + 1
            for values in reader:
                line, start = start, reader.line_num + 1
                if not values or all(not v.strip() for v in values):
                    continue
                if len(values) != len(header):
                    yield line, RejectedRow(line, f"has {len(values)} fields, the header has {len(header)}")
                    continue
                yield line, dict(zip(header, values, strict=True))

    return header, rows()


def _jsonl_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, Row | RejectedRow]]]:
    header: set[str] = set()
    parsed: list[tuple[int, Row | RejectedRow]] = []
    with path.open("rb") as handle:
        for line, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                parsed.append((line, RejectedRow(line, "undecodable bytes (not UTF-8)")))
                continue
            except json.JSONDecodeError as e:
                parsed.append((line, RejectedRow(line, f"not valid JSON: {e.msg}")))
                continue
            if not isinstance(obj, dict):
                parsed.append((line, RejectedRow(line, "not a JSON object")))
                continue
            header.update(obj)
            parsed.append((line, obj))
    return sorted(header), iter(parsed)


def _parquet_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, Row | RejectedRow]]]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)

    def rows() -> Iterator[tuple[int, Row | RejectedRow]]:
        yield from enumerate(table.to_pylist(), start=1)

    return list(table.column_names), rows()


# --- validating one row ------------------------------------------------------------------------


def movie_from_record(rec: Row) -> Movie:
    """Validate one record (our column names) into a Movie; ValueError says what is wrong."""
    for name, value in rec.items():
        if _has_undecodable(value):
            raise ValueError(f"undecodable bytes (not UTF-8) in column {name!r}")
    title = _text(rec.get("title"))
    overview = _text(rec.get("overview"))
    if not title:
        raise ValueError("missing title")
    if not overview:
        raise ValueError("missing plot (overview)")
    if len(title) > MAX_TITLE_CHARS:
        raise ValueError(f"title is {len(title):,} characters; the limit is {MAX_TITLE_CHARS:,}")
    if len(overview) > MAX_OVERVIEW_CHARS:
        raise ValueError(f"plot is {len(overview):,} characters; the limit is {MAX_OVERVIEW_CHARS:,}")
    year = _year(rec.get("year"))
    movie_id = _text(rec.get("id"))
    if movie_id.endswith(".0") and movie_id[:-2].isdigit():  # pandas/CSV float ids like "580489.0"
        movie_id = movie_id[:-2]
    if not movie_id:
        # No id column: derive a stable one from what identifies a film, so re-runs match up.
        movie_id = "t-" + hashlib.sha1(f"{title.casefold()}|{year}".encode()).hexdigest()[:12]
    runtime = _number(rec.get("runtime"), "runtime", int)
    if runtime is not None and not 0 < runtime <= MAX_RUNTIME_MIN:
        runtime = None if runtime == 0 else _raise(f"runtime {runtime} minutes is out of range")
    vote_average = _number(rec.get("vote_average"), "vote_average", float)
    if vote_average is not None and not 0 <= vote_average <= 10:
        raise ValueError(f"vote_average {vote_average} is outside 0-10")
    directors = _names(rec.get("director"), "director")
    cast = _names(rec.get("cast"), "cast")[:10]
    return Movie(
        id=movie_id,
        title=title,
        overview=overview,
        year=year,
        genres=_names(rec.get("genres"), "genres"),
        keywords=_names(rec.get("keywords"), "keywords"),
        tagline=_text(rec.get("tagline"))[: MAX_TITLE_CHARS * 2],
        runtime=runtime,
        vote_average=vote_average,
        vote_count=_number(rec.get("vote_count"), "vote_count", int),
        popularity=_number(rec.get("popularity"), "popularity", float),
        directors=directors,
        cast=cast,
        has_credits=_flag(rec.get("has_credits"), default=bool(directors or cast)),
        language=_language(rec.get("language")),
    )


def _language(value: Any) -> str:
    """The original language as an ISO 639-1 code ("ko"; the cell may say "Korean"); "" for none."""
    return code_of(_text(value))


def _flag(value: Any, default: bool) -> bool:
    """A yes/no column (True, "false", 1, "0"); a missing value takes `default`."""
    if value is None or (not isinstance(value, bool | int) and _is_missing(value)):
        return default
    if isinstance(value, bool | int | float):
        return bool(value)
    text = str(value).strip().lower()
    if text in {"true", "yes", "1", "t", "y"}:
        return True
    if text in {"false", "no", "0", "f", "n"}:
        return False
    raise ValueError(f"has_credits {value!r} is not true or false")


def _raise(message: str) -> Any:
    raise ValueError(message)


# Lone surrogates are what `surrogateescape` turns undecodable bytes into. One regex scan per value,
# not a Python loop per character: this check runs on every field of every row.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _has_undecodable(value: Any) -> bool:
    return isinstance(value, str) and _UNDECODABLE.search(value) is not None


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return isinstance(value, str) and value.strip().lower() in {"", "nan", "none", "null"}


def _text(value: Any) -> str:
    return "" if _is_missing(value) else " ".join(str(value).split())


_YEAR_RE = re.compile(r"^\s*(\d{4})(?:\.0+)?(?:[-/]\d{1,2}[-/]\d{1,2})?\s*$")


def _year(value: Any) -> int | None:
    """Accepts 1995, 1995.0, "1995", "1995-06-30"; anything else is rejected, not guessed."""
    if _is_missing(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        year = int(value) if float(value).is_integer() else -1
    else:
        match = _YEAR_RE.match(str(value))
        year = int(match.group(1)) if match else -1
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"unparseable year {value!r}")
    return year


def _number(value: Any, name: str, kind: type[int] | type[float]) -> Any:
    if _is_missing(value):
        return None
    text = str(value).strip()
    if kind is int:
        text = re.sub(r"\s*min(utes)?\.?$", "", text)  # Netflix: "90 min"
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"unparseable {name} {value!r}") from None
    if number != number or number < 0:
        raise ValueError(f"{name} {value!r} is not a non-negative number")
    return round(number) if kind is int else number


def _names(value: Any, name: str) -> tuple[str, ...]:
    """A list of names from a list, a JSON/Python list literal (TMDB's `[{"name": ...}]` too) or
    comma-separated text ("Dramas, International Movies")."""
    if value is None or (not isinstance(value, list | tuple) and _is_missing(value)):
        return ()
    items: Any = value
    if isinstance(value, str):
        text = value.strip()
        items = None
        if text[:1] in "[{":
            for parse in (json.loads, ast.literal_eval):
                try:
                    items = parse(text)
                    break
                except (ValueError, SyntaxError, MemoryError, RecursionError):
                    continue
            if items is None:
                raise ValueError(f"{name} {value[:80]!r} is not a list")
        else:
            items = text.split(",")
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list | tuple):
        items = list(items) if hasattr(items, "__iter__") and not isinstance(items, str) else [items]
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name", "")
        text = _text(item)
        if text and text not in names:
            names.append(text[:MAX_TITLE_CHARS])
    if len(names) > MAX_LIST_ITEMS:
        raise ValueError(f"{name} has {len(names):,} entries; the limit is {MAX_LIST_ITEMS}")
    return tuple(names)
