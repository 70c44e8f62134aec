"""Train the reranker: all-MiniLM-L6-v2 with a new one-score head, on pairs from `rerank.pairs`.

A plain torch loop under a wall-clock budget, because the budget (not an epoch count) is what a
person waiting on `reelchat train-reranker` cares about: BCE-with-logits on shuffled pairs, AdamW,
learning rate warmed up over the first 5% of the budget then decayed linearly to zero when it ends.
5% of the requests are held out (every pair of a held-out request, so no request is both trained
and judged) to report pairwise accuracy and AUC before and after.

    python -m rerank.train --out /tmp/reelchat-reranker --minutes 12
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ingest.movie import Movie
from rerank.cross_encoder import DEFAULT_MAX_LENGTH, CrossEncoderReranker, bfloat16_is_fast
from rerank.pairs import Pair, PairGroup, build_groups, film_vectors, training_users

BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BATCH_SIZE = 16
# Peak learning rates. The one-score head starts from random weights: at the encoder's rate it
# barely moves in a budget of a few hundred steps, so it gets its own, larger rate.
LEARNING_RATE = 6e-5  # the pretrained encoder
HEAD_LEARNING_RATE = 1e-3  # the new one-score head
WEIGHT_DECAY = 0.01
WARMUP_SHARE = 0.05
VAL_SHARE = 0.05
N_SYNTH = 2_000
N_COLIKE = 2_000
# Building pairs (mostly embedding the catalogue) may take this long before it eats into training,
# so a run ends within minutes + 3 (12 + 3 = 15 by default) however slow the machine is.
SETUP_ALLOWANCE_S = 150.0
FINISH_ALLOWANCE_S = 30.0


def split_validation(
    groups: Sequence[PairGroup], share: float, seed: int
) -> tuple[list[PairGroup], list[PairGroup]]:
    """(train, val) by request text: every group of a held-out request goes to val."""
    queries = sorted({g.query for g in groups})
    rng = np.random.default_rng(seed)
    held = {queries[i] for i in rng.permutation(len(queries))[: max(1, round(share * len(queries)))]}
    return [g for g in groups if g.query not in held], [g for g in groups if g.query in held]


def evaluate(
    reranker: CrossEncoderReranker, groups: Sequence[PairGroup], batch_size: int = 64
) -> dict[str, float]:
    """pairwise_accuracy: share of (positive, negative) pairs of a group ranked the right way (ties
    half); top1: share of groups whose positive scores highest; auc: ROC AUC over all pairs."""
    from scipy.stats import rankdata

    pairs = [p for g in groups for p in g.pairs()]
    if not pairs:
        return {"pairwise_accuracy": float("nan"), "top1": float("nan"), "auc": float("nan")}
    scores = reranker.score_pairs([(q, c) for q, c, _ in pairs], batch_size=batch_size).astype(np.float64)
    labels = np.array([label for _, _, label in pairs])
    wins, top1, start = [], [], 0
    for g in groups:
        s = scores[start : start + 1 + len(g.negatives)]
        start += 1 + len(g.negatives)
        wins += [1.0 if s[0] > n else 0.5 if s[0] == n else 0.0 for n in s[1:]]
        top1.append(float(s[0] > s[1:].max()))
    ranks = rankdata(scores)
    n_pos, n_neg = int(labels.sum()), int((1 - labels).sum())
    auc = (ranks[labels == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
    return {
        "pairwise_accuracy": round(float(np.mean(wins)), 4),
        "top1": round(float(np.mean(top1)), 4),
        "auc": round(float(auc), 4),
    }


def _batches(pairs: Sequence[Pair], rng: np.random.Generator) -> Iterator[list[Pair]]:
    """Shuffled batches, epoch after epoch: training stops on time, not on epochs."""
    while True:
        order = rng.permutation(len(pairs))
        for start in range(0, len(order), BATCH_SIZE):
            yield [pairs[i] for i in order[start : start + BATCH_SIZE]]


def _schedule(elapsed: float, budget: float) -> float:
    """The share of the peak learning rate at `elapsed` seconds: linear warmup, linear decay."""
    done = elapsed / budget if budget > 0 else 1.0
    warm = min(1.0, done / WARMUP_SHARE)
    return warm * max(0.0, min(1.0, (1.0 - done) / (1.0 - WARMUP_SHARE)))


def _new_model(max_length: int, layers: int, seed: int) -> Any:
    import torch
    from sentence_transformers import CrossEncoder
    from transformers.utils import logging as transformers_logging

    from ingest.embedding import resolve_model

    torch.manual_seed(seed)  # the new head's initial weights, and dropout
    source = resolve_model(BASE_MODEL)
    # The packaged weights are a bi-encoder; the classification head is created here, randomly.
    # transformers reports that head as "MISSING" in a warning table that reads like a failure to a
    # person running `reelchat train-reranker`, so its warnings are silenced for this one load.
    # Fewer layers keep the first `layers` of the six: faster, for a little accuracy.
    verbosity = transformers_logging.get_verbosity()
    transformers_logging.set_verbosity_error()
    try:
        return CrossEncoder(
            source,
            num_labels=1,
            max_length=max_length,
            device="cpu",
            local_files_only=Path(source).exists(),
            config_kwargs={"num_hidden_layers": layers},
        )
    finally:
        transformers_logging.set_verbosity(verbosity)


def train_reranker(
    movies: Sequence[Movie],
    ratings: pd.DataFrame | None,
    out_dir: Path | str,
    minutes: float = 12.0,
    seed: int = 0,
    progress: bool = True,
    *,
    n_synth: int = N_SYNTH,
    n_colike: int = N_COLIKE,
    max_length: int = DEFAULT_MAX_LENGTH,
    layers: int = 6,
    threads: int | None = 2,
    vectors: np.ndarray | None = None,
    encode: Callable[[list[str]], np.ndarray] | None = None,
) -> dict[str, Any]:
    """Build pairs, train for `minutes`, save to out_dir (loadable by CrossEncoderReranker.load) with
    a training.json of the figures, and return them. `vectors` (the catalogue's document embeddings,
    e.g. from Chroma, in `movies` order) saves embedding the catalogue again; `threads` = None keeps
    torch's default (the 15-minute budget is for 2 cores)."""
    import torch
    from tqdm.auto import tqdm

    started = time.perf_counter()
    if threads:
        torch.set_num_threads(threads)
    amp = bfloat16_is_fast()  # AMX: about 2x faster steps in bfloat16 autocast, float32 master weights

    def autocast() -> contextlib.AbstractContextManager[Any]:
        return torch.autocast("cpu", dtype=torch.bfloat16) if amp else contextlib.nullcontext()

    if encode is None:
        from ingest.embedding import make_encoder

        plain = make_encoder(BASE_MODEL)

        def encode_fast(texts: list[str]) -> np.ndarray:
            with autocast():
                return np.asarray(plain(texts), dtype=np.float32)

        encode = encode_fast

    if vectors is None:
        vectors = film_vectors(movies, encode)
    groups = build_groups(movies, ratings, encode, n_synth, n_colike, seed, vectors=vectors)
    train_groups, val_groups = split_validation(groups, VAL_SHARE, seed)
    train_pairs = [p for g in train_groups for p in g.pairs()]
    if not train_pairs:
        raise ValueError("no training pairs: the catalogue needs films with genres and keywords")
    pairs_seconds = time.perf_counter() - started

    model = _new_model(max_length, layers, seed)
    with autocast():  # judged at the precision inference will use (see CrossEncoderReranker)
        val_before = evaluate(CrossEncoderReranker(model, BASE_MODEL, precision="float32"), val_groups)
    setup = time.perf_counter() - started
    budget = max(0.0, minutes * 60 - max(0.0, setup - SETUP_ALLOWANCE_S))

    no_decay = ("bias", "LayerNorm.weight", "norm.weight")
    named = list(model.named_parameters())
    if not any("classifier" in n for n, _ in named):  # the head gets its own rate; it must be found
        raise RuntimeError(f"no classification head ('classifier') among {BASE_MODEL}'s parameters")
    params = [
        {
            "params": [p for n, p in named if "classifier" not in n and not n.endswith(no_decay)],
            "weight_decay": WEIGHT_DECAY,
            "peak": LEARNING_RATE,
        },
        {
            "params": [p for n, p in named if "classifier" not in n and n.endswith(no_decay)],
            "weight_decay": 0.0,
            "peak": LEARNING_RATE,
        },
        # The head starts from random weights: at the encoder's rate it barely moves in a short budget.
        {
            "params": [p for n, p in named if "classifier" in n],
            "weight_decay": 0.0,
            "peak": HEAD_LEARNING_RATE,
        },
    ]
    optimizer = torch.optim.AdamW(params, lr=0.0)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    rng = np.random.default_rng(seed)
    model.train()
    steps, seen, ema = 0, 0, float("nan")
    train_start = time.perf_counter()
    bar = tqdm(
        total=round(budget),
        desc="training reranker",
        bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} s [{postfix}]",
        disable=not progress,
    )
    for batch in _batches(train_pairs, rng):
        elapsed = time.perf_counter() - train_start
        if elapsed >= budget:
            break
        for group in optimizer.param_groups:
            group["lr"] = group["peak"] * _schedule(elapsed, budget)
        features = model.preprocess([(q, c) for q, c, _ in batch])
        labels = torch.tensor([label for _, _, label in batch], dtype=torch.float32)
        with autocast():
            logits = model(features)["scores"].view(-1)
        loss = loss_fn(logits.float(), labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        steps, seen = steps + 1, seen + len(batch)
        value = float(loss.detach())
        ema = value if steps == 1 else 0.98 * ema + 0.02 * value
        bar.update(min(round(time.perf_counter() - train_start), round(budget)) - bar.n)
        bar.set_postfix(step=steps, loss=f"{ema:.3f}", refresh=False)
    bar.close()
    train_seconds = time.perf_counter() - train_start

    model.eval()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    # Judged as saved and loaded, exactly the path inference takes.
    loaded = CrossEncoderReranker.load(out, max_length=max_length)
    val_after = evaluate(loaded, val_groups)
    users = training_users(ratings) if ratings is not None else frozenset()
    report: dict[str, Any] = {
        "base_model": BASE_MODEL,
        "layers": layers,
        "max_length": max_length,
        "seed": seed,
        "minutes": minutes,
        "threads": torch.get_num_threads(),
        "bfloat16_autocast": amp,
        "pairs": {
            "train": len(train_pairs),
            "val": sum(1 + len(g.negatives) for g in val_groups),
            "groups": len(groups),
            "synthesized_groups": sum(g.source == "synthesized" for g in groups),
            "movielens_groups": sum(g.source == "movielens" for g in groups),
            "per_group": "1 positive, 3 hard negatives (dense retrieval), 1 random",
        },
        "source": (
            "synthesized requests from catalogue metadata; MovieLens co-liked pairs of the first half "
            f"of split_users(seed=0, fraction=0.5) ({len(users)} users; the eval's test half is never read)"
        ),
        "steps": steps,
        "pairs_seen": seen,
        "epochs": round(seen / len(train_pairs), 2),
        "seconds": {
            "pairs": round(pairs_seconds, 1),
            "training": round(train_seconds, 1),
            "total": round(time.perf_counter() - started, 1),
        },
        "final_loss": round(ema, 4),
        "val_before": val_before,
        "val_after": val_after,
        "inference_precision": loaded.dtype,
    }
    (out / "training.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    from ingest.catalogue import read_catalogue
    from rerank.movielens import load_ratings

    # On a machine shared with other busy processes, OpenMP threads that spin while waiting make
    # each training step 2-4x slower (measured: 4-9 s instead of 2-3 s); sleeping threads cost
    # little when the machine is idle. Only takes effect if torch is not imported yet.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    repo = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(prog="python -m rerank.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="directory to save the model in")
    parser.add_argument("--minutes", type=float, default=12.0, help="training time budget")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--catalogue", type=Path, default=repo / "data" / "movies.parquet")
    parser.add_argument(
        "--movielens", type=Path, default=repo.parent / "shared" / "data" / "movielens-latest-small"
    )
    parser.add_argument("--n-synth", type=int, default=N_SYNTH)
    parser.add_argument("--n-colike", type=int, default=N_COLIKE)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--max-length", type=int, default=DEFAULT_MAX_LENGTH)
    parser.add_argument("--vectors", type=Path, help=".npy of the catalogue's document embeddings")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)

    movies = read_catalogue(args.catalogue).movies
    ratings = (
        load_ratings(args.movielens, {m.id for m in movies})
        if (args.movielens / "ratings.csv").exists()
        else None
    )
    if ratings is None:
        print(f"no MovieLens ratings in {args.movielens}: synthesized requests only", file=sys.stderr)
    report = train_reranker(
        movies,
        ratings,
        args.out,
        minutes=args.minutes,
        seed=args.seed,
        progress=not args.quiet,
        n_synth=args.n_synth,
        n_colike=args.n_colike,
        layers=args.layers,
        max_length=args.max_length,
        vectors=np.load(args.vectors) if args.vectors else None,
    )
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
