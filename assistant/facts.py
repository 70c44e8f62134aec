"""Answers to a question about one film, from the catalogue's facts only.

Never invented: where the catalogue lacks the fact (films from the second source carry no
director or cast; no film carries an age rating, awards, money figures or where to stream it), the answer says
so and gives what the catalogue does hold.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.understand import ParsedRequest
from assistant.understand.superlatives import FACTS, Superlative
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
            return f"{name} was directed by {_join(movie.directors)}."
        return f"The catalogue doesn't say who directed {name}.{_credits_note(movie)}"
    if question == "cast":
        if movie.cast:
            return f"{name} stars {_join(movie.cast[:5])}."
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
            return f"{name} is listed as {_join([g.lower() for g in movie.genres])}."
        return f"The catalogue lists no genre for {name}."
    if question == "kids":
        return _kids_answer(movie)
    if question in _LACKS:
        return f"The catalogue doesn't hold {_LACKS[question]} for {name}."
    return f"{name}: {_plot(movie)}"


# What each fact is called where a film lacks it, and how a value reads after the film's name.
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
        f" The catalogue gives no {_FACT_NAMES[which.fact]} for {_join([m.label for m in missing])}."
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
    named = f"are {_join([m.label for m in tied])}" if len(tied) > 1 else f"is {first.label}"
    answer = f"{by}he {which.said} of these {named}{_value(first, which.fact)}."
    if len(valued) > 1:
        answer += " In order: " + "; ".join(f"{m.label}{_value(m, which.fact)}" for m, _ in valued) + "."
    return answer + lacks, first


def _by_genre(which: Superlative, movies: Sequence[Movie]) -> tuple[str, Movie | None]:
    genre = which.fact.lower()
    filed = [m for m in movies if which.fact in m.genres]
    answer = f"I can't measure how {which.feel} each one is: the catalogue holds no such score."
    if not filed:
        return f"{answer} None of these is filed under {genre}.", None
    rated = [m for m in filed if _fact(m, "rating") is not None]
    best = max(rated, key=lambda m: m.vote_average or 0.0) if rated else filed[0]
    answer += f" Filed under {genre}: {_join([m.label for m in filed])}."
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
    if any(g in movie.genres for g in _NOT_FOR_KIDS):
        verdict = "probably not for young children"
    elif any(g in movie.genres for g in _FOR_KIDS):
        verdict = "made with families in mind"
    else:
        verdict = "not marked as a family film"
    return (
        f"The catalogue has no age rating for {name}; it is listed as {genres}, so it is {verdict}. "
        f"What it's about: {_plot(movie)}"
    )


def _plot(movie: Movie) -> str:
    return movie.overview.strip() or "the catalogue has no summary of it."


def _credits_note(movie: Movie) -> str:
    return "" if movie.has_credits else " Its source carries no credits for it."


def _join(names: tuple[str, ...] | list[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
