"""Film movements and national styles, read as the years, languages and genres they stand for: "a
film noir" is a crime film of 1940-1959, "a French New Wave film" a French film of 1958-1970, "a
giallo" an Italian thriller of 1963-1987.

The words alone found other things: "a film noir" opened with Pulp Fiction (its viewers tag it
"noir"), "a giallo" with Luca (Italian for "yellow" is nowhere in its plot), "a French New Wave film"
with Léon and Amélie. The classic noirs (The Maltese Falcon, The Big Sleep, The Third Man) carry no
keywords in the catalogue's second source, so nothing but their years and genres can find them.

A movement's years hold only where the message gives none; where it gives some, the two meet ("a film
noir from the 50s"), or the message's own win when they do not ("a 90s film noir"). Its language
holds where the message names none. A notice says how it was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.languages import name_of


@dataclass(frozen=True)
class Movement:
    name: str  # as the notice says it
    years: tuple[int | None, int | None]
    languages: tuple[str, ...] = ()  # ISO 639-1, as the catalogue records original languages
    genres: tuple[str, ...] = ()  # TMDB genres a film of it always has


# Most particular first: "neo-noir" and "Nordic noir" before "noir".
_MOVEMENTS: list[tuple[str, Movement]] = [
    (r"neo[\s-]?noirs?", Movement("neo-noir", (1960, None))),
    (
        r"(?:nordic|scandi(?:navian)?)[\s-]+noirs?",
        Movement("Nordic noir", (None, None), ("sv", "da", "no", "fi", "is")),
    ),
    (r"(?:classic\s+)?(?:film[\s-]+)?noirs?", Movement("film noir", (1940, 1959))),
    # not "a new wave of zombies": French, or a film of it
    (
        r"french\s+new\s+wave|nouvelle\s+vague|new\s+wave\s+(?:films?|movies?|cinema|classics?)",
        Movement("the French New Wave", (1958, 1970), ("fr",)),
    ),
    (r"(?:italian\s+)?neo[\s-]?realis[mt]", Movement("Italian neorealism", (1943, 1956), ("it",))),
    (r"spaghetti\s+westerns?", Movement("the spaghetti western", (1960, 1979), (), ("Western",))),
    (r"giall[oi]", Movement("giallo", (1963, 1987), ("it",))),
    (r"german\s+expressionis[mt]", Movement("German expressionism", (1919, 1933), ("de",))),
    (r"new\s+hollywood", Movement("New Hollywood", (1967, 1982), ("en",))),
    (r"pre[\s-]?code(?:\s+hollywood)?", Movement("pre-Code Hollywood", (1929, 1934), ("en",))),
    (
        r"(?:classic\s+)?hollywood['’]?s?\s+golden\s+age|golden[\s-]+age\s+(?:of\s+)?hollywood",
        Movement("Hollywood's golden age", (1930, 1959), ("en",)),
    ),
    (r"j[\s-]?horror", Movement("J-horror", (None, None), ("ja",), ("Horror",))),
    (r"wuxia", Movement("wuxia", (None, None), ("zh", "cn"))),
]
_RULES = [(re.compile(rf"\b(?:{pattern})\b", re.I), movement) for pattern, movement in _MOVEMENTS]


def find_movement(text: str) -> Movement | None:
    """The first movement the message names, or None."""
    return next((movement for rule, movement in _RULES if rule.search(text)), None)


def movement_years(
    movement: Movement, year_min: int | None, year_max: int | None
) -> tuple[int | None, int | None]:
    """The years to hold: the movement's where the message gives none, both where they meet, the
    message's own where they do not ("a 90s film noir")."""
    lo, hi = movement.years
    if year_min is None and year_max is None:
        return lo, hi
    low = max(y for y in (lo, year_min) if y is not None) if lo is not None or year_min is not None else None
    high = min(y for y in (hi, year_max) if y is not None) if hi is not None or year_max is not None else None
    if low is not None and high is not None and low > high:
        return year_min, year_max
    return low, high


def notice(movement: Movement, years: tuple[int | None, int | None], languages: tuple[str, ...]) -> str:
    """ "I read film noir as films of 1940-1959.", "I read giallo as Italian films of 1963-1987." """
    spoken = " or ".join(dict.fromkeys(name_of(code) for code in languages))
    kind = " ".join(p for p in (spoken, movement.genres[0].lower() if movement.genres else "") if p)
    lo, hi = years
    when = (
        f" of {lo}-{hi}" if lo is not None and hi is not None else f" from {lo} on" if lo is not None else ""
    )
    when = when or (f" up to {hi}" if hi is not None else "")
    return f"I read {movement.name} as {kind + ' ' if kind else ''}films{when}."
