"""The request types every stage shares: the hard constraints a request sets, and the parsed request."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.languages import name_of
from ingest.movie import Movie


@dataclass(frozen=True)
class RequestConstraints:
    year_min: int | None = None
    year_max: int | None = None
    include_genres: tuple[str, ...] = ()
    exclude_genres: tuple[str, ...] = ()
    runtime_min: int | None = None
    runtime_max: int | None = None
    rating_min: float | None = None
    directors: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()
    # Series the person ruled out ("fantasy but no Harry Potter"), by name, and the ids of every
    # catalogue film of them: membership is decided once, from the catalogue, when the request is read.
    exclude_series: tuple[str, ...] = ()
    excluded_films: frozenset[str] = frozenset()
    # Original languages as ISO 639-1 codes: "a Korean thriller" sets ("ko",), "not in English"
    # excludes ("en",). A film of unknown language meets neither: it cannot be shown to.
    languages: tuple[str, ...] = ()
    exclude_languages: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == RequestConstraints()

    def allows(self, movie: Movie) -> bool:
        return not self.violations(movie)

    def violations(self, movie: Movie) -> list[str]:
        out = _range_violations("released", movie.year, self.year_min, self.year_max, ("before", "after"))
        out += [f"not {g}" for g in self.include_genres if g not in movie.genres]
        out += [f"is {g}" for g in self.exclude_genres if g in movie.genres]
        out += _range_violations(
            "runtime", movie.runtime, self.runtime_min, self.runtime_max, ("min, under", "min, over")
        )
        if self.rating_min is not None:
            if movie.vote_average is None:
                out.append("rating unknown")
            elif movie.vote_average < self.rating_min:
                out.append(f"rated {movie.vote_average:g}, below {self.rating_min:g}")
        if (self.directors or self.cast) and not movie.has_credits:
            # Unknown is not absent: such a film is left out, never said to lack the person.
            out.append("the catalogue has no cast or crew for it")
        elif self.directors and not set(self.directors) & set(movie.directors):
            out.append(f"not directed by {' or '.join(self.directors)}")
        if movie.has_credits:
            out += [f"{name} is not in the cast" for name in self.cast if name not in movie.cast]
        if movie.id in self.excluded_films:
            out.append(f"one of the {' / '.join(self.exclude_series) or 'ruled-out'} films")
        if (self.languages or self.exclude_languages) and not movie.language:
            out.append("language unknown")
        elif self.languages and movie.language not in self.languages:
            out.append(f"in {name_of(movie.language)}, not {_languages(self.languages, ' or ')}")
        elif movie.language in self.exclude_languages:
            out.append(f"in {name_of(movie.language)}")
        return out

    def merged(self, newer: RequestConstraints) -> RequestConstraints:
        include = [g for g in self.include_genres if g not in newer.exclude_genres]
        include += [g for g in newer.include_genres if g not in include]
        exclude = [g for g in self.exclude_genres if g not in newer.include_genres]
        exclude += [g for g in newer.exclude_genres if g not in exclude]
        years = _merge_range(self.year_min, self.year_max, newer.year_min, newer.year_max)
        runtime = _merge_range(self.runtime_min, self.runtime_max, newer.runtime_min, newer.runtime_max)
        kept_out = [c for c in self.exclude_languages if c not in newer.languages]
        kept_out += newer.exclude_languages
        return RequestConstraints(
            *years,
            tuple(include),
            tuple(exclude),
            *runtime,
            rating_min=self.rating_min if newer.rating_min is None else newer.rating_min,
            directors=newer.directors or self.directors,
            cast=newer.cast or self.cast,
            exclude_series=tuple(dict.fromkeys(self.exclude_series + newer.exclude_series)),
            excluded_films=self.excluded_films | newer.excluded_films,
            languages=newer.languages or tuple(c for c in self.languages if c not in newer.exclude_languages),
            exclude_languages=tuple(dict.fromkeys(kept_out)),
        )

    def describe(self) -> str:
        parts = [_describe_range(self.year_min, self.year_max, "from {}", "up to {}", "")]
        parts += [*self.include_genres, *(f"no {g}" for g in self.exclude_genres)]
        parts.append(
            _describe_range(self.runtime_min, self.runtime_max, "over {} min", "under {} min", " min")
        )
        parts.append(f"rated {self.rating_min:g}+" if self.rating_min is not None else "")
        parts.append(f"directed by {' or '.join(self.directors)}" if self.directors else "")
        parts.append(f"with {' and '.join(self.cast)}" if self.cast else "")
        parts += [f"no {name}" for name in self.exclude_series]
        parts.append(f"in {_languages(self.languages, ' or ')}" if self.languages else "")
        parts.append(f"not in {_languages(self.exclude_languages, ' or ')}" if self.exclude_languages else "")
        return ", ".join(p for p in parts if p) or "no constraints"


def _languages(codes: tuple[str, ...], joint: str) -> str:
    """("zh", "cn") -> "Chinese or Cantonese"; one name once ("no", "nb" are both Norwegian)."""
    return joint.join(dict.fromkeys(name_of(c) for c in codes))


def _range_violations(
    what: str, value: int | None, lo: int | None, hi: int | None, words: tuple[str, str]
) -> list[str]:
    if lo is None and hi is None:
        return []
    if value is None:
        return [f"{what} unknown"]  # an unknown value cannot be shown to meet the limit
    if lo is not None and value < lo:
        return [f"{what} {value} {words[0]} {lo}"]
    return [f"{what} {value} {words[1]} {hi}"] if hi is not None and value > hi else []


def _describe_range(lo: int | None, hi: int | None, only_lo: str, only_hi: str, unit: str) -> str:
    if lo is not None and hi is not None:
        return f"{lo}{unit}" if lo == hi else f"{lo}-{hi}{unit}"
    return only_lo.format(lo) if lo is not None else only_hi.format(hi) if hi is not None else ""


def _merge_range(
    old_lo: int | None, old_hi: int | None, new_lo: int | None, new_hi: int | None
) -> tuple[int | None, int | None]:
    lo = old_lo if new_lo is None else new_lo
    hi = old_hi if new_hi is None else new_hi
    if lo is not None and hi is not None and lo > hi:
        return new_lo, new_hi  # the newer turn changed its mind; the older bound it contradicts goes
    return lo, hi


@dataclass(frozen=True)
class ParsedRequest:
    text: str
    intent: str
    constraints: RequestConstraints
    references: tuple[str, ...]
    k: int | None
    notices: tuple[str, ...]
    # Words the person asked to avoid that are no genre ("nothing gory", "less violent"): kept out
    # of the intent, since embedding "gory" would pull gory films closer, and used as a soft penalty.
    avoid: tuple[str, ...] = ()
    # Every catalogue film the message names, liked, disliked or not yet seen: none of them is a
    # pick (the person knows them), while only `references` steer the search.
    named: tuple[str, ...] = ()
    # What kind of message this is (see `intents.IntentKind`); `intent` above is the search text.
    intent_kind: str = "recommend"
    # For a question about one film ("who directed Heat?"): the fact asked for ("director",
    # "runtime", "year", "cast", "rating", "genre", "plot", "kids"...) and the film's id. A follow-up
    # that asks a fact about a film shown ("who directed the second one?") has the fact, no id.
    question: str | None = None
    asked_film: str | None = None
    # Viewing situations read in the message ("with the kids", "for a long flight"; `occasions.py`):
    # their words are not in `intent`; the kind of film they suggest is a soft lean.
    occasions: tuple[str, ...] = ()
    # "Underrated sci-fi", "hidden gems": well liked but not widely seen, so how widely a film is
    # seen counts against it instead of for it (`assistant/ordering.py`).
    lesser_known: bool = False
    # "The must-see films of the 60s", "essential noir": the canon, so standing counts twice
    # (`assistant/ordering.py`).
    canon: bool = False
    # "A western with a strong female lead", "heroines": films carried by a woman go first
    # (`assistant/leads.py`).
    female_lead: bool = False
    # "A DreamWorks animated comedy": the studios asked for, whose recorded films go first
    # (`assistant/understand/studios.py`).
    studios: tuple[str, ...] = ()
    # "An old black-and-white film" (True), "in colour please" (False): the films surely of the other
    # kind go below the rest (`assistant/understand/picture.py`).
    black_and_white: bool | None = None
    # "A silent comedy" (True), "no silent films" (False): the same for sound (`picture.py`).
    silent: bool | None = None
    # The person's situation told before the request ("the news is so grim lately."; `context.py`):
    # out of `intent`, since it says how they are, not what the film is about; its moods still count.
    context: str = ""
