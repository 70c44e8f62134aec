"""Finding the films a message names: "Title (Year)", quoted titles, lists after a cue, bare titles."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import dropwhile, pairwise, takewhile

from rapidfuzz import fuzz, process

from assistant.understand.reading import Reading
from assistant.understand.titles import Token, title_key, tokenise
from assistant.understand.vocabulary import (
    FEEL_WORDS,
    FILM_CUE,
    FILM_CUE_BEFORE,
    FILM_NOUNS,
    FUZZY_CUTOFF,
    GENRE_ALTERNATIVES,
    GENRE_WORD,
    HAS_YEAR_EXPRESSION,
    LANGUAGE_WORD,
    LAST_YEARS,
    LIST_OPENERS,
    LOWER_CASE_CUTOFF,
    NOT_A_FILM_CUE_BEFORE,
    POINTING_BACK_WORDS,
    QUOTED,
    REQUEST_WORDS,
    SERIES_FREE_AFTER,
    SERIES_NOUN_AFTER,
    SERIES_REFUSAL_BEFORE,
    SERIES_TASTE_BEFORE,
    STOPWORDS,
    STYLE_PHRASE,
    THE_BEFORE,
    TITLE_GLUE,
    YEAR_IN_PARENS,
)
from ingest.movie import Movie


def find_titles_with_years(r: Reading) -> None:
    """ReDial style "Super Troopers (2001)": the words before the year that make a title, longest first."""
    for m in list(YEAR_IN_PARENS.finditer(r.masked)):
        year, toks = int(m.group(1)), tokenise(r.masked, max(0, m.start() - 200), m.start())[-10:]
        found: tuple[Movie, int] | None = None
        for length in range(len(toks), 0, -1):
            key = " ".join(t.norm for t in toks[-length:])
            # the year must fit: "Halloween (2007)" is not the 1978 film when the remake is missing
            if any(m.year is None or abs(m.year - year) <= 1 for m in r.index.by_title.get(key, [])):
                found = r.index.best(key, year), length
                break
        if not found:
            pool = [k for y in (year - 1, year, year + 1) for k in r.index.title_keys_by_year.get(y, [])]
            tails = [" ".join(t.norm for t in toks[-length:]) for length in range(1, min(8, len(toks)) + 1)]
            hits = [
                process.extractOne(tail, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                if set(tail.split()) - r.index.common  # "like like" is not a misspelt "Like Mike"
                else None
                for tail in tails
            ]
            scored = [(hit[1], length, hit[0]) for length, hit in enumerate(hits, 1) if hit]
            if scored:
                found = r.index.best(max(scored)[2], year), max(scored)[1]
        if found:
            start = toks[-found[1]].start
            r.mention(found[0], "", start, m.end(), r.mode(start), dated=True)
            continue
        run = list(takewhile(lambda t: t.raw != "I" and (t.capitalised or t.norm in TITLE_GLUE), toks[::-1]))[
            ::-1
        ]
        run = list(dropwhile(lambda t: t.norm in TITLE_GLUE, run))[-6:]
        if run:
            r.mention(
                None, f"{r.masked[run[0].start : m.start()].strip()} ({year})", run[0].start, m.end(), "ref"
            )


def find_quoted_titles(r: Reading) -> None:
    for m in list(QUOTED.finditer(r.masked)):
        content = next(g for g in m.groups() if g is not None).strip()
        key = title_key(content)
        movie = r.find_title(content)
        named = bool(r.before(FILM_CUE_BEFORE, m.start())) or content[:1].isupper()
        if movie or (named and set(key.split()) - r.index.common):  # not 'fun' or 'Horror' in quotes
            r.mention(movie, content, m.start(), m.end(), r.mode(m.start()))


def _title_run(r: Reading, toks: list[Token], p: int, lower: bool = False) -> list[Token]:
    """Words at p that could be a title we do not know: "Zzzyxq", "Return of the Zzzyxq" (`lower`:
    in lower case too, for a message typed without capitals)."""
    run: list[Token] = []
    for t in toks[p : p + 6]:
        if r.used(t) or (run and r.text[run[-1].end : t.start].strip()) or t.norm in ("and", "or"):
            break
        if not (t.capitalised or lower or (run and t.norm in TITLE_GLUE)):
            break
        run.append(t)
    while run and run[-1].norm in TITLE_GLUE:
        run.pop()
    return run


def find_title_lists(r: Reading) -> None:
    """Films listed after a cue: "like Alien, Aliens and Predator", "similar to The Matrix", "I hated X"."""
    index, toks = r.index, r.toks
    for trigger in list(FILM_CUE.finditer(r.masked)):
        if trigger.group().lower() == "like" and r.before(NOT_A_FILM_CUE_BEFORE, trigger.start()):
            continue  # "I'd like", "feel like"
        mode = "dislike" if trigger.group("neg") else r.mode(trigger.end())
        p = bisect_left(r.starts, trigger.end())
        opener: tuple[int, int] | None = None  # "the original": said of the film, gone with it
        for filler in LIST_OPENERS:
            if [t.norm for t in toks[p : p + filler.count(" ") + 1]] == filler.split():
                opener = (toks[p].start, toks[p + filler.count(" ")].end)
                p += filler.count(" ") + 1
                break
        first = p
        while p < len(toks) and not r.used(tok := toks[p]):
            hit = index.title_at([None if r.used(t) else t for t in toks[p : p + index.longest_title]], 0, 1)
            if (
                hit
                and not tok.capitalised
                and (
                    set(hit[0].split()) <= (STOPWORDS if p == first else index.common)
                    or GENRE_WORD.fullmatch(r.text[tok.start : toks[p + hit[1] - 1].end])
                )
            ):
                # "I liked it", "like her"; "I hated Twilight, show me ..." is not "Show Me";
                # "I don't like horror" is the genre, not the film "#Horror"
                hit = None
            if hit and hit[1] == 1 and _better_known_as_a_person(r, [tok], hit[0]):
                break  # "I loved Hitchcock": the director (people.py), not the 2012 film about him
            if hit and _full_name_length(r, toks[p : p + 3]) > hit[1]:
                break  # "I love Adam Sandler": the actor (people.py), not the film "Adam"
            if hit:
                end, name = p + hit[1], ""
                run = _title_run(r, toks, p) if tok.capitalised else []
                if len(run) > hit[1] and not _person_at(r, run[hit[1] :]):
                    # "like Knives Out and Glass Onion": a longer name the catalogue lacks, read as
                    # the title it opens with (Glass), is a guess to say (Reading.mention)
                    end, name = p + len(run), r.text[run[0].start : run[-1].end]
                start = opener[0] if opener else tok.start
                r.mention(index.best(hit[0]), name, start, toks[end - 1].end, mode)
                opener = None
                p = end
            elif not tok.capitalised:
                # "similar to incepton": lower-case words count only when close to a title and uncommon
                run = list(takewhile(lambda t: t.norm not in index.common, toks[p : p + 4]))
                name = r.text[run[0].start : run[-1].end] if run else ""
                if (
                    not name
                    or GENRE_WORD.search(name)
                    or not (movie := r.find_title(name, LOWER_CASE_CUTOFF))
                ):
                    break
                r.mention(movie, name, opener[0] if opener else run[0].start, run[-1].end, mode)
                opener = None
                p += len(run)
            else:
                run = _title_run(r, toks, p)
                keys = [" ".join(t.norm for t in run[:n]) for n in range(1, len(run) + 1)]
                words = set(keys[-1].split()) if keys else set()
                # Past the list's first item ("like Heat, Thief or Collateral"), a capitalised
                # common word is a film too, one we may not know; it must not end the list.
                listed = p != first and bool(words - STOPWORDS)
                if (
                    not any(t.raw[:1].isupper() for t in run)
                    or tok.raw == "I"
                    or not (words - index.common or listed)
                ):
                    break  # a sentence start or a genre, not a film
                if any(index.is_person(k) for k in keys) or index.person(keys[0], None, True):
                    break  # "I loved Tom Hanks in Big" is about a person: people are read later
                name = r.text[run[0].start : run[-1].end]
                start = opener[0] if opener else run[0].start  # "the first Matrix": no such title
                r.mention(r.find_title(name), name, start, run[-1].end, mode)
                opener = None
                p += len(run)
            if p >= len(toks):
                break
            if toks[p].norm in ("and", "or", "nor", "plus") and p + 1 < len(toks):
                p += 1
            elif not re.fullmatch(r"\s*[,/]\s*", r.text[toks[p - 1].end : toks[p].start]):
                break


def _full_name_length(r: Reading, toks: Sequence[Token]) -> int:
    """How many of the words (2 or 3) open with a person's full name; 0 when none does."""
    return max((n for n in (2, 3) if r.index.is_person(" ".join(t.norm for t in toks[:n]))), default=0)


