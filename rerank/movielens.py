"""MovieLens ml-latest-small as training and evaluation signal, joined to the catalogue by TMDB id.

Our `Movie.id` for the shipped catalogue is str(tmdbId), and links.csv maps MovieLens ids to tmdbId,
so the join is exact (no title matching). Measured with the shipped catalogue (11,809 films, TMDB
5000 + top 10,000): `load_ratings` keeps 87,536 of the 100,836 ratings, of 5,371 films by 610 users
(two MovieLens entries can share a TMDB id; a user's duplicate rating is dropped); 42,623 are >= 4.0
and 19,362 are >= 4.5. With the defaults, 550 users give a liked-history sample, `co_liked_pairs`
gives 21,262 pairs (0.5 s) and `item_neighbours` covers 3,820 films (2 s).

Three signals are built from the join, all from one users x films "liked" matrix:
- `liked_history_samples`: a user's highly rated films split into a few query films and the rest
  as targets ("I loved these three; what else?"), an evaluation of taste-based recommendation;
- `co_liked_pairs`: ("liked X", "also liked Y", strength) pairs for training a reranker;
- `item_neighbours`: each film's most co-liked films, a collaborative retrieval source.
`co_liked_pairs` and `item_neighbours` take `users`, so evaluation users (`split_users`) can be kept
out of what is trained or tuned; liked-history samples are made per user, so filter `ratings` first.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

RATING_COLUMNS = ["user", "movie_id", "rating", "timestamp"]
BOOKKEEPING_TAG = re.compile(r"netflix|imdb|\bbd-?r\b|dvd|to see|watched|\bseen\b|library|owned")


@dataclass(frozen=True)
class LikedSample:
    user: int
    query_ids: tuple[str, ...]  # films the user loved, given as the request
    target_ids: frozenset[str]  # the user's other loved films, to be found


def load_ratings(ml_dir: Path | str, catalogue_ids: set[str]) -> pd.DataFrame:
    """ratings.csv as (user, movie_id, rating, timestamp), movie_id our catalogue id, catalogue films only."""
    ml_dir = Path(ml_dir)
    links = pd.read_csv(ml_dir / "links.csv", usecols=["movieId", "tmdbId"]).dropna(subset=["tmdbId"])
    links["movie_id"] = links["tmdbId"].astype("int64").astype(str)
    links = links[links["movie_id"].isin(catalogue_ids)]
    ratings = pd.read_csv(ml_dir / "ratings.csv")
    joined = ratings.merge(links[["movieId", "movie_id"]], on="movieId", how="inner")
    joined = joined.rename(columns={"userId": "user"})[RATING_COLUMNS]
    # Two MovieLens entries can share a TMDB id; a user who rated both keeps their latest rating.
    joined = joined.sort_values("timestamp", kind="stable")
    joined = joined.drop_duplicates(["user", "movie_id"], keep="last")
    return joined.sort_values(["user", "movie_id"], kind="stable").reset_index(drop=True)


def load_tags(
    ml_dir: Path | str, catalogue_ids: set[str], users: Iterable[int] | None = None, part: int | None = None
) -> dict[str, tuple[str, ...]]:
    """tags.csv as film id -> the distinct tags its users gave it (lower-cased), catalogue films
    only. Bookkeeping tags ("in netflix queue", "imdb top 250", "bd-r") say nothing of the film.
    `part` (0 or 1): only one half of the tag applications, split by a hash of (user, film, tag),
    so training can label requests with one half while the engine knows only the other."""
    ml_dir = Path(ml_dir)
    links = pd.read_csv(ml_dir / "links.csv", usecols=["movieId", "tmdbId"]).dropna(subset=["tmdbId"])
    to_id = dict(zip(links["movieId"].astype(int), links["tmdbId"].astype("int64").astype(str), strict=True))
    table = pd.read_csv(ml_dir / "tags.csv", usecols=["userId", "movieId", "tag"])
    if users is not None:
        table = table[table["userId"].isin(set(users))]
    films: dict[str, dict[str, None]] = {}
    for user, movie, tag in zip(
        table["userId"].tolist(), table["movieId"].tolist(), table["tag"].tolist(), strict=True
    ):
        film = to_id.get(int(movie))
        word = " ".join(str(tag).lower().split())
        if part is not None and _half(f"{user}|{movie}|{word}") != part:
            continue
        if film in catalogue_ids and word.isascii() and not BOOKKEEPING_TAG.search(word):
            films.setdefault(film, {})[word] = None
    return {film: tuple(tags) for film, tags in sorted(films.items())}


def _half(key: str) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2


def liked_history_samples(
    ratings: pd.DataFrame,
    min_rating: float = 4.5,
    n_query: int = 3,
    seed: int = 0,
    max_users: int | None = None,
) -> list[LikedSample]:
    """One sample per user with at least n_query + 1 films rated >= min_rating, ordered by user.

    Each user's query films are drawn from a generator seeded by (seed, user), so a user's sample does
    not change when other users are added, removed or split off."""
    if n_query < 1:
        raise ValueError(f"n_query must be >= 1, got {n_query}")
    liked = ratings.loc[ratings["rating"] >= min_rating, ["user", "movie_id"]]
    by_user = liked.groupby("user")["movie_id"].agg(lambda ids: sorted(set(ids)))
    by_user = by_user[by_user.map(len) > n_query]
    users = sorted(int(u) for u in by_user.index)
    if max_users is not None and len(users) > max_users:
        chosen = np.random.default_rng(seed).choice(len(users), size=max_users, replace=False)
        users = sorted(users[i] for i in chosen)
    samples = []
    for user in users:
        ids: list[str] = by_user[user]
        picks = np.random.default_rng([seed, user]).choice(len(ids), size=n_query, replace=False)
        query = tuple(ids[i] for i in picks)
        samples.append(LikedSample(user, query, frozenset(ids) - set(query)))
    return samples


def split_users(
    users: Iterable[int], seed: int = 0, fraction: float = 0.5
) -> tuple[frozenset[int], frozenset[int]]:
    """(tune, test): a seeded, disjoint split with round(fraction * n) users in tune."""
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction is the share of users for tuning, between 0 and 1; got {fraction}")
    ordered = np.array(sorted(set(int(u) for u in users)), dtype=np.int64)
    shuffled = np.random.default_rng(seed).permutation(ordered)
    cut = round(fraction * len(shuffled))
    return frozenset(shuffled[:cut].tolist()), frozenset(shuffled[cut:].tolist())


def co_liked_pairs(
    ratings: pd.DataFrame,
    min_rating: float = 4.0,
    max_pairs: int = 50_000,
    seed: int = 0,
    users: Iterable[int] | None = None,
    *,
    min_count: int = 3,
    per_film: int = 10,
) -> list[tuple[str, str, float]]:
    """("liked X", "also liked Y", strength) pairs, ordered by X then strongest first.

    Raw co-like counts are dominated by the most popular films: nearly everyone who likes anything
    likes The Shawshank Redemption, so it would be every film's "also liked". Strength is therefore
    normalised PMI, log(p(x, y) / (p(x) p(y))) / -log p(x, y), which asks whether X's fans like Y more
    than everyone does, bounded in [-1, 1] so rare pairs cannot explode as plain PMI lets them.
    Pairs need `min_count` users in common (fewer is noise) and a positive strength; each X keeps its
    `per_film` strongest partners, so popular films do not supply most pairs. If more than
    `max_pairs` remain, a seeded uniform sample of them is kept.
    """
    matrix, ids = _liked_matrix(ratings, min_rating, users)
    n_users = matrix.shape[0]
    if n_users == 0:
        return []
    rows, cols, counts = _co_counts(matrix)
    n_liked = np.asarray(matrix.sum(axis=0)).ravel()
    keep = counts >= min_count
    rows, cols, counts = rows[keep], cols[keep], counts[keep]
    p_pair = counts / n_users
    pmi = np.log(p_pair) - np.log(n_liked[rows] / n_users) - np.log(n_liked[cols] / n_users)
    # A pair liked by every user has p = 1 and -log p = 0: fully associated, strength 1.
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.where(p_pair < 1.0, pmi / -np.log(p_pair), 1.0)
    positive = npmi > 0
    rows, cols, npmi = rows[positive], cols[positive], npmi[positive]
    order = _top_per_row(rows, npmi, per_film)
    if len(order) > max_pairs:
        order = np.sort(np.random.default_rng(seed).choice(order, size=max_pairs, replace=False))
        # `order` was grouped by row, strongest first; sorting the chosen positions keeps that order.
    return [(ids[rows[i]], ids[cols[i]], float(npmi[i])) for i in order]


def item_neighbours(
    ratings: pd.DataFrame,
    min_rating: float = 4.0,
    users: Iterable[int] | None = None,
    *,
    k: int = 50,
    shrinkage: float = 10.0,
    popularity: float = 0.5,
) -> dict[str, list[tuple[str, float]]]:
    """Each liked film's k most co-liked films, best first, by shrunk cosine over binary liked vectors:
    c / sqrt(n_x n_y) * c / (c + shrinkage), c the users who liked both. Cosine alone ranks a film two
    fans happen to share as highly as one two hundred share; the shrinkage term discounts small c.

    `popularity` is the power of the neighbour's own count n_y (0.5 is the cosine): at 1.0 a film
    everyone likes (Pulp Fiction, Fight Club) no longer neighbours every film, only the ones whose
    fans like it more than everyone does (`LIKE_POPULARITY`)."""
    matrix, ids = _liked_matrix(ratings, min_rating, users)
    if matrix.shape[0] == 0:
        return {}
    rows, cols, counts = _co_counts(matrix)
    n_liked = np.asarray(matrix.sum(axis=0)).ravel().astype(np.float64)
    # sqrt(n_x n_y^2p), not sqrt(n_x) n_y^p: at p = 0.5 the same floats, so ties order as before.
    discount = np.sqrt(n_liked[rows] * n_liked[cols] ** (2 * popularity))
    scores = counts / discount * counts / (counts + shrinkage)
    neighbours: dict[str, list[tuple[str, float]]] = {}
    for i in _top_per_row(rows, scores, k):
        neighbours.setdefault(ids[rows[i]], []).append((ids[cols[i]], float(scores[i])))
    return neighbours


def _liked_matrix(
    ratings: pd.DataFrame, min_rating: float, users: Iterable[int] | None
) -> tuple[sparse.csr_matrix, list[str]]:
    """Binary users x films matrix of ratings >= min_rating, and the film id of each column."""
    liked = ratings.loc[ratings["rating"] >= min_rating, ["user", "movie_id"]]
    if users is not None:
        liked = liked[liked["user"].isin(set(users))]
    liked = liked.drop_duplicates()
    user_codes, _ = pd.factorize(liked["user"], sort=True)
    film_codes, film_ids = pd.factorize(liked["movie_id"], sort=True)
    shape = (int(user_codes.max()) + 1 if len(user_codes) else 0, len(film_ids))
    data = np.ones(len(liked), dtype=np.float64)
    matrix = sparse.csr_matrix((data, (user_codes, film_codes)), shape=shape)
    return matrix, [str(i) for i in film_ids]


def _co_counts(matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(film x, film y, users who liked both) for every x != y that share a user."""
    co = (matrix.T @ matrix).tocoo()
    off_diagonal = co.row != co.col
    return co.row[off_diagonal], co.col[off_diagonal], co.data[off_diagonal]


