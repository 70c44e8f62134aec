"""The public Python API: `MovieAssistant`, for people and for other bots.

One pipeline serves every entry point: `recommend()`, `chat()` and `stream()` all run the reply
chain (condense a follow-up against the session -> understand -> retrieve -> rank -> explain);
`recommend()` and `chat(explain=False)` stop before the language model.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.conversation import request_to_json
from assistant.results import NOTHING_TO_GO_ON, Event, Recommendation, Reply
from assistant.sessions import Session, SessionStore
from assistant.settings import MAX_K, Settings
from ingest.movie import Movie

if TYPE_CHECKING:
    from assistant.chain import ReplyChain
    from assistant.engine import Engine
    from assistant.llm import LLMBackend


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
        from assistant.engine import Engine

        return Engine(self.settings)

    @cached_property
    def backend(self) -> LLMBackend:
        from assistant.llm import select_backend

        return select_backend(self.settings)

    @cached_property
    def chain(self) -> ReplyChain:
        from assistant.chain import ReplyChain

        return ReplyChain(self.engine, lambda: self.backend)

    def recommend(self, request: str, k: int = 5, session_id: str | None = None) -> list[Recommendation]:
        """The films for one request (no prose). With a session id, follow-ups ("something
        older", "not that one") refer to what that session was shown, as in `chat()`."""
        return self.chat(request, session_id=session_id, k=k, explain=False).recommendations

    def chat(
        self, message: str, session_id: str | None = None, k: int | None = None, *, explain: bool = True
    ) -> Reply:
        """One conversational turn; follow-ups refer to what this session was shown."""
        reply = None
        for event in self.stream(message, session_id, k, explain=explain):
            if event.type == "done":
                reply = event.reply
        assert reply is not None
        return reply

    def stream(
        self, message: str, session_id: str | None = None, k: int | None = None, *, explain: bool = True
    ) -> Iterator[Event]:
        """Yields the recommendations first, then the explanation in chunks, then "done".
        Without a session_id the turn stands alone and nothing is remembered. With
        `explain=False` no language model runs: the reply's text is empty."""
        if not isinstance(message, str):
            raise TypeError(f"message must be a str, not {type(message).__name__}")
        if k is not None and not 1 <= k <= MAX_K:
            raise ValueError(f"k must be between 1 and {MAX_K}; got {k}")
        started = time.perf_counter()
        session = self.sessions.load(session_id) if session_id is not None else Session(id="")
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
            notices.append(NOTHING_TO_GO_ON)
        text_parts: list[str] = []
        backend = "none"
        if explain and recs:
            prose = self.chain.prose(message, picks)
            backend = prose.backend
            for piece in prose:
                if not text_parts:
                    timings["first_token"] = _ms(started)
                text_parts.append(piece)
                yield Event("text", text=piece)
            notices += prose.notices
        text = "".join(text_parts).strip()
        timings = {**picks.timings_ms, **timings, "total": _ms(started)}
        if session_id is not None:
            mentioned = picks.parsed.references if picks.turn.kind == "recommend" else ()
            listing = text or "; ".join(m.label for m in picks.movies)
            self.sessions.record_turn(
                session_id,
                message,
                listing,
                [r.movie_id for r in recs],
                request_to_json(picks.parsed),
                tuple(mentioned),
            )
        reply = Reply(text, recs, backend, list(dict.fromkeys(notices)), timings, picks.removed_titles)
        yield Event("done", reply=reply)

    def add_movie(self, record: dict[str, object]) -> Movie:
        """Add or update one film: embedded, upserted and searchable at once."""
        return self.upsert_movie(record)[0]

    def upsert_movie(self, record: dict[str, object]) -> tuple[Movie, bool]:
        """Add or update one film; also says whether it was new (False: a film with its id was
        updated). The engine's write lock makes concurrent adds safe."""
        from assistant.library import add_movie

        movie, report = add_movie(self.settings, record)
        if "engine" in self.__dict__:  # a loaded engine learns it; an unloaded one will read it
            self.engine.add(movie)
        return movie, bool(report.added)

    def movie(self, movie_id: str) -> Movie | None:
        """A catalogue film by id, or None."""
        return self.engine.movies.get(movie_id)

    def search_titles(self, query: str, limit: int = 10) -> list[Movie]:
        """Title autocomplete: prefix matches first, then substrings; most-voted first."""
        return self.engine.search_titles(query, limit)

    def catalogue_size(self) -> int:
        return len(self.engine.movies)

    def feedback(self, session_id: str, movie_id: str, value: int) -> None:
        """👍 (value > 0) / 👎 (value < 0): disliked films never come back in this session."""
        if movie_id not in self.engine.movies:
            raise ValueError(f"unknown movie id {movie_id!r}")
        self.sessions.set_feedback(session_id, movie_id, value)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
