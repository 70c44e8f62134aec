"""Genres asked for and refused ("a comedy, no romance", "anything but horror")."""

from __future__ import annotations

import re

from assistant.understand.moods import THAN_BEFORE
from assistant.understand.reading import Reading
from assistant.understand.vocabulary import (
    ANYTHING_BUT_BEFORE,
    CLAUSE_END,
    EITHER_GAP,
    GENRE_WORD,
    GENRE_WORDS,
    KEEP_BEFORE,
    KEPT_OUT_AFTER,
    LANGUAGE_WORD,
    NAMED_WAR,
    NOT_A_REFUSAL,
    REFUSAL_AFTER,
    REFUSAL_BEFORE,
    REFUSED_LIST_GAP,
    genre_styles,
)

# Said of the films wanted, not of a scene: "live-action only", "a live action fairy tale".
LIVE_ACTION = re.compile(r"\blive[\s-]+action(?![\s-]+(?:scenes?|sequences?|segments?|parts?))\b", re.I)
# "not the Italian mafia", "no French comedies": one people's kind refused, not the genre (the
# language reader or the avoided words take it).
_A_PEOPLES_KIND = re.compile(rf"\b{LANGUAGE_WORD.pattern}\s+$", re.I)
# "a horror movie that's not too scary": less of it, not none
_SOFTENED = re.compile(r"\b(?:too|overly)\s+", re.I)
# Kinds within a genre, by their subject: "korean horror but not zombies" refuses zombies, not horror.
# A genre's own name or its feel ("no horror", "spooky but not actually scary") still contradicts it.
_A_KIND_OF_IT = re.compile(
    r"zombies?|slashers?|ghost[\s-]+stor(?:y|ies)|haunted[\s-]+houses?|space[\s-]+operas?|cyberpunk"
    r"|cartoons?|anime|gangsters?|mafia|mob|mobsters?|fairy[\s-]+tales?|sword[\s-]+and[\s-]+sorcery|musicals?",
    re.I,
)


_NON = re.compile(r"\bnon[\s-]?$", re.I)


def _refusal_start(
    r: Reading, m: re.Match[str], previous: tuple[re.Match[str], int | None] | None
) -> int | None:
    """Where the words refusing the genre word at m begin ("no", "but not", "anything but"), or None."""
    if cue := r.before(ANYTHING_BUT_BEFORE, m.start()):
        return cue.start()
    window = max(0, m.start() - 60)
    cut = max((c.end() for c in CLAUSE_END.finditer(r.masked, window, m.start())), default=window)
    if not NOT_A_REFUSAL.search(r.masked, cut, m.start()) and (
        cue := REFUSAL_BEFORE.search(r.masked, cut, m.start())
    ):
        return cue.start()
    if previous and previous[1] is not None:  # "no horror, romance or comedy"; "no horror, comedy please"
        gap, after = r.masked[previous[0].end() : m.start()], r.masked[m.end() : m.end() + 12]
        if REFUSED_LIST_GAP.match(gap) and (
            re.search(r"\b(?:or|nor)\b", gap) or re.match(r"\s*,?\s*n?or\b", after)
        ):
            return previous[0].end()
    return None


def find_genres(r: Reading) -> tuple[list[str], list[str]]:
    hits: list[tuple[re.Match[str], int | None]] = []
    ends: dict[int, int] = {}  # where a refusal written after the genre word ends ("horror-free")
    styles = genre_styles(r.masked)
    staged = False  # "a fake documentary", "documentary-style": fiction, so no documentaries
    for m in GENRE_WORD.finditer(r.masked):
        if any(a <= m.start() < b for a, b in styles):
            staged = staged or "Documentary" in _entry(m)[1]
            continue  # a way of filming ("a western-style revenge film"), not the kind asked for
        around = r.masked[max(0, m.start() - 14) : m.end() + 4]
        if m.group().lower() == "war" and NAMED_WAR.search(around):
            continue  # "not about World War II" refuses a subject, not war films
        if than := r.before(THAN_BEFORE, m.start(), 60):
            # "more sad than scary": less horror, neither asked for nor refused (nor searched for)
            r.take(than.start("than"), m.end())
            continue
        start = _refusal_start(r, m, hits[-1] if hits else None)
        if start is None and (non := r.before(_NON, m.start(), 5)):
            start = non.start()  # "a non-horror thriller"
        if start is not None and r.before(_A_PEOPLES_KIND, m.start(), 30):
            continue
        if start is None and (after := REFUSAL_AFTER.match(r.masked, m.end())):
            start, ends[len(hits)] = m.start(), after.end()
        elif (
            start is None
            and (keep := r.before(KEEP_BEFORE, m.start()))
            and (out := KEPT_OUT_AFTER.match(r.masked, m.end()))
        ):
            start, ends[len(hits)] = keep.start(), out.end()
        hits.append((m, start))
    either = {
        n + d
        for n in range(1, len(hits))
        if hits[n][1] is None
        and hits[n - 1][1] is None
        and EITHER_GAP.match(r.masked[hits[n - 1][0].end() : hits[n][0].start()])
        for d in (-1, 0)
    }  # "comedy or drama": constraints can only ask for genres that all apply
    include: list[str] = []
    exclude: list[str] = []
    asked_for = {
        g for n, (m, start) in enumerate(hits) if start is None and n not in either for g in _entry(m)[1]
    }
    softened: set[str] = set()  # "a horror movie that's not too scary": less of it, not none
    for n, (m, start) in enumerate(hits):
        _, asked, refused = _entry(m)
        if start is not None and set(refused or asked) <= asked_for and _A_KIND_OF_IT.fullmatch(m.group()):
            continue  # "korean horror but not zombies": a kind of horror refused, left to the avoided words
        if start is not None and _SOFTENED.search(r.masked, start, m.start()):
            softened.update(refused or asked)
        for genre in () if n in either else (refused or asked) if start is not None else asked:
            if genre not in r.index.genres:
                r.notices.append(f'The catalogue has no {genre} films, so I ignored "{m.group()}".')
            elif genre not in (chosen := exclude if start is not None else include):
                chosen.append(genre)
        if start is not None:
            r.take(start, ends.get(n, m.end()))
    if staged and "Documentary" in r.index.genres and "Documentary" not in include + exclude:
        exclude.append("Documentary")
    if (live := LIVE_ACTION.search(r.masked)) and "Animation" in r.index.genres:
        # "a musical, live action only": no cartoons (Sing was shown), unless animation is asked for too
        if "Animation" not in include + exclude and _refusal_start(r, live, None) is None:
            exclude.append("Animation")
        r.take(live.start(), live.end())
    if either:
        words = " or ".join(hits[n][0].group() for n in sorted(either))
        r.notices.append(
            f'I can only filter on genres that all apply, so "{words}" is a preference, not a filter.'
        )
    for genre in [g for g in include if g in exclude]:
        exclude.remove(genre)
        if genre not in softened:
            r.notices.append(f"You asked both for and against {genre}; I ignored it.")
            include.remove(genre)
    return include, exclude


def _entry(m: re.Match[str]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The GENRE_WORDS entry (words, genres asked for, genres refused) whose group matched."""
    return GENRE_WORDS[int((m.lastgroup or "g0")[1:])]