def _top_per_row(rows: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of each row's k highest scores, grouped by row, highest first; ties by position."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((-scores, rows))
    sorted_rows = rows[order]
    starts = np.flatnonzero(np.r_[True, sorted_rows[1:] != sorted_rows[:-1]])
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    rank = np.arange(len(order)) - group_start
    return order[rank < k]


# --- signals shipped in data/ (built by data/prepare.py, read at run time) ------------------------

NEIGHBOURS_FILE = "movielens_neighbours.parquet"
LIKE_NEIGHBOURS_FILE = "movielens_like_neighbours.parquet"
TAGS_FILE = "movielens_tags.parquet"
RATINGS_FILE = "movielens_ratings.parquet"
SHIPPED_NEIGHBOURS = 50  # per film: what collaborative retrieval can use
# "Something like X" (one film named) wants X's own kin; a taste of several loved films goes on to
# the films many people love. Measured: the first judged set's like-X requests P@5 0.38 -> 0.53 with
# the discounted table where one film is named (ReDial's one-film samples level), while MovieLens
# HR@10 ("I loved A, B and C") fell 0.767 -> 0.659 when every request used it, and ReDial's
# two-film samples lost R@10 0.091 -> 0.080.
LIKE_POPULARITY = 1.0


@dataclass(frozen=True)
class MovieLensSignals:
    """What the product uses from MovieLens at run time, keyed by our movie id (str TMDB id):
    co-liked neighbours from all ml-latest-small users (best first), the same with the neighbours'
    own popularity discounted (`LIKE_POPULARITY`), each film's rating count and mean rating over all
    its MovieLens ratings; and the tags users gave it."""

    neighbours: dict[str, list[tuple[str, float]]]
    counts: dict[str, int]
    means: dict[str, float]
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    like_neighbours: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.neighbours or self.counts)


