"""The interaction log: one JSON object per line under the data directory, for later study of
what was asked, what was shown and what people liked. It stays on this machine like the rest."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class InteractionLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        # One process, many request threads: a lock keeps each line whole. O_APPEND alone only
        # promises that for small writes, and a long request text can exceed that.
        self._lock = threading.Lock()

    def _write(self, entry: dict[str, Any]) -> None:
        line = json.dumps({"time": round(time.time(), 3), **entry}, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line)

    def request(self, session_id: str | None, text: str, shown: Sequence[str], source: str) -> None:
        self._write(
            {
                "kind": "request",
                "session": session_id,
                "request": text,
                "shown": list(shown),
                "source": source,
            }
        )

    def feedback(self, session_id: str, movie_id: str, value: int, source: str) -> None:
        self._write(
            {
                "kind": "feedback",
                "session": session_id,
                "movie_id": movie_id,
                "value": value,
                "source": source,
            }
        )

    def entries(self) -> list[dict[str, Any]]:
        """Everything logged so far (tests and offline analysis)."""
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as src:
            return [json.loads(line) for line in src if line.strip()]