def _person_at(r: Reading, toks: list[Token]) -> bool:
    """Whether the words open a person's name ("Inception Nolan is great", "The Matrix Keanu Reeves")."""
    return bool(_full_name_length(r, toks)) or bool(toks and r.index.person(toks[0].norm, None, True))


# "Whiplash wrecked me. Anything like it?": a film that opens a sentence and is judged there, in a
# message that asks for films like "it" (a bare capitalised word is too often no title to take alone).
_LIKE_IT = re.compile(
    r"\b(?:(?:like|similar\s+to|more\s+of)\s+(?:it|that|this|this\s+one|that\s+one)"
    rf"|{POINTING_BACK_WORDS}|what\s+else"
    # "Get Out blew my mind. More horror that's ...", "... any other films like that?"
    rf"|(?:more|other|similar)\s+(?:\w+\s+){{0,2}}?(?:movies?|films?|flicks?|ones|{GENRE_ALTERNATIVES}))\b",
    re.I,
)
_JUDGED_AFTER = re.compile(
    r"\s*(?:\(\d{4}\)\s*)?(?:was|is|has|had|just|really|totally|absolutely|completely|honestly|wrecked|blew|destroyed"
    r"|broke|made|moved|killed|got|left|stuck|stayed|haunted|floored|gutted|rocked|ruled|slaps)\b",
    re.I,
)
_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "you", "this", "that"})
_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s+|\n)\W*", re.M)


