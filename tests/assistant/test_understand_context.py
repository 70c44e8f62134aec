"""The person's situation told before the request: out of the search text, its moods still read."""

from __future__ import annotations

import pytest

from assistant.understand import CatalogueIndex, parse_request
from assistant.understand.context import context_spans
from assistant.understand.moods import mood_lean
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


@pytest.mark.parametrize(
    ("message", "intent", "context"),
    [
        # "grim" found grim films, "dark at 4pm" The Dark Knight
        (
            "the news is so grim lately. i want a film where people are decent and kind to each other",
            "i want a film where people are decent and kind to each other",
            "the news is so grim lately.",
        ),
        (
            "it's freezing and dark at 4pm. give me a hot, lazy, sun-drenched movie",
            "give me a hot, lazy, sun-drenched movie",
            "it's freezing and dark at 4pm.",
        ),
        # greetings and thanks before the request in a dialogue
        (
            "Hello! I'm good. I'm looking for an action movie with heart",
            "I'm looking for an action movie with heart",
            "Hello! I'm good.",
        ),
    ],
)
def test_the_situation_told_first_leaves_the_search(
    index: CatalogueIndex, message: str, intent: str, context: str
) -> None:
    parsed = parse_request(message, index)
    assert (parsed.intent, parsed.context) == (intent, context)


@pytest.mark.parametrize(
    "message",
    [
        # the request points back at the situation: it is what the film should be about
        "just turned 45 and feeling a bit lost about where my life has gone. something that gets that",
        # the situation is all the request says
        "I just got dumped. any ideas?",
        # a holiday suggests its films; a film named, a genre or a taste is the request's own
        "throwing a halloween costume party. want something campy and fun",
        "Whiplash wrecked me. anything like it that isn't about music?",
        "my dad is a huge western fan. something for his birthday",
        "I loved Heat. more like that please",
        # a film described, not a situation
        "a heist. how about a comedy instead",
        # one sentence, and "3.5 hours" ends none
        "seven samurai was incredible but i cant commit to 3.5 hours. more samurai epics",
    ],
)
def test_no_context_where_the_sentence_says_what_is_wanted(index: CatalogueIndex, message: str) -> None:
    parsed = parse_request(message, index)
    assert parsed.context == ""


def test_a_memory_keeps_every_sentence(index: CatalogueIndex) -> None:
    message = "It was raining all day. I remember a movie where a boy finds a dragon egg"
    parsed = parse_request(message, index)
    assert parsed.intent_kind == "known_item"
    assert (parsed.context, "raining" in parsed.intent) == ("", True)


def test_the_moods_of_the_situation_still_lean(index: CatalogueIndex) -> None:
    parsed = parse_request(
        "stressed out of my mind lately. want something gentle where not much happens", index
    )
    assert parsed.context == "stressed out of my mind lately."
    assert "stressed" not in parsed.intent
    assert mood_lean(parsed.context)  # the engine reads moods from context and intent together


def test_a_memory_told_is_no_situation_whatever_the_kind_of_message() -> None:
    # a search for one film that reads as a request keeps what the person remembers
    for text in ("I can see the guy saying it. any ideas?", "I think it was set in a school. any ideas?"):
        assert context_spans(text, text) == []
    assert context_spans("I'm so tired today. any ideas?", "I'm so tired today. any ideas?") == [(0, 20)]
