"""Sequels, prequels and remakes ruled out: "action but no sequels", "a horror film that isn't a
remake", "originals only, no reboots".

Before, the words were read as nothing (the intent kept "action but") and sequels came back. Now
ruling them out is a hard constraint (`RequestConstraints.excluded_films`), like a series ruled out,
with the films the catalogue can tell are such (`series.carried_on`):
- a sequel or prequel: tagged so by its TMDB keywords ("sequel", "prequel"), or numbered after the
  title of an earlier film of a shared genre ("Predator 2", "Rocky II", "Back to the Future Part
  II"), or titled as one is plus a subtitle ("Thor: Ragnarok" after "Thor"). A number that is part
  of a title ("12 Angry Men", "Apollo 13", "Super 8") carries on no earlier film and stays;
- a remake or reboot: tagged so by its keywords.
A sequel titled on its own ("The Dark Knight", "Aliens") carries no sign of the film before it (the
catalogue records no collections; tried and left: a rare name shared with an earlier film's plot
flagged first names, places and real people as often as sequels, and the members of every series
the catalogue can name (`SeriesIndex.members`) flagged 1,983 more films, most by a common word), so
a notice says what could not be told.
"""

from __future__ import annotations

import re

from assistant.understand.reading import Reading

_KINDS = r"(?P<kind>sequels?|prequels?|remakes?|reboots?|follow[\s-]ups?|part\s+(?:twos?|2s?))"
RULED_OUT = re.compile(
    r"\b(?:no(?:\s+more)?|not|nothing|never|without|skip|avoid|minus|excluding|anything\s+but|except|other\s+than"
    r"|(?:is|are)n['’]?t|(?:is|are)\s+not|sick\s+of|tired\s+of)\s+(?:(?:a|an|any|the|all|those)\s+)?"
    rf"{_KINDS}\b"
    r"|\b(?:originals?\s+only|only\s+originals?)\b",
    re.I,
)
# What the catalogue cannot tell, said: a sequel titled on its own ("The Dark Knight", "Aliens")
# carries no sign of the film before it, and the second source's films carry no keywords.
NOTICES = {
    "sequel": "I left out the sequels the catalogue can tell (numbered or subtitled titles, films tagged a "
    "sequel); one titled on its own, like The Dark Knight, it cannot.",
    "remake": "I left out the remakes the catalogue knows of, but it cannot tell every remake.",
}


def find_ruled_out(r: Reading) -> set[str]:
    """ "sequel" and/or "remake" for each kind the message rules out ("originals only": both); the
    phrase is taken out of the intent."""
    kinds = set()
    for m in list(RULED_OUT.finditer(r.masked)):
        kind = (m.group("kind") or "original").lower()
        if kind.startswith(("remake", "reboot")):
            kinds.add("remake")
        elif kind.startswith("original"):
            kinds |= {"sequel", "remake"}
        else:
            kinds.add("sequel")
        r.take(m.start(), m.end())
    return kinds
