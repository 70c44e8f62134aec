"""The ordering's votes: what the engine weighs to order one request's candidates.

Each vote is a z-score per candidate: the retrievers fused by rank (RRF), the learned ranker,
standing (votes and rating), and where they apply a mood's genre fit, the named films' kind
(`assistant/kinship.py`), the request's topics (`assistant/topics.py`) and, for a known-item search,
the plot fit. `Votes.blended` is the default ordering ("blend"); `assistant/engine.py` retrieves,
calls it, and applies the rules that hold whatever the votes say (avoided words, audiences, series).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from assistant.avoid import avoid_patterns, labelled
from assistant.catalogue import Catalogue
from assistant.kinship import kinship, series_named, shifted_kinship
from assistant.leads import led_by_a_woman
from assistant.lexical import says_nothing
from assistant.recall import known_item_adjustment
from assistant.retrieval import Candidate
from assistant.topics import topic_words
from assistant.understand import ParsedRequest, RequestConstraints
from assistant.understand.moods import without_moods
from assistant.understand.vocabulary import GENRE_WORD
from ingest.movie import Movie
from rerank.features import (
    MISSING_RANK,
    SCORED_SOURCES,
    SOURCES,
    CandidateSignals,
    RankingRequest,
    feature_matrix,
    genre_affinity,
)
from rerank.features import zscores as _z

if TYPE_CHECKING:
    from rerank.ltr import LearnedRanker

# The learned vote in a request that names no film counts at most this many z either way: on some
# requests it scored a film that only shares a word with them (BM25 on its plot) 6-8 z above the
# others ("heart pounding" -> Burning Bright), which outvoted the other votes together. First
# judged set P@5 0.507 -> 0.534 (moods 0.20 -> 0.27, themes 0.63 -> 0.67; a cap of 1.5 to 3 gave
# 0.53-0.54 when it held for every request); the second set, measured after: 0.358 -> 0.362,
# P@10 0.294 -> 0.319. Where films are named, the learned vote's high marks are what keep their
# kind (its features: genres, keywords and co-liking shared with them): capped there too, "like
# Toy Story" opened with Pulp Fiction and The Shawshank Redemption, and MovieLens HR@10 fell.
LEARNED_CLIP = 2.0
SERIES_REFS = 2  # "like A and B" asks for others of their kind; a longer list is a taste
KIN_WEIGHT = 1.0
TOPIC_WEIGHT = 0.35  # judged sets: 0.5 and 0.75 gave less; assistant/topics.py
# Most candidates match none of a request's words, so a film that alone carries a matching
# descriptor scores ~sqrt(candidates) z: "an uplifting film to cheer me up" opened with Dallas
# Buyers Club (the only film tagged "uplifting": 20 z, +7 after the weight, more than every other
# vote together). Capped at 5 z, judged P@5 0.610 / 0.450 / 0.247 -> 0.612 / 0.454 / 0.267 (caps
# of 2, 3, 4, 6 and 8 gave 0.600 / 0.429 / 0.253, 0.600 / 0.433 / 0.260, 0.615 / 0.438 / 0.267,
# 0.612 / 0.454 / 0.253 and 0.610 / 0.454 / 0.253): a match still counts, one film no longer rules.
TOPIC_CLIP = 5.0
# Where films are named, the topic vote counts only if the message also says in this many content
# words what it wants ("Jaws is perfect. more films where a killer animal terrorises a town"); "like Inception
# but less confusing" is left to the named films' kind (at any length: like-X 0.56 -> 0.51 on the
# first judged set). At 3: judged P@5 0.612 / 0.454 / 0.273 -> 0.615 / 0.458 / 0.280; ReDial's
# first 500 dialogues (whole dialogues, many words) R@10 0.0822 -> 0.0843. 2 gave 0.605 on the
# first set, 5 the same as 3 there; the named-film weight at 0.2 or 0.5 no better.
TOPIC_WORDS_WITH_FILMS = 3
GEM_VOTES = (25, 95)  # "hidden gems": between these percentiles of the catalogue's vote counts
GENRE_GEM_TOP = 80  # ... and below this one among the films of the genres asked for
GENRE_GEM_MINIMUM = 50  # films of those genres needed to say which of them are well known
# A mood's lean of -2 or less on a genre says "clearly not this" (assistant/understand/moods.py): a
# horror film is no feel-good film, whatever its other votes. "A feel-good film for tonight", asked
# again for newer films, showed Cult of Chucky third (its plot matched the words, and the mood vote
# is one of four). Judged sets level (P@5 and P@10 identical at 1 and 2): a guard, not a gain.
CLEARLY_NOT_PENALTY = 1.0
CLEARLY_NOT = -2.0
# A light mood (one that clearly rules out horror and leans to comedy or family: "feel-good",
# "relaxing", "romantic") also rules out the films labelled grim, whatever their genres: Fight Club
# is a Drama, and "something relaxing" showed it second. Judged sets level (nine of 160 lists
# changed, no hit lost or won: Léon left "gripping but not too heavy", Mad Max: Fury Road "a film
# where people are just decent and kind", Whiplash "something inspiring"); 2.0 the same.
GRIM_PENALTY = 1.0
GRIM_PATTERNS = avoid_patterns(["violent", "gory", "brutal", "disturbing", "depressing", "bleak", "dark"])
# Scared only a little ("something scary but not too scary", "I'm a wimp") or with children watching:
# the films labelled gory go below the rest (`Engine.order`). "Something scary but not too scary for a
# 13 year old" leaned to horror comedies, rightly, and showed Zombieland and Evil Dead II (both
# labelled "blood splatter") in its first six; a penalty of 1 z left Scream second for "a mildly
# scary movie".
GORE_PATTERNS = avoid_patterns(["gory", "splatter", "torture", "brutal", "graphic violence"])
# A message that says nothing but a mood ("something light") counts the mood's genre lean twice:
# its words alone found Star Wars: The Last Jedi and The Lighthouse. First judged set P@5 0.617 ->
# 0.620 and P@10 0.523 -> 0.526 ("light and silly, I just want to laugh" lost The Avengers; "a good
# cry, a really moving drama" now opens with Fight Club, a Drama); second and third sets level; 3
# the same as 2.
MOOD_ONLY_WEIGHT = 2.0
# A message that says no more than a kind of film and its limits ("a 2010s horror movie", "give me a
# good 90s thriller") counts standing twice: its words ("a horror movie") found plots that say
# "horror movie", and The Curse of La Llorona and Curse of Chucky came before Get Out and A Quiet
# Place. Judged P@5 / P@10 hits 253 / 433 -> 258 / 439 (first set), 112 / 187 -> 112 / 191
# (second), third level; three times: 257 / 442, 113 / 192 (no better at five). Not for a message
# that asks nothing at all ("what should I watch tonight?"): there the other votes found more of
# what MovieLens viewers went on to like (`reelchat eval profiles` without a profile: HR@10 0.153,
# 0.065 with standing twice).
KIND_ONLY_STANDING = 1.0
# "The must-see films of the 60s", "essential noir" ask for the canon (`vocabulary.CANON`): the same
# second standing vote, whatever else the message says. Judged P@5 / P@10 hits 267 / 451 -> 267 / 452
# (first set), 113 / 193 -> 116 / 198 (second), 40 / 65 -> 41 / 65 (third): three requests changed,
# none lost ("must-see movies from the 60s": 2 -> 5 of 5).
# "A western with a strong female lead": the films a woman carries (`assistant/leads.py`) go first;
# before, the phrase was three topic words and "female" matched "female nudity".
LEAD_PENALTY = 3.0
SHIFT_WEIGHT = 2.0  # the feel asked for is the request's own word on what to change: two votes
# "I loved A, B and C" and nothing more is a taste, and the learned ranker is trained on just that:
# MovieLens liked histories of the training users (`assistant/ranker_training.py`). Such a list counts
# the learned vote twice (as a mood alone counts its lean twice). Chosen at 2 before measuring the
# held-out users; on the training half (`eval_movielens(part="tune")`, whose users the ranker saw, so
# flattering it) HR@10 went 0.789 -> 0.825 at 2, 0.839 at 3; on the held-out users, at 2, HR@10 0.767
# -> 0.781 and R@10 0.115 -> 0.130. A list with words ("..., but darker") and a dialogue (ReDial, the
# first 500 dialogues unchanged) keep one vote: there the learned ranker alone loses to RRF.
TASTE_LIST = 3
TASTE_LEARNED_WEIGHT = 2.0


@dataclass
class Retrieved:
    candidates: list[Candidate]
    request: RankingRequest
    avoid: tuple[str, ...]
    remembered: RequestConstraints | None = None  # a known-item search's facts, weighed not enforced
    plot_vector: np.ndarray | None = None  # a known-item search's request, moved by the query adapter
    intent: str = ""  # the request's words as searched (`Engine.intent_text`)


def intent_kind(parsed: ParsedRequest) -> str:
    """Which ranker model fits the request: "known_item" ranks by plot fit alone."""
    return "known_item" if getattr(parsed, "intent_kind", "recommend") == "known_item" else "recommend"


def light_mood(lean: Mapping[str, float]) -> bool:
    """Whether a mood's lean clearly rules out horror and leans to comedy or family films."""
    light = lean.get("Comedy", 0.0) > 0 or lean.get("Family", 0.0) > 0
    return light and lean.get("Horror", 0.0) <= CLEARLY_NOT


