"""The recommendation engine: the ranking policy for one understood request.

    retrieve (dense, best-known films, viewers' tags, BM25 by field, co-liked neighbours;
              constraints hold)
      -> order: RRF + the learned ranker + standing ("blend", the default), or any one of them
         alone ("hybrid" is RRF, "learned"), or dense alone; then the rules that hold whatever
         the votes say (avoided words, the audience, a named film's own series)
      -> optionally the cross-encoder over the default's head

Stages can be stopped one by one, which is how the evaluation measures what each adds. What is
loaded once (films, vectors, indexes, signals) lives in `assistant.catalogue.Catalogue`; the votes
the default ordering weighs, and why, in `assistant.ordering`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.avoid import AVOID_PENALTY, avoid_patterns, labelled, plot_says
from assistant.catalogue import Catalogue
from assistant.errors import ReelchatError
from assistant.kinship import series_named
from assistant.lexical import lexical_query, says_nothing
from assistant.ordering import GORE_PATTERNS, SERIES_REFS, Retrieved, Votes, intent_kind
from assistant.recall import split_remembered
from assistant.retrieval import Candidate, RetrievalQuery, blend_query_vector
from assistant.settings import Settings
from assistant.understand import CatalogueIndex, ParsedRequest, RequestConstraints
from assistant.understand.moods import a_little_scared, comparative_lean, mood_lean
from assistant.understand.occasions import occasion_lean, occasion_words, unsuitable, with_audience
from assistant.understand.picture import PICTURES
from ingest.movie import Movie
from rerank.features import MISSING_RANK, SOURCES, RankingRequest, same_series, series_stem
from rerank.features import below_the_rest as _below_the_rest
from rerank.features import zscores as _z
from rerank.movielens import MovieLensSignals

if TYPE_CHECKING:
    from rerank.cross_encoder import CrossEncoderReranker
    from rerank.ltr import LearnedRanker

log = logging.getLogger(__name__)

# dense: the vector search alone; hybrid: every retriever fused by RRF; learned: the learned
# ranker over the hybrid candidates; blend: RRF + learned ranker + standing, one vote each (the
# default); rerank: the cross-encoder over the default's head.
STAGES = ("dense", "hybrid", "learned", "blend", "rerank")
CANDIDATES = 100  # films each retriever hands to the ordering stages
# A request with hard limits ("an old black-and-white film", "a 90s comedy") also draws this many of
# the best-known films the limits allow: its words alone ("a film worth discovering") found plots
# about discovery, and Citizen Kane, 12 Angry Men and Bicycle Thieves were no candidates at all.
# Judged P@5 / P@10 hits (82 + 48 + 30 requests, nothing else changed): 266 / 454, 116 / 198, 41 / 64
# -> 268 / 468, 116 / 201, 42 / 63. 30 films: 266 / 462, 116 / 203, 41 / 63; 100: 267 / 464, 115 /
# 199, 43 / 63; at 0.5 and 0.7 of an RRF vote (50 films) 269 / 461, 117 / 200, 41 / 63 and 269 /
# 466, 114 / 199, 42 / 63. ReDial's whole split (seekers' limits hold): R@1 / R@10 / R@50 0.0191 /
# 0.0951 / 0.2109 -> 0.0181 / 0.0977 / 0.2197. Only limits that narrow (`narrows`): 270 / 469, 116 /
# 201, 42 / 63, ReDial the same. "2000s indie movies" then opened with The Dark Knight, until "indie"
# was read as who made the film (`understand/studios.py`).
BEST_KNOWN_ALLOWED = 50
KNOWN_ITEM_CANDIDATES = 300
INTENT_CHARS = 1_000  # MiniLM reads 256 tokens from the start; in a long chat the end matters
# A reply of five shows at most two films of one series: "a fun pirate adventure" showed four
# Pirates of the Caribbean films, "a space opera that isn't Star Wars" four Star Trek films. The
# judged sets accept every film of such a series, so this costs them: first set P@5 0.622 -> 0.617
# (Star Trek Into Darkness and The Return of the King gave way to Gravity and Cinderella), P@10,
# second and third sets level. Kept for the person reading the reply; capping the first ten also
# cost the first set's P@10 (0.523 -> 0.520).
SERIES_CAP = 2
SERIES_SHOWN = 5


@dataclass
class Ranking:
    items: list[Candidate]  # best first; `Candidate.score` is the final order's score
    timings_ms: dict[str, float] = field(default_factory=dict)


class Engine:
    def __init__(
        self, settings: Settings, load_reranker: bool = True, signals: MovieLensSignals | None = None
    ) -> None:
        self.settings = settings
        self.catalogue = Catalogue(settings, signals)
        self.ranker = load_ranker(settings)
        self.votes = Votes(self.catalogue, self.ranker)  # what the default ordering weighs (ordering.py)
        self.reranker = load_reranker_for(settings) if load_reranker else None
        # "black and white" / "silent" -> (catalogue state, which of its films may be so): `_maybe`
        self._maybe_so: dict[str, tuple[object, np.ndarray]] = {}

    # The catalogue's parts, as the rest of reelchat reads them.
    @property
    def movies(self) -> dict[str, Movie]:
        return self.catalogue.movies

    @property
    def index(self) -> CatalogueIndex:
        return self.catalogue.index

    @property
    def signals(self) -> MovieLensSignals:
        return self.catalogue.signals

    def add(self, movie: Movie) -> None:
        self.catalogue.add(movie)

    def search_titles(self, query: str, limit: int = 10) -> list[Movie]:
        return self.catalogue.search_titles(query, limit)

    @property
    def default_stage(self) -> str:
        return "rerank" if self.reranker is not None else "blend"

    def rank(
        self,
        parsed: ParsedRequest,
        exclude: frozenset[str] = frozenset(),
        k: int = 5,
        stage: str | None = None,
        n: int | None = None,
    ) -> Ranking:
        """Rank films for an understood request; `stage` stops the pipeline early (for eval)."""
        stage = stage or self.default_stage
        if stage not in STAGES:
            raise ValueError(f"stage must be one of {STAGES}, not {stage!r}")
        timings: dict[str, float] = {}
        retrieved = self.retrieve(parsed, exclude, n, dense_only=stage == "dense", timings=timings)
        started = time.perf_counter()
        items = self.order(parsed, retrieved, stage)
        timings["rank"] = _ms(started)
        return Ranking(items[: max(k, 1)] if k else items, timings)

    def retrieve(
        self,
        parsed: ParsedRequest,
        exclude: frozenset[str] = frozenset(),
        n: int | None = None,
        dense_only: bool = False,
        timings: dict[str, float] | None = None,
        intent_vector: np.ndarray | None = None,
    ) -> Retrieved:
        """Candidates from every retriever (or dense alone), all meeting the constraints.
        `intent_vector`: the request's words already embedded (batch jobs embed many at once)."""
        timings = {} if timings is None else timings
        # A film described from memory is often far down any one list: look deeper for it.
        n = n or (KNOWN_ITEM_CANDIDATES if intent_kind(parsed) == "known_item" else CANDIDATES)
        started = time.perf_counter()
        intent = self.intent_text(parsed)
        tag_index = self.catalogue.retriever.tag_index
        # The tag search embeds the request's words one by one: in the same batch as the intent,
        # one model call per request instead of two.
        words = tag_index.unseen_words(lexical_query(intent)) if tag_index is not None else []
        texts = ([intent] if intent_vector is None and intent.strip() else []) + words
        if texts:
            encoded = self.catalogue.embeddings.encode(texts)
            if words:
                tag_index.remember(words, encoded[-len(words) :])
            if len(texts) > len(words):
                intent_vector = encoded[0]
        refs = [r for r in parsed.references if r in self.movies]
        ref_vectors = self.catalogue.vectors(refs) if refs else None
        vector = blend_query_vector(intent_vector, ref_vectors)
        known_item = intent_kind(parsed) == "known_item"
        adapter = self.catalogue.adapter if known_item else None
        # a known-item search reads the request as a memory of a plot (assistant.recall)
        adapted = adapter(vector) if adapter is not None and vector is not None else None
        plot_vector = vector if adapted is None else adapted
        timings["embed"] = _ms(started)

        # A mood the vocabulary knows ("feel-good", "a good cry") or a viewing situation ("with the
        # kids") says more than the embedding's lean.
        # ... also where said as the person's situation ("stressed out of my mind. want something")
        felt = " ".join(t for t in (getattr(parsed, "context", ""), intent) if t)
        moods = with_audience(mood_lean(felt), getattr(parsed, "occasions", ()))
        shift = comparative_lean(parsed.text)  # "like Inception but funnier"
        situation = occasion_lean(getattr(parsed, "occasions", ()), stated_kind(parsed))
        for genre, weight in [*shift.items(), *situation.items()]:
            moods[genre] = moods.get(genre, 0.0) + weight
        lean = moods or self.catalogue.genre_lean(intent_vector)
        started = time.perf_counter()
        hard, remembered = split_remembered(parsed)
        query = RetrievalQuery(
            vector=None if plot_vector is None else plot_vector.tolist(),
            lexical=lexical_query(intent),
            references=parsed.references,
            constraints=hard,
            # Every film the message names is known to the person (liked, disliked or asked
            # about): none comes back as a pick.
            exclude=exclude | frozenset(parsed.named),
            genre_lean=lean,
        )
        sources = ("dense",) if dense_only else SOURCES
        recalled = (
            self.catalogue.recall.scores(intent_vector)
            if known_item and self.catalogue.recall and intent_vector is not None
            else []
        )
        extra: dict[str, list[tuple[str, float]]] = (
            {"recalled": recalled} if recalled and not dense_only else {}
        )
        # "A black and white film", "a silent film": the words leave the intent, and what was left
        # found The Avengers. The best-known films that may be so are drawn.
        pictures = [kind for kind in PICTURES if getattr(parsed, kind, None) is True]
        if (narrows(query.constraints) or pictures) and not (known_item or dense_only):
            among = np.logical_and.reduce([self._maybe(kind) for kind in pictures]) if pictures else None
            allowed = self.best_known_allowed(query, BEST_KNOWN_ALLOWED, among)
            extra["allowed"] = [(film, 0.0) for film in allowed]
        if studios := self._studio_films(parsed):
            extra["studio"] = [(film, 0.0) for film in studios[:n]]
        found = self.catalogue.retriever.retrieve(query, n=n, sources=sources, extra=extra or None)
        if not found:
            found = self._best_known_allowed(query, n)  # e.g. "90s horror": constraints, no words
        timings["retrieve"] = _ms(started)
        request = RankingRequest(
            intent_vector=intent_vector,
            query_vector=vector,
            references=[self.movies[r] for r in refs],
            reference_vectors=ref_vectors,
            words=len(intent.split()),
            constrained=not parsed.constraints.is_empty(),
            genre_lean=lean,
            mood=bool(moods),
            shift=shift,
        )
        return Retrieved(found, request, avoid_patterns(parsed.avoid), remembered, adapted, intent)

    @staticmethod
    def intent_text(parsed: ParsedRequest) -> str:
        """What is embedded: MiniLM reads 256 tokens from the start; in a long chat the end matters.
        Empty when only glue is left ("something like Inception but less confusing" leaves "something
        but"): embedding glue would pull the search away from the film named."""
        said = parsed.intent
        if says_nothing(said):
            said = ""
        # "with teenagers" is not about teenagers, but suggests a teen comedy (understand.occasions)
        suggested = occasion_words(getattr(parsed, "occasions", ()), stated_kind(parsed))
        return ", ".join(t for t in (said[-INTENT_CHARS:], suggested) if t)

    def _studio_films(self, parsed: ParsedRequest) -> list[str]:
        """The recorded films of the studios the message asks for, best known first."""
        asked = getattr(parsed, "studios", ())
        if not asked:
            return []
        made = set().union(*(self.catalogue.index.studios.films_of(name) for name in asked))
        return sorted(made, key=lambda film: -(self.movies[film].vote_count or 0))

    def order(self, parsed: ParsedRequest, retrieved: Retrieved, stage: str) -> list[Candidate]:
        """The candidates in the stage's order, each with its `score`."""
        cands = retrieved.candidates
        if not cands:
            return []
        tags = self.catalogue.signals.tags  # viewers say "boxing" of a boxing film its plot doesn't
        labels = avoided = np.zeros(len(cands), dtype=bool)
        if retrieved.avoid:
            labels = np.asarray([labelled(c.movie, retrieved.avoid, tags.get(c.movie.id, ())) for c in cands])
            avoided = labels | np.asarray([plot_says(c.movie, retrieved.avoid) for c in cands])
        if stage == "dense":
            scores = _z(np.asarray([-c.ranks.get("dense", MISSING_RANK) for c in cands], dtype=np.float32))
        elif stage == "hybrid" or (stage == "learned" and self.ranker is None):
            scores = self.votes.fused(cands)
        elif stage == "learned":
            scores = self.votes.learned(parsed, retrieved, avoided)
        else:
            scores = self.votes.blended(parsed, retrieved, avoided)
        scores = scores - AVOID_PENALTY * avoided
        if retrieved.avoid and stage != "dense":  # "isn't about boxing": no Rocky, whatever its votes
            scores = _below_the_rest(scores, list(labels))
        occasions = getattr(parsed, "occasions", ())
        if (
            occasions
        ):  # "a horror film my 10 year old can watch": no Paranormal Activity; "for adults": no Pixar
            asked = parsed.constraints.include_genres
            scores = _below_the_rest(scores, [unsuitable(occasions, c.movie.genres, asked) for c in cands])
        gentle = a_little_scared(parsed.text) or "children" in occasions
        if gentle and stage != "dense":  # "scary but not too scary": no Zombieland
            gory = self.votes.labelled([c.movie for c in cands], GORE_PATTERNS)
            scores = _below_the_rest(scores, [bool(g) for g in gory])
        if (studios := set(self._studio_films(parsed))) and stage != "dense":  # "a Pixar movie"
            scores = _below_the_rest(scores, [c.movie.id not in studios for c in cands])
        for kind, (so, not_so) in PICTURES.items():
            if (wanted := getattr(parsed, kind, None)) is not None and stage != "dense":
                other = not_so if wanted else so  # "in colour": no Psycho; "a silent film": no Psycho
                scores = _below_the_rest(scores, [other(c.movie, tags.get(c.movie.id, ())) for c in cands])
        if getattr(parsed, "lesser_known", False) and stage != "dense":  # "underrated sci-fi": not Star Wars
            scores = _below_the_rest(scores, self.votes.not_a_gem(cands, parsed.constraints.include_genres))
        stems = series_named(retrieved.request.references)
        if 0 < len(stems) <= SERIES_REFS and stage != "dense":
            # "Like Alien" asks for other films of its kind, not Aliens: a named film's own series
            # goes below the rest (it stays findable by asking for the series itself). Not in a
            # list of loved films ("I loved A, B, C and D"): there the next of a series is a fine
            # pick (MovieLens held-out users, HR@10: 0.752 with the rule at any length, 0.770 up
            # to two series).
            sequel = [any(same_series(series_stem(c.movie.title), s) for s in stems) for c in cands]
            scores = _below_the_rest(scores, sequel)
        order = np.argsort(-scores, kind="stable")
        if stage != "dense" and intent_kind(parsed) != "known_item" and len(stems) <= SERIES_REFS:
            # a taste list ("I loved A, B, C and D") may take the next of a series: not capped
            order = spread_series(order, [series_stem(c.movie.title) for c in cands])
        ranked = [cands[i] for i in order]
        floor = float("inf")  # a film moved down takes the score of the one before it
        for i, cand in zip(order, ranked, strict=True):
            floor = min(floor, float(scores[i]))
            cand.score = floor
        if stage == "rerank" and self.reranker is not None:
            ranked = self.rerank(parsed, ranked)
        return ranked

    def rerank(self, parsed: ParsedRequest, ranked: list[Candidate]) -> list[Candidate]:
        """The cross-encoder over the learned head: z(cross-encoder) + z(learned), the tail kept."""
        from rerank.texts import query_text

        if self.reranker is None:
            raise ReelchatError("no reranker loaded: run `reelchat train-reranker`")
        head, tail = ranked[: self.settings.rerank_top], ranked[self.settings.rerank_top :]
        refs = [self.movies[r] for r in parsed.references if r in self.movies]
        ce = np.asarray(self.reranker.score(query_text(parsed.intent, refs), [c.movie for c in head]))
        blended = _z(ce) + _z(np.asarray([c.score for c in head], dtype=np.float32))
        for cand, score in zip(head, blended, strict=True):
            cand.score = float(score)
        head.sort(key=lambda c: c.score, reverse=True)
        floor = min((c.score for c in head), default=0.0)
        for offset, cand in enumerate(tail, start=1):
            cand.score = floor - offset
        return head + tail

    def best_known_allowed(self, query: RetrievalQuery, n: int, among: np.ndarray | None = None) -> list[str]:
        """The `n` best-known films (log votes + shrunk rating) the query's constraints allow, best
        first; none it excludes or names; only those of `among` (a mask over the catalogue's films)
        where given. One pass over the constraint columns, no loop over films."""
        state = self.catalogue.state
        allowed = state.columns.allowed(query.constraints)
        if among is not None:
            allowed &= among
        allowed[[state.row[f] for f in (*query.exclude, *query.references) if f in state.row]] = False
        rows = np.flatnonzero(allowed)
        if not len(rows):
            return []
        # the facts and the columns are built from the same film list: the same rows
        votes = (state.facts.standing["log_votes"] + state.facts.standing["rating"])[rows]
        if len(rows) > n:  # the best n first, then only those sorted (100,000 films: no full sort)
            head = np.sort(np.argpartition(-votes, n - 1)[:n])
            rows, votes = rows[head], votes[head]
        top = rows[np.argsort(-votes, kind="stable")]
        return [state.columns.movies[i].id for i in top]

    def _maybe(self, kind: str) -> np.ndarray:
        """Per film (the columns' order): whether it may be black and white (not surely in colour) or
        silent (not surely with sound), `kind` naming which (`understand/picture.py`). Worked out once
        per catalogue state: a film added makes a new state."""
        state = self.catalogue.state
        if kind not in self._maybe_so or self._maybe_so[kind][0] is not state:
            tags, not_so = self.catalogue.signals.tags, PICTURES[kind][1]
            maybe = [not not_so(m, tags.get(m.id, ())) for m in state.columns.movies]
            self._maybe_so[kind] = (state, np.asarray(maybe, dtype=bool))
        return self._maybe_so[kind][1]

    def _best_known_allowed(self, query: RetrievalQuery, n: int) -> list[Candidate]:
        """When no retriever has anything (only constraints were given): the best-known allowed films."""
        films = enumerate(self.best_known_allowed(query, n), 1)
        return [Candidate(self.movies[f], fused=1.0 / (60 + i), ranks={"dense": i}) for i, f in films]


