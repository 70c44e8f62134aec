"""The public Python API: `MovieAssistant().recommend(...)`, for people and for other bots."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.conversation import request_to_json
from assistant.engine import Engine, Ranked
from assistant.sessions import Session, SessionStore
from assistant.settings import Settings
from assistant.understand import ParsedRequest, parse_request
from ingest.movie import Movie

if TYPE_CHECKING:
    from assistant.chain import ReplyChain
    from assistant.llm import LLMBackend

MAX_K = 20


@dataclass(frozen=True)
class Recommendation:
    """One recommended film, with what an explanation needs. Titles and years come from the
    catalogue, never from a model."""

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

    @classmethod
    def from_ranked(cls, item: Ranked) -> Recommendation:
        return cls.from_movie(item.movie, item.score)

    @classmethod
    def from_movie(cls, m: Movie, score: float) -> Recommendation:
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
    """A chat reply: the prose, the films (from the catalogue), which LLM wrote it, notices."""

    text: str
    recommendations: list[Recommendation]
    backend: str
    notices: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    removed_titles: int = 0  # titles the model wrote that it was not given: removed before showing


@dataclass(frozen=True)
class Event:
    """One item of `stream()`: "recommendations" first, then "text" chunks, then "done"."""

    type: str  # "recommendations" | "text" | "notice" | "done"
    text: str = ""
    recommendations: list[Recommendation] = field(default_factory=list)
    reply: Reply | None = None


@dataclass(frozen=True)
class Answer:
    """Everything one request produced: the picks, what was said back, and where time went."""

    recommendations: list[Recommendation]
    notices: list[str]
    parsed: ParsedRequest
    timings_ms: dict[str, float]


class MovieAssistant:
    """`MovieAssistant()` reads settings from the environment; `MovieAssistant(settings=...)`
    takes them explicitly. Models and indexes load on first use and are shared by all calls."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()

    @cached_property
    def sessions(self) -> SessionStore:
        return SessionStore(self.settings.home / "sessions.sqlite")

    @cached_property
    def engine(self) -> Engine:
        return Engine(self.settings)

    def recommend(self, request: str, k: int = 5, session_id: str | None = None) -> list[Recommendation]:
        return self.answer(request, k=k, session_id=session_id).recommendations

    def answer(self, request: str, k: int = 5, session_id: str | None = None) -> Answer:
        """Recommendations plus the notices and timings the CLI and UI show."""
        if not isinstance(request, str):
            raise TypeError(f"request must be a str, not {type(request).__name__}")
        if not 1 <= k <= MAX_K:
            raise ValueError(f"k must be between 1 and {MAX_K}; got {k}")
        started = time.perf_counter()
        engine = self.engine
        parsed = parse_request(request, engine.index)
        parse_ms = (time.perf_counter() - started) * 1000
        notices = list(parsed.notices)
        if not parsed.intent.strip() and not parsed.references and parsed.constraints.is_empty():
            # Nothing to go on (empty, emoji only, an unknown title): say so rather than guess.
            if not notices:
                notices.append("Tell me what you feel like watching: a mood, a genre, a film you loved.")
            return Answer([], notices, parsed, {"parse": round(parse_ms, 2)})
        session = self.sessions.load(session_id) if session_id is not None else None
        exclude = session.excluded if session else frozenset()
        ranking = engine.rank(parsed, exclude=exclude, k=parsed.k or k)
        recs = [Recommendation.from_ranked(item) for item in ranking.items]
        if not recs:
            wanted = parsed.constraints.describe()
            notices.append(f"No film in the catalogue matches all of: {wanted}. Try loosening one.")
        if session_id is not None:
            listing = "; ".join(f"{r.title} ({r.year})" if r.year else r.title for r in recs)
            ids = [r.movie_id for r in recs]
            self.sessions.record_turn(
                session_id, request, listing, ids, request_to_json(parsed), parsed.references
            )
        timings = {"parse": round(parse_ms, 2), **ranking.timings_ms}
        timings["total"] = round((time.perf_counter() - started) * 1000, 2)
        return Answer(recs, notices, parsed, timings)

    # --- conversation --------------------------------------------------------------------------

    @cached_property
    def backend(self) -> LLMBackend:
        from assistant.llm import select_backend

        return select_backend(self.settings)

    @cached_property
    def chain(self) -> ReplyChain:
        from assistant.chain import ReplyChain

        return ReplyChain(self.engine, self.backend)

    def chat(self, message: str, session_id: str | None = None, k: int | None = None) -> Reply:
        """One conversational turn; follow-ups refer to what this session was shown."""
        reply = None
        for event in self.stream(message, session_id, k):
            if event.type == "done":
                reply = event.reply
        assert reply is not None
        return reply

    def stream(self, message: str, session_id: str | None = None, k: int | None = None) -> Iterator[Event]:
        """Yields the recommendations first, then the explanation in chunks, then "done".
        Without a session_id the turn stands alone and nothing is remembered."""
        from assistant.chain import failure_notice

        if not isinstance(message, str):
            raise TypeError(f"message must be a str, not {type(message).__name__}")
        started = time.perf_counter()
        session = self.sessions.load(session_id) if session_id is not None else Session(id="")
        if k is not None and not 1 <= k <= MAX_K:
            raise ValueError(f"k must be between 1 and {MAX_K}; got {k}")
        picks = self.chain.decide(message, session, k)
        notices = list(picks.notices)
        recs = [
            Recommendation.from_movie(m, score) for m, score in zip(picks.movies, picks.scores, strict=True)
        ]
        timings = {**picks.timings_ms, "recommendations": _ms(started)}
        if picks.turn.kind == "reject" and picks.turn.target and session_id is not None:
            self.sessions.set_feedback(session_id, picks.turn.target, -1)
            gone = self.engine.movies[picks.turn.target].title
            notices.insert(0, f"Noted: I won't suggest {gone} again.")
        yield Event("recommendations", recommendations=recs)
        if not recs and not notices:
            notices.append("Tell me what you feel like watching: a mood, a genre, a film you loved.")
        text_parts: list[str] = []
        for piece in self.chain.prose(message, picks):
            if isinstance(piece, Exception):
                notices.append(failure_notice(piece, self.backend))
                break
            if not text_parts:
                timings["first_token"] = _ms(started)
            text_parts.append(piece)
            yield Event("text", text=piece)
        backend = self.backend.name if self.chain.explain is not None else "none"
        if backend == "none" or not text_parts:
            notices += list(self.backend.notices)
        text = "".join(text_parts).strip()
        if not text and recs:  # the LLM failed before writing: fall back to the catalogue's facts
            text = "".join(self.chain._template(picks)).strip()
            yield Event("text", text=text)
        timings = {**picks.timings_ms, **timings, "total": _ms(started)}
        mentioned = picks.parsed.references if picks.turn.kind == "recommend" else ()
        shown = [r.movie_id for r in recs]
        if session_id is not None:
            self.sessions.record_turn(
                session_id, message, text, shown, request_to_json(picks.parsed), tuple(mentioned)
            )
        reply = Reply(text, recs, backend, list(dict.fromkeys(notices)), timings, picks.removed_titles)
        yield Event("done", reply=reply)

    def add_movie(self, record: dict[str, object]) -> Movie:
        """Add or update one film: embedded, upserted and searchable at once."""
        from assistant.library import add_movie

        movie, _ = add_movie(self.settings, record)
        if "engine" in self.__dict__:  # a loaded engine learns it; an unloaded one will read it
            self.engine.add(movie)
        return movie

    def feedback(self, session_id: str, movie_id: str, value: int) -> None:
        """👍 (value > 0) / 👎 (value < 0): disliked films never come back in this session."""
        if movie_id not in self.engine.movies:
            raise ValueError(f"unknown movie id {movie_id!r}")
        self.sessions.set_feedback(session_id, movie_id, value)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
