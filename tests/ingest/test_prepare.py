"""data/prepare.py's sources: the top-10,000 reader reports bad rows, the union prefers TMDB 5000,
and the shipped MovieLens signals load (or are simply empty)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from data.catalogue_sources import TOP10000_HEADER, read_tmdb5000, read_top10000, union
from rerank.movielens import load_shipped_signals

REPO = Path(__file__).resolve().parents[2]


def _top_csv(path: Path, rows: list[list[str]]) -> Path:
    frame = pd.DataFrame(rows, columns=TOP10000_HEADER)
    frame.to_csv(path, index=False)
    return path


def _row(i: int, movie_id: str, title: str, overview: str, tagline: str = "", runtime: str = "") -> list[str]:
    fixed = ["en", title, "12.5", "2016-02-11", "7.5", "100", "['Animation']"]
    return [str(i), movie_id, *fixed, overview, "0", runtime, tagline]


def test_top10000_rows_are_kept_or_reported_with_line_and_reason(tmp_path: Path) -> None:
    path = _top_csv(
        tmp_path / "top.csv",
        [
            _row(0, "269149.0", "Zootopia", "A bunny cop.", runtime="109"),
            _row(1, "12.0", "No Plot", ""),
            _row(2, "abc", "Bad Id", "plot"),
            _row(3, "269149.0", "Zootopia again", "dup"),
        ],
    )
    with path.open("a") as out:
        out.write("4,broken\n")
    films, problems = read_top10000(path, english={})
    assert films["id"].tolist() == [269149] and films.loc[0, "runtime"] == 109
    assert not films.loc[0, "has_credits"] and films.loc[0, "genres"] == ["Animation"]
    assert problems == [
        (3, "no overview"),
        (4, "id 'abc' is not a TMDB id"),
        (5, "duplicate id 269149 (first on line 2)"),
        (6, "malformed: 2 fields, the header has 13"),
    ]


def test_union_keeps_the_rich_record_and_fills_only_its_empty_fields(tmp_path: Path) -> None:
    movies = pd.DataFrame(
        {
            "id": [949, 1],
            "title": ["Heat", "Nothing"],
            "release_date": ["1995-12-15", "2000-01-01"],
            "genres": [json.dumps([{"id": 1, "name": "Crime"}]), "[]"],
            "keywords": ["[]", "[]"],
            "overview": ["Cops and robbers.", ""],
            "tagline": ["", ""],
            "runtime": [0, 90],
            "vote_average": [7.7, 5.0],
            "vote_count": [1886, 3],
            "popularity": [10.0, 1.0],
            "original_language": ["en", "xx"],
        }
    )
    credits = pd.DataFrame(
        {
            "movie_id": [949, 1],
            "cast": [json.dumps([{"name": "Al Pacino", "order": 0}]), "[]"],
            "crew": [json.dumps([{"job": "Director", "name": "Michael Mann"}]), "[]"],
        }
    )
    rich, dropped = read_tmdb5000(movies, credits)
    assert dropped == {1: "Nothing"}
    top, _ = read_top10000(
        _top_csv(
            tmp_path / "top.csv",
            [
                _row(0, "949.0", "Heat", "Other plot.", "A Los Angeles crime saga.", "170"),
                _row(1, "5.0", "Five", "x"),
            ],
        ),
        english={},
    )
    out = union(rich, top).set_index("id")
    assert out.index.tolist() == [5, 949]
    heat = out.loc[949]
    assert (heat["overview"], heat["director"], list(heat["cast"])) == (
        "Cops and robbers.",
        "Michael Mann",
        ["Al Pacino"],
    )
    assert (heat["tagline"], heat["runtime"], heat["vote_count"], bool(heat["has_credits"])) == (
        "A Los Angeles crime saga.",
        170,
        1886,
        True,
    )
    assert not out.loc[5, "has_credits"]
    assert (heat["language"], out.loc[5, "language"]) == ("en", "en")  # TMDB's original_language


def test_shipped_movielens_signals_load_and_absent_ones_are_empty(tmp_path: Path) -> None:
    signals = load_shipped_signals(REPO / "data")
    heat = signals.neighbours["949"]
    assert len(heat) == 50 and heat == sorted(heat, key=lambda pair: -pair[1])
    assert signals.counts["949"] > 50 and 3.5 < signals.means["949"] < 4.5
    empty = load_shipped_signals(tmp_path)
    assert not empty and (empty.neighbours, empty.counts, empty.means) == ({}, {}, {})
