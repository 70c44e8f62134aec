"""`reelchat eval profiles`: does a person's imported rating history make "what should I watch
tonight?" better?

The project's MovieLens *test* users (`split_users` seed 0, as every MovieLens figure here) are each
turned into the Letterboxd `ratings.csv` they would export: Date, Name, Year, Letterboxd URI,
Rating, titles as Letterboxd writes them (MovieLens' "Matrix, The (1999)" becomes "The Matrix",
1999; "Seven (a.k.a. Se7en)" becomes "Seven"), every film they rated, catalogue or not. 20% of
each user's films rated >= 4.5 that the catalogue holds are held out of their file; the file is
imported through the product's importer (title + year matching), and the product's chain answers
"what should I watch tonight?" with the profile and, as the baseline, without it. HR@10: a held-out
film among the 10 shown; Recall@10: the share of held-out films shown.

The engine's MovieLens signals (co-liked neighbours, rating counts) come from the training half of
the users only, so nothing measured was learnt from the users it is measured on (the shipped
signals use all 610).
"""

from __future__ import annotations

import csv
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from assistant.evaluation.metrics import score_ranking, summarise
from assistant.profiles import ProfileFilm

REQUEST = "what should I watch tonight?"
HOLD_OUT = 0.2
LOVED = 4.5
MIN_LOVED = 5  # so that 20% of them is at least one film
K = 10
TARGET_HR = 0.60

_YEAR = re.compile(r"\s*\((\d{4})(?:[-–]\d{0,4})?\)\s*$")
_AKA = re.compile(r"\s*\((?:a\.k\.a\.|aka) [^)]*\)", re.I)
_ALTERNATE = re.compile(r"\s*\([^)]*\)\s*$")  # "Amelie (Fabuleux destin d'Amélie Poulain, Le)"
_INVERTED = re.compile(r"^(?P<rest>.*), (?P<article>The|A|An|Les|La|Le|L'|Il|El|Das|Die|Der|Los|Las)$")


def letterboxd_title(movielens_title: str) -> tuple[str, int | None]:
    """MovieLens' "Matrix, The (1999)" as Letterboxd writes it: ("The Matrix", 1999)."""
    found = _YEAR.search(movielens_title)
    year = int(found.group(1)) if found else None
    title = _YEAR.sub("", movielens_title)
    title = _AKA.sub("", title)
    title = _ALTERNATE.sub("", title).strip()
    inverted = _INVERTED.match(title)
    if inverted:
        article = inverted["article"]
        title = f"{article}{'' if article.endswith(chr(39)) else ' '}{inverted['rest']}"
    return title, year


@dataclass(frozen=True)
class ProfileCase:
    user: int
    path: Path  # the user's Letterboxd ratings.csv, held-out films left out
    held_out: frozenset[str]  # catalogue ids
    true_ids: dict[int, str]  # file line -> the catalogue id MovieLens links the row to (matching check)


def build_cases(
    ml_dir: Path, catalogue_ids: set[str], users: set[int], out: Path, seed: int = 0
) -> list[ProfileCase]:
    ratings = pd.read_csv(ml_dir / "ratings.csv")
    titles = pd.read_csv(ml_dir / "movies.csv", usecols=["movieId", "title"]).set_index("movieId")["title"]
    links = pd.read_csv(ml_dir / "links.csv", usecols=["movieId", "tmdbId"]).dropna()
    tmdb = dict(zip(links["movieId"], links["tmdbId"].astype("int64").astype(str), strict=True))
    cases = []
    for user, rows in ratings[ratings["userId"].isin(users)].groupby("userId"):
        rows = rows.sort_values("timestamp", kind="stable")
        in_catalogue = [tmdb.get(m) in catalogue_ids for m in rows["movieId"]]
        loved = sorted(
            {
                tmdb[m]
                for m, r, ok in zip(rows["movieId"], rows["rating"], in_catalogue, strict=True)
                if ok and r >= LOVED
            }
        )
        if len(loved) < MIN_LOVED:
            continue
        rng = np.random.default_rng([seed, int(user)])
        held = frozenset(
            loved[i] for i in rng.choice(len(loved), size=max(1, round(HOLD_OUT * len(loved))), replace=False)
        )
        path = out / f"user{user}-ratings.csv"
        true_ids: dict[int, str] = {}
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["Date", "Name", "Year", "Letterboxd URI", "Rating"])
            line = 1
            for movie_id, rating, stamp in zip(
                rows["movieId"], rows["rating"], rows["timestamp"], strict=True
            ):
                if tmdb.get(movie_id) in held:
                    continue  # a film rated twice through two MovieLens ids is held out under both
                name, year = letterboxd_title(str(titles.get(movie_id, "")))
                date = datetime.fromtimestamp(int(stamp), UTC).date().isoformat()
                writer.writerow([date, name, year or "", f"https://boxd.it/ml{movie_id}", f"{rating:g}"])
                line += 1
                if tmdb.get(movie_id) in catalogue_ids:
                    true_ids[line] = tmdb[movie_id]
        cases.append(ProfileCase(int(user), path, held, true_ids))
    return cases


