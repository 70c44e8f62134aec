"""`reelchat train-ranker`: build training requests, retrieve their candidates with the real
engine, and train the learned ranker (rerank.ltr) on their features. Never touches ReDial, the
judged set, or held-out r/tipofmytongue posts.

Training requests, each with the films that answer it:
- synthesized from catalogue metadata ("a tense 90s crime thriller about bank and heist"): the
  film described, and any other film with everything asked. Films are drawn weighted by how
  widely seen they are, as people ask about films they have heard of;
- MovieLens tags ("something atmospheric", "a heist film"): the films users gave that tag;
- "something like X": films co-liked with X that share most of its genres;
- moods ("something to make me laugh") and twists ("something like Alien but funnier"): well-liked
  films (MovieLens training users) of the genre the words lean to, co-liked with the film named;
- MovieLens liked histories of the training users ("I loved A, B and C"): their other loved films;
- r/tipofmytongue posts of the dev part (the known-item model): the film the post was about.
Requests are split by a hash into training and validation (early stopping) groups.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from assistant.engine import Engine
from assistant.evaluation.stages import as_known_item, held_out_engine
from assistant.ordering import intent_kind
from assistant.settings import Settings
from assistant.understand import ParsedRequest, parse_request
from ingest.movie import Movie
from rerank.features import KNOWN_ITEM_FEATURES, RECOMMEND_FEATURES, feature_matrix
from rerank.ltr import Group, LearnedRanker, train_model
from rerank.requests import Facets

# Moods and "like X but Y" twists, in everyday words, and the genre each leans to. The answers
# are well-liked films (MovieLens training users) of that genre: what a film lover accepts for a
# mood request is a good film of the right kind, which no plot spells out.
MOOD_WORDS = {
    "Comedy": ("something to make me laugh", "a light, funny evening", "a silly comedy to unwind"),
    "Drama": ("something moving and serious", "a powerful, emotional story", "a film that makes me think"),
    "Horror": ("something to scare me", "a frightening night in", "a creepy film"),
    "Romance": ("a love story", "something romantic for two", "a sweet romance"),
    "Thriller": ("something gripping and tense", "a suspenseful night in", "a nail-biter"),
    "Family": ("something the whole family can watch", "a film for kids and parents", "a gentle film"),
    "Action": ("something exciting with lots of action", "a big action night", "an adrenaline rush"),
    "Science Fiction": ("something about the future", "a mind-bending sci-fi night", "a space adventure"),
    "Animation": ("a lovely animated film", "a cartoon for tonight", "something animated and charming"),
    "Crime": ("a gritty crime story", "something about gangsters", "a crime film to get lost in"),
    "Fantasy": ("something magical", "an enchanted world to escape to", "a fairy tale for grown-ups"),
    "Mystery": ("a puzzle to solve", "a whodunit evening", "something mysterious"),
}
TWISTS = {
    "Comedy": ("funnier", "lighter and funny"),
    "Horror": ("scarier", "more frightening"),
    "Romance": ("more romantic", "with a love story"),
    "Family": ("gentler, for kids", "family-friendly"),
    "Drama": ("more serious", "more emotional"),
    "Action": ("with more action", "more exciting"),
}
LIKED = 3.8  # a MovieLens mean at which a film counts as well liked
MIN_RATINGS = 8

TAG_TEMPLATES = ("a film tagged {tag}", "something {tag}", "{tag} movies", "a film about {tag}")
MIN_TAG_FILMS = 6  # a mood's well-liked films of its genre
MIN_TAGGED_FILMS = 3  # a tag's films, from half of the training users' tags (few: 27 users tag)


@dataclass(frozen=True)
class TrainingRequest:
    text: str
    answer_ids: frozenset[str]
    source: str
    known_item: bool = False
    facets: Facets | None = None  # a synthesized request: any film with all of it answers too

    def answers(self, movie: Movie) -> bool:
        return movie.id in self.answer_ids or (self.facets is not None and self.facets.satisfied_by(movie))


def is_validation(text: str, share: int = 10) -> bool:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % share == 0


def synthesized(movies: Sequence[Movie], n: int, seed: int = 0) -> list[TrainingRequest]:
    from rerank.requests import synthesize_request

    rng = random.Random(seed)
    weights = np.sqrt(np.asarray([(m.vote_count or 0) + 1.0 for m in movies]))
    p = weights / weights.sum()
    order = np.random.default_rng(seed).choice(len(movies), size=len(movies), replace=False, p=p)
    out: list[TrainingRequest] = []
    for i in order:
        request = synthesize_request(movies[int(i)], rng)
        if request is not None:
            answer = frozenset({request.movie.id})
            out.append(TrainingRequest(request.text, answer, "synth", facets=request.facets))
        if len(out) >= n:
            break
    return out


def tagged(
    settings: Settings, movie_ids: set[str], users: frozenset[int], seed: int = 0
) -> list[TrainingRequest]:
    """ "something atmospheric": the films the training users tagged so, from one half of their tag
    applications (`load_tags` part 1). The engine that trains on these knows only the other half,
    so the ranker learns how far a film's other tags predict this one, not that a tag predicts itself."""
    from rerank.movielens import load_tags

    films: dict[str, set[str]] = {}
    for film, tags in load_tags(settings.movielens_dir, movie_ids, users=users, part=1).items():
        for tag in tags:
            films.setdefault(tag, set()).add(film)
    rng = random.Random(seed)
    return [
        TrainingRequest(rng.choice(TAG_TEMPLATES).format(tag=tag), frozenset(ids), "tags")
        for tag, ids in sorted(films.items())
        if len(ids) >= MIN_TAGGED_FILMS
    ]


