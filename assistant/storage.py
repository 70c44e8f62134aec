"""SQLite as reelchat keeps state (sessions, profiles): one file under the data directory, one
short transaction per call, safe under concurrent threads and processes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def transaction(path: Path, *pragmas: str) -> Iterator[sqlite3.Connection]:
    """One transaction on the SQLite file at `path` (sessions and profiles both use it): BEGIN
    IMMEDIATE takes the write lock up front, so two writers queue instead of failing halfway, and a
    read sees one consistent state. `pragmas` run first on the connection."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        for pragma in pragmas:
            db.execute(f"PRAGMA {pragma}")
        db.execute("BEGIN IMMEDIATE")
        yield db
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    finally:
        db.close()
