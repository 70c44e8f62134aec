"""`ProfileStore`: a person's taste, kept on this machine (SQLite beside sessions.sqlite).

A profile holds the films a person rated (0.5-5, as Letterboxd and MovieLens rate), liked or
disliked (👍/👎 in any of their sessions) and has seen. A `user_id` ties it to any number of chat
sessions. Rows carry the date the rating was given, so re-importing the same export changes
nothing and a newer export updates what changed. `delete` forgets every trace: the films, the
list of sessions and the SQLite pages that held them (secure_delete, then VACUUM).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.storage import transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS profile_films (
    user_id TEXT NOT NULL, movie_id TEXT NOT NULL,
    rating REAL, feedback INTEGER NOT NULL DEFAULT 0, seen INTEGER NOT NULL DEFAULT 1,
    rated_on TEXT NOT NULL DEFAULT '', updated REAL NOT NULL,
    PRIMARY KEY (user_id, movie_id));
CREATE TABLE IF NOT EXISTS profile_sessions (
    session_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS profile_sessions_by_user ON profile_sessions (user_id);
"""

MAX_USER_ID = 128
LIKED_FROM = 4.0  # 4/5 and up is a film someone liked (MovieLens' and the eval's "liked" too)
DISLIKED_UP_TO = 2.0
MIN_RATING, MAX_RATING = 0.5, 5.0


@dataclass(frozen=True)
class ProfileFilm:
    movie_id: str
    rating: float | None = None  # 0.5-5, or None when only seen / liked
    feedback: int = 0  # 👍 1, 👎 -1, 0 none (wins over the rating: it is the latest word)
    seen: bool = True
    rated_on: str = ""  # ISO date the rating was given, as the export says

    @property
    def liked(self) -> bool:
        if self.feedback:
            return self.feedback > 0
        return self.rating is not None and self.rating >= LIKED_FROM

    @property
    def disliked(self) -> bool:
        if self.feedback:
            return self.feedback < 0
        return self.rating is not None and self.rating <= DISLIKED_UP_TO


@dataclass(frozen=True)
class Profile:
    user_id: str
    films: dict[str, ProfileFilm] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not self.films

    @property
    def known(self) -> frozenset[str]:
        """Every film the person rated, liked, disliked or saw: not suggested unless asked to rewatch."""
        return frozenset(self.films)

    @property
    def liked(self) -> list[ProfileFilm]:
        """Liked films, most loved and most recent first."""
        liked = [f for f in self.films.values() if f.liked]
        return sorted(liked, key=lambda f: (f.rating or LIKED_FROM, f.feedback, f.rated_on), reverse=True)

    @property
    def disliked(self) -> list[ProfileFilm]:
        return [f for f in self.films.values() if f.disliked]

    @property
    def rated(self) -> int:
        return sum(f.rating is not None for f in self.films.values())

    def summary(self) -> dict[str, int]:
        return {
            "films": len(self.films),
            "rated": self.rated,
            "liked": len(self.liked),
            "disliked": len(self.disliked),
        }


@dataclass(frozen=True)
class Changes:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


