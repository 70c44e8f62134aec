"""Ranking by a person's profile: "something for me tonight", "surprise me", "what should I watch
next?" are requests about the person, so their liked films become the request.

- Liked films are weighted references: the most loved (5/5 counts twice as much as 4/5) steer the
  dense query and the co-liked retrieval through `ParsedRequest.references`, as named films do.
- Every liked film, not only the references, then votes for the candidates through MovieLens
  co-liked neighbours (item-based collaborative filtering, the MovieLens app's own method), and
  disliked films vote against theirs: films like the ones a person disliked are pushed down.
- Films the person rated, liked, disliked or saw are left out of every request, unless they ask
  to rewatch ("a favourite of mine", "something I've seen"): then only their own films are offered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from assistant.avoid import avoid_patterns, mentions_any
from assistant.engine import Engine
from assistant.profiles import LIKED_FROM, Profile, ProfileFilm
from assistant.retrieval import RRF_K, Candidate
from assistant.understand import ParsedRequest
from ingest.movie import Movie

Neighbours = Mapping[str, Sequence[tuple[str, float]]]
CANDIDATES = 100  # films the engine ranks for the person before the taste score joins in

FOR_ME = re.compile(
    r"\b(?:for me|surprise me|what (?:should|shall|could|can|do) i (?:watch|see)|what to watch|"
    r"(?:pick|choose|recommend|suggest) (?:me )?(?:something|anything|a film|a movie|one)(?! like)|"
    r"my (?:taste|ratings)|i(?:'d| would| might) (?:like|love|enjoy)|based on (?:my|what i)|"
    r"watch (?:next|tonight))\b",
    re.I,
)
REWATCH = re.compile(
    r"\b(?:re-?watch|watch (?:it )?again|favou?rites? of mine|(?:one of )?my (?:own )?favou?rites?|"
    r"(?:something|anything|one|a film|a movie) i(?:'ve| have) (?:already )?(?:seen|watched|rated)|"
    r"(?:seen|watched) (?:it )?before|comfort (?:film|movie|watch))\b",
    re.I,
)
FAVOURITE = re.compile(r"\bfavou?rite", re.I)
# What is left of a "for me" request once the asking is taken out: if nothing, the profile is the request.
_ASKING = re.compile(
    r"\b(?:what|should|shall|could|can|do|i|me|my|watch|see|tonight|today|next|now|something|anything|"
    r"a|an|the|film|movie|one|for|to|please|surprise|pick|choose|recommend|suggest|good|great|taste|"
    r"ratings|based|on|like|love|enjoy|would|might|id|i'd|evening|night|weekend|give|some)\b",
    re.I,
)
MAX_REFERENCES = 20  # liked films handed to retrieval; all of them vote in the collaborative score
TASTE_WEIGHT = 1.0  # collaborative taste score, z-normalised, against the engine's own order


def asks_for_me(message: str) -> bool:
    return bool(FOR_ME.search(message))


def asks_to_rewatch(message: str) -> bool:
    return bool(REWATCH.search(message))


def rating_weight(film: ProfileFilm) -> float:
    """How much a film's rating says about taste: 5/5 twice 4/5; a 👍 counts as 4.5, a 👎 as 1."""
    if film.feedback:
        return 1.5 if film.feedback > 0 else -1.5
    if film.rating is None:
        return 0.0
    if film.rating >= LIKED_FROM:
        return film.rating - (LIKED_FROM - 1)
    return min(0.0, film.rating - 2.5)  # 2.5 and up say little; 0.5 says -2


def personal_request(parsed: ParsedRequest, profile: Profile) -> ParsedRequest:
    """The request with the person's most loved films as references; the words of asking ("what
    should I watch tonight?") dropped from the intent, so they do not steer the search."""
    references = weighted_references(profile)
    intent = parsed.intent if _ASKING.sub(" ", parsed.intent).strip(" ,.?!'-") else ""
    return replace(parsed, intent=intent, references=tuple(dict.fromkeys(parsed.references + references)))


def weighted_references(profile: Profile) -> tuple[str, ...]:
    return tuple(f.movie_id for f in profile.liked[:MAX_REFERENCES])


def taste_scores(profile: Profile, neighbours: Neighbours) -> dict[str, float]:
    """Item-based collaborative score of every film co-liked with the person's rated films: the sum
    over their films of rating weight x neighbour strength (negative for disliked films)."""
    scores: dict[str, float] = {}
    for film in profile.films.values():
        weight = rating_weight(film)
        if not weight:
            continue
        for other, strength in neighbours.get(film.movie_id, ()):
            scores[other] = scores.get(other, 0.0) + weight * strength
    return scores


@dataclass(frozen=True)
class Because:
    """Why a film was picked for the person: the rated film it is most co-liked with."""

    movie_id: str
    reason: str


def because(
    picks: Sequence[Movie],
    profile: Profile,
    movies: Mapping[str, Movie],
    neighbours: Neighbours,
) -> list[Because]:
    """ "because you rated Heat 5/5": for each pick, the liked film that points to it most strongly."""
    strength: dict[tuple[str, str], float] = {}
    picked = {m.id for m in picks}
    for film in profile.liked:
        for other, s in neighbours.get(film.movie_id, ()):
            if other in picked:
                strength[(other, film.movie_id)] = rating_weight(film) * s
    out = []
    for movie in picks:
        pairs = [(s, ref) for (pick, ref), s in strength.items() if pick == movie.id and ref in movies]
        if not pairs:
            continue
        ref = profile.films[max(pairs)[1]]
        out.append(Because(movie.id, f"because you {_rated(ref, movies[ref.movie_id].title)}"))
    return out


