"""The mood vocabulary: everyday words for moods, and the genres they lean to (never a filter)."""

import pytest

from assistant.understand.moods import mood_lean


@pytest.mark.parametrize(
    ("text", "up", "down"),
    [
        ("a feel-good film for tonight", "Comedy", "Horror"),
        ("something to cheer me up", "Family", "War"),
        ("I want a good cry", "Drama", "Comedy"),
        ("something scary for Halloween", "Horror", "Family"),
        ("a tense, edge-of-your-seat film", "Thriller", "Family"),
        ("a romantic film for date night", "Romance", "Horror"),
        ("a bleak, harrowing story", "Drama", "Comedy"),
    ],
)
def test_a_mood_leans_to_its_genres_and_away_from_others(text: str, up: str, down: str) -> None:
    lean = mood_lean(text)
    assert lean[up] > 0 > lean[down]


def test_no_mood_word_no_lean() -> None:
    # "moving" alone is a plot word ("moving to Paris"); so is "dark" without a film noun.
    assert mood_lean("a film about moving to Paris after a dark secret comes out") == {}
    assert mood_lean("a 90s heist thriller") == {}
