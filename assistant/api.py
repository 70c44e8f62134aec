"""The public Python API: `MovieAssistant`, for people and for other bots.

One pipeline serves every entry point: `recommend()`, `chat()` and `stream()` all run the reply
chain (condense a follow-up against the session -> understand -> retrieve -> rank -> explain);
`recommend()` and `chat(explain=False)` stop before the language model.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.conversation import discussed, request_to_json
from assistant.facts import join_names
from assistant.profiles import Profile, ProfileFilm, ProfileStore
from assistant.results import NOTHING_TO_GO_ON, Event, Recommendation, Reply
from assistant.sessions import Session, SessionStore
from assistant.settings import MAX_K, Settings
from ingest.movie import Movie

if TYPE_CHECKING:
    from assistant.chain import ReplyChain
    from assistant.engine import Engine
    from assistant.llm import LLMBackend
    from assistant.ratings_import import ImportReport
    from assistant.understand import CatalogueIndex


class MovieAssistant:
    """`MovieAssistant()` reads settings from the environment; `MovieAssistant(settings=...)`
    takes them explicitly. Models and indexes load on first use and are shared by all calls."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()

    @cached_property
    def sessions(self) -> SessionStore:
        return SessionStore(self.settings.home / "sessions.sqlite")

    @cached_property
    def profiles(self) -> ProfileStore:
        return ProfileStore(self.settings.home / "profiles.sqlite")

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

    def recommend(
        self, request: str, k: int = 5, session_id: str | None = None, user_id: str | None = None
    ) -> list[Recommendation]:
        """The films for one request (no prose). With a session id, follow-ups ("something
        older", "not that one") refer to what that session was shown, as in `chat()`. With a
        user id, films in that person's profile are left out, and "something for me" ranks by it."""
        return self.chat(request, session_id=session_id, k=k, explain=False, user_id=user_id).recommendations

    def chat(
        self,
        message: str,
        session_id: str | None = None,
        k: int | None = None,
        *,
        explain: bool = True,
        user_id: str | None = None,
    ) -> Reply:
        """One conversational turn; follow-ups refer to what this session was shown."""
        reply = None
        for event in self.stream(message, session_id, k, explain=explain, user_id=user_id):
            if event.type == "done":
                reply = event.reply
        assert reply is not None
        return reply

    def stream(
        self,
        message: str,
        session_id: str | None = None,
        k: int | None = None,
        *,
        explain: bool = True,
        user_id: str | None = None,
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
        profile = self._profile_for(session_id, user_id)
        picks = self.chain.decide(message, session, k, profile)
        notices = list(picks.notices)
        recs = [
            Recommendation.from_movie(m, score, ev)
            for m, score, ev in zip(picks.movies, picks.scores, self.chain.evidence(picks), strict=True)
        ]
        if session_id is not None:
            # Remembered before any prose: a follow-up sent while this reply is still being written
            # ("Why this?" on card 3) must find these films.
            mentioned = picks.parsed.references if picks.turn.kind == "recommend" else ()
            shown, request = [r.movie_id for r in recs], request_to_json(picks.parsed)
            asked = picks.turn.target if picks.turn.kind == "answer" else None
            if asked is not None and (earlier := [s for s in session.shown if s.movie_id == asked]):
                # "who directed the second one?" makes it the film being discussed: "how long is
                # it?" next means it. It is remembered with the request it was first shown for.
                shown, request = [asked], earlier[-1].request
            elif asked is not None:  # "who directed Heat?": Heat is discussed now, "it" next
                shown, request = [asked], request_to_json(discussed(asked, self.engine.movies[asked].label))
            self.sessions.record_turn(
                session_id,
                message,
                "; ".join(m.label for m in picks.movies),
                shown,
                request,
                tuple(mentioned),
            )
        timings = {**picks.timings_ms, "recommendations": _ms(started)}
        if picks.turn.kind == "reject" and picks.turn.target and session_id is not None:
            rejected = [picks.turn.target, *picks.turn.also]  # "I've seen the first two"
            for film in rejected:
                self.sessions.set_feedback(session_id, film, -1)
            if profile is not None:  # "I've seen it", "not that one": never offered to them again
                self.profiles.record_films(profile.user_id, [ProfileFilm(film) for film in rejected])
            gone = join_names([self.engine.movies[film].title for film in rejected])
            notices.insert(0, f"Noted: I won't suggest {gone} again.")
        yield Event("recommendations", recommendations=recs)
        if not recs and not notices and not picks.answer:
            notices.append(NOTHING_TO_GO_ON)
        text_parts: list[str] = []
        backend = "none"
        if (explain and recs) or picks.answer:  # an answer is the catalogue's words: no model runs
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
        checked = {"kept": picks.checks.kept, **picks.checks.dropped}
        reply = Reply(
            text, recs, backend, list(dict.fromkeys(notices)), timings, picks.removed_titles, checked
        )
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
        """👍 (value > 0) / 👎 (value < 0): disliked films never come back in this session; in a
        session tied to a person (`user_id`), their profile learns it too."""
        if movie_id not in self.engine.movies:
            raise ValueError(f"unknown movie id {movie_id!r}")
        self.sessions.set_feedback(session_id, movie_id, value)
        user_id = self.profiles.user_of(session_id)
        if user_id is not None:
            self.profiles.set_feedback(user_id, movie_id, value)

    # --- profiles: a person's taste, kept on this machine ------------------------------------------

    def _profile_for(self, session_id: str | None, user_id: str | None) -> Profile | None:
        """The profile in use: the given person's (tying the session to them), else the one the
        session was tied to before."""
        if user_id is None and session_id is not None:
            user_id = self.profiles.user_of(session_id)
        if user_id is None:
            return None
        if session_id is not None:
            self.profiles.link_session(user_id, session_id)
        return self.profiles.load(user_id)

    def import_ratings(
        self,
        path: str | Path,
        user_id: str,
        format: str | None = None,
        links: str | Path | None = None,
    ) -> ImportReport:
        """Import a Letterboxd, IMDb or MovieLens ratings export into `user_id`'s profile. The
        report lists every row not matched to the catalogue (line, title, reason). Importing the
        same file again changes nothing; a newer export updates the ratings that changed."""
        from assistant.ratings_import import import_ratings

        movies, index = self._titles()
        return import_ratings(path, self.profiles, user_id, movies, index, format, links)

    def _titles(self) -> tuple[dict[str, Movie], CatalogueIndex]:
        """The catalogue's films and title index: the engine's when it is loaded, else read from
        the collection alone (no models: `reelchat profile import` stays a matter of seconds)."""
        if "engine" in self.__dict__:
            return self.engine.movies, self.engine.index
        from assistant.library import open_store
        from assistant.understand import CatalogueIndex

        collection = open_store(self.settings, create=False)[1]
        movies: list[Movie] = []
        while True:  # metadata only, paged: the vectors would double the time and are not needed
            got = collection.get(include=["metadatas"], limit=5_000, offset=len(movies))
            metas = got["metadatas"] or []
            movies += [Movie.from_metadata(i, dict(m or {})) for i, m in zip(got["ids"], metas, strict=True)]
            if len(got["ids"]) < 5_000:
                break
        return {m.id: m for m in movies}, CatalogueIndex(movies)

    def profile(self, user_id: str) -> Profile:
        return self.profiles.load(user_id)

    def delete_profile(self, user_id: str) -> dict[str, int]:
        """Forget a person: their films, their sessions (messages, films shown, likes) and their
        sessions' lines in the interaction log."""
        sessions = self.profiles.sessions(user_id)
        removed = self.profiles.delete(user_id)
        self.sessions.delete(sessions)
        removed["log_lines"] = forget_in_log(self.settings.home / "interactions.jsonl", set(sessions))
        return removed


def forget_in_log(path: Path, session_ids: set[str]) -> int:
    """Rewrite the interaction log without the lines of these sessions; how many went."""
    if not session_ids or not path.exists():
        return 0
    kept: list[str] = []
    gone = 0
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        try:
            session = json.loads(line).get("session")
        except (json.JSONDecodeError, AttributeError):
            session = None
        if session in session_ids:
            gone += 1
        else:
            kept.append(line)
    if gone:
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(kept), encoding="utf-8")
        tmp.replace(path)
    return gone


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
