"""Finding the directors and actors a message names, and the cue ("directed by", "starring") that sets
their role."""

from __future__ import annotations

import re
from itertools import takewhile

from assistant.understand.reading import Reading
from assistant.understand.titles import title_key
from assistant.understand.vocabulary import (
    CAST_CUE_BEFORE,
    DIRECTOR_CUE_BEFORE,
    FILM_NOUNS,
    GENRE_WORD,
    KIND_NOUNS,
    NAME_LIST_GAP,
    PERSON_REFUSAL_BEFORE,
    PERSON_ROLE_BEFORE,
    PERSON_TASTE_BEFORE,
    REQUEST_WORDS,
    STOPWORDS,
    STUDIOS,
)

# Other capitalised names joined on by a comma, "and", "or" or "&", then a film noun; any name may
# be a family's ("a Coen brothers or Tarantino film").
_FAMILY = r"(?:\s+(?:brothers|sisters))?"
_MORE_NAMES_THEN = re.compile(
    rf"{_FAMILY}(?:\s*(?:,|\band\b|\bor\b|&)\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?{_FAMILY})+\s+(\w+)"
)


_SAYS_NO_MORE = STOPWORDS | FILM_NOUNS | REQUEST_WORDS | {"please", "pls", "plz", "thanks"}


# ...typed in lower case: "a fincher or nolan film"
_MORE_NAMES_THEN_LOWER = re.compile(
    rf"{_FAMILY}(?:\s*(?:,|\band\b|\bor\b|&)\s*[a-z][\w'’-]*{_FAMILY})+\s+(\w+)"
)


def _named_before_a_film_noun(after: str, lower: bool = False) -> bool:
    """The name opens a list of names that a film noun follows: each is a person, not a word."""
    m = (_MORE_NAMES_THEN_LOWER if lower else _MORE_NAMES_THEN).match(after)
    return bool(m and m.group(1).lower() in FILM_NOUNS)