def eval_profiles(settings: Any, limit: int | None = None, progress: bool = True) -> dict[str, Any]:
    from assistant.chain import ReplyChain
    from assistant.evaluation.stages import held_out_engine
    from assistant.llm import LLMBackend
    from assistant.profiles import ProfileStore
    from assistant.ratings_import import match_row, read_export
    from assistant.sessions import Session
    from rerank.movielens import load_ratings, split_users

    engine = held_out_engine(settings)  # MovieLens signals of the training users only
    ratings = load_ratings(settings.movielens_dir, set(engine.movies))
    _, test = split_users(sorted(ratings["user"].unique()), seed=0, fraction=0.5)
    chain = ReplyChain(engine, lambda: LLMBackend("none", "", None, settings.llm_context))
    rows: dict[str, list[dict[str, float]]] = {"with profile": [], "without profile": []}
    total = matched = checked = missed = wrong = known_shown = 0
    import_seconds = 0.0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        cases = build_cases(settings.movielens_dir, set(engine.movies), set(test), Path(tmp))[:limit]
        store = ProfileStore(Path(tmp) / "profiles.sqlite")
        plain = [m.id for m in chain.decide(REQUEST, Session(id=""), K).movies]
        for case in tqdm(cases, desc="profiles", unit="user", disable=not progress):
            # the product's import, step by step, to check each row's match against MovieLens' own link
            began = time.perf_counter()
            _, read, refused = read_export(case.path)
            films = []
            for row in read:
                movie, _ = match_row(row, engine.movies, engine.index)
                if movie is not None:
                    films.append(ProfileFilm(movie.id, row.rating, 0, True, row.rated_on))
                if row.line in case.true_ids:  # a catalogue film, by MovieLens' own link
                    checked += 1
                    missed += movie is None
                    wrong += movie is not None and movie.id != case.true_ids[row.line]
            store.record_films(f"u{case.user}", films)
            import_seconds += time.perf_counter() - began
            total, matched = total + len(read) + len(refused), matched + len(films)
            profile = store.load(f"u{case.user}")
            picks = [m.id for m in chain.decide(REQUEST, Session(id=""), K, profile).movies]
            known_shown += len(set(picks) & profile.known)
            for name, ranked in (("with profile", picks), ("without profile", plain)):
                scores = score_ranking(ranked, case.held_out, ks=(K,))
                rows[name].append({f"hr@{K}": scores[f"hit@{K}"], f"recall@{K}": scores[f"recall@{K}"]})
    users = len(rows["with profile"])
    return {
        "request": REQUEST,
        "users": users,
        "held_out": f"{HOLD_OUT:.0%} of each user's catalogue films rated >= {LOVED}",
        "users_need": f">= {MIN_LOVED} catalogue films rated >= {LOVED}",
        "rows_imported": total,
        "rows_matched": matched,
        "match_rate": round(matched / max(1, total), 4),
        "catalogue_rows": checked,  # rows whose film MovieLens links to a catalogue film
        "catalogue_rows_not_matched": missed,
        "catalogue_rows_matched_to_another_film": wrong,
        "import_seconds_per_user": round(import_seconds / max(1, users), 3),
        "films_already_rated_shown": known_shown,
        "target_hr@10": TARGET_HR,
        "seconds": round(time.perf_counter() - started, 1),
        "stages": {name: summarise(r) for name, r in rows.items() if r},
    }


def write_letterboxd_export(ml_dir: Path, out: Path, rows: int = 1_000) -> Path:
    """The `rows` latest ratings of the MovieLens user who rated most, as a Letterboxd ratings.csv:
    the file `reelchat profile import` is timed on (catalogue films and others, as in life)."""
    ratings = pd.read_csv(ml_dir / "ratings.csv")
    titles = pd.read_csv(ml_dir / "movies.csv", usecols=["movieId", "title"]).set_index("movieId")["title"]
    user = int(ratings["userId"].value_counts().idxmax())
    mine = ratings[ratings["userId"] == user].sort_values("timestamp", kind="stable").tail(rows)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Date", "Name", "Year", "Letterboxd URI", "Rating"])
        for movie_id, rating, stamp in zip(mine["movieId"], mine["rating"], mine["timestamp"], strict=True):
            name, year = letterboxd_title(str(titles.get(movie_id, "")))
            date = datetime.fromtimestamp(int(stamp), UTC).date().isoformat()
            writer.writerow([date, name, year or "", f"https://boxd.it/ml{movie_id}", f"{rating:g}"])
    return out