def well_liked(engine: Engine) -> dict[str, frozenset[str]]:
    """genre -> films MovieLens training users rated often and well."""
    signals = engine.signals
    good = [
        m
        for m in engine.movies.values()
        if signals.counts.get(m.id, 0) >= MIN_RATINGS and signals.means.get(m.id, 0.0) >= LIKED
    ]
    return {g: frozenset(m.id for m in good if g in m.genres) for g in MOOD_WORDS}


def moods(engine: Engine) -> list[TrainingRequest]:
    liked = well_liked(engine)
    return [
        TrainingRequest(text, liked[genre], "moods")
        for genre, texts in MOOD_WORDS.items()
        for text in texts
        if len(liked[genre]) >= MIN_TAG_FILMS
    ]


def twists(engine: Engine, n: int = 300, seed: int = 0) -> list[TrainingRequest]:
    """ "something like X but funnier": films co-liked with X that are of the twist's genre."""
    rng = random.Random(seed)
    liked = well_liked(engine)
    films = [m for m in engine.movies.values() if engine.signals.neighbours.get(m.id)]
    films.sort(key=lambda m: -engine.signals.counts.get(m.id, 0))
    out: list[TrainingRequest] = []
    for movie in films[: n * 2]:
        genre = rng.choice(sorted(TWISTS))
        if genre in movie.genres:
            continue
        near = {i for i, _ in engine.signals.neighbours[movie.id]}
        answers = frozenset(near & liked.get(genre, frozenset()))
        if len(answers) >= 2:
            text = f"something like {movie.title} but {rng.choice(TWISTS[genre])}"
            out.append(TrainingRequest(text, answers, "twists"))
        if len(out) >= n:
            break
    return out


LIKE_TEMPLATES = ("something like {title}", "films like {title}", "more movies like {title}")


def likes(engine: Engine, n: int = 300, seed: int = 0) -> list[TrainingRequest]:
    """ "something like X": films co-liked with X that are of X's kind (genres mostly shared).
    Liked histories alone teach co-liking alone, and "like Toy Story" then meant Fight Club."""
    rng = random.Random(seed)
    films = [m for m in engine.movies.values() if engine.signals.neighbours.get(m.id) and m.genres]
    films.sort(key=lambda m: -engine.signals.counts.get(m.id, 0))
    out: list[TrainingRequest] = []
    for movie in films[:n]:
        kind = set(movie.genres)
        answers = frozenset(
            other
            for other, _ in engine.signals.neighbours[movie.id]
            if (g := set(engine.movies[other].genres)) and len(g & kind) / len(g | kind) >= 0.5
        )
        if len(answers) >= 2:
            out.append(
                TrainingRequest(rng.choice(LIKE_TEMPLATES).format(title=movie.title), answers, "likes")
            )
    return out


def liked_histories(engine: Engine, seeds: Iterable[int] = (0, 1, 2)) -> list[TrainingRequest]:
    from assistant.evaluation.runner import liked_request

    return [
        TrainingRequest(liked_request(engine, sample.query_ids), frozenset(sample.target_ids), "movielens")
        for seed in seeds
        for sample in _samples(engine, seed)
    ]


def _samples(engine: Engine, seed: int) -> list[Any]:
    from rerank.movielens import liked_history_samples, load_ratings, split_users

    ratings = load_ratings(engine.settings.movielens_dir, set(engine.movies))
    tune, _ = split_users(sorted(ratings["user"].unique()), seed=0, fraction=0.5)
    return liked_history_samples(ratings[ratings["user"].isin(tune)], seed=seed)


