"""Features of (request, candidate film) pairs for the learned ranker.

Plain arrays in, a matrix out: no Chroma, no model, so training, evaluation and serving compute
exactly the same numbers. Each feature says one thing a film lover weighs:

- fit to the request's own words: dense similarity (raw, and as a gap to the best candidate, so
  "a near-exact fit" stands out instead of being squashed to a rank), BM25 split by field (the
  title alone cannot win: "Heist" is not the best heist film), what viewers call the film
  (MovieLens tags matching the words: "bleak", "feel-good"), avoided words;
- fit to the films the person named: similarity to each (max, mean), MovieLens co-liking, shared
  genres, keywords, director and cast, year distance, being in the same series (sequels are rarely
  what "like X" means);
- standing: shrunk rating, votes, MovieLens mean and count, popularity (absent from the known-item
  ranker, which must rank by plot fit alone);
- where each retriever put it (ranks), and what kind of request it is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ingest.movie import Movie
from rerank.prior import shrunk_rating

SOURCES = ("dense", "known", "mood", "tags", "title", "text", "cf")
MISSING_RANK = 1_000
SCORED_SOURCES = ("title", "text", "cf", "tags")  # sources whose raw scores are features too

FIT_FEATURES = (
    "dense_intent",
    "dense_query",
    "dense_gap",
    "ref_max",
    "ref_mean",
    "bm25_title",
    "bm25_text",
    "bm25_text_rel",
    "rank_dense",
    "rank_text",
    "rank_title",
    "rank_cf",
    "rank_known",
    "rank_mood",
    "rank_tags",
    "tag_match",
    "genre_affinity",
    "cf_score",
    "n_sources",
    "rrf",
    "genre_overlap_refs",
    "keyword_overlap_refs",
    "same_director_ref",
    "cast_overlap_refs",
    "year_gap_refs",
    "same_series_ref",
    "avoided",
    "request_refs",
    "request_words",
    "request_constrained",
)
STANDING_FEATURES = ("age", "rating", "log_votes", "ml_mean", "log_ml_count", "log_popularity", "has_credits")
RECOMMEND_FEATURES = FIT_FEATURES + STANDING_FEATURES
# Known-item search ("what's the film where...") ranks by how well the plot matches: no standing.
KNOWN_ITEM_FEATURES = (*FIT_FEATURES, "age", "has_credits")

# What each catalogue genre feels like, in the words requests use for moods and occasions. The
# request's similarity to each (z-scored over genres) is its lean towards that genre.
GENRE_DESCRIPTIONS = {
    "Action": "an action-packed, exciting film with fights, chases and explosions",
    "Adventure": "a fun adventure, a thrilling quest or journey to faraway places",
    "Animation": "an animated cartoon film",
    "Comedy": "a funny, light-hearted comedy that makes you laugh",
    "Crime": "a crime film about gangsters, heists, detectives and criminals",
    "Documentary": "a documentary about real people and real events",
    "Drama": "a moving, emotional drama about people's lives and relationships",
    "Family": "a heartwarming, feel-good family film for kids and parents",
    "Fantasy": "a magical fantasy with wizards, myths and enchanted worlds",
    "Foreign": "a foreign-language film from another country",
    "History": "a historical period film about real events of the past",
    "Horror": "a scary, creepy horror film full of dread and terror",
    "Music": "a film about music, musicians, bands and singing",
    "Mystery": "a puzzling mystery, a whodunit with clues and twists",
    "Romance": "a romantic love story that makes you swoon",
    "Science Fiction": "a science fiction film about space, the future, aliens and technology",
    "TV Movie": "a made-for-television movie",
    "Thriller": "a tense, suspenseful thriller that keeps you on the edge of your seat",
    "War": "a war film about soldiers, battles and the cost of war",
    "Western": "a western about cowboys and outlaws in the old American frontier",
}

_SERIES_TAIL = re.compile(r"\s+(?:\d{1,2}|i{1,3}|iv|v|vi{0,3}|part\s+\w+|chapter\s+\w+)$")
# "Ocean's Eleven" / "Ocean's Twelve", "Happy Feet Two": a spelled number ends a series' title where
# two words stay before it (not "Fantastic Four": no "Fantastic" series).
_SPELLED_NUMBERS = frozenset("two three four five six seven eight nine ten eleven twelve thirteen".split())


def series_stem(title: str) -> str:
    """What a series' titles share: "Toy Story 3" -> "toy story", "Aliens" and "Alien³" -> "alien",
    "The Matrix Reloaded" -> "matrix reloaded" (which `same_series` reads as "matrix" + more)."""
    head = unicodedata.normalize("NFKC", title.split(":", 1)[0]).lower()  # "Alien³" -> "alien3"
    head = re.sub(r"(?<=[^\W\d_])(\d{1,2})\b", r" \1", head)  # "alien3" -> "alien 3", not "se7en"
    words = re.sub(r"[^\w\s]", " ", head).split()
    stem = _SERIES_TAIL.sub("", " ".join(w for w in words if w not in ("the", "a", "an")))
    before, _, last = stem.rpartition(" ")
    if last in _SPELLED_NUMBERS and " " in before:
        stem = before
    # "Harry Potter and the Goblet of Fire", "Indiana Jones and the Last Crusade": a hero's name of
    # two or three words before "and the" is the series ("Beauty and the Beast" is no series).
    if hero := _HERO_AND_THE.match(head):
        stem = " ".join(re.sub(r"[^\w\s]", " ", hero.group(1)).split())  # no leading article (below)
    return " ".join(w.rstrip("s") if len(w) > 3 else w for w in stem.split())


_HERO_AND_THE = re.compile(
    r"^(?!(?:the|a|an)\s)((?:[^\W\d_][\w.'’]*\s+){1,2}[^\W\d_][\w'’]*)\s+(?:and|&)\s+the\s+"
)


def zscores(values: np.ndarray) -> np.ndarray:
    """(values - mean) / std; all zeros where the values are all equal (or one)."""
    std = float(values.std()) if len(values) > 1 else 0.0
    return (values - values.mean()) / std if std > 0 else values - (values.mean() if len(values) else 0.0)


def below_the_rest(scores: np.ndarray, marked: Sequence[bool]) -> np.ndarray:
    """The marked films moved below every unmarked one, each group in its own order."""
    return scores - (float(scores.max() - scores.min()) + 1.0) * np.asarray(marked, dtype=bool)


def same_series(stem: str, ref_stem: str) -> bool:
    """Whether two titles' stems name one series: equal, or one continues the other by words."""
    if not stem or not ref_stem:
        return False
    return stem == ref_stem or stem.startswith(ref_stem + " ") or ref_stem.startswith(stem + " ")


