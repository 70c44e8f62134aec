"""What reelchat hands back: `Recommendation` (one film), `Reply` (one turn), `Event` (one piece of
a streamed turn). Titles, years and facts come from the catalogue, never from a model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.evidence import Evidence
from ingest.movie import Movie

EventType = Literal["recommendations", "text", "done"]
# Said when a message gives nothing to search for (empty, emoji only, only an unknown title).
NOTHING_TO_GO_ON = "Tell me what you feel like watching: a mood, a genre, a film you loved."


@dataclass(frozen=True)
class Recommendation:
    """One recommended film, with what an explanation needs."""

    movie_id: str
    title: str
    year: int | None
    genres: list[str]
    score: float
    overview: str = ""
    tagline: str = ""
    runtime: int | None = None
    vote_average: float | None = None
    directors: list[str] = field(default_factory=list)
    cast: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    evidence: Evidence = field(default_factory=Evidence)  # why it fits: matches, related films, standing
    language: str = ""  # original language, ISO 639-1 ("ko"); "" where the catalogue has none

    @classmethod
    def from_movie(cls, m: Movie, score: float, evidence: Evidence | None = None) -> Recommendation:
        return cls(
            movie_id=m.id,
            title=m.title,
            year=m.year,
            genres=list(m.genres),
            score=round(score, 4),
            overview=m.overview,
            tagline=m.tagline,
            runtime=m.runtime,
            vote_average=m.vote_average,
            directors=list(m.directors),
            cast=list(m.cast),
            keywords=list(m.keywords),
            evidence=evidence or Evidence(),
            language=m.language,
        )

    def brief(self) -> dict[str, object]:
        return {
            "movie_id": self.movie_id,
            "title": self.title,
            "year": self.year,
            "genres": self.genres,
            "score": self.score,
        }


@dataclass(frozen=True)
class Reply:
    """One turn: the prose, the films, which LLM wrote the prose ("none" when none did), notices."""

    text: str
    recommendations: list[Recommendation]
    backend: str
    notices: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    removed_titles: int = 0  # titles the model wrote that it was not given: removed before showing
    # The model's sentences the checker kept ("kept") and dropped, by reason ("title", "other film",
    # "year", "person", "genre", "request", "unfinished", ...): assistant.grounding.
    checked_sentences: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    """One item of `stream()`: "recommendations" first, then "text" chunks, then "done"."""

    type: EventType
    text: str = ""
    recommendations: list[Recommendation] = field(default_factory=list)
    reply: Reply | None = None
