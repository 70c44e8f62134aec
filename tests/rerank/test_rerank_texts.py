"""The texts the cross-encoder reads, and the requests synthesized for training."""

from __future__ import annotations

import re

from ingest.movie import Movie
from rerank.requests import mentions_title, synthesize_request, synthesized_requests
from rerank.texts import INTENT_CHARS, OVERVIEW_CHARS, candidate_text, query_text

HEAT = Movie(
    id="949",
    title="Heat",
    overview=(
        "Obsessive master thief Neil McCauley leads a top-notch crew on various daring heists "
        "throughout Los Angeles while determined detective Vincent Hanna pursues him without rest. "
    )
    * 4,
    year=1995,
    genres=("Action", "Crime", "Drama", "Thriller"),
    keywords=(
        "robbery",
        "detective",
        "bank",
        "duringcreditsstinger",
        "obsession",
        "chase",
        "shooting",
        "thief",
        "honor",
        "murder",
        "suspense",
        "heist",
        "betrayal",
    ),
    tagline="A Los Angeles crime saga",
    directors=("Michael Mann",),
    cast=("Al Pacino", "Robert De Niro", "Val Kilmer"),
    vote_average=7.7,
    vote_count=1886,
)


def test_candidate_text_is_a_short_deterministic_card() -> None:
    text = candidate_text(HEAT)
    assert text == candidate_text(HEAT)
    assert text.startswith("Heat (1995). Action, Crime, Drama, Thriller. Directed by Michael Mann.")
    assert "Starring Al Pacino, Robert De Niro." in text and "Val Kilmer" not in text
    keywords = re.search(r"Keywords: (.*?)\.", text)
    assert keywords is not None
    listed = keywords.group(1).split(", ")
    assert len(listed) == 8 and "duringcreditsstinger" not in listed  # a credits tag, not content
    overview = text.split("A Los Angeles crime saga ")[1]
    assert len(overview) <= OVERVIEW_CHARS + 1 and overview.endswith("…")
    assert HEAT.overview.startswith(overview[:-1])  # cut at a word boundary, not inside a word
    assert not overview[:-1].endswith(" ")


def test_query_text_keeps_the_latest_words_and_names_liked_films() -> None:
    assert query_text("  a heist movie ") == "a heist movie"
    chat = "I watched a lot of romantic comedies last year. " * 20 + "Now I want a tense heist thriller"
    text = query_text(chat)
    assert text.endswith("Now I want a tense heist thriller")
    assert len(text) <= INTENT_CHARS + 1 and text.startswith("…")
    assert text[1:].split(" ")[0] in chat.split(" ")  # starts on a whole word

    liked = query_text("something slower", [HEAT])
    assert liked == "something slower. Liked: Heat (Action, Crime, Drama, Thriller; robbery, detective, bank)"
    assert query_text("", [HEAT]).startswith("Liked: Heat (")
    assert query_text("more!", [HEAT]).startswith("more! Liked:")


def test_synthesized_requests_are_deterministic_and_never_name_the_film(
    catalogue_movies: list[Movie],
) -> None:
    requests = synthesized_requests(catalogue_movies, 1500, seed=3)
    assert len(requests) == 1500
    assert [r.text for r in requests] == [
        r.text for r in synthesized_requests(catalogue_movies, 1500, seed=3)
    ]
    assert [r.text for r in requests] != [
        r.text for r in synthesized_requests(catalogue_movies, 1500, seed=4)
    ]
    assert len({r.movie.id for r in requests}) == 1500  # one request per film
    for request in requests:
        # Checked independently of the generator's own check: the title as whole words, any case.
        title = re.escape(request.movie.title.lower())
        assert not re.search(rf"(?<!\w){title}(?!\w)", request.text.lower()), (
            request.text,
            request.movie.title,
        )
        assert request.facets.satisfied_by(request.movie)  # what it asks for, the film has
    assert len({r.text.split(" ")[0].lower() for r in requests}) >= 8  # varied templates


def test_a_keyword_that_is_the_title_is_never_used() -> None:
    alien = Movie(
        id="348",
        title="Alien",
        overview="A crew meets a deadly creature.",
        year=1979,
        genres=("Horror", "Science Fiction"),
        keywords=("alien", "spaceship", "android", "space"),
        cast=("Sigourney Weaver",),
        directors=("Ridley Scott",),
    )
    import random

    rng = random.Random(0)
    texts = [r.text for r in (synthesize_request(alien, rng) for _ in range(200)) if r is not None]
    assert len(texts) > 150
    assert not any(mentions_title(t, "Alien") for t in texts)
    assert any("spaceship" in t for t in texts)
    assert mentions_title("a film about her past", "Her") and not mentions_title("about a toy", "Up")