def clearly_not_the_mood(films: Sequence[Movie], lean: Mapping[str, float]) -> np.ndarray:
    """1.0 for each film of a genre the mood clearly rules out (lean <= CLEARLY_NOT), else 0.0."""
    ruled_out = {genre for genre, weight in lean.items() if weight <= CLEARLY_NOT}
    return np.asarray([float(bool(ruled_out.intersection(m.genres))) for m in films], dtype=np.float32)


class Votes:
    """The votes over one request's candidates, from the loaded catalogue and the learned ranker."""

    def __init__(self, catalogue: Catalogue, ranker: LearnedRanker | None) -> None:
        self.catalogue = catalogue
        self.ranker = ranker
        # (genres, catalogue size) -> log votes above which those genres' films are well known
        self._well_known: dict[tuple[tuple[str, ...], int], float | None] = {}

    @staticmethod
    def fused(cands: Sequence[Candidate]) -> np.ndarray:
        return _z(np.asarray([c.fused for c in cands], dtype=np.float32))

    def learned(self, parsed: ParsedRequest, retrieved: Retrieved, avoided: np.ndarray) -> np.ndarray:
        assert self.ranker is not None
        kind = intent_kind(parsed)
        signals = self.signals_of(retrieved, avoided)
        features = feature_matrix(
            retrieved.request, signals, self.catalogue.state.facts, self.ranker.names(kind)
        )
        return _z(self.ranker.score(kind, features))

    def blended(self, parsed: ParsedRequest, retrieved: Retrieved, avoided: np.ndarray) -> np.ndarray:
        """Three orderings, one vote each (z-scores summed): the retrievers fused by rank (RRF),
        the learned ranker, and standing (votes and rating: the films people know and like).

        Measured (docs/EVAL.md): each alone is lopsided. The learned ranker, trained on proxies
        (synthesized requests, MovieLens histories), wins on "I loved A, B and C" but loses to RRF
        on free-text requests and on ReDial dialogues; RRF alone turns up obscure films; standing
        alone ignores the request. Summed with unit weights (not fitted to any test set), each
        covers the others' blind spots. A mood the vocabulary knows ("feel-good", "a good cry")
        adds a fourth vote: how well the film's genres suit it (judged set: level at 0.480;
        "a feel-good film for tonight" lost Cloverfield, Rush Hour 2 and End of Watch).
        Where one or two films (or series) are named, a kinship vote (their genres, their plots)
        keeps "like The Shining" to its kind: judged like-X P@5 0.24 -> 0.35 (first set), 0.13 ->
        0.17 (second); MovieLens histories (three loved films) untouched. "Like Inception but
        funnier" votes instead, twice, for the named films' kind shifted as asked.

        A known-item search has no standing vote: the film someone half-remembers is as often
        obscure as famous. (Its model alone found a few more held-out r/tipofmytongue films, HR@10
        0.158 vs 0.143, but ReDial dialogues that read as known-item searches lost more: R@10 0.082
        vs 0.089; and the held-out posts are for measuring, not for choosing.) Its plot vote is how
        close each plot is to the request as the query adapter reads memories (`plot_fit`) where
        one is shipped, else the fused ranks. On 900 dev posts (adapter learned without the post's
        film, recall without the post) HR@10 went 0.343 (fused ranks) -> 0.362 and HR@1 0.146 ->
        0.157."""
        if intent_kind(parsed) == "known_item":
            fit = self.plot_fit(retrieved)
            votes = [fit if fit is not None else self.fused(retrieved.candidates)]
            if self.ranker is not None:
                votes.append(self.learned(parsed, retrieved, avoided))
            # A film only the recall found has no plot votes: it starts level with the last of
            # the films the plot search found, not below them.
            base = _z(np.sum(votes, axis=0))
            plot_found = np.asarray([any(s in c.ranks for s in SOURCES) for c in retrieved.candidates])
            if plot_found.any():
                base[~plot_found] = base[plot_found].min()
            return base + known_item_adjustment(retrieved.candidates, retrieved.remembered)
        lesser_known = getattr(parsed, "lesser_known", False)
        votes = [self.fused(retrieved.candidates), self.standing(retrieved.candidates, lesser_known)]
        request = retrieved.request
        kind_only = (  # "a 2010s horror movie": no words to go by
            request.constrained
            and not (request.references or request.mood)
            and says_nothing(GENRE_WORD.sub(" ", retrieved.intent))
        )
        if kind_only or getattr(parsed, "canon", False):  # ... or "the must-see films of the 60s"
            votes.append(KIND_ONLY_STANDING * votes[1])
        if self.ranker is not None:
            learned = self.learned(parsed, retrieved, avoided)
            if not request.references:
                learned = np.clip(learned, -LEARNED_CLIP, LEARNED_CLIP)
            elif len(request.references) >= TASTE_LIST and says_nothing(retrieved.intent):
                learned = TASTE_LEARNED_WEIGHT * learned  # a list of loved films: a taste
            votes.append(learned)
        films = [c.movie for c in retrieved.candidates]
        if request.mood and not request.references:
            # "a feel-good film": comedies and family films, not Cloverfield. Not when films are
            # named: their kind says more, and a long dialogue names many moods in passing.
            weight = MOOD_ONLY_WEIGHT if says_nothing(without_moods(retrieved.intent)) else 1.0
            votes.append(weight * _z(genre_affinity(films, request.genre_lean)))
        elif request.references and request.shift:
            # "like Inception but funnier": of the named films' kind and of the feel asked for.
            votes.append(SHIFT_WEIGHT * _z(shifted_kinship(films, request.references, request.shift)))
        elif (
            0 < len(series_named(request.references)) <= SERIES_REFS and request.reference_vectors is not None
        ):
            # "Something like The Shining" asks for its kind: without this vote the films people who
            # liked it also liked (Aliens, Memento, The Departed) outvoted horror. Not for a list of
            # loved films, where co-liking is the taste (MovieLens histories).
            vectors = self.catalogue.vectors([m.id for m in films])
            kin = kinship(films, vectors, request.references, request.reference_vectors)
            votes.append(KIN_WEIGHT * _z(kin))
        blend = _z(np.sum(votes, axis=0))  # in z units again, as the penalties below assume
        if request.mood and not request.references:
            blend = blend - CLEARLY_NOT_PENALTY * clearly_not_the_mood(films, request.genre_lean)
            if light_mood(request.genre_lean):
                blend = blend - GRIM_PENALTY * self.labelled(films, GRIM_PATTERNS)
        if getattr(parsed, "female_lead", False):
            tags = self.catalogue.signals.tags
            led = np.asarray([led_by_a_woman(m, tags.get(m.id, ())) for m in films], dtype=np.float32)
            blend = blend - LEAD_PENALTY * (1.0 - led)
        words = topic_words(retrieved.intent, self.catalogue.topics.pairs)
        says_what = not request.references or len(words) >= TOPIC_WORDS_WITH_FILMS
        if says_what and (topic := self.topic_fit(words, films)) is not None:
            # "a courtroom thriller": in a courtroom. Capped: see TOPIC_CLIP.
            blend = _z(blend + TOPIC_WEIGHT * np.minimum(_z(topic), TOPIC_CLIP))
        return blend

    def labelled(self, films: Sequence[Movie], patterns: Sequence[str]) -> np.ndarray:
        """1.0 for each film whose keywords or viewers' tags say one of `patterns`, else 0.0."""
        tags = self.catalogue.signals.tags
        return np.asarray([labelled(m, patterns, tags.get(m.id, ())) for m in films], dtype=np.float32)

    def topic_fit(self, words: list[str], films: Sequence[Movie]) -> np.ndarray | None:
        """How well each film's keywords and tags cover the request's content words (`topic_words`)."""
        tags = self.catalogue.retriever.tag_index
        if not words:
            return None
        vectors = tags.word_vectors(words) if tags is not None else self.catalogue.embeddings.encode(words)
        return self.catalogue.topics.coverage(np.asarray(vectors), [m.id for m in films], words)

    def plot_fit(self, retrieved: Retrieved) -> np.ndarray | None:
        """z(cosine of each candidate's plot to the adapted request), or None without an adapter."""
        if retrieved.plot_vector is None or not retrieved.candidates:
            return None
        vectors = self.catalogue.vectors([c.movie.id for c in retrieved.candidates])
        norms = np.maximum(np.linalg.norm(vectors, axis=1), 1e-12)
        return _z((vectors @ retrieved.plot_vector) / norms)

    def standing(self, cands: Sequence[Candidate], lesser_known: bool = False) -> np.ndarray:
        """How widely seen and how well liked: z(log votes + shrunk rating). For "underrated" or
        "hidden gems", how widely seen counts against a film: z(rating) - z(log votes)."""
        facts = self.catalogue.state.facts
        rows = [facts.index[c.movie.id] for c in cands]
        votes, rating = facts.standing["log_votes"][rows], facts.standing["rating"][rows]
        return _z(_z(rating) - 0.5 * _z(votes)) if lesser_known else _z(votes + rating)

    def not_a_gem(self, cands: Sequence[Candidate], genres: Sequence[str] = ()) -> list[bool]:
        """For "hidden gems": the films everyone has seen (the catalogue's top 5% by votes) and those
        too few have rated to say they are liked (its bottom quarter), which go below the rest. With
        genres asked for, also the best-known fifth of those genres' films: "hidden gem westerns"
        showed Once Upon a Time in the West, The Good, the Bad and the Ugly and Unforgiven, none in
        the catalogue's top 5%, all among the westerns everyone knows."""
        facts = self.catalogue.state.facts
        votes, rating = facts.standing["log_votes"], facts.standing["rating"]
        few, famous = np.percentile(votes, [GEM_VOTES[0], GEM_VOTES[1]])
        if (known := self._well_known_in(tuple(sorted(genres)))) is not None:
            famous = min(famous, known)
        liked = float(np.median(rating))  # a gem is liked: no worse rated than the catalogue's middle
        at = [facts.index[c.movie.id] for c in cands]
        return [not (few <= votes[i] < famous and rating[i] >= liked) for i in at]

    def _well_known_in(self, genres: tuple[str, ...]) -> float | None:
        """The GENRE_GEM_TOP percentile of log votes among the films of any of `genres` (None when
        too few): one pass over the catalogue per genre set, not per request."""
        key = (genres, len(self.catalogue.movies))
        if key not in self._well_known:
            facts, wanted = self.catalogue.state.facts, set(genres)
            rows = [facts.index[m.id] for m in self.catalogue.movies.values() if wanted & set(m.genres)]
            votes = facts.standing["log_votes"]
            enough = len(rows) >= GENRE_GEM_MINIMUM
            self._well_known[key] = float(np.percentile(votes[rows], GENRE_GEM_TOP)) if enough else None
        return self._well_known[key]

    def signals_of(self, retrieved: Retrieved, avoided: np.ndarray) -> CandidateSignals:
        cands = retrieved.candidates
        return CandidateSignals(
            movies=[c.movie for c in cands],
            vectors=self.catalogue.vectors([c.movie.id for c in cands]),
            ranks={s: np.asarray([c.ranks.get(s, MISSING_RANK) for c in cands]) for s in SOURCES},
            scores={
                s: np.asarray([c.scores.get(s, 0.0) for c in cands], dtype=np.float32) for s in SCORED_SOURCES
            },
            rrf=np.asarray([c.fused for c in cands], dtype=np.float32),
            avoided=avoided,
        )
