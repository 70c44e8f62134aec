"""Known-item search on real r/tipofmytongue posts: people describing a film they cannot name.

The held-out part of the split (`datasets.tomt_part`) measures; the dev part may train the
ranker's known-item model. A post is a sample when its answer's TMDB id is in the catalogue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.evaluation.datasets import TomtPart, tomt_part

REQUEST_CHARS = 1_000  # the embedding model reads ~256 tokens; the post's start says the most
_TAGS = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class KnownItemSample:
    post_id: str
    text: str
    target_id: str


def post_request(title: str, body: str) -> str:
    """The post as one request: its title without tags such as [TOMT][MOVIE], then the body."""
    text = f"{_TAGS.sub(' ', title).strip(' -:')}. {body}"
    return " ".join(text.split())[:REQUEST_CHARS]


def tomt_samples(path: Path, part: TomtPart, catalogue_ids: set[str]) -> Iterator[KnownItemSample]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            tmdb = row.get("tmdb_id")
            if tmdb is None or tomt_part(str(row["id"])) != part:
                continue
            target = str(int(float(tmdb)))
            if target in catalogue_ids:
                yield KnownItemSample(str(row["id"]), post_request(row["title"], row["text"]), target)