def find_judged_subject(r: Reading) -> None:
    if r.named or not _LIKE_IT.search(r.text):
        return
    # "die hard is my all-time favourite. what else...": typed without capitals, a title that opens a
    # sentence and is judged there is still one (if it is more than one common word: not "it was").
    lower = not any(c.isupper() for c in r.text)
    for start in _SENTENCE_START.finditer(r.text):
        p = bisect_left(r.starts, start.end())
        run = _title_run(r, r.toks, p, lower) if p < len(r.toks) else []
        for n in range(len(run), 0, -1):  # the longest title the run opens with: "Heat", "The Dark Knight"
            key = " ".join(t.norm for t in run[:n])
            if (lower and n == 1 and key in r.index.common) or (n == 1 and key in _PRONOUNS):
                continue  # "It was great. More like that": the film shown, not the film It
            if key in r.index.by_title and _JUDGED_AFTER.match(r.text, run[n - 1].end):
                r.mention(r.index.best(key), "", run[0].start, run[n - 1].end, "ref")
                return


# "for grown-ups", "made for the whole family": who the film is for, not a title typed in lower case
# (but "looking for the dark knight" still names one).
_AUDIENCE_BEFORE = re.compile(
    r"(?<!looking )(?<!searching )(?<!look )(?<!search )\bfor\s+(?:the\s+|my\s+|our\s+)?$", re.I
)
# "a superhero movie", "any good monster movie": a kind of film asked for, in lower case
_A_KIND_OF_BEFORE = re.compile(r"\b(?:a|an|another|any|some)\s+(?:[\w-]+\s+){0,2}$", re.I)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
# a genre or "film" next: "a non-stop action film", "any feel-good movie"
_KIND_AFTER = re.compile(
    rf"\s+(?:[\w'-]+\s+)?"
    rf"(?:{GENRE_WORD.pattern}|{'|'.join(sorted(FILM_NOUNS))})\b",
    re.I,
)
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.I)
_THE = re.compile(r"the\s", re.I)


