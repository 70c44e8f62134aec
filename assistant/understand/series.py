"""Series and franchises, known from the catalogue itself, and how a message rules one out or names it.

No hand-written list of franchises: a series is whatever the catalogue ties to a name.
- titles that carry the name ("Harry Potter and the ...", "Rogue One: A Star Wars Story", "Jason Bourne");
- TMDB keywords that carry it ("marvel cinematic universe", "marvel comic");
- overviews that name it, capitalised as a name is ("Bond has left active service", "Jedi"), or
  call it by another of its names, learnt from its films' plots ("007", "Darth Vader");
- and, for films found through a keyword or an overview, the films sharing their title stem
  ("Thor" brings "Thor: Ragnarok", "Iron Man 2" brings "Iron Man"): the second source's films carry
  no keywords, so their titles are what ties them to a franchise.
Ruling a series out is a hard constraint (`RequestConstraints.excluded_films`), so it errs on the
side of leaving a film out: a documentary about Star Wars goes with "no Star Wars".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence

from assistant.understand.titles import title_key
from ingest.movie import Movie

MIN_MEMBERS = 2  # one film is a film, not a series
# Another name of a series ("007" for Bond): said by this many of its films' plots, and by few others.
ALIAS_MIN_MEMBERS = 3
# Names fans shorten, which no plot says: "skip the MCU", "no LOTR"
SHORT_NAMES = {
    "mcu": "marvel",
    "marvel cinematic universe": "marvel",
    "dceu": "dc",
    "dc extended universe": "dc",
    "lotr": "lord of the rings",
    "hp": "harry potter",
    "f and f": "fast and furious",  # "F&F"
}
ALIAS_PRECISION = 0.7
# Names learnt in rounds: Return of the Jedi joins by "Darth Vader", then "Luke Skywalker" is the
# series' own name too, which brings The Empire Strikes Back.
ALIAS_ROUNDS = 3
# Code names in plots: "007", "MI6", "R2-D2" (a digit in them, or all capitals), and characters'
# full names ("Luke Skywalker", "Darth Vader": The Empire Strikes Back and Return of the Jedi carry
# no "Star Wars" in title or keywords). Plain capitalised words are too often someone else's name
# too ("Wayne" brings Wayne's World to Batman).
NAME_TOKEN = re.compile(
    r"(?<![\w-])(?:[A-Z\d][\w-]*\d[\w-]*|\d+[A-Za-z]*|[A-Z]{2,}\d*|[A-Z][a-z]+ [A-Z][a-z]{2,})(?![\w-])"
)
_TRAILING_NUMBER = re.compile(r"\s+(?:\d{1,2}|i{1,3}|iv|v|vi{0,3}|part\s+\w+|chapter\s+\w+)$")


def title_stem(title: str) -> str:
    """What a franchise's titles share: "Thor: Ragnarok" -> "thor", "Iron Man 2" -> "iron man"."""
    head = title.split(":", 1)[0] if ":" in title else title
    key = _TRAILING_NUMBER.sub("", title_key(head))
    return key.removeprefix("the ").removeprefix("a ") or key


