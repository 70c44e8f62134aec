"""Matching film names from other datasets ("Title (Year)", as ReDial writes them) to catalogue `Movie`s.

`normalise_title` (request understanding's one title normaliser, `assistant.understand.titles`) folds
away what varies between sources without changing which film is meant: case, accents, punctuation, a
leading or trailing English article ("The Matrix", "Matrix, The") and "&".
`TitleMatcher.match` then tries, most certain first: normalised title and the same year; year ±1
(release years differ by a year between databases: festival versus theatrical release); the title
alone when the name carries no year and the catalogue holds one film of that title; and last a
fuzzy title match within the same year (rapidfuzz ratio >= 85, and one title's words all in the
other's), for added words such as "3D" or "Part 2".

A title alone is never trusted when the name does carry a year: a year two or more off is a remake
or another film of the same name ("Halloween (2007)" is not the 1978 film).

Measured against the shipped catalogue of 11,809 films (TMDB 5000 and TMDB's top 10,000): 4,110 of
ReDial's 6,924 distinct films match (59.4%), 88.1% weighted by mentions. Earlier, against TMDB 5000
alone (4,799 films):
- ReDial's 6,924 distinct films (movies_with_mentions.csv): 2,724 match (39.3%): 2,487 by title and
  year, 58 by year +-1, 169 by a yearless title, 10 fuzzy (9 right on inspection; "Battle of Los
  Angeles (2011)", a mockbuster, wrongly takes "Battle: Los Angeles"). Weighted by their 80,109
  mentions, 59.4% match: people mostly talk about the popular films TMDB 5000 holds.
- ReDial test split: 4,991 of its 8,521 @-mentions in messages (58.6%) match.
So the data README's "about 55%" holds for mentions; over distinct films the rate is 39%. Of the
distinct films left unmatched, 386 share a title with exactly one catalogue film but not its year:
mostly remakes ("Ghostbusters (1984)" against the 2016 film), rightly refused, but also ReDial's own
mislabels ("Titanic (2012)", a TV series picked where people meant 1997), which we lose by design.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import unquote

from rapidfuzz import fuzz, process

from assistant.understand.titles import normalise_title
from ingest.movie import Movie

_NAME_WITH_YEAR = re.compile(r"^(?P<title>.*?)\s*\((?P<year>\d{4})\)\s*$")

FUZZY_THRESHOLD = 85.0


def parse_name(name: str) -> tuple[str, int | None]:
    """ "Police Academy  (1984)" -> ("Police Academy", 1984); "American Pie " -> ("American Pie", None)."""
    # ReDial stores some names URL-encoded ("Dude, Where's My Car%3F (2000)").
    found = _NAME_WITH_YEAR.match(unquote(name).strip())
    if found is None:
        return " ".join(unquote(name).split()), None
    return " ".join(found["title"].split()), int(found["year"])


def _compact(normalised: str) -> str:
    # Spaces removed so "Spider-Man" and "Spiderman" share a key.
    return normalised.replace(" ", "")


class TitleMatcher:
    """Finds the catalogue film a "Title (Year)" name means, or None. Results are cached per name."""

    def __init__(self, movies: Iterable[Movie], *, fuzzy_threshold: float = FUZZY_THRESHOLD) -> None:
        self.fuzzy_threshold = fuzzy_threshold
        self._by_key: dict[str, list[Movie]] = defaultdict(list)
        self._by_year: dict[int, list[tuple[str, Movie]]] = defaultdict(list)
        for movie in movies:
            normalised = normalise_title(movie.title)
            self._by_key[_compact(normalised)].append(movie)
            if movie.year is not None:
                self._by_year[movie.year].append((normalised, movie))
        self._cache: dict[str, Movie | None] = {}

    def match(self, name: str) -> Movie | None:
        if name not in self._cache:
            title, year = parse_name(name)
            self._cache[name] = self.match_title(title, year)
        return self._cache[name]

    def match_title(self, title: str, year: int | None) -> Movie | None:
        normalised = normalise_title(title)
        if not normalised:
            return None
        same_title = self._by_key.get(_compact(normalised), [])
        if year is None:
            return same_title[0] if len(same_title) == 1 else None
        for distance in (0, 1):
            close = [m for m in same_title if m.year is not None and abs(m.year - year) == distance]
            if close:
                # Two catalogue films of one title and year: the one more people rated is likelier meant.
                return max(close, key=lambda m: m.vote_count or 0)
        return self._fuzzy(normalised, year)

    def _fuzzy(self, normalised: str, year: int) -> Movie | None:
        candidates = self._by_year.get(year)
        if not candidates:
            return None
        words = set(normalised.split())
        for _title, _score, index in process.extract(
            normalised,
            [title for title, _ in candidates],
            scorer=fuzz.ratio,
            score_cutoff=self.fuzzy_threshold,
            limit=5,
        ):
            # Spelling alone is not enough: "The Blair Bitch Project" is a parody of the Blair Witch
            # Project, "The Prisoner" is not "Prisoners". One title's words must all be in the other's,
            # so only added words ("3D", "Part 2", "Very") are forgiven.
            other = set(candidates[index][0].split())
            if words <= other or other <= words:
                return candidates[index][1]
        return None
