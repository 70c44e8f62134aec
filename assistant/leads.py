"""Who carries a film, read from what the catalogue says of it.

The catalogue has no cast genders, but a plot summary follows its lead: "a 14-year-old farm girl sets
out to capture the killer. To aid her, she hires..." (True Grit). A film is led by a woman when its
keywords say so ("female protagonist", "action heroine") or its summary says "she" and "her" at
least twice and more often than "he" and "his". Read by hand over the catalogue's best-known
westerns and action films so led: True Grit, The Homesman, Jane Got a Gun, Hannie Caulder; Kill
Bill, Aliens, Mad Max: Fury Road, Salt, Alita. It misses leads the summary does not name (Alien's
summary is about the crew) and takes a few films whose summary follows a woman beside the hero
(Skyfall: "her past comes back to haunt her").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.movie import Movie

_HER = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
_HIS = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
_LABELS = re.compile(
    r"^(?:female (?:protagonist|hero|lead|assassin|spy|warrior|fighter|detective|agent|soldier|boxer)"
    r"|strong (?:woman|women|female(?: lead)?)|(?:action |super)?heroine|woman warrior|girl power"
    r"|female empowerment|women's empowerment)$",
    re.I,
)


def led_by_a_woman(movie: Movie, tags: Sequence[str] = ()) -> bool:
    """Whether the film's labels or its plot summary say that a woman carries it. A label counts
    where the summary does not follow a man: TMDB labels Inception "female hero" ("Cobb, a skilled
    thief ... his targets")."""
    text = " ".join((movie.overview, movie.tagline))
    hers, his = len(_HER.findall(text)), len(_HIS.findall(text))
    if hers >= 2 and hers > his:
        return True
    return his <= hers and any(_LABELS.match(label.strip()) for label in (*movie.keywords, *tags))
