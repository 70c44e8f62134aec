"""Black and white or colour: "an old black-and-white film worth discovering", "like Casablanca but in
colour, I struggle with black and white"; and silent or with sound: "a silent comedy", "no silent films".

Before, the words were searched for: "black-and-white" found Sin City, The Giver and Miller's
Crossing (keyworded "black and white" for a scene or a look), and "in colour" kept Psycho and
Manhattan. The catalogue records no colour process, so a film's picture is read from what is sure:
- surely black and white: labelled so (a TMDB keyword or a viewers' tag: Psycho, Manhattan,
  Rashomon), or a live-action film from before 1935 (Becky Sharp, 1935, was the first feature in
  full colour);
- surely colour: an animated film, or one from 1967 on (by then every studio shot in colour) that is
  not labelled black and white.
Films in between (1935-1966: Casablanca and Vertigo alike) are not judged. What the message asks
for puts the films surely of the other kind below the rest (`Engine.order`); black and white also
draws the best-known films not surely in colour as candidates (`Engine.retrieve`): "a black and
white film" leaves nothing to search for, and the best-known films of any kind opened with Avengers:
Infinity War.

Silent films the same way ("a silent film" searched for "silent" and found The Hunt for Red October
and A Quiet Place): surely silent if labelled so (a TMDB keyword: Metropolis, The Artist, Silent Movie)
or from before 1928 (The Jazz Singer, 1927, was the first feature with synchronised dialogue); surely
with sound from 1937 on unless labelled so (Modern Times, 1936, was Chaplin's last silent; City
Lights, 1931, came between). Films in between are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.understand.reading import Reading
from ingest.movie import Movie

FIRST_COLOUR_FEATURE, ALL_COLOUR_FROM = 1935, 1967
BLACK_AND_WHITE = re.compile(
    r"\bblack[\s-]*(?:and|&|n['’]?)[\s-]*white\b|\bb\s*&\s*w\b|\bb/w\b|\bmonochrome\b", re.I
)
COLOUR = re.compile(r"\bin\s+(?:full\s+)?colou?r\b|\bcolou?r\s+(?:films?|movies?)\b", re.I)
# "I struggle with black and white", "nothing in black and white", "not black-and-white please"
REFUSED_BEFORE = re.compile(
    r"\b(?:no|not|nothing|never|without|avoid|hate|struggle\s+with|bored\s+by|skip"
    r"|can['’]?t\s+(?:stand|do|handle|get\s+into|sit\s+through)|(?:don['’]?t|do\s+not)\s+(?:like|enjoy|do)"
    r"|not\s+(?:a\s+fan\s+of|into))\s+(?:(?:anything|films?|movies?|in|old|shot\s+in)\s+){0,2}$",
    re.I,
)
_LABEL = re.compile(r"^black and white(?: and colou?r| to colou?r)?$")
LAST_SILENT_YEAR, ALL_SOUND_FROM = 1927, 1937
# "a silent film", "silent era comedies", "silents": not "the strong silent type" or "a silent killer"
# The film noun stays: "a silent film" leaves "a film" to search for, as "a black and white film" does.
SILENT = re.compile(
    r"\bsilent(?:[\s-]+(?:era|days))?(?=[\s-]+(?:films?|movies?|ones?|pictures?|cinema|classics?|comed(?:y|ies)"
    r"|horrors?|dramas?)\b)|\b(?:the\s+)?silent[\s-]+(?:era|days)\b|\bsilents\b",
    re.I,
)
_SILENT_LABEL = "silent film"


def find_picture(r: Reading) -> bool | None:
    """True when the message asks for black and white, False for colour, None when it says neither.
    The words leave the intent: searched for, they found films labelled so for one scene."""
    wanted = _asked(r, BLACK_AND_WHITE)
    for m in list(COLOUR.finditer(r.masked)):
        wanted = False
        r.take(m.start(), m.end())
    return wanted


def find_silent(r: Reading) -> bool | None:
    """True when the message asks for a silent film, False when it refuses them ("nothing silent"),
    None when it says neither. The words leave the intent, as black and white does."""
    return _asked(r, SILENT)


def _asked(r: Reading, pattern: re.Pattern[str]) -> bool | None:
    """True when the message says `pattern`, False when it refuses it ("nothing in black and white",
    "no silent films": a refusal anywhere wins), None when it says neither; the words are taken."""
    wanted: bool | None = None
    for m in list(pattern.finditer(r.masked)):
        refused = r.before(REFUSED_BEFORE, m.start(), 40)
        wanted = wanted if wanted is False else refused is None
        r.take(refused.start() if refused else m.start(), m.end())
    return wanted


def _labelled_silent(movie: Movie, tags: Sequence[str]) -> bool:
    return any(label.lower() == _SILENT_LABEL for label in (*movie.keywords, *tags))


def surely_silent(movie: Movie, tags: Sequence[str] = ()) -> bool:
    return _labelled_silent(movie, tags) or (movie.year is not None and movie.year <= LAST_SILENT_YEAR)


def surely_sound(movie: Movie, tags: Sequence[str] = ()) -> bool:
    return movie.year is not None and movie.year >= ALL_SOUND_FROM and not _labelled_silent(movie, tags)


def _labelled(movie: Movie, tags: Sequence[str]) -> bool:
    return any(_LABEL.match(label.lower()) for label in (*movie.keywords, *tags))


def surely_black_and_white(movie: Movie, tags: Sequence[str] = ()) -> bool:
    if _labelled(movie, tags):
        return True
    return movie.year is not None and movie.year < FIRST_COLOUR_FEATURE and "Animation" not in movie.genres


def surely_colour(movie: Movie, tags: Sequence[str] = ()) -> bool:
    if "Animation" in movie.genres:
        return True
    return movie.year is not None and movie.year >= ALL_COLOUR_FROM and not _labelled(movie, tags)


# What a film's picture and sound may be asked for as (`ParsedRequest.black_and_white`, `.silent`),
# each with the films surely so and those surely not (`Engine.order`, `Engine.retrieve`).
PICTURES: dict[str, tuple[Callable[[Movie, Sequence[str]], bool], Callable[[Movie, Sequence[str]], bool]]] = {
    "black_and_white": (surely_black_and_white, surely_colour),
    "silent": (surely_silent, surely_sound),
}
