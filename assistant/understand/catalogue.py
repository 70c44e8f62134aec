"""`CatalogueIndex`: what request understanding needs to know about the catalogue."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property

from rapidfuzz import fuzz, process

from assistant.understand.series import SeriesIndex, carried_on
from assistant.understand.spelling import Speller
from assistant.understand.studios import StudioIndex
from assistant.understand.titles import Token, title_key
from assistant.understand.vocabulary import (
    FUZZY_CUTOFF,
    FUZZY_MIN_CHARS,
    GOOD_RATING,
    LOWER_CASE_SURNAME_FILMS,
    LOWER_CASE_SURNAME_PLOTS,
    NEAR_TWIN_MIN_VOTES,
    NOT_SURNAMES,
    NUMBER_NAMES,
    REQUEST_WORDS,
    STOPWORDS,
    SURNAME_DIRECTOR_FILMS,
    SURNAME_OVER_WORD,
)
from ingest.movie import Movie

# A title's number in each way people write it: "11", "eleven", "II". From two ("one" is a word of
# "The One", "One Day"); Roman numerals without "i", "v" and "x" ("Batman v Superman", "Malcolm X").
_NUMBER_WORDS = dict(enumerate(NUMBER_NAMES[2:14], start=2))  # two .. thirteen
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8}
_NUMBERS = {str(n): n for n in _NUMBER_WORDS} | {w: n for n, w in _NUMBER_WORDS.items()} | _ROMAN


class CatalogueIndex:
    """What request understanding needs to know about the catalogue: titles, people, genres, years."""

    def __init__(self, movies: Iterable[Movie], studios: Mapping[str, Sequence[str]] | None = None) -> None:
        self._movies = {m.id: m for m in movies}
        by_votes = sorted(self._movies.values(), key=lambda m: -(m.vote_count or 0))
        self.studios = StudioIndex(by_votes, studios or {})  # falsy: no studio recorded
        self.genres = frozenset(g for m in by_votes for g in m.genres)
        self.language_counts = Counter(m.language for m in by_votes if m.language)  # empty: none recorded
        self.languages = frozenset(self.language_counts)
        self.latest_year = max((m.year for m in by_votes if m.year), default=2020)
        # two-word keywords ("found footage", "jump scare"): "no found footage" refuses the phrase
        self.phrases = frozenset(k.lower() for m in by_votes for k in m.keywords if k.count(" ") == 1)
        self.by_title: dict[str, list[Movie]] = defaultdict(list)  # most-voted first
        self.title_keys_by_year: dict[int, list[str]] = defaultdict(list)
        for m in by_votes:
            key = title_key(m.title)
            self.by_title[key].append(m)
            if m.year:
                self.title_keys_by_year[m.year].append(key)
        for key, found in list(self.by_title.items()):
            # "Dark Knight" names "The Dark Knight"; a lone word does not, as "Heat" is not "The Heat".
            first, _, rest = key.partition(" ")
            if first in ("the", "a", "an") and " " in rest and rest not in self.by_title:
                self.by_title[rest] = found
        self.title_keys = list(self.by_title)  # what a misspelt title is matched against
        for key, found in list(self.by_title.items()):
            # "Ocean's 11" names Ocean's Eleven, "Toy Story Four" Toy Story 4, "Rocky Two" Rocky II:
            # said exactly only, or "Avatar too" would be a misspelt "Avatar Two" (Avatar 2)
            numbers = [_NUMBERS.get(w) for w in key.split()]
            if not any(numbers):
                continue
            for form in (str, _NUMBER_WORDS.__getitem__):
                words = [form(n) if n else w for w, n in zip(key.split(), numbers, strict=True)]
                self.by_title.setdefault(" ".join(words), found)
        self.title_prefixes = {tuple(k.split()[:2]) for k in self.by_title if " " in k}
        self.longest_title = max((k.count(" ") + 1 for k in self.by_title), default=1)
        df: Counter[str] = Counter()
        spelled: set[str] = set()
        lowered: set[str] = set()  # words the plots write in lower case somewhere: not only names
        for i, m in enumerate(by_votes):
            said = set(re.findall(r"[a-z]+", f"{m.overview} {m.tagline}".lower()))
            lowered.update(re.findall(r"\b[a-z]+\b", m.overview))
            if i < 5_000:  # how common a word is is a fact about English: a sample will do
                df.update(said)
            spelled |= said
            spelled.update(re.findall(r"[a-z]+", " ".join([m.title, *m.keywords]).lower()))
        threshold = max(5, min(len(by_votes), 5_000) // 200)
        self.common = STOPWORDS | REQUEST_WORDS | {w for w, n in df.items() if n >= threshold}
        self.words = STOPWORDS | {w for w, n in df.items() if n >= 2}  # English, not misspellings
        self.plots_saying = df  # word -> how many of the 5,000 best-known plots say it
        # every word the catalogue's text uses is a word, not a slip; its common words are rivals
        self.speller = Speller(spelled | STOPWORDS, self.words)
        self._films = {"director": Counter[str](), "cast": Counter[str]()}
        liked = Counter[str]()  # a director's well-liked films (GOOD_RATING or more)
        for m in by_votes:
            self._films["director"].update(m.directors)
            self._films["cast"].update(m.cast)
            if (m.vote_average or 0.0) >= GOOD_RATING:
                liked.update(m.directors)
        self._names = {role: {title_key(n): n for n in films} for role, films in self._films.items()}
        self._name_keys = {role: list(names) for role, names in self._names.items()}
        self.name_first_words = {k.split()[0] for names in self._names.values() for k in names if k}
        self._surnames: dict[str, dict[str, list[str]]] = {
            "director": defaultdict(list),
            "cast": defaultdict(list),
        }
        for role, names in self._names.items():
            for key, name in names.items():
                parts = [p for p in key.split() if p not in ("jr", "sr", "ii", "iii")]
                if len(parts) > 1 and parts[-1] not in NOT_SURNAMES:
                    self._surnames[role][parts[-1]].append(name)
            for same in self._surnames[role].values():
                same.sort(key=self._films[role].__getitem__, reverse=True)
        # "An Anderson film" is Wes Anderson's (7 films, all well liked) more than Paul W.S.
        # Anderson's (10, none): directors sharing a surname go by their well-liked films first.
        self._standing = {name: (liked[name], n) for name, n in self._films["director"].items()}
        for same in self._surnames["director"].values():
            same.sort(key=self._standing.__getitem__, reverse=True)
        # "a nolan film", "something by spielberg": a surname typed in lower case is a person's when
        # the plots never write it in lower case (no "stone", "king", "carpenter") and its best-known
        # bearer has a few films
        self.surnames_typed_lower = (
            frozenset(
                surname
                for role, surnames in self._surnames.items()
                for surname, names in surnames.items()
                if self._films[role][names[0]] >= LOWER_CASE_SURNAME_FILMS
                and df[surname] <= LOWER_CASE_SURNAME_PLOTS  # "london", "york": places plots name often
            )
            - lowered
            - STOPWORDS
        )

    @cached_property
    def series(self) -> SeriesIndex:
        """Built on first use: most messages name no series."""
        return SeriesIndex(sorted(self._movies.values(), key=lambda m: -(m.vote_count or 0)))

    @cached_property
    def carried_on(self) -> tuple[frozenset[str], frozenset[str]]:
        """The ids of the sequels and of the remakes the catalogue tells (`sequels.py`), on first use."""
        return carried_on(self._movies.values())

    def films_of(self, person: str) -> list[str]:
        """Ids of the films a person directed or is credited in (films without credits cannot say)."""
        return [m.id for m in self._movies.values() if person in m.cast or person in m.directors]

    def near_twins(self, movie: Movie) -> list[Movie]:
        """Other well-known films a person could mean by this one's title: the same title (a remake),
        or one an article or a plural "s" away ("Heat" / "The Heat", "Alien" / "Aliens")."""
        key = title_key(movie.title)
        bare = key.removeprefix("the ").removeprefix("a ").removeprefix("an ")
        keys = dict.fromkeys([key, bare, f"the {bare}", f"{bare}s", bare.removesuffix("s")])
        twins = {m.id: m for k in keys if k for m in self.by_title.get(k, []) if m.id != movie.id}
        known = [m for m in twins.values() if (m.vote_count or 0) >= NEAR_TWIN_MIN_VOTES]
        return sorted(known, key=lambda m: -(m.vote_count or 0))

    def movie(self, movie_id: str) -> Movie:
        return self._movies[movie_id]

    def match_title(self, title: str, year: int | None = None) -> Movie | None:
        return self.closest_title(title, year, FUZZY_CUTOFF)

    def closest_title(self, title: str, year: int | None, cutoff: float) -> Movie | None:
        key = title_key(title)
        candidates = [(100.0, m) for m in self.by_title.get(key, [])]
        if len(key) >= FUZZY_MIN_CHARS and not candidates:  # "like" is not a misspelt "L.I.E."
            near = (
                [k for y in (year - 1, year, year + 1) for k in self.title_keys_by_year.get(y, [])]
                if year
                else []
            )
            for pool in (near, self.title_keys):  # a year narrows remakes down first
                hits = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
                if candidates := [(score, m) for k, score, _ in hits for m in self.by_title[k]]:
                    break
        if not candidates:
            return None

        def rank(c: tuple[float, Movie]) -> tuple[bool, bool, float, int]:
            close = year is not None and c[1].year is not None and abs(c[1].year - year) <= 1
            return close, c[1].year == year, c[0], c[1].vote_count or 0

        return max(candidates, key=rank)[1]

    def title_at(self, toks: Sequence[Token | None], i: int, min_words: int) -> tuple[str, int] | None:
        """The longest catalogue title starting at token i, as (key, word count); None tokens are used up."""
        first, second = toks[i], toks[i + 1] if i + 1 < len(toks) else None
        if first and second and (first.norm, second.norm) in self.title_prefixes:
            for length in range(min(self.longest_title, len(toks) - i), 1, -1):
                words = [t.norm for t in toks[i : i + length] if t]
                if len(words) == length and (key := " ".join(words)) in self.by_title:
                    return key, length
        return (first.norm, 1) if min_words == 1 and first and first.norm in self.by_title else None

    def best(self, key: str, year: int | None = None) -> Movie:
        found = self.by_title[key]
        return min(found, key=lambda m: abs((m.year or 0) - year)) if year else found[0]

    def person(self, key: str, role: str | None, surname: bool) -> tuple[str, str] | None:
        """(name, role) for a full name, or for a surname when one person clearly has the most films."""
        roles = [role] if role else ["director", "cast"]
        hits = [(self._names[r][key], r) for r in roles if key in self._names[r]]
        if not hits and surname and " " not in key:
            for r in roles:
                same = self._surnames[r].get(key, [])
                if same and (len(same) == 1 or self._rank(same[0], r) > self._rank(same[1], r)):
                    hits.append((same[0], r))
            # "a Lynch film", "a Jackson movie": a surname said alone names the director with a body
            # of work (David Lynch, Peter Jackson) over an actor of it, unless they are one person
            # who acts more ("a Clooney film")
            if len({name for name, _ in hits}) == 2:
                director = next(name for name, r in hits if r == "director")
                if self._films["director"][director] >= SURNAME_DIRECTOR_FILMS:
                    return director, "director"
        return max(hits, key=lambda h: (self._films[h[1]][h[0]], h[1] == "director")) if hits else None

    def _rank(self, name: str, role: str) -> tuple[int, int]:
        """How surely a surname said alone means this bearer: (well-liked films, films) for a
        director, (films, 0) for an actor."""
        return self._standing[name] if role == "director" else (self._films[role][name], 0)

    def namesakes(self, name: str, role: str) -> list[str]:
        """The other directors of `name`'s surname with at least half as many well-liked films, best
        first ("Anderson": Wes Anderson, then Paul Thomas Anderson; not Kiyoshi for Akira Kurosawa):
        whom a surname said alone might as well have meant."""
        if role != "director":
            return []
        same = self._surnames["director"].get(title_key(name).split()[-1], [])
        enough = max(1, self._standing[name][0] / 2)
        return [other for other in same if other != name and self._standing[other][0] >= enough]

    def says_the_person(self, word: str, name: str, role: str) -> bool:
        """Whether a surname said with no role ("a London film") names the person more than it says
        what the plots use the word for: "Nolan" is the director, but "London", "York" and "Berlin"
        are places first (Jason London has 4 films; 77 of the 5,000 best-known plots say "London")."""
        return SURNAME_OVER_WORD * self._films[role][name] >= self.plots_saying.get(word, 0)

    def fuzzy_person(self, text: str, role: str) -> str | None:
        hit = process.extractOne(
            title_key(text), self._name_keys[role], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return self._names[role][hit[0]] if hit else None

    def is_person(self, key: str) -> bool:
        return any(key in names for names in self._names.values())
