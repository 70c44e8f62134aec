"""Series stems: what a series' titles share, so "like Alien" keeps Alien's own sequels below the rest."""

from __future__ import annotations

import pytest

from rerank.features import same_series, series_stem


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Toy Story 3", "toy story"),
        ("Aliens", "alien"),
        ("Alien³", "alien"),  # a superscript number is a sequel number too
        ("Cube²", "cube"),
        ("Rocky IV", "rocky"),
        ("Thor: Ragnarok", "thor"),
        ("Se7en", "se7en"),  # a digit inside a word is part of the title
        ("2012", "2012"),
        ("Blade Runner 2049", "blade runner 2049"),
        ("Ocean's Eleven", "ocean s"),  # a spelled number ends a series' title ...
        ("Ocean's Twelve", "ocean s"),
        ("Happy Feet Two", "happy feet"),
        ("Fantastic Four", "fantastic four"),  # ... where two words stay before it
        ("The Hateful Eight", "hateful eight"),
        ("Harry Potter and the Goblet of Fire", "harry potter"),  # a hero's name before "and the"
        ("Indiana Jones and the Last Crusade", "indiana jone"),
        ("Beauty and the Beast", "beauty and beast"),  # one word before "and the": a title, no series
        ("The Fox and the Hound", "fox and hound"),
        ("Charlie and the Chocolate Factory", "charlie and chocolate factory"),
    ],
)
def test_series_stem(title: str, stem: str) -> None:
    assert series_stem(title) == stem


def test_same_series_by_stem_or_continuation() -> None:
    assert same_series(series_stem("Alien³"), series_stem("Alien"))
    assert same_series(series_stem("The Matrix Reloaded"), series_stem("The Matrix"))
    assert not same_series(series_stem("Alien Nation"), series_stem("Predator"))
    assert not same_series("", series_stem("Alien"))
