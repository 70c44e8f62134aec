"""Wishes the catalogue cannot check: a studio ("not Pixar", "a Studio Ghibli film"), a streaming
service ("on Netflix"), and a language ("a Korean thriller", "with subtitles") in a catalogue that
records none (the shipped one does: `languages.py` reads those wishes as constraints). A studio
refused where the catalogue records studios is ruled out (`studios.py`), with a notice of what the
records do not cover.

TMDB's plots and genres do not say who made a film or where it streams, so no filter can hold such
a wish. The words still guide the search (a plot may say "Paris"),
but the person is told in one short notice that the picks may break it, instead of being shown
Up and Inside Out after "not Pixar" with no word said.
"""

from __future__ import annotations

import re

from assistant.understand.reading import Reading
from assistant.understand.studios import STUDIO_NAME
from assistant.understand.vocabulary import LANGUAGES, STUDIOS

# "not Disney or Pixar", "no Disney, Pixar or DreamWorks": the names after a refused one
_GAP = r"\s*(?:,|/|&|\bor\b|\bnor\b|\band\b)(?:\s*(?:or|and|nor)\b)?\s*(?:from\s+|by\s+)?"
STUDIO_LIST_GAP = re.compile(_GAP, re.I)
# "no Pixar", "no more Pixar", "skip the Disney stuff", "anything but DreamWorks"
_REFUSING = (
    r"(?:no(?:\s+more)?|not|nothing|never|without|anything\s+but|except|besides|isn['’]t|aren['’]t|skip|avoid"
    r"|minus|excluding|other\s+than|apart\s+from|enough\s+(?:of|with)|sick\s+of|tired\s+of)(?:\s+the)?"
)
REFUSED_STUDIOS_BEFORE = re.compile(
    rf"\b{_REFUSING}\s+(?:from\s+|by\s+)?(?:{STUDIOS})(?:{_GAP}(?:{STUDIOS}))*{_GAP}$",
    re.I,
)

SERVICES = (
    r"netflix|hulu|amazon(?:\s+prime)?|prime\s+video|disney\s*(?:\+|plus)|hbo(?:\s+max)?|"
    r"apple\s+tv\+?|peacock|paramount\s*(?:\+|plus)|mubi|criterion\s+channel|tubi|youtube"
)
_KIND = (
    r"(?:\s+(?:[a-z-]+\s+){0,2}?)"  # "a Korean revenge thriller": up to two words between
    r"(?:films?|movies?|cinema|dramas?|comed(?:y|ies)|thrillers?|horrors?|animes?)\b"
)
STUDIO = re.compile(
    rf"\b(?P<neg>{_REFUSING}\s+"
    rf"(?:from\s+|by\s+|a\s+|an\s+)?)?"
    rf"(?P<name>{STUDIOS})\b(?!\s*(?:\+|plus\b))(?P<made>\s+(?:films?|movies?|animations?|studios?|style|kind))?",
    re.I,
)
# "Disney" can mean the studio or the service: "on Disney", "Disney+" say which.
ONLY_SERVICES = (
    r"netflix|hulu|disney\s*(?:\+|plus\b)|hbo\s+max|prime\s+video|apple\s+tv\+|paramount\s*(?:\+|plus\b)|mubi"
)
SERVICE = re.compile(
    rf"\b(?:on|streaming\s+on|available\s+on)\s+(?P<name>{SERVICES})\b|(?P<only>\b(?:{ONLY_SERVICES}))",
    re.I,
)
LANGUAGE = re.compile(
    rf"\b(?P<name>(?:{LANGUAGES})(?:-language)?){_KIND}"
    rf"|\b(?:in|spoken\s+in)\s+(?P<spoken>{LANGUAGES})\b(?!\s+(?:revolution|riviera|alps|army|war))"
    r"|\b(?P<foreign>foreign(?:[-\s]language)?\s+(?:films?|movies?)|subtitled|with\s+subtitles)\b",
    re.I,
)


def find_unsupported(r: Reading) -> list[str]:
    """One notice per kind of wish the catalogue cannot check. Titles and names are read (and
    masked) before this runs, so "The French Connection" or "Neon Demon" never reach it."""
    text = r.masked
    said: list[str] = []
    for m in SERVICE.finditer(text):
        service = m.group("name") or m.group("only")
        said.append(
            f"I don't know what is streaming where, so I couldn't check \"{service}\": "
            "these picks may not be there."
        )
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
        break
    refused: list[tuple[str, re.Match[str]]] = []  # studios ruled out, where their films are recorded
    for m in STUDIO.finditer(text):
        name = m.group("name")
        if name.lower() in (
            "neon",
            "illumination",
            "hammer films",
            "searchlight",
            "independent",
        ) and not m.group("made"):
            continue  # "neon lights", "an independent woman": the studio only when "film" follows
        listed = (
            bool(refused) and STUDIO_LIST_GAP.fullmatch(text[refused[-1][1].end() : m.start()]) is not None
        ) or REFUSED_STUDIOS_BEFORE.search(r.text, 0, m.start()) is not None  # "no Disney" read as a series
        if r.index.studios and (m.group("neg") or listed):  # "not from Disney or Pixar": both
            refused.append((name, m))
            continue
        if refused:
            break
        if m.group("neg"):
            said.append(
                f"The catalogue doesn't record studios, so I couldn't leave out {name} films: "
                "some picks may be theirs."
            )
        elif r.index.studios:  # "a DreamWorks animated comedy": theirs first, as far as recorded
            r.studios.append(name)
            said.append(
                f"I put first the {name} films the catalogue records; its newer films (mostly after "
                "2016) have no studio on record."
            )
        else:
            said.append(f'The catalogue doesn\'t record studios, so "{name}" only guided the search.')
        break
    # "no Disney": read as a series (the films its keywords name); its studio's films go too
    series = [name for name in r.excluded_series if STUDIO_NAME.fullmatch(name)] if r.index.studios else []
    if refused or series:
        said.append(_left_out(r, refused, series))
    for m in LANGUAGE.finditer(text if not r.index.languages else ""):
        phrase = m.group("name") or m.group("spoken") or m.group("foreign")
        said.append(
            f'The catalogue doesn\'t record languages or countries, so "{phrase.strip()}" '
            "only guided the search."
        )
        break
    return said


def _left_out(r: Reading, refused: list[tuple[str, re.Match[str]]], series: list[str]) -> str:
    """Rule out the refused studios' recorded films (and their series); the notice says what the
    records cannot: the catalogue's newer films have none."""
    names = list(dict.fromkeys([*series, *(name for name, _ in refused)]))
    for name in names:
        r.excluded_films.update(r.index.studios.films_of(name))
    if refused:  # "Disney" searched for would bring their unrecorded films closer
        r.take(refused[0][1].start(), refused[-1][1].end())
    which = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
    return (
        f"I left out the {which} films the catalogue records; its newer films (mostly after 2016) "
        "have no studio on record, so one of theirs may still show."
    )
