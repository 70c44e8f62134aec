"""Answers to a question about one film, from the catalogue's facts only.

Never invented: where the catalogue lacks the fact (films from the second source carry no
director or cast; no film carries an age rating, awards, money figures or where to stream it), the answer says
so and gives what the catalogue does hold.
"""

from __future__ import annotations

from assistant.understand import ParsedRequest
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