def find_titles_anywhere(r: Reading) -> None:
    """Titles of two or more uncommon-enough words named without a cue ("the dark knight vibes")."""
    toks: list[Token | None] = [None if r.used(t) else t for t in r.toks]
    for i, tok in enumerate(toks):
        hit = r.index.title_at(toks, i, 2) if tok else None
        if tok and hit and set(hit[0].split()) - r.index.common:
            if tok.raw[:1].islower() and r.before(_AUDIENCE_BEFORE, tok.start):
                continue  # "made for grown-ups" is an audience, not the film Grown Ups
            last = toks[i + hit[1] - 1]
            assert last is not None
            if tok.raw[:1].islower() and LAST_YEARS.fullmatch(said := r.text[tok.start : last.end]):
                toks[i : i + hit[1]] = [None] * hit[1]  # "from the last 5 years": not The Last Five Years
                continue
            if tok.raw[:1].islower() and STYLE_PHRASE.fullmatch(said):
                continue  # "a slow-burn thriller" describes; it does not name the film Slow Burn
            if (
                tok.raw[:1].islower()
                and hit[0].split()[-1] in FILM_NOUNS
                and r.before(_A_KIND_OF_BEFORE, tok.start)
            ):
                continue  # "a superhero movie" is a kind of film, not the film Superhero Movie
            kind_after = _KIND_AFTER.match(r.text, last.end)
            if tok.raw[:1].islower() and r.before(_A_KIND_OF_BEFORE, tok.start) and kind_after:
                continue  # "a non-stop action film" says what it is like, not the film Non-Stop
            if tok.raw[:1].islower() and GENRE_WORD.fullmatch(_ARTICLE.sub("", r.text[tok.start : last.end])):
                continue  # "i want a ghost story" asks for one, not for films like A Ghost Story
            film = r.index.best(hit[0])
            if tok.raw[:1].islower() and r.before(_INDEFINITE_BEFORE, tok.start) and _THE.match(film.title):
                continue  # "set in a cabin in the woods" describes a place: The Cabin in the Woods is a film
            r.mention(film, "", tok.start, last.end, r.mode(tok.start))
            toks[i : i + hit[1]] = [None] * hit[1]


# --- series -------------------------------------------------------------------------------------

MAX_SERIES_REFERENCES = 5  # "like the Bond films": the best-known few steer the search
# A title far less known than its series ("The Lord of the Rings", 1978, beside the trilogy): the
# series is what "like The Lord of the Rings" means (`_overshadowed`).
OVERSHADOWED = 10


def _could_name_a_series(r: Reading, words: str, called_a_series: bool = False) -> bool:
    """Not a genre, a year, a person or common words; typed as a name, or the start of several titles
    ("no harry potter"). Common words in lower case only where the message calls them a series ("not
    the die hard sequels"): "nothing after 2000" opens none."""
    key = title_key(words)
    if not key or set(key.split()) <= STOPWORDS | REQUEST_WORDS:
        return False
    if GENRE_WORD.fullmatch(words.strip()) or HAS_YEAR_EXPRESSION.search(words):
        return False
    if LANGUAGE_WORD.fullmatch(words.strip()):
        return False  # "not the Italian mafia": a people, not a series
    capitalised = all(w[:1].isupper() or w.lower() in TITLE_GLUE for w in words.split())
    if not capitalised and not set(key.split()) - r.index.common and not called_a_series:
        return False  # "nothing after 2000": a lower-case common word opens no series
    if not capitalised and key in FEEL_WORDS:
        return False  # "nothing loud": how it feels, not the series of Loud Whisper
    # "without aliens", "no vampires": the creatures, which more of the best-known plots name than
    # the series has films (24 vs 18, 18 vs 13); "no transformers" is the series (4 vs 9)
    creatures = not capitalised and " " not in key and key.endswith("s") and not called_a_series
    if creatures and r.index.plots_saying.get(key, 0) >= len(r.index.series.members(words)):
        return False
    return capitalised or r.index.series.starts_titles(key)


def _opens_a_series_name(r: Reading, i: int) -> bool:
    """Whether tokens from i on spell a series' name of several words, typed as a name (its small
    words aside) and ending on a capitalised word: "Lord of the Rings", "Pirates of the Caribbean"."""
    toks = r.toks
    for n in range(min(4, len(toks) - i), 1, -1):
        run = toks[i : i + n]
        if not run[-1].raw[:1].isupper() or any(r.text[a.end : b.start].strip() for a, b in pairwise(run)):
            continue
        words = r.text[run[0].start : run[-1].end]
        if _typed_as_a_name(words) and r.index.series.members(words):
            return True
    return False


