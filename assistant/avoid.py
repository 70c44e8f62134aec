"""What the person asked not to see, as words: "nothing gory", "a war film that isn't about WWII",
"a sports film that isn't about boxing". A film whose plot, tagline, keywords or viewers' tags say
the word (in any of its forms) is pushed down the order (`AVOID_PENALTY`), not removed: a plot can
say "blood" of a family. A film labelled with it (a keyword or viewers' tag: Rocky's "boxer")
goes below every film that is not: a label says what the film is about.

A word matches its forms, not every word that holds it: "boxing" also finds a "boxer", and "war"
no longer finds "Stewart" or "award". Some words name what catalogues say another way ("WWII" is
"world war ii"; "gory" is also "gore"), and "anime" is what Japanese animation is, whatever its
plot says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.movie import Movie

# "nothing gory" should also keep films tagged "gore" away: the word, and what catalogues say instead.
_VIOLENCE = ("violen", "gore", "gory", "brutal", "torture", "massacre", "serial killer", "slasher")
_SPACESHIPS = ("space", "starship", "astronaut")  # "space" also finds "spaceship", "spacecraft"
_WORLD_WAR_II = ("world war ii", "second world war", "wwii", "ww2")
_WORLD_WAR_I = ("world war i", "first world war", "great war", "wwi", "ww1")
AVOID_SYNONYMS = {
    "gory": ("gore", "gory", "blood"),
    "bloody": ("blood", "gore"),
    "violent": _VIOLENCE,
    "violence": _VIOLENCE,
    "scary": ("scary", "terrif", "horror"),
    "sad": ("sad", "tragic", "grief"),
    "depressing": ("depress", "tragic", "suicide"),
    "sex": ("sex", "erotic", "nudity"),
    "sexy": ("sex", "erotic", "nudity"),
    "spaceship": _SPACESHIPS,
    "spaceships": _SPACESHIPS,
    "wwii": _WORLD_WAR_II,
    "ww2": _WORLD_WAR_II,
    "wwi": _WORLD_WAR_I,
    "ww1": _WORLD_WAR_I,
    "world war ii": _WORLD_WAR_II,
    "world war i": _WORLD_WAR_I,
}
AVOID_PENALTY = 2.0  # subtracted from the order's (z-scored) score of a film with an avoided word

_SUFFIXES = ("ings", "ing", "ers", "er", "es", "ed", "s")
_SHORT_ROOT = 3  # "war", "box", "gun": such a root must end its word (or take a suffix)
_FORMS = "(?:s|es|ing|ings|er|ers|ed)?"


def word_root(word: str) -> str:
    """`word` without its inflection: "boxing", "boxer" -> "box"; "zombies" -> "zombi"; "running"
    -> "run". Never shorter than three letters."""
    for suffix in _SUFFIXES:
        root = word.removesuffix(suffix)
        if root != word and len(root) >= _SHORT_ROOT:
            if len(root) > _SHORT_ROOT and root[-1] == root[-2] and root[-1] not in "aeiouls":
                root = root[:-1]  # "running" -> "run", but "dressing" stays "dress"
            return root
    return word


def _pattern(word: str) -> str:
    if " " in word:  # a phrase ("found footage", "world war ii"): the phrase itself, as words
        return rf"\b{re.escape(word.removesuffix('s'))}s?\b"
    root = word_root(word)
    if len(root) > _SHORT_ROOT:
        return rf"\b{re.escape(root)}"  # a word that starts with it: "zombi" -> "zombie", "zombies"
    # A short root must be the word, or the word with its doubled last letter and a suffix.
    return rf"\b(?:{re.escape(word)}|{re.escape(root)}{re.escape(root[-1])}?{_FORMS})\b"


def avoid_patterns(words: Sequence[str]) -> tuple[str, ...]:
    """The regular expressions that find the avoided words (and what catalogues say instead)."""
    patterns: list[str] = []
    for word in words:
        patterns += [_pattern(w) for w in AVOID_SYNONYMS.get(word, (word,))]
    return tuple(dict.fromkeys(patterns))


def _implied(movie: Movie) -> str:
    return "anime" if movie.language == "ja" and "Animation" in movie.genres else ""


def labelled(movie: Movie, patterns: Sequence[str], tags: Sequence[str] = ()) -> bool:
    """Whether the film is labelled with an avoided word: a keyword, a viewers' tag, or what it
    is ("anime"). A label says what the film is about; a plot's word may be in passing."""
    text = " | ".join((*movie.keywords, *tags, _implied(movie))).lower()
    return any(re.search(p, text) for p in patterns)


def plot_says(movie: Movie, patterns: Sequence[str]) -> bool:
    """Whether the film's plot or tagline says an avoided word (perhaps in passing)."""
    text = " ".join((movie.overview, movie.tagline)).lower()
    return any(re.search(p, text) for p in patterns)


def mentions_any(movie: Movie, patterns: Sequence[str], tags: Sequence[str] = ()) -> bool:
    """Whether the film's plot, tagline or labels say an avoided word."""
    return plot_says(movie, patterns) or labelled(movie, patterns, tags)
