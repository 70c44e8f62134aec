"""Avoided words: a word finds its forms (not every word that holds it), catalogues' own words for
it, and what a film is labelled with; a labelled film goes below every other."""

from __future__ import annotations

import pytest

from assistant import MovieAssistant
from assistant.avoid import avoid_patterns, labelled, mentions_any, word_root
from ingest.movie import Movie


def _film(overview: str = "", keywords: tuple[str, ...] = (), **kw: object) -> Movie:
    return Movie(id="t1", title="T", overview=overview, keywords=keywords, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("boxing", "box"),
        ("boxers", "box"),
        ("zombies", "zombi"),
        ("running", "run"),
        ("dressing", "dress"),
        ("war", "war"),
    ],
)
def test_a_word_loses_its_inflection_not_its_stem(word: str, root: str) -> None:
    assert word_root(word) == root


def test_a_refused_word_finds_its_forms_and_not_the_words_that_contain_it() -> None:
    boxing = avoid_patterns(["boxing"])
    assert mentions_any(_film("A young boxer trains for the title."), boxing)
    war = avoid_patterns(["war"])
    assert mentions_any(_film("After the war ends, two brothers return."), war)
    assert not mentions_any(_film("Jimmy Stewart wins an award for his drawing."), war)


def test_what_catalogues_call_a_refused_thing_counts_too() -> None:
    assert mentions_any(_film("A squad lands in France.", ("world war ii",)), avoid_patterns(["wwii"]))
    assert mentions_any(_film("An astronaut travels to Neptune."), avoid_patterns(["spaceships"]))
    assert {r"\bserial\ killers?\b", r"\btorture"} <= set(avoid_patterns(["violent"]))


def test_japanese_animation_is_anime_whatever_its_plot_says() -> None:
    anime = avoid_patterns(["anime"])
    spirited = _film("A girl works in a bathhouse for spirits.", genres=("Animation",), language="ja")
    assert labelled(spirited, anime)
    assert not labelled(_film("A girl and a spirit.", genres=("Animation",), language="en"), anime)


def test_a_plot_mention_is_not_a_label() -> None:
    gory = avoid_patterns(["gory"])
    film = _film("Blood is thicker than water for two sisters.")
    assert mentions_any(film, gory) and not labelled(film, gory)
    assert labelled(film, gory, tags=("gore",))  # what viewers call it is a label


def test_a_film_labelled_with_a_refused_subject_is_not_shown(assistant: MovieAssistant) -> None:
    # Rocky ("boxer", "boxing match") was sixth for this: its other votes outweighed the penalty
    recs = assistant.recommend("a sports underdog story that isn't about boxing", k=10)
    boxing = avoid_patterns(["boxing"])
    tags = assistant.engine.catalogue.signals.tags
    assert len(recs) == 10
    assert not [
        r.title
        for r in recs
        if labelled(assistant.engine.movies[r.movie_id], boxing, tags.get(r.movie_id, ()))
    ]