def _blocked(r: Reading, i: int, refused: re.Match[str] | None) -> bool:
    """A person starts at token i ("no Tom Cruise": people are read later), or the refusing word
    opens a title ("No Country for Old Men")."""
    toks = r.toks
    if _full_name_length(r, toks[i : i + 3]):
        return True
    # "no Nolan", not "no Harry Potter", nor "no Lord of the Rings" (Phil Lord is a surname too). The
    # series lookup goes last: it is the dear test, and most tokens fail a cheaper one first.
    alone = i + 1 >= len(toks) or not toks[i + 1].raw[:1].isupper()
    if (
        refused is not None
        and alone
        and toks[i].raw[:1].isupper()
        and r.index.person(toks[i].norm, None, True)
        and not _opens_a_series_name(r, i)
    ):
        return True  # a surname: read with the people
    if refused is None:
        return False
    first = bisect_left(r.starts, refused.start())
    hit = r.index.title_at([None if r.used(t) else t for t in toks], first, 2)
    return hit is not None and first + hit[1] > i


def find_series(r: Reading) -> None:
    """Series ruled out ("no Harry Potter", "nothing from Marvel", "that isn't Star Wars"): their
    names go to `r.excluded_series` and their films to `r.excluded_films`; a series named as a taste
    ("like the Bourne films", "the Harry Potter series") becomes references."""
    toks, i = r.toks, 0
    refused_to = -1  # where the last series ruled out ended: "no Harry Potter or Narnia" refuses both
    while i < len(toks):
        tok = toks[i]
        refused = r.before(SERIES_REFUSAL_BEFORE, tok.start)
        blocked = _blocked(r, i, refused)
        if refused is None and refused_to >= 0:
            refused = r.refusal_goes_on(refused_to, tok.start)
        cued = refused or tok.raw[:1].isupper() or r.series_noun_ahead(tok)
        # "no Harry Potter and I'd like it short": "I'd" is the person, no series
        spoken = _CONTRACTED.fullmatch(tok.raw)
        if r.used(tok) or tok.norm in STOPWORDS or not cued or blocked or spoken:
            i += 1
            continue
        hit = None
        for length in range(min(4, len(toks) - i), 0, -1):
            run = toks[i : i + length]
            # a name may be hyphenated: "Middle-earth", "Spider-Man" (not "Middle", not "Spider")
            if any(map(r.used, run)) or any(r.text[a.end : b.start].strip(" -") for a, b in pairwise(run)):
                continue
            if run[-1].norm in STOPWORDS:  # "no Harry Potter and ...": a name does not end on "and"
                continue
            words = r.text[run[0].start : run[-1].end]
            noun = SERIES_NOUN_AFTER.match(r.masked, run[-1].end)
            free = SERIES_FREE_AFTER.match(r.masked, run[-1].end)  # "Marvel-free"
            if free is None and _HALF_A_WORD.match(r.text, run[-1].end):  # "and non-English": no "Non"
                continue
            if not (refused or free) and not _named_as_a_series(r, tok.start, words, noun):
                continue
            end = free.end() if free else run[-1].end if noun is None else noun.end()
            if person := _names_a_person(r, run):
                # "I love Nolan movies": Nolan's films (people.py reads them), not the plots that
                # say "Nolan"; "Nolan-free": none of his films
                if refused or free:
                    films = tuple(r.index.movie(i) for i in r.index.films_of(person))
                    hit = (person, films, end, length, free is not None)
                break
            called = noun is not None and bool(noun.group("strong") or r.before(THE_BEFORE, tok.start))
            # "not The Heat" names a film; "not the Terminator films" the series
            titled = noun is None and r.before(THE_BEFORE, tok.start) is not None
            if _could_name_a_series(r, words, called) and (
                members := _ruled_out(r, words, refused or free, titled)
            ):
                hit = (words, members, end, length, free is not None)
                break
        if hit is None:
            i += 1
            continue
        words, members, end, length, free_of = hit
        name = " ".join(w[:1].upper() + w[1:] for w in words.split())
        if refused or free_of:
            if name not in r.excluded_series:
                r.excluded_series.append(name)
            r.excluded_films.update(m.id for m in members)
            r.take(refused.start() if refused else tok.start, end)
            refused_to = end
        else:
            for movie in members[:MAX_SERIES_REFERENCES]:
                r.named.append(movie.id)
                r.references.append(movie.id)
            cue = r.before(SERIES_TASTE_BEFORE, tok.start)
            r.take(cue.start() if cue else tok.start, end)
        i += length