class SeriesIndex:
    """Which catalogue films belong to a named series, decided once per name and kept."""

    def __init__(self, movies: Sequence[Movie]) -> None:
        self._movies = list(movies)  # most-voted first
        self._title_keys = [f" {title_key(m.title)} " for m in self._movies]
        self._by_stem: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(self._movies):
            self._by_stem[title_stem(m.title)].append(i)
        self._keywords: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(self._movies):
            for keyword in m.keywords:
                self._keywords[f" {title_key(keyword)} "].append(i)
        # One string of every overview: a name is searched once, not film by film.
        self._overviews = "\n".join(m.overview.replace("\n", " ") for m in self._movies)
        self._starts = [0]
        for m in self._movies[:-1]:
            self._starts.append(self._starts[-1] + len(m.overview) + 1)
        self._members: dict[str, tuple[Movie, ...]] = {}
        self._name_tokens: dict[str, set[int]] | None = None

    def starts_titles(self, key: str) -> bool:
        """Whether at least two titles begin with these words (after an article)."""
        padded = f" {key} "
        starts = (f" {key} ", f" the {key} ", f" a {key} ")
        return sum(1 for title in self._title_keys if padded in title and title.startswith(starts)) >= 2

    def members(self, name: str) -> tuple[Movie, ...]:
        """The films of the series called `name`, most-voted first; () when the catalogue knows none."""
        key = title_key(name).removeprefix("the ")
        key = SHORT_NAMES.get(key, key)
        if key not in self._members:
            self._members[key] = self._find(key, name)
        return self._members[key]

    def carrying_on(self, movie: Movie) -> tuple[Movie, ...]:
        """`movie` and the films that carry its title on, most-voted first: "The Matrix Reloaded",
        "Terminator 2: Judgment Day" (its title's stem and more); not a film titled the bare stem
        ("Heat" goes on no title of "The Heat")."""
        key, stem = title_key(movie.title), title_stem(movie.title)
        rows = {i for i in self._by_stem.get(stem, ()) if title_key(self._movies[i].title) != stem}
        rows |= {i for i, title in enumerate(self._title_keys) if title.startswith(f" {key} ")}
        return tuple(self._movies[i] for i in sorted(rows)) or (movie,)

    def _films_naming(self, token: str) -> set[int]:
        if self._name_tokens is None:  # built on first use: most sessions never rule a series out
            self._name_tokens = defaultdict(set)
            for i, m in enumerate(self._movies):
                for name in NAME_TOKEN.findall(m.overview):
                    self._name_tokens[name].add(i)
        return self._name_tokens.get(token, set())

    def _by_other_names(self, members: set[int]) -> set[int]:
        """Films that call the series by another of its names, learnt from its members' plots: Bond
        films say "Agent 007" as often as "Bond", so "007" is a name of the series when most films
        whose plots say it are already members (and at least ALIAS_MIN_MEMBERS say it)."""
        if len(members) < ALIAS_MIN_MEMBERS:
            return set()
        counts: dict[str, int] = defaultdict(int)
        for i in members:
            for token in set(NAME_TOKEN.findall(self._movies[i].overview)):
                counts[token] += 1
        extra: set[int] = set()
        for token, n in counts.items():
            if n >= ALIAS_MIN_MEMBERS:
                naming = self._films_naming(token)
                if len(naming & members) / len(naming) >= ALIAS_PRECISION:
                    extra |= naming
        return extra - members

    def _find(self, key: str, name: str) -> tuple[Movie, ...]:
        if not key:
            return ()
        padded = f" {key} "
        found = {i for i, title in enumerate(self._title_keys) if padded in title}
        indirect = {i for keyword, ids in self._keywords.items() if padded in keyword for i in ids}
        # An overview names a series the way a name is written: capitalised ("Bond", "Jedi").
        spelled = r"\s+".join(re.escape(w[:1].upper() + w[1:]) for w in name.split())
        # The name leads the pattern (a literal prefix makes the scan fast); the word boundary before
        # it is checked by hand.
        for m in re.finditer(rf"{spelled}(?![\w-])", self._overviews):
            if m.start() == 0 or not (
                self._overviews[m.start() - 1].isalnum() or self._overviews[m.start() - 1] in "-_"
            ):
                indirect.add(bisect_right(self._starts, m.start()) - 1)
        for i in list(indirect - found):
            indirect.update(self._by_stem.get(title_stem(self._movies[i].title), ()))
        for _ in range(ALIAS_ROUNDS):  # a film found by one name lets another name count
            if not (more := self._by_other_names(found | indirect)):
                break
            indirect |= more
        members = sorted(found | indirect)
        return tuple(self._movies[i] for i in members) if len(members) >= MIN_MEMBERS else ()


# "Predator 2", "Rocky II", "Back to the Future Part II", "Kill Bill: Vol. 2": the title numbered on
_NUMBERED = re.compile(r"\s+(?:\d{1,2}|i{2,3}|iv|v|vi{0,3}|part\s+\w+|chapter\s+\w+|vol(?:ume|\.)?\s+\w+)$")


def carried_on(movies: Iterable[Movie]) -> tuple[frozenset[str], frozenset[str]]:
    """(the ids of the sequels and prequels, the ids of the remakes and reboots) the catalogue tells
    (`sequels.py` says how)."""
    movies = list(movies)
    by_title: dict[str, list[Movie]] = {}  # a title (as a key) -> its films
    for m in movies:
        by_title.setdefault(title_key(m.title), []).append(m)
    sequels, remakes = set(), set()
    for m in movies:
        tags = {k.lower() for k in m.keywords}
        if tags & {"remake", "reboot"}:
            remakes.add(m.id)
        key = title_key(m.title)
        head = title_key(m.title.split(":", 1)[0]) if ":" in m.title else key
        earlier = [e for name in {_NUMBERED.sub("", key), head} - {key} for e in by_title.get(name, ())]
        if tags & {"sequel", "prequel"} or any(_goes_on(e, m) for e in earlier):
            sequels.add(m.id)
    return frozenset(sequels), frozenset(remakes)


def _goes_on(first: Movie, then: Movie) -> bool:
    """Whether `then` can carry `first` on: made after it, and of a kind it shares ("Super 8" carries
    no comedy called "Super" on)."""
    kinds = set(first.genres) & set(then.genres) or not (first.genres and then.genres)
    return bool(first.year and then.year and first.year < then.year and kinds)
