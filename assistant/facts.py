"""Answers to a question about one film, from the catalogue's facts only.

Never invented: where the catalogue lacks the fact (films from the second source carry no
director or cast; no film carries an age rating, awards, money figures or where to stream it), the answer says
so and gives what the catalogue does hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.understand import ParsedRequest, RequestConstraints
from assistant.understand.shown import FACTS, Superlative
from ingest.movie import Movie

# TMDB genres that speak for or against showing a film to children; the catalogue has no age rating.
_FOR_KIDS = ("Family", "Animation")
_NOT_FOR_KIDS = ("Horror",)
_LACKS = {
    "crew": "who wrote, scored or produced it",
    "where": "where it is streaming",
    "awards": "its awards",
    "language": "its language",
    "sequel": "which films follow it",
    "money": "its budget or box office",
}


def answer_film_question(parsed: ParsedRequest, movie: Movie | None) -> str:
    """One short answer to `parsed.question` about `movie` (None: the film is not in the catalogue)."""
    if movie is None:
        return "I couldn't find that film in the catalogue, so I can't answer about it."
    question = parsed.question or "plot"
    name = movie.label
    if question == "director":
        if movie.directors:
            return f"{name} was directed by {join_names(movie.directors)}."
        return f"The catalogue doesn't say who directed {name}.{_credits_note(movie)}"
    if question == "cast":
        if movie.cast:
            return f"{name} stars {join_names(movie.cast[:5])}."
        return f"The catalogue doesn't list the cast of {name}.{_credits_note(movie)}"
    if question == "runtime":
        if movie.runtime:
            hours, minutes = divmod(movie.runtime, 60)
            spelled = f" ({hours} h {minutes:02d} min)" if hours else ""
            return f"{name} runs {movie.runtime} minutes{spelled}."
        return f"The catalogue doesn't give the runtime of {movie.title}."
    if question == "year":
        if movie.year:
            return f"{movie.title} came out in {movie.year}."
        return f"The catalogue doesn't give the release year of {movie.title}."
    if question == "rating":
        if movie.vote_average is not None and movie.vote_count:
            return f"{name} is rated {movie.vote_average:g}/10 on TMDB, from {movie.vote_count:,} votes."
        return f"The catalogue has no rating for {name} yet."
    if question == "genre":
        if movie.genres:
            return f"{name} is listed as {join_names([g.lower() for g in movie.genres])}."
        return f"The catalogue lists no genre for {name}."
    if question == "kids":
        return _kids_answer(movie)
    if question == "source":
        return _source_answer(movie)
    if question in _LACKS:
        return f"The catalogue doesn't hold {_LACKS[question]} for {name}."
    return f"{name}: {_plot(movie)}"


# What each fact is called where a film lacks it ("The catalogue gives no runtime for ...").
_FACT_NAMES = {"runtime": "runtime", "year": "release year", "votes": "vote count", "rating": "rating"}


def compare_shown(which: Superlative, movies: Sequence[Movie]) -> tuple[str, Movie | None]:
    """The answer to "which one is the shortest?" about the films shown, and the film it names.

    A fact orders them all (the answer lists the order, so the reader sees by how much); a feel the
    catalogue does not measure ("scariest") names the films filed under the nearest genre instead,
    and says that it does."""
    if not movies:
        return "I haven't shown you any films yet to compare.", None
    if which.fact not in FACTS:
        return _by_genre(which, movies)
    valued = [(m, v) for m in movies if (v := _fact(m, which.fact)) is not None]
    missing = [m for m in movies if _fact(m, which.fact) is None]
    lacks = (
        f" The catalogue gives no {_FACT_NAMES[which.fact]} for {join_names([m.label for m in missing])}."
        if missing
        else ""
    )
    if not valued:
        return f"I can't tell: the catalogue gives no {_FACT_NAMES[which.fact]} for these films.", None
    valued.sort(key=lambda mv: mv[1], reverse=which.most)
    first = valued[0][0]
    tied = [m for m, v in valued if v == valued[0][1]]
    by = "By TMDB viewers' rating, t" if which.fact == "rating" else "T"  # "the best": by what, said
    # "the newest": Big Hero 6 and The Lego Movie, both 2014
    named = f"are {join_names([m.label for m in tied])}" if len(tied) > 1 else f"is {first.label}"
    answer = f"{by}he {which.said} of these {named}{_value(first, which.fact)}."
    if len(valued) > 1:
        answer += " In order: " + "; ".join(f"{m.label}{_value(m, which.fact)}" for m, _ in valued) + "."
    return answer + lacks, first


def sift_shown(
    constraints: RequestConstraints, children: bool, movies: Sequence[Movie]
) -> tuple[str, Movie | None]:
    """The answer to "which ones are under 2 hours?" or "which of these can I watch with my kids?"
    about the films shown, and the film it names when one alone fits. Each film left out says why
    (the constraint's own reason); for children, the genres speak, as there is no age rating."""
    if not movies:
        return "I haven't shown you any films yet.", None
    if children and replace(constraints, include_genres=()).is_empty():  # "family", read from "my kids"
        return _for_children(movies)
    what = constraints.describe()
    for genre in (*constraints.include_genres, *constraints.exclude_genres):
        what = what.replace(genre, genre.lower())
    fit = [m for m in movies if constraints.allows(m)]
    left = "; ".join(_why_not(m, constraints) for m in movies if m not in fit)
    if not fit:
        named = all(_why_not(m, constraints) == m.label for m in movies)  # "not Comedy", five times
        return f"None of these fits ({what})" + ("." if named else f": {left}."), None
    answer = f"Of these, {what}: {join_names([m.label for m in fit])}. Not: {left}."
    return (answer if left else f"All of these fit ({what})."), (fit[0] if len(fit) == 1 else None)


def _why_not(movie: Movie, constraints: RequestConstraints) -> str:
    """ "Aliens (1986) (runtime 137 min, over 120)": a value says something; "not Comedy" repeats the
    question, so a film left out for its genre or people alone is just named."""
    reasons = [
        v
        for v in constraints.violations(movie)
        if not v.startswith(("not ", "is ")) and "not in the cast" not in v
    ]
    return f"{movie.label} ({', '.join(reasons)})" if reasons else movie.label


def _for_children(movies: Sequence[Movie]) -> tuple[str, Movie | None]:
    family = [m for m in movies if _verdict(m) == "made with families in mind"]
    groups: dict[str, list[str]] = {verdict: [] for verdict in _VERDICTS}
    for movie in movies:
        groups.setdefault(_verdict(movie), []).append(movie.label)
    said = "; ".join(f"{verdict}: {join_names(labels)}" for verdict, labels in groups.items() if labels)
    answer = f"The catalogue has no age ratings, so this goes by genre. {said[0].upper()}{said[1:]}."
    return answer, family[0] if len(family) == 1 else None


def _by_genre(which: Superlative, movies: Sequence[Movie]) -> tuple[str, Movie | None]:
    genre = which.fact.lower()
    filed = [m for m in movies if which.fact in m.genres]
    answer = f"I can't measure how {which.feel} each one is: the catalogue holds no such score."
    if not filed:
        return f"{answer} None of these is filed under {genre}.", None
    rated = [m for m in filed if _fact(m, "rating") is not None]
    best = max(rated, key=lambda m: m.vote_average or 0.0) if rated else filed[0]
    answer += f" Filed under {genre}: {join_names([m.label for m in filed])}."
    if len(filed) > 1 and rated:
        answer += f" Of those, viewers rate {best.label} highest{_value(best, 'rating')}."
    return answer, best


def _fact(movie: Movie, fact: str) -> float | None:
    if fact == "rating":
        return movie.vote_average if movie.vote_average is not None and movie.vote_count else None
    value = {"runtime": movie.runtime, "year": movie.year, "votes": movie.vote_count}[fact]
    return float(value) if value else None


def _value(movie: Movie, fact: str) -> str:
    if fact == "runtime":
        return f", {movie.runtime} min"
    if fact == "rating":
        return f", {movie.vote_average:g}/10 from {movie.vote_count:,} TMDB votes"
    if fact == "votes":
        return f", {movie.vote_count:,} TMDB votes"
    return ""  # the year is in the label


def _kids_answer(movie: Movie) -> str:
    """From the genres only: the catalogue carries no age rating, so the answer says what it rests on."""
    name = movie.label
    genres = ", ".join(g.lower() for g in movie.genres) or "no genre"
    return (
        f"The catalogue has no age rating for {name}; it is listed as {genres}, so it is {_verdict(movie)}. "
        f"What it's about: {_plot(movie)}"
    )


_VERDICTS = ("made with families in mind", "not marked as a family film", "probably not for young children")


def _verdict(movie: Movie) -> str:
    if any(g in movie.genres for g in _NOT_FOR_KIDS):
        return _VERDICTS[2]
    if any(g in movie.genres for g in _FOR_KIDS):
        return _VERDICTS[0]
    return _VERDICTS[1]


# What a film is based on, as TMDB keywords say it: "based on novel", "biography", "remake"
_SOURCE = re.compile(r"^based on |^biography$|^remake$|\btrue (?:story|events)\b|^real events$")
# ... and as a summary says it: "The true story of how businessman Oskar Schindler saved ..."
_TOLD_SOURCE = re.compile(
    r"\btrue[\s-]+(?:life\s+)?(?:story|stories|events)\b|\bbased\s+on\b|\breal[\s-]+life\b", re.I
)


def _source_answer(movie: Movie) -> str:
    """ "Is it based on a true story?": the keywords that say so, or that they say nothing."""
    name = movie.label
    said = ['"' + k + '"' for k in movie.keywords if _SOURCE.search(k)]
    told = next((s for s in re.split(r"(?<=[.!?])\s+", movie.overview) if _TOLD_SOURCE.search(s)), "")
    if said:
        quoted = f' Its summary says: "{told}"' if told else ""
        return f"The catalogue files {name} under {join_names(said)}.{quoted}"
    if told:
        return f'{name}\'s summary says: "{told}"'
    if movie.keywords:
        lacks = f"The catalogue's keywords for {name} don't say what it is based on."
    else:
        lacks = f"The catalogue has no keywords for {name}, so it can't say what it is based on."
    return f"{lacks} What it's about: {_plot(movie)}"


def _plot(movie: Movie) -> str:
    return movie.overview.strip() or "the catalogue has no summary of it."


def _credits_note(movie: Movie) -> str:
    return "" if movie.has_credits else " Its source carries no credits for it."


def join_names(names: tuple[str, ...] | list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
