"""How long the reranker takes for one request, as a command that prints figures (never a test).

    python -m rerank.bench --model /tmp/reelchat-reranker --threads 2

Candidates are random catalogue films and requests a few realistic ones (with and without liked
films), so the pair lengths, and the padding they cause, are those of real use. The first call of
each setting is a warm-up and is not counted.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingest.movie import Movie
from rerank.cross_encoder import CrossEncoderReranker, Precision
from rerank.texts import query_text

INTENTS = (
    "a tense crime thriller about a bank heist",
    "something funny and light for a family movie night",
    "I want a slow, beautiful film about grief and memory, nothing too long, subtitles are fine",
)


def measure_latency(
    reranker: CrossEncoderReranker, movies: Sequence[Movie], n: int, repeats: int = 10, seed: int = 0
) -> dict[str, float]:
    """Median and 90th-percentile milliseconds of one `score` call over n candidates."""
    rng = np.random.default_rng(seed)
    queries = [query_text(i) for i in INTENTS] + [
        query_text(INTENTS[0], [movies[int(j)] for j in rng.choice(len(movies), 2, replace=False)])
    ]
    times = []
    for r in range(repeats + 1):
        films = [movies[int(j)] for j in rng.choice(len(movies), n, replace=False)]
        started = time.perf_counter()
        reranker.score(queries[r % len(queries)], films)
        if r:  # the first call warms up
            times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(float(np.median(times)), 1),
        "p90_ms": round(float(np.percentile(times, 90)), 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    import torch

    from ingest.catalogue import read_catalogue

    repo = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(
        prog="python -m rerank.bench", description="reranker latency per request"
    )
    parser.add_argument("--model", required=True, help="a trained reranker directory or a hub name")
    parser.add_argument("--catalogue", type=Path, default=repo / "data" / "movies.parquet")
    parser.add_argument("--max-lengths", type=int, nargs="+", default=[128, 192, 256])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 30])
    parser.add_argument(
        "--precisions", nargs="+", default=["float32", "bfloat16"], choices=["float32", "bfloat16"]
    )
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    movies = read_catalogue(args.catalogue).movies
    rows: list[dict[str, Any]] = []
    for precision in args.precisions:
        prec: Precision = precision
        reranker = CrossEncoderReranker.load(args.model, precision=prec)
        for max_length in args.max_lengths:
            reranker.model.max_seq_length = max_length
            for n in args.sizes:
                row = {"precision": precision, "max_length": max_length, "candidates": n}
                row |= measure_latency(reranker, movies, n, repeats=args.repeats)
                rows.append(row)
                print(
                    f"{precision:9} max_length {max_length:3}  {n:2} candidates: "
                    f"{row['median_ms']:7.1f} ms median, {row['p90_ms']:7.1f} ms p90",
                    flush=True,
                )
    print(json.dumps({"model": args.model, "threads": torch.get_num_threads(), "rows": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