def spread_series(order: np.ndarray, stems: Sequence[str], shown: int = SERIES_SHOWN) -> np.ndarray:
    """`order` with at most SERIES_CAP films of one series (by title stem) among its first `shown`;
    the others of that series follow right after them, in their order."""
    head: list[int] = []
    waiting: list[int] = []
    series: list[list[str]] = []  # the stems met in the head, each with its films' stems
    for i in map(int, order):
        if len(head) == shown:
            break
        group = next((g for g in series if same_series(stems[i], g[0])), None)
        if group is None:
            series.append([stems[i]])
        elif len(group) >= SERIES_CAP:
            waiting.append(i)
            continue
        else:
            group.append(stems[i])
        head.append(i)
    placed = set(head) | set(waiting)
    return np.asarray(head + waiting + [i for i in map(int, order) if i not in placed], dtype=order.dtype)


def narrows(c: RequestConstraints) -> bool:
    """Whether the limits say which films are wanted (years, genres, length, rating, people,
    languages), not only which are not: "like Harry Potter but darker (and not Harry Potter
    itself)" rules out a series, and the best-known films left are Doctor Strange and Avengers."""
    bounds = (c.year_min, c.year_max, c.runtime_min, c.runtime_max, c.rating_min)
    wanted = c.include_genres or c.directors or c.cast or c.languages
    return any(b is not None for b in bounds) or bool(wanted)