class ProfileStore:
    """Each call opens its own connection and transaction, as `SessionStore` does."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
        finally:
            db.close()

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        # secure_delete: deleted rows are overwritten, not left in free pages
        return transaction(self.path, "secure_delete=ON")

    def load(self, user_id: str) -> Profile:
        check_user_id(user_id)
        with self._connect() as db:
            rows = db.execute(
                "SELECT movie_id, rating, feedback, seen, rated_on FROM profile_films WHERE user_id=?",
                (user_id,),
            ).fetchall()
        return Profile(user_id, {m: ProfileFilm(m, r, f, bool(s), d) for m, r, f, s, d in rows})

    def exists(self, user_id: str) -> bool:
        check_user_id(user_id)
        with self._connect() as db:
            films = db.execute("SELECT 1 FROM profile_films WHERE user_id=? LIMIT 1", (user_id,)).fetchone()
            sessions = db.execute(
                "SELECT 1 FROM profile_sessions WHERE user_id=? LIMIT 1", (user_id,)
            ).fetchone()
        return bool(films or sessions)

    def record_films(self, user_id: str, films: Iterable[ProfileFilm]) -> Changes:
        """Add or update imported films. A row dated before the stored one is older news and is
        skipped; a row with no rating (watched.csv) never clears a rating already known."""
        check_user_id(user_id)
        added = updated = unchanged = 0
        now = time.time()
        with self._connect() as db:
            stored = {
                m: (r, d)
                for m, r, d in db.execute(
                    "SELECT movie_id, rating, rated_on FROM profile_films WHERE user_id=?", (user_id,)
                )
            }
            for film in films:
                old = stored.get(film.movie_id)
                if old is None:
                    db.execute(
                        "INSERT INTO profile_films (user_id, movie_id, rating, seen, rated_on, updated) "
                        "VALUES (?, ?, ?, 1, ?, ?)",
                        (user_id, film.movie_id, film.rating, film.rated_on, now),
                    )
                    stored[film.movie_id] = (film.rating, film.rated_on)
                    added += 1
                    continue
                rating = old[0] if film.rating is None else film.rating
                newer = film.rated_on >= old[1] or not old[1]
                if not newer or (rating, max(film.rated_on, old[1])) == old:
                    unchanged += 1
                    continue
                db.execute(
                    "UPDATE profile_films SET rating=?, rated_on=?, seen=1, updated=? "
                    "WHERE user_id=? AND movie_id=?",
                    (rating, film.rated_on, now, user_id, film.movie_id),
                )
                stored[film.movie_id] = (rating, film.rated_on)
                updated += 1
        return Changes(added, updated, unchanged)

    def set_feedback(self, user_id: str, movie_id: str, value: int) -> None:
        """👍 (> 0) / 👎 (< 0) from a session of this person; 0 clears the thumb, not the film."""
        check_user_id(user_id)
        value = (value > 0) - (value < 0)
        with self._connect() as db:
            db.execute(
                "INSERT INTO profile_films (user_id, movie_id, feedback, seen, updated) "
                "VALUES (?, ?, ?, 0, ?) "
                "ON CONFLICT (user_id, movie_id) DO UPDATE SET feedback=excluded.feedback, "
                "updated=excluded.updated",
                (user_id, movie_id, value, time.time()),
            )
            # a film that only carried a thumb, now cleared, is no longer part of the profile
            db.execute(
                "DELETE FROM profile_films WHERE user_id=? AND movie_id=? AND feedback=0 AND seen=0 "
                "AND rating IS NULL",
                (user_id, movie_id),
            )

    def link_session(self, user_id: str, session_id: str) -> None:
        check_user_id(user_id)
        with self._connect() as db:
            db.execute(
                "INSERT INTO profile_sessions (session_id, user_id, created) VALUES (?, ?, ?) "
                "ON CONFLICT (session_id) DO UPDATE SET user_id=excluded.user_id",
                (session_id, user_id, time.time()),
            )

    def user_of(self, session_id: str) -> str | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT user_id FROM profile_sessions WHERE session_id=?", (session_id,)
            ).fetchone()
        return row[0] if row else None

    def sessions(self, user_id: str) -> list[str]:
        check_user_id(user_id)
        with self._connect() as db:
            rows = db.execute(
                "SELECT session_id FROM profile_sessions WHERE user_id=? ORDER BY created", (user_id,)
            ).fetchall()
        return [s for (s,) in rows]

    def delete(self, user_id: str) -> dict[str, int]:
        """Forget the person: their films and their sessions' link (the caller deletes the sessions)."""
        check_user_id(user_id)
        with self._connect() as db:
            films = db.execute("DELETE FROM profile_films WHERE user_id=?", (user_id,)).rowcount
            sessions = db.execute("DELETE FROM profile_sessions WHERE user_id=?", (user_id,)).rowcount
        vacuum(self.path)
        return {"films": films, "sessions": sessions}


def vacuum(path: Path) -> None:
    """Rewrite the file and fold the WAL back in, so no deleted row survives on disk."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def check_user_id(user_id: str) -> None:
    if not isinstance(user_id, str) or not user_id.strip() or len(user_id) > MAX_USER_ID:
        raise ValueError(
            f"user_id must be a non-empty string of at most {MAX_USER_ID} characters, e.g. --user alice"
        )
