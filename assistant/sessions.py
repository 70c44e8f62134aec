"""`SessionStore`: conversations that survive restarts (SQLite under the data directory).

A session holds its messages, the films shown (in order, per turn, with the request that
produced them), the films the person named, and likes/dislikes. Each call opens its own
connection, and SQLite's WAL mode lets readers and one writer work at once, so sessions stay
isolated and consistent under concurrent use from several threads or processes.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.storage import transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    session_id TEXT NOT NULL, seq INTEGER PRIMARY KEY AUTOINCREMENT,
    role TEXT NOT NULL, text TEXT NOT NULL, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS messages_by_session ON messages (session_id, seq);
CREATE TABLE IF NOT EXISTS shown (
    session_id TEXT NOT NULL, seq INTEGER PRIMARY KEY AUTOINCREMENT, turn INTEGER NOT NULL,
    movie_id TEXT NOT NULL, request TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS shown_by_session ON shown (session_id, seq);
CREATE TABLE IF NOT EXISTS mentioned (
    session_id TEXT NOT NULL, movie_id TEXT NOT NULL, PRIMARY KEY (session_id, movie_id));
CREATE TABLE IF NOT EXISTS feedback (
    session_id TEXT NOT NULL, movie_id TEXT NOT NULL, value INTEGER NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (session_id, movie_id));
"""

MAX_SESSION_ID = 128


@dataclass(frozen=True)
class Shown:
    turn: int
    movie_id: str
    request: str


@dataclass(frozen=True)
class Session:
    """A snapshot of one session."""

    id: str
    messages: list[tuple[str, str]] = field(default_factory=list)  # (role, text), oldest first
    shown: list[Shown] = field(default_factory=list)  # oldest first
    mentioned: frozenset[str] = frozenset()
    liked: frozenset[str] = frozenset()
    disliked: frozenset[str] = frozenset()

    @property
    def last_turn(self) -> list[Shown]:
        """The films shown by the latest turn that showed any, in the order shown."""
        if not self.shown:
            return []
        turn = self.shown[-1].turn
        return [s for s in self.shown if s.turn == turn]

    @property
    def last_list(self) -> list[Shown]:
        """The latest list of films shown: what "the third one" counts in, also after a turn that
        showed a single film ("why the second one?" shows that film alone)."""
        turns = sorted({s.turn for s in self.shown}, reverse=True)
        for turn in turns:
            films = [s for s in self.shown if s.turn == turn]
            if len(films) > 1:
                return films
        return self.last_turn

    @property
    def excluded(self) -> frozenset[str]:
        return frozenset(s.movie_id for s in self.shown) | self.mentioned | self.disliked


class SessionStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # persistent: set once per database file
            db.executescript(SCHEMA)
        finally:
            db.close()

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.path)

    def load(self, session_id: str) -> Session:
        _check_id(session_id)
        with self._connect() as db:
            messages = db.execute(
                "SELECT role, text FROM messages WHERE session_id=? ORDER BY seq", (session_id,)
            ).fetchall()
            shown = db.execute(
                "SELECT turn, movie_id, request FROM shown WHERE session_id=? ORDER BY seq", (session_id,)
            ).fetchall()
            mentioned = db.execute(
                "SELECT movie_id FROM mentioned WHERE session_id=?", (session_id,)
            ).fetchall()
            feedback = db.execute(
                "SELECT movie_id, value FROM feedback WHERE session_id=?", (session_id,)
            ).fetchall()
        return Session(
            id=session_id,
            messages=[(r, t) for r, t in messages],
            shown=[Shown(turn, movie_id, request) for turn, movie_id, request in shown],
            mentioned=frozenset(m for (m,) in mentioned),
            liked=frozenset(m for m, v in feedback if v > 0),
            disliked=frozenset(m for m, v in feedback if v < 0),
        )

    def record_turn(
        self,
        session_id: str,
        user_text: str,
        reply_text: str,
        shown: list[str],
        request: str,
        mentioned: tuple[str, ...] = (),
    ) -> None:
        """Append one exchange atomically: both messages, the films shown, the films named."""
        _check_id(session_id)
        now = time.time()
        with self._connect() as db:
            (turn,) = db.execute(
                "SELECT COALESCE(MAX(turn), 0) + 1 FROM shown WHERE session_id=?", (session_id,)
            ).fetchone()
            db.executemany(
                "INSERT INTO messages (session_id, role, text, created) VALUES (?, ?, ?, ?)",
                [(session_id, "user", user_text, now), (session_id, "assistant", reply_text, now)],
            )
            db.executemany(
                "INSERT INTO shown (session_id, turn, movie_id, request) VALUES (?, ?, ?, ?)",
                [(session_id, turn, movie_id, request) for movie_id in shown],
            )
            db.executemany(
                "INSERT OR IGNORE INTO mentioned (session_id, movie_id) VALUES (?, ?)",
                [(session_id, movie_id) for movie_id in mentioned],
            )

    def set_feedback(self, session_id: str, movie_id: str, value: int) -> None:
        """value > 0 likes, < 0 dislikes, 0 clears."""
        _check_id(session_id)
        with self._connect() as db:
            if value == 0:
                db.execute("DELETE FROM feedback WHERE session_id=? AND movie_id=?", (session_id, movie_id))
            else:
                db.execute(
                    "INSERT INTO feedback (session_id, movie_id, value, created) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (session_id, movie_id) "
                    "DO UPDATE SET value=excluded.value, created=excluded.created",
                    (session_id, movie_id, 1 if value > 0 else -1, time.time()),
                )

    def delete(self, session_ids: list[str]) -> int:
        """Forget sessions entirely (a person deleting their profile); how many messages went."""
        if not session_ids:
            return 0
        with self._connect() as db:
            db.execute("PRAGMA secure_delete=ON")
            gone = 0
            for session_id in session_ids:
                for table in ("messages", "shown", "mentioned", "feedback"):
                    cur = db.execute(f"DELETE FROM {table} WHERE session_id=?", (session_id,))
                    gone += cur.rowcount if table == "messages" else 0
        from assistant.profiles import vacuum  # no deleted row survives in the file's free pages

        vacuum(self.path)
        return gone


def _check_id(session_id: str) -> None:
    if not isinstance(session_id, str) or not session_id.strip() or len(session_id) > MAX_SESSION_ID:
        raise ValueError(f"session_id must be a non-empty string of at most {MAX_SESSION_ID} characters")