@dataclass(frozen=True)
class FilmFacts:
    """The per-film numbers the ranker reads, computed once when the catalogue loads."""

    standing: dict[str, np.ndarray]  # feature name -> value per film (in `index` order)
    index: dict[str, int]

    @classmethod
    def build(
        cls,
        movies: Sequence[Movie],
        ml_counts: Mapping[str, int] | None = None,
        ml_means: Mapping[str, float] | None = None,
        latest_year: int | None = None,
    ) -> FilmFacts:
        ml_counts, ml_means = ml_counts or {}, ml_means or {}
        latest = latest_year or max((m.year for m in movies if m.year), default=2020)
        columns: dict[str, list[float]] = {name: [] for name in STANDING_FEATURES}
        for m in movies:
            columns["age"].append((latest - m.year) / 10 if m.year else -1.0)
            columns["rating"].append(shrunk_rating(m))
            columns["log_votes"].append(math.log1p(m.vote_count or 0))
            columns["ml_mean"].append(ml_means.get(m.id, 0.0))
            columns["log_ml_count"].append(math.log1p(ml_counts.get(m.id, 0)))
            columns["log_popularity"].append(math.log1p(max(m.popularity or 0.0, 0.0)))
            columns["has_credits"].append(float(m.has_credits))
        standing = {k: np.asarray(v, dtype=np.float32) for k, v in columns.items()}
        # A film nobody has counted votes for (one a person or bot just added) is unknown, not
        # unpopular: it stands like a typical catalogue film instead of being buried.
        unknown = np.asarray([m.vote_count is None for m in movies])
        if unknown.any() and not unknown.all():
            for name in ("rating", "log_votes", "ml_mean", "log_ml_count", "log_popularity"):
                standing[name][unknown] = np.median(standing[name][~unknown])
        return cls(standing, {m.id: i for i, m in enumerate(movies)})


@dataclass
class RankingRequest:
    """What the ranker knows of one request, beyond its candidates."""

    intent_vector: np.ndarray | None
    query_vector: np.ndarray | None
    references: list[Movie] = field(default_factory=list)
    reference_vectors: np.ndarray | None = None
    words: int = 0  # words of free-text intent
    constrained: bool = False
    # How strongly the request's words lean to each genre (z-scored similarity to a description
    # of the genre): "something cosy for a rainy Sunday" leans to Family and Comedy, not Horror.
    genre_lean: dict[str, float] = field(default_factory=dict)
    mood: bool = False  # the lean comes from moods the words name ("feel-good"), not the embedding
    # How the words say the wanted films should differ in feel from those named, as a genre lean
    # ("like Inception but funnier": towards Comedy); {} when they do not say.
    shift: dict[str, float] = field(default_factory=dict)


@dataclass
class CandidateSignals:
    """Candidates of one request as parallel arrays: what the retrievers said of each."""

    movies: list[Movie]
    vectors: np.ndarray  # (n, dim), unit length
    ranks: dict[str, np.ndarray]  # source -> 1-based rank, MISSING_RANK when absent
    scores: dict[str, np.ndarray]  # SCORED_SOURCES -> raw score (0 when absent)
    rrf: np.ndarray
    avoided: np.ndarray  # bool