def known_items(tomt: Path, movie_ids: set[str], n: int) -> list[TrainingRequest]:
    from assistant.evaluation.knownitem import tomt_samples

    return [
        TrainingRequest(s.text, frozenset({s.target_id}), "tomt", known_item=True)
        for s in islice(tomt_samples(tomt, "dev", movie_ids), n)
    ]


def training_users(settings: Settings, movie_ids: set[str]) -> frozenset[int]:
    """The MovieLens users whose data may train (the same split as `held_out_engine`)."""
    from rerank.movielens import load_ratings, split_users

    ratings = load_ratings(settings.movielens_dir, movie_ids)
    return split_users(sorted(ratings["user"].unique()), seed=0, fraction=0.5)[0]


def to_group(
    engine: Engine, request: TrainingRequest, parsed: ParsedRequest, vector: np.ndarray | None
) -> tuple[str, Group] | None:
    retrieved = engine.retrieve(parsed, frozenset(parsed.references), intent_vector=vector)
    cands = retrieved.candidates
    labels = np.asarray([request.answers(c.movie) for c in cands], dtype=np.float32)
    if not len(cands) or not labels.any() or labels.all():
        return None
    kind = intent_kind(parsed) if not request.known_item else "known_item"
    names = KNOWN_ITEM_FEATURES if kind == "known_item" else RECOMMEND_FEATURES
    avoided = np.zeros(len(cands), dtype=bool)
    features = feature_matrix(
        retrieved.request, engine.votes.signals_of(retrieved, avoided), engine.catalogue.state.facts, names
    )
    return kind, Group(features, labels)


def train_ranker(
    settings: Settings,
    out: Path,
    tomt: Path,
    synth: int = 1500,
    tomt_posts: int = 1200,
    progress: bool = True,
) -> dict[str, Any]:
    started = time.perf_counter()
    from assistant.catalogue import load_collection
    from assistant.library import open_store

    ids = {m.id for m in load_collection(open_store(settings, create=False)[1])[0]}
    engine = held_out_engine(settings, tag_part=0)
    # The known-item posts it trains on are the ones the recall index ships and the query adapter
    # learned from: each would find itself there. The ranker's features read neither, so it
    # trains without both.
    engine.catalogue.recall = None
    engine.catalogue.adapter = None
    requests = (
        synthesized(list(engine.movies.values()), synth)
        + tagged(settings, ids, training_users(settings, ids))
        + moods(engine)
        + twists(engine)
        + likes(engine)
        + liked_histories(engine)
        + known_items(tomt, ids, tomt_posts)
    )
    groups, sources = _groups(engine, requests, progress)
    models, names, reports = {}, {}, {}
    for kind, features in (("recommend", RECOMMEND_FEATURES), ("known_item", KNOWN_ITEM_FEATURES)):
        train, valid = groups.get((kind, False), []), groups.get((kind, True), [])
        if not train or not valid:
            continue
        models[kind], reports[kind] = train_model(train, valid, features)
        names[kind] = tuple(features)
    about = {
        "trained_on": sources,
        "models": reports,
        "seconds": round(time.perf_counter() - started, 1),
        "command": "reelchat train-ranker",
    }
    ranker = LearnedRanker(models, names, about)
    ranker.save(out)
    return about


def _groups(
    engine: Engine, requests: list[TrainingRequest], progress: bool
) -> tuple[dict[tuple[str, bool], list[Group]], dict[str, int]]:
    """(kind, is validation) -> groups, and how many requests of each source gave a group."""
    groups: dict[tuple[str, bool], list[Group]] = {}
    sources: dict[str, int] = {}
    parsed = [parse_request(r.text, engine.index) for r in requests]
    parsed = [as_known_item(p) if r.known_item else p for p, r in zip(parsed, requests, strict=True)]
    texts = [engine.intent_text(p) for p in parsed]
    # One batched encode instead of one per request: several times faster on 2 cores.
    vectors = engine.catalogue.embeddings.encode([t or "." for t in texts])
    rows = zip(requests, parsed, texts, vectors, strict=True)
    for request, p, text, vector in tqdm(
        rows, total=len(requests), desc="training requests", disable=not progress
    ):
        got = to_group(engine, request, p, vector if text.strip() else None)
        if got is None:
            continue
        kind, group = got
        groups.setdefault((kind, is_validation(request.text)), []).append(group)
        sources[request.source] = sources.get(request.source, 0) + 1
    return groups, sources
