"""The filter controls, turned into words the request parser already understands.

Filters and typed text then go through one path (`assistant.understand.parse_request`), so they
combine the way the same words typed by hand would, and the chat shows exactly what was asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from assistant.understand import CatalogueIndex, parse_request
from ingest.languages import name_of

# How a genre may be named; the first the parser reads both ways wins ("musical films", not "music").
_PHRASINGS = ("{genre}", "{genre} films", "{genre}s")
MIN_YEAR, MAX_YEAR = 1870, 2100  # the catalogue's own bounds (ingest.catalogue)


def genre_phrases(index: CatalogueIndex) -> dict[str, str]:
    """Genre -> a phrase that `parse_request` reads as asking for it, and as refusing it after "no".
    A genre with no such phrase is not offered: a control that silently did nothing would mislead."""
    phrases: dict[str, str] = {}
    for genre in sorted(index.genres):
        for template in _PHRASINGS:
            phrase = template.format(genre=genre.lower())
            asked = parse_request(f"films; {phrase}", index).constraints
            refused = parse_request(f"films; no {phrase}", index).constraints
            if asked.include_genres == (genre,) and refused.exclude_genres == (genre,):
                phrases[genre] = phrase
                break
    return phrases


def _year(value: float | int | None) -> int | None:
    if value is None or value != value or value == 0:  # empty (the browser sends 0) or NaN
        return None
    return min(max(int(value), MIN_YEAR), MAX_YEAR)


ANY_LANGUAGE, NOT_ENGLISH = "Any language", "Not English"


def language_choices(index: CatalogueIndex, most: int = 12) -> list[str]:
    """The language filter's options: any, not English, then the catalogue's most common original
    languages by name ("English", "Japanese", ...); only "any" when the catalogue records none."""
    if not index.languages:
        return [ANY_LANGUAGE]
    names: Counter[str] = Counter()
    for code, films in index.language_counts.items():
        names[name_of(code)] += films  # "no" and "nb" are both Norwegian
    return [ANY_LANGUAGE, NOT_ENGLISH, *(name for name, _ in names.most_common(most))]


def language_words(choice: str | None) -> str:
    """ "Korean" -> "in Korean", "Not English" -> "not in English": words `parse_request` reads."""
    if not choice or choice == ANY_LANGUAGE:
        return ""
    return "not in English" if choice == NOT_ENGLISH else f"in {choice}"


def filter_words(
    year_from: float | int | None,
    year_to: float | int | None,
    include: Sequence[str] | None,
    exclude: Sequence[str] | None,
    phrases: Mapping[str, str],
    language: str | None = None,
) -> str:
    """E.g. "from 1990 to 1999, comedy, no horror, in Korean"; "" when no filter is set."""
    lo, hi = _year(year_from), _year(year_to)
    parts = []
    if lo is not None and hi is not None:
        parts.append(f"from {lo} to {hi}")
    elif lo is not None:
        parts.append(f"since {lo}")
    elif hi is not None:
        parts.append(f"until {hi}")
    # Wanted genres before refused ones: "no horror, comedy" would read as refusing both.
    parts += [phrases[g] for g in include or () if g in phrases]
    parts += [f"no {phrases[g]}" for g in exclude or () if g in phrases]
    parts.append(language_words(language))
    return ", ".join(p for p in parts if p)


def with_filters(message: str, words: str) -> str:
    """The message as sent: what was typed, then the filters after a clause break."""
    message = message.strip()
    if not words:
        return message
    return f"{message}; {words}" if message else words