def feature_matrix(
    request: RankingRequest, cands: CandidateSignals, facts: FilmFacts, names: Sequence[str]
) -> np.ndarray:
    """One row per candidate, one column per name in `names` (RECOMMEND_ or KNOWN_ITEM_FEATURES)."""
    n = len(cands.movies)
    cols: dict[str, np.ndarray] = {}
    zeros = np.zeros(n, dtype=np.float32)
    cols["dense_intent"] = (
        cands.vectors @ request.intent_vector if request.intent_vector is not None else zeros
    )
    cols["dense_query"] = cands.vectors @ request.query_vector if request.query_vector is not None else zeros
    cols["dense_gap"] = cols["dense_query"] - (cols["dense_query"].max() if n else 0.0)
    if request.reference_vectors is not None and len(request.reference_vectors):
        sims = cands.vectors @ request.reference_vectors.T
        cols["ref_max"], cols["ref_mean"] = sims.max(axis=1), sims.mean(axis=1)
    else:
        cols["ref_max"] = cols["ref_mean"] = zeros
    text = cands.scores["text"]
    cols["bm25_title"] = cands.scores["title"]
    cols["bm25_text"] = text
    cols["bm25_text_rel"] = text / text.max() if n and text.max() > 0 else zeros
    for source in SOURCES:
        cols[f"rank_{source}"] = np.log1p(cands.ranks[source].astype(np.float32))
    cf = cands.scores["cf"]
    cols["cf_score"] = cf / cf.max() if n and cf.max() > 0 else zeros
    cols["tag_match"] = cands.scores.get("tags", zeros)
    found = np.stack([cands.ranks[s] < MISSING_RANK for s in SOURCES]) if n else np.zeros((1, 0))
    cols["n_sources"] = np.asarray(found.sum(axis=0), dtype=np.float32)
    cols["rrf"] = cands.rrf * 100
    cols.update(_reference_overlaps(request.references, cands.movies))
    lean = request.genre_lean
    cols["genre_affinity"] = genre_affinity(cands.movies, lean)
    cols["avoided"] = cands.avoided.astype(np.float32)
    cols["request_refs"] = np.full(n, len(request.references), dtype=np.float32)
    cols["request_words"] = np.full(n, request.words, dtype=np.float32)
    cols["request_constrained"] = np.full(n, float(request.constrained), dtype=np.float32)
    rows = np.asarray([facts.index[m.id] for m in cands.movies], dtype=np.int64)
    for name in STANDING_FEATURES:
        cols[name] = facts.standing[name][rows] if n else zeros
    return (
        np.column_stack([np.asarray(cols[name], dtype=np.float32) for name in names])
        if n
        else (np.zeros((0, len(names)), dtype=np.float32))
    )


def genre_affinity(films: Sequence[Movie], lean: Mapping[str, float]) -> np.ndarray:
    """How well each film's genres suit the request's lean: the mean lean of its genres."""
    return np.asarray(
        [np.mean([lean.get(g, 0.0) for g in m.genres]) if lean and m.genres else 0.0 for m in films],
        dtype=np.float32,
    )


def _reference_overlaps(refs: Sequence[Movie], films: Sequence[Movie]) -> dict[str, np.ndarray]:
    n = len(films)
    out = {
        name: np.zeros(n, dtype=np.float32)
        for name in (
            "genre_overlap_refs",
            "keyword_overlap_refs",
            "same_director_ref",
            "cast_overlap_refs",
            "same_series_ref",
        )
    }
    out["year_gap_refs"] = np.full(n, -1.0, dtype=np.float32)
    if not refs:
        return out
    ref_genres = [set(r.genres) for r in refs]
    ref_keywords = set().union(*(r.keywords for r in refs))
    ref_directors = set().union(*(r.directors for r in refs))
    ref_cast = set().union(*(r.cast for r in refs))
    ref_stems = {series_stem(r.title) for r in refs} - {""}
    years = [r.year for r in refs if r.year]
    mean_year = sum(years) / len(years) if years else None
    for i, m in enumerate(films):
        genres = set(m.genres)
        out["genre_overlap_refs"][i] = max(
            (len(genres & g) / len(genres | g) for g in ref_genres if genres | g), default=0.0
        )
        out["keyword_overlap_refs"][i] = min(len(ref_keywords.intersection(m.keywords)), 5)
        out["same_director_ref"][i] = float(bool(ref_directors.intersection(m.directors)))
        out["cast_overlap_refs"][i] = min(len(ref_cast.intersection(m.cast)), 3)
        stem = series_stem(m.title)
        out["same_series_ref"][i] = float(any(same_series(stem, ref) for ref in ref_stems))
        if mean_year is not None and m.year:
            out["year_gap_refs"][i] = abs(m.year - mean_year) / 10
    return out