def write_shipped_signals(
    ratings: pd.DataFrame, out_dir: Path | str, tags: dict[str, tuple[str, ...]] | None = None
) -> list[Path]:
    """Write the run-time signals for the product from `load_ratings` (and `load_tags`) output (all
    users: the evaluation computes its own train-users-only signals, so nothing it measures ships)."""
    out_dir = Path(out_dir)
    stats = ratings.groupby("movie_id")["rating"].agg(["count", "mean"]).reset_index()
    stats = stats.rename(columns={"count": "rating_count", "mean": "rating_mean"})
    stats["rating_count"] = stats["rating_count"].astype("int32")
    stats["rating_mean"] = stats["rating_mean"].round(4).astype("float32")
    paths = [out_dir / NEIGHBOURS_FILE, out_dir / LIKE_NEIGHBOURS_FILE, out_dir / RATINGS_FILE]
    _write_neighbours(item_neighbours(ratings, k=SHIPPED_NEIGHBOURS), paths[0])
    _write_neighbours(item_neighbours(ratings, k=SHIPPED_NEIGHBOURS, popularity=LIKE_POPULARITY), paths[1])
    stats.sort_values("movie_id").to_parquet(paths[2], index=False, compression="zstd")
    if tags is not None:
        paths.append(out_dir / TAGS_FILE)
        pairs = [(film, tag) for film, film_tags in sorted(tags.items()) for tag in film_tags]
        pd.DataFrame(pairs, columns=["movie_id", "tag"]).to_parquet(
            paths[-1], index=False, compression="zstd"
        )
    return paths