def _stars(film: ProfileFilm) -> str:
    return f"you rated it {film.rating:g}/5" if film.rating is not None else "you have seen it"


def _rated(film: ProfileFilm, title: str) -> str:
    """ "rated Heat 5/5", or "liked Heat" for a 👍."""
    if film.rating is not None and film.feedback >= 0:
        return f"rated {title} {film.rating:g}/5"
    return f"liked {title}"


def rewatch_choices(
    profile: Profile, movies: Mapping[str, Movie], parsed: ParsedRequest, favourites: bool
) -> list[Movie]:
    """The person's own films that fit the request: most loved first, then the most voted."""
    films = profile.liked if favourites else list(profile.films.values())
    chosen = [movies[f.movie_id] for f in films if f.movie_id in movies and not f.disliked]
    chosen = [m for m in chosen if parsed.constraints.allows(m)]
    rating = {f.movie_id: f.rating or 0.0 for f in films}
    return sorted(chosen, key=lambda m: (rating[m.id], m.vote_count or 0), reverse=True)


def engine_neighbours(engine: Any) -> Neighbours:
    """The co-liked neighbours the engine retrieves with (the shipped ones, or the evaluation's own)."""
    catalogue = getattr(engine, "catalogue", engine)
    return getattr(getattr(catalogue, "retriever", None), "neighbours", None) or {}


def rank_for(
    engine: Engine, parsed: ParsedRequest, profile: Profile, exclude: frozenset[str], k: int
) -> tuple[ParsedRequest, list[Candidate], dict[str, float]]:
    """The films for a request about the person: the engine's ranking of their loved films as the
    request, fused (reciprocal ranks, as hybrid retrieval fuses) with the taste score of every
    film co-liked with what they rated. Films the taste score is against lose half their score."""
    personal = personal_request(parsed, profile)
    ranking = engine.rank(personal, exclude=exclude, k=CANDIDATES)
    taste = taste_scores(profile, engine_neighbours(engine))
    pool = {c.movie.id: c for c in ranking.items}
    blocked = exclude | set(personal.references)
    avoided = avoid_patterns(personal.avoid)
    tags = engine.catalogue.signals.tags
    for movie_id in sorted((m for m, s in taste.items() if s > 0), key=taste.__getitem__, reverse=True):
        if len(pool) >= 2 * CANDIDATES:
            break
        movie = engine.movies.get(movie_id)
        if movie is None or movie_id in pool or movie_id in blocked:
            continue
        if not personal.constraints.allows(movie) or mentions_any(movie, avoided, tags.get(movie_id, ())):
            continue  # the same guarantees as retrieval: constraints hold, avoided words stay out
        pool[movie_id] = Candidate(movie, ranks={"taste": 0})
    engine_rank = {c.movie.id: n for n, c in enumerate(ranking.items, start=1)}
    by_taste = sorted((m for m in pool if taste.get(m, 0) > 0), key=lambda m: -taste[m])
    taste_rank = {m: n for n, m in enumerate(by_taste, start=1)}
    for movie_id, cand in pool.items():
        score = 1 / (RRF_K + engine_rank[movie_id]) if movie_id in engine_rank else 0.0
        score += TASTE_WEIGHT / (RRF_K + taste_rank[movie_id]) if movie_id in taste_rank else 0.0
        cand.score = score * (0.5 if taste.get(movie_id, 0.0) < 0 else 1.0)
    ordered = sorted(pool.values(), key=lambda c: c.score, reverse=True)
    return personal, ordered[:k], ranking.timings_ms


@dataclass
class PersonalPicks:
    parsed: ParsedRequest  # the request as ranked (with the person's references)
    movies: list[Movie]
    scores: list[float]
    notices: list[str]
    timings_ms: dict[str, float]
    because: dict[str, str]  # movie id -> "because you rated Heat 5/5"


def pick_for(
    engine: Engine,
    message: str,
    parsed: ParsedRequest,
    profile: Profile,
    exclude: frozenset[str],
    k: int,
) -> PersonalPicks | None:
    """The picks of a request about the person or their own films; None when the request is about
    something else (the chain then ranks it as usual, leaving out the films the person knows)."""
    if profile.is_empty():
        return None
    if asks_to_rewatch(message):
        own = rewatch_choices(profile, engine.movies, parsed, bool(FAVOURITE.search(message)))
        own = [m for m in own if m.id not in exclude][:k]
        reasons = {m.id: f"because you {_rated(profile.films[m.id], m.title)}" for m in own}
        listed = "; ".join(f"{m.title} ({_stars(profile.films[m.id])})" for m in own[:5])
        said = f"From your own films: {listed}." if own else "None of your own films fits that."
        scores = [float(len(own) - n) for n in range(len(own))]
        return PersonalPicks(parsed, own, scores, [said], {}, reasons)
    personal_refs = set(weighted_references(profile))
    follow_up = bool(parsed.references) and personal_refs <= set(parsed.references)
    if not (asks_for_me(message) or follow_up):
        return None
    ranked, items, timings = rank_for(engine, parsed, profile, exclude | profile.known, k)
    movies = [c.movie for c in items]
    reasons = {
        b.movie_id: b.reason for b in because(movies, profile, engine.movies, engine_neighbours(engine))
    }
    listed = "; ".join([f"{m.title} {reasons[m.id]}" for m in movies if m.id in reasons][:3])
    notice = f"Picked for your taste ({profile.rated} films rated)" + (f": {listed}." if listed else ".")
    return PersonalPicks(ranked, movies, [c.score for c in items], [notice], timings, reasons)