_HALF_A_WORD = re.compile(r"-[^\W\d_]")  # a word goes on after a hyphen the name does not take
_CONTRACTED = re.compile(r"(?i:i|you|we|they|he|she|it|that|there)['’][a-z]{1,2}")


def _better_known_as_a_person(r: Reading, run: list[Token], title: str) -> bool:
    """Whether the words name a filmmaker whom the film of that title is about ("Hitchcock" (2012),
    "Spielberg" (2017)), and one of whose own films is better known than it: said as a taste, the
    person is meant. Not "Rudy": that film's plot names someone else."""
    if not (person := _names_a_person(r, run)):
        return False
    titled = r.index.by_title.get(title, [])
    if not any(person.lower() in m.overview.lower() for m in titled):
        return False
    votes = [r.index.movie(i).vote_count or 0 for i in r.index.films_of(person)]
    return max(votes, default=0) > max((m.vote_count or 0 for m in titled), default=0)


def _names_a_person(r: Reading, run: list[Token]) -> str | None:
    """The director or actor the words name, when better known by them than any plot is: a full
    name ("Wes Anderson"), or a surname typed as one ("Nolan") whose bearer has films enough."""
    key = " ".join(t.norm for t in run)
    if len(run) > 1:
        hit = r.index.person(key, None, False)
        return hit[0] if hit else None
    if not run[0].raw[:1].isupper() and key not in r.index.surnames_typed_lower:
        return None
    hit = r.index.person(key, None, True)
    return hit[0] if hit and r.index.says_the_person(key, *hit) else None


def _ruled_out(r: Reading, words: str, refused: object, titled: bool = False) -> tuple[Movie, ...]:
    """The series called `words`; refused, a single film of that exact title is ruled out as well
    ("a mind-bending film but not Inception"). Refused with "The" typed before it, as a title is
    ("a buddy cop comedy, not The Heat"), the film of that title and its sequels: not every film
    whose keywords or plot say the word (12 Angry Men and In the Heat of the Night; "not The
    Matrix" ruled out the Transformers films)."""
    the = r.index.by_title.get(title_key(f"the {words}"), []) if refused and titled else []
    if the and words[:1].isupper():
        return r.index.series.carrying_on(the[0])
    if members := r.index.series.members(words):
        return members
    exact = r.index.by_title.get(title_key(words), []) if refused else []
    return (exact[0],) if exact and words[:1].isupper() else ()


def _typed_as_a_name(words: str) -> bool:
    """Every word capitalised but the small ones inside ("Lord of the Rings"), the last one too."""
    split = words.split()
    return split[-1][:1].isupper() and all(w[:1].isupper() or w.lower() in TITLE_GLUE for w in split)


def _overshadowed(r: Reading, words: str) -> bool:
    """Whether the films titled `words` are far less known than their series ("like The Lord of the
    Rings": Bakshi's 1978 film, not the trilogy everyone means): the series' best-known film has
    OVERSHADOWED times the votes."""
    titled = r.index.by_title.get(title_key(words), [])
    known = max((m.vote_count or 0 for m in titled), default=0)
    others = [m.vote_count or 0 for m in r.index.series.members(words) if m not in titled]
    return bool(others) and max(others) >= OVERSHADOWED * max(known, 1)


def _named_as_a_series(r: Reading, start: int, words: str, noun: re.Match[str] | None) -> bool:
    """ "the Bourne films", "the Harry Potter series", "like Marvel movies", "like Harry Potter"
    (a name of two words or more, typed as one, that is no film's title); not "Korean films", not
    "like Bourne", not "seen The Dark Knight"."""
    liked = words[:1].isupper() and bool(r.before(SERIES_TASTE_BEFORE, start))
    if noun is None:
        named = len(words.split()) >= 2 and _typed_as_a_name(words)
        return liked and named and (title_key(words) not in r.index.by_title or _overshadowed(r, words))
    if noun.group("strong") or r.before(THE_BEFORE, start):
        return True
    return liked