def _write_neighbours(neighbours: dict[str, list[tuple[str, float]]], path: Path) -> None:
    rows = [(film, other, score) for film, pairs in neighbours.items() for other, score in pairs]
    table = pd.DataFrame(rows, columns=["movie_id", "neighbour_id", "score"])
    table["score"] = table["score"].astype("float32")
    table.to_parquet(path, index=False, compression="zstd")


def _read_neighbours(path: Path) -> dict[str, list[tuple[str, float]]]:
    """A `_write_neighbours` table; empty when the file is absent."""
    neighbours: dict[str, list[tuple[str, float]]] = {}
    if path.exists():
        table = pd.read_parquet(path)
        # Rows are stored grouped by film, best first: appending keeps that order.
        for film, other, score in zip(
            table["movie_id"].tolist(), table["neighbour_id"].tolist(), table["score"].tolist(), strict=True
        ):
            neighbours.setdefault(film, []).append((other, round(float(score), 6)))
    return neighbours


def load_shipped_signals(data_dir: Path | str) -> MovieLensSignals:
    """The signals `write_shipped_signals` stored in `data_dir`; empty signals (falsy) when the
    files are absent, so a catalogue without MovieLens simply ranks without them."""
    data_dir = Path(data_dir)
    neighbours = _read_neighbours(data_dir / NEIGHBOURS_FILE)
    counts: dict[str, int] = {}
    means: dict[str, float] = {}
    if (data_dir / RATINGS_FILE).exists():
        stats = pd.read_parquet(data_dir / RATINGS_FILE)
        films = stats["movie_id"].tolist()
        counts = dict(zip(films, (int(c) for c in stats["rating_count"]), strict=True))
        means = dict(zip(films, (round(float(m), 4) for m in stats["rating_mean"]), strict=True))
    tags: dict[str, list[str]] = {}
    if (data_dir / TAGS_FILE).exists():
        table = pd.read_parquet(data_dir / TAGS_FILE)
        for film, tag in zip(table["movie_id"].tolist(), table["tag"].tolist(), strict=True):
            tags.setdefault(film, []).append(tag)
    return MovieLensSignals(
        neighbours,
        counts,
        means,
        {film: tuple(t) for film, t in tags.items()},
        like_neighbours=_read_neighbours(data_dir / LIKE_NEIGHBOURS_FILE),
    )
