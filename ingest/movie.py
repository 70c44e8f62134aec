"""`Movie`: the one record every part of reelchat agrees on, and how it maps to Chroma."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

# Chroma metadata keys. Lists are stored as Chroma list metadata so `$contains` filters work.
LIST_FIELDS = ("genres", "keywords", "directors", "cast")
SCALAR_FIELDS = ("year", "runtime", "vote_average", "vote_count", "popularity")
HASH_KEY = "content_hash"
# Bumped when `Movie.document()` changes shape, so stored and precomputed vectors are re-embedded.
DOCUMENT_FORMAT = 2


@dataclass(frozen=True)
class Movie:
    """One film of the catalogue. `id` is a string so any source's ids fit (TMDB ints, "s1")."""

    id: str
    title: str
    overview: str
    year: int | None = None
    genres: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    tagline: str = ""
    runtime: int | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    popularity: float | None = None
    directors: tuple[str, ...] = ()
    cast: tuple[str, ...] = field(default=())
    # False when the source holds no credits for this film (no director, no cast): a person filter
    # cannot say such a film lacks someone, only that it was not searched by person.
    has_credits: bool = True
    # The film's original language, an ISO 639-1 code ("en", "ko"); "" where the source has none.
    language: str = ""

    @property
    def label(self) -> str:
        """ "Title (Year)", how people and ReDial name films."""
        return f"{self.title} ({self.year})" if self.year else self.title

    def document(self) -> str:
        """The text that is embedded: what the film is, without its title. A title word dominates
        a short text's embedding ("a clever heist movie" found "Heist" and "Coin Heist" before
        Heat or The Usual Suspects); titles are found by name and by the title BM25 index."""
        parts = []
        if self.genres:
            parts.append(f"Genres: {', '.join(self.genres)}.")
        if self.tagline:
            parts.append(self.tagline)
        parts.append(self.overview)
        if self.keywords:
            parts.append(f"Keywords: {', '.join(self.keywords)}.")
        if self.directors:
            parts.append(f"Directed by {', '.join(self.directors)}.")
        if self.cast:
            parts.append(f"Starring {', '.join(self.cast)}.")
        return " ".join(parts)

    def metadata(self) -> dict[str, Any]:
        """Chroma metadata: typed scalars and lists for hard filters; absent values are omitted
        (Chroma stores no None), so a `year >= 1990` filter never matches a film of unknown year."""
        meta: dict[str, Any] = {"title": self.title}
        for name in SCALAR_FIELDS:
            value = getattr(self, name)
            if value is not None:
                meta[name] = value
        for name in LIST_FIELDS:
            values = getattr(self, name)
            if values:
                meta[name] = list(values)
        if self.tagline:
            meta["tagline"] = self.tagline
        meta["has_credits"] = self.has_credits
        if self.language:
            meta["language"] = self.language
        meta["overview"] = self.overview
        return meta

    def content_hash(self, model_name: str) -> str:
        """Changes when anything that is embedded or filtered on changes, or the model does."""
        # The fields one level deep, as `asdict` gives them (it deep-copies, and costs seconds over a
        # 12k-film catalogue); tuples and lists dump alike, so the hash is unchanged.
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        payload = json.dumps([model_name, DOCUMENT_FORMAT, fields], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()[:32]

    @classmethod
    def from_metadata(cls, movie_id: str, meta: dict[str, Any]) -> Movie:
        """Rebuild a Movie from what `metadata()` stored in Chroma."""
        return cls(
            id=movie_id,
            title=str(meta["title"]),
            overview=str(meta.get("overview", "")),
            year=_opt_int(meta.get("year")),
            genres=tuple(meta.get("genres") or ()),
            keywords=tuple(meta.get("keywords") or ()),
            tagline=str(meta.get("tagline", "")),
            runtime=_opt_int(meta.get("runtime")),
            vote_average=_opt_float(meta.get("vote_average")),
            vote_count=_opt_int(meta.get("vote_count")),
            popularity=_opt_float(meta.get("popularity")),
            directors=tuple(meta.get("directors") or ()),
            cast=tuple(meta.get("cast") or ()),
            # Collections ingested before the flag existed: credits are known when any are stored.
            has_credits=bool(meta.get("has_credits", bool(meta.get("directors") or meta.get("cast")))),
            language=str(meta.get("language", "")),
        )


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)