def find_people(r: Reading) -> None:
    index, toks = r.index, r.toks
    found = {"director": r.directors, "cast": r.cast}
    either: list[str] = []  # actors joined by "or": constraints can only ask for all of them
    i, previous, last_end = 0, ("", ""), -1
    refused_to = -1  # where the last person ruled out ended: "no Nolan or Tarantino" refuses both
    while i < len(toks):
        tok, tail = toks[i], r.masked[max(0, toks[i].start - 40) : toks[i].start]
        lower = not tok.raw[:1].isupper()
        surname = tok.norm in index.surnames_typed_lower  # "a nolan film"
        starts = tok.norm in index.name_first_words or surname
        if r.used(tok) or (lower and (not starts or tok.norm in STOPWORDS)):
            # Most words start no name; skipping them keeps long messages fast. Names are often
            # typed in lower case ("johnny depp"), but not ones that open with a common word:
            # "on the edge of my seat" is not about The Edge.
            i += 1
            continue
        role = (
            "director"
            if DIRECTOR_CUE_BEFORE.search(tail)
            else "cast"
            if CAST_CUE_BEFORE.search(tail)
            else None
        )
        gap = r.masked[last_end : tok.start] if last_end >= 0 else ""
        if role is None and previous[1] and NAME_LIST_GAP.match(gap):
            role = previous[1]  # "starring Tom Hanks and Meg Ryan"
        hit, length = None, 0
        for length in range(min(4, len(toks) - i), 1, -1):
            words = toks[i : i + length]
            if not any(map(r.used, words)) and (
                hit := index.person(" ".join(t.norm for t in words), None, False)
            ):
                break
        cued = (
            role
            or any(t.norm in FILM_NOUNS | KIND_NOUNS for t in toks[i + 1 : i + 3])  # "a Sandler comedy"
            or _named_before_a_film_noun(r.text[tok.end :], lower and surname)  # "a Kubrick or Scorsese film"
            or tok.raw.endswith(("'s", "’s"))
            or bool(PERSON_REFUSAL_BEFORE.search(tail))  # "no Nolan please"
            or bool(PERSON_TASTE_BEFORE.search(tail))  # "I love Tarantino"
        )
        after = toks[i + 1] if i + 1 < len(toks) else None
        # Not "Tom Hnaks"; but "Fincher, Nolan" is two names.
        one_word = (
            not (after and after.raw[:1].isupper())
            or tok.raw.endswith(("'s", "’s"))
            or bool(r.text[tok.end : after.start].strip())
        )
        studio = bool(re.fullmatch(STUDIOS, tok.norm, re.I))
        # in lower case, a surname ends its phrase: "movies with hanks", not "with birch branches"
        ends = (
            not lower
            or after is None
            or after.norm in _SAYS_NO_MORE
            or bool(GENRE_WORD.fullmatch(after.norm))  # "a scorsese gangster film"
            or bool(r.text[tok.end : after.start].strip())
        )
        # "an Agatha Christie mystery": the surname of a name the catalogue lacks, not Julie Christie
        someone_else = (
            i > 0
            and not lower
            and toks[i - 1].raw[:1].isupper()
            and not r.text[toks[i - 1].end : tok.start].strip()
            and toks[i - 1].norm not in STOPWORDS | REQUEST_WORDS
            and bool(r.text[: toks[i - 1].start].strip())
            and r.text[: toks[i - 1].start].rstrip()[-1:] not in ".!?"
        )
        alone = one_word and ends and not studio and not someone_else
        if not hit and (not lower or surname) and cued and alone:  # "a Nolan film"
            hit, length = index.person(tok.norm, role, True), 1
            if hit and role is None and not index.says_the_person(tok.norm, *hit):
                hit = None  # "a London film", "a New York movie": a place, not Jason London
            if hit and (others := index.namesakes(*hit)):
                also = " or ".join(others[:2])
                r.notices.append(f'I took "{tok.raw}" to mean {hit[0]}; give the full name for {also}.')
        if hit and role and hit[1] != role:
            hit = index.person(title_key(hit[0]), role, False) or hit  # "directed by Clint Eastwood"
        if not hit and tok.raw[:1].isupper() and PERSON_ROLE_BEFORE.search(tail):
            run = list(takewhile(lambda t: t.raw[:1].isupper(), toks[i : i + 4]))
            name = r.text[run[0].start : run[-1].end]
            r.lookups -= 1
            if r.lookups >= 0 and (fuzzy := index.fuzzy_person(name, role or "cast")):
                hit, length = (fuzzy, role or "cast"), len(run)
            else:
                r.notices.append(f'I couldn\'t find anyone called "{name}" in the catalogue.')
                i += len(run)
                continue
        if not hit:
            i += 1
            continue
        start, end = tok.start, toks[i + length - 1].end
        # "a comedy, but no Adam Sandler": none of their films
        refusal = PERSON_REFUSAL_BEFORE.search(r.masked, max(0, tok.start - 40), tok.start)
        if refusal is None and refused_to >= 0:
            refusal = r.refusal_goes_on(refused_to, tok.start)
        if refusal is not None:
            if hit[0] not in r.excluded_series:
                r.excluded_series.append(hit[0])
            r.excluded_films.update(index.films_of(hit[0]))
            r.take(refusal.start(), end)
            refused_to = end
        else:
            if hit[0] not in found[hit[1]]:
                found[hit[1]].append(hit[0])
            if (
                hit[1] == previous[1] == "cast"
                and re.search(r"\bor\b", gap, re.I)
                and NAME_LIST_GAP.match(gap)
            ):
                either += [previous[0], hit[0]]
            r.take(start, end, remove=False)  # names help retrieval too: documents say "Starring ..."
        previous, last_end, i = hit, end, i + length
    if either:
        r.cast[:] = [name for name in r.cast if name not in either]
        r.notices.append(f"I can only look for films with all the actors you name, so I didn't require "
                         f"{' or '.join(dict.fromkeys(either))}.")  # fmt: skip