def stated_kind(parsed: ParsedRequest) -> bool:
    """Whether the message says what kind of film it wants (a mood or a genre) in its own words."""
    return bool(parsed.constraints.include_genres or mood_lean(parsed.intent))


def load_ranker(settings: Settings) -> LearnedRanker | None:
    """The learned ranker (shipped in data/), or None for the RRF ordering."""
    if settings.ranker.lower() == "none":
        return None
    from rerank.ltr import LearnedRanker

    path = (
        settings.data_dir / "ranker.json" if settings.ranker.lower() == "learned" else Path(settings.ranker)
    )
    if not path.exists():
        log.warning("no ranker model at %s: ordering by RRF; build it with `reelchat train-ranker`", path)
        return None
    return LearnedRanker.load(path)


def load_reranker_for(settings: Settings) -> CrossEncoderReranker | None:
    """The configured cross-encoder, or None (with a log line) when reranking is off or missing."""
    if settings.reranker.lower() == "none":
        return None
    from rerank.cross_encoder import CrossEncoderReranker

    trained = settings.reranker.lower() == "trained"
    source = str(settings.reranker_dir) if trained else settings.reranker
    if trained and not settings.reranker_dir.exists():
        log.warning("no trained reranker at %s: run `reelchat train-reranker`; ranking without it", source)
        return None
    try:
        return CrossEncoderReranker.load(source)
    except Exception as e:  # a broken or unreachable model must not take recommendations down
        raise ReelchatError(
            f"Cannot load the reranker {source!r}: {e}. Run `reelchat train-reranker`."
        ) from e


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
