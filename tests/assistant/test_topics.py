"""The topic vote (assistant.topics): how well a film's keywords and viewers' tags cover the words
of the request."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant import MovieAssistant
from assistant.lexical import says_nothing, title_query
from assistant.topics import (
    PHRASES_FILE,
    STAGED,
    TopicIndex,
    film_descriptors,
    phrase_vectors,
    topic_words,
    write_phrase_vectors,
)
from ingest.movie import Movie
from rerank.movielens import load_shipped_signals

DATA = Path(__file__).resolve().parents[2] / "data"
AXES = {"courtroom": 0, "court case": 0, "lawyer": 0, "heist": 1, "bank robbery": 1, "dog": 2}


def axis_vectors(phrases: list[str]) -> np.ndarray:
    """A stand-in embedding: each phrase on its topic's axis, with a little of a shared one."""
    out = np.zeros((len(phrases), 4), dtype=np.float32)
    for i, phrase in enumerate(phrases):
        out[i, AXES.get(phrase, 3)] = 1.0
        out[i, 3] += 0.1
    return out


def test_a_film_described_by_the_topic_covers_it_and_an_undescribed_one_is_average() -> None:
    index = TopicIndex(
        {"law": ["court case", "lawyer"], "heist": ["bank robbery"], "dog": ["dog"]}, axis_vectors
    )
    fit = index.coverage(axis_vectors(["courtroom"]), ["law", "heist", "unknown", "dog"])
    assert fit is not None
    assert fit[0] > fit[1] == fit[3] == 0.0
    assert fit[2] == pytest.approx(fit[[0, 1, 3]].mean())  # no descriptors: unknown, not absent
    both = index.coverage(axis_vectors(["courtroom", "heist"]), ["law", "heist", "dog"])
    assert both is not None and both[0] == both[1] > both[2]  # each covers one of the two words


def test_a_complaint_or_an_opposite_is_no_match() -> None:
    # an embedding puts "funny" near "not funny" (0.82) and "light" near "dark" (0.64); "too long"
    # (a complaint) is as near "long"
    near = {
        "funny": 0,
        "not funny": 0,
        "too funny": 0,
        "hilarious": 0,
        "light": 1,
        "dark": 1,
        "dark humor": 1,
    }

    def vectors(phrases: list[str]) -> np.ndarray:
        out = np.zeros((len(phrases), 3), dtype=np.float32)
        for i, phrase in enumerate(phrases):
            out[i, near.get(phrase, 2)] = 1.0
        return out

    index = TopicIndex(
        {"panned": ["not funny", "too funny"], "comedy": ["hilarious"], "noir": ["dark", "dark humor"]},
        vectors,
    )
    fit = index.coverage(vectors(["funny"]), ["panned", "comedy", "noir"], ["funny"])
    assert fit is not None and fit[1] > fit[0] == fit[2] == 0.0
    fit = index.coverage(vectors(["light"]), ["panned", "comedy", "noir"], ["light"])
    assert fit is not None and fit.tolist() == [0.0, 0.0, 0.0]
    assert (index.coverage(vectors(["light"]), ["noir"]) or np.zeros(1))[0] > 0  # the words unknown


def test_no_words_or_no_described_film_gives_no_vote() -> None:
    index = TopicIndex({"law": ["lawyer"]}, axis_vectors)
    assert index.coverage(np.zeros((0, 4), dtype=np.float32), ["law"]) is None
    assert index.coverage(axis_vectors(["courtroom"]), ["someone else"]) is None


def test_genre_and_filler_words_are_not_topics() -> None:
    assert topic_words("a courtroom thriller from the 90s") == ["courtroom"]
    assert topic_words("a horror comedy") == []
    # a kind within a genre is a topic too: its films' descriptors say "zombie", "slasher"
    assert topic_words("a funny zombie movie") == ["zombie"]
    assert topic_words("a slasher from the 80s") == ["slasher"]
    assert topic_words("a movie that will make me feel hopeful") == ["hopeful"]  # how people ask
    assert topic_words("a feel-good film for tonight") == ["feel-good"]
    # the framing of a mood: "feeling" matched "feel-good", "mood" matched "melancholy"
    assert topic_words("in the mood for something weird") == ["weird"]
    assert topic_words("a film with that wanderlust feeling, cosy vibes") == ["wanderlust", "cosy"]
    # how the person is, no theme: "i'm sad" showed The Notebook first (tagged "sad")
    assert "sad" not in topic_words("i'm sad, give me something to cheer me up")
    assert "sad" in topic_words("a sad film about a dog")
    # a mood said as what the film does to the viewer is an idiom: no cheerleaders, no card games
    assert topic_words("an uplifting film to cheer me up") == ["uplifting"]
    assert topic_words("a thriller that keeps you guessing") == []
    assert "guessing" in topic_words("a film about a guessing game")
    # how people ask is not glue for the whole request: "feel-good" says what is wanted
    assert not says_nothing("a feel-good film for tonight")


def test_a_genre_said_as_a_style_is_a_topic_named_as_the_descriptors_name_it() -> None:
    # "documentary" is near "fake documentary" (0.84) but far from "found footage" and "mockumentary"
    assert topic_words("a horror shot like a documentary") == ["shot", "documentary", *STAGED]
    assert topic_words("a fake documentary comedy") == ["fake", "documentary", *STAGED]
    assert topic_words("a good documentary about space") == ["space"]


def test_a_documentary_style_horror_is_found_footage_not_documentaries(assistant: MovieAssistant) -> None:
    """Before: Halloween: 25 Years of Terror, The Making of Saw, Curse of the Blair Witch (the genre
    filter asked for documentaries)."""
    picks = assistant.recommend("a documentary-style horror", k=5)
    staged = [p.title for p in picks if {"found footage", "mockumentary"} & set(p.keywords)]
    assert len(staged) >= 3 and not [p for p in picks if "Documentary" in p.genres], [p.title for p in picks]


def test_two_words_a_descriptor_says_together_are_one_topic() -> None:
    # apart, "true" and "story" match any film's "story"; together they are "based on true story"
    index = TopicIndex({"a": ["based on true story", "time travel"], "b": ["road movie"]}, axis_vectors)
    assert topic_words("an inspiring true story", index.pairs) == ["inspiring", "true story"]
    assert topic_words("a sci-fi film about time travel and love", index.pairs) == ["love", "time travel"]
    assert topic_words("a true friend's story", index.pairs) == ["true", "friend", "story"]
    assert topic_words("a road movie", index.pairs) == ["road movie"]  # "movie" alone is no topic
    assert topic_words("road movies", index.pairs) == ["road movie"]  # the descriptor's own form


def test_what_a_film_is_based_on_is_one_topic_as_the_descriptors_say_it() -> None:
    pairs = {"true story", "video game", "stephen king"}
    assert topic_words("a thriller based on a book", pairs) == ["based on book"]
    assert topic_words("films adapted from comic books", pairs) == ["based on comic book"]
    # the pair that is all of it is said once; a pair within it is its own topic (viewers tag "stephen king")
    assert topic_words("an inspiring sports movie based on a true story", pairs) == [
        "inspiring",
        "sports",
        "based on true story",
    ]
    assert topic_words("something based on a Stephen King novel", pairs) == [
        "based on stephen king novel",
        "stephen king",
    ]
    # it ends where the words stop saying what it is based on
    said = topic_words("a drama inspired by true events in boston", pairs)
    assert said == ["boston", "based on true event"]


def test_what_a_film_is_based_on_searches_no_titles() -> None:
    assert title_query("thriller based on a book").split() == ["thriller"]
    assert title_query("Book of Eli").split() == ["Book", "of", "Eli"]


def test_films_based_on_video_games_are_adaptations_not_films_about_games(assistant: MovieAssistant) -> None:
    """Before: Pixels, Ready Player One, WarGames, Indie Game: The Movie, then Warcraft (the words
    "video games" matched films about games, and "games" titles)."""
    picks = assistant.recommend("movies based on video games", k=5)
    adapted = [p.title for p in picks if "based on video game" in p.keywords]
    assert len(adapted) >= 2, [p.title for p in picks]


def test_stored_phrase_vectors_are_used_and_only_new_phrases_embedded(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def encode(phrases: list[str]) -> np.ndarray:
        calls.append(list(phrases))
        return axis_vectors(phrases)

    write_phrase_vectors(tmp_path / PHRASES_FILE, "toy-model", ["lawyer", "dog"], encode)
    calls.clear()
    vectors_of = phrase_vectors(tmp_path, "toy-model", encode)
    got = vectors_of(["dog", "heist", "lawyer"])
    assert calls == [["heist"]]
    assert np.allclose(got, axis_vectors(["dog", "heist", "lawyer"]), atol=1e-3)  # stored as float16
    assert phrase_vectors(tmp_path, "another-model", encode)(["dog"]).shape == (1, 4)
    assert calls[-1] == ["dog"]  # another model's vectors are not used


def test_the_shipped_phrase_vectors_cover_every_film_of_the_shipped_catalogue(
    catalogue_movies: list[Movie],
) -> None:
    """A fresh install embeds nothing at start-up: `python data/prepare.py --phrases-only` wrote them."""
    descriptors = film_descriptors({m.id: m for m in catalogue_movies}, load_shipped_signals(DATA).tags)
    missing: list[str] = []

    def encode(phrases: list[str]) -> np.ndarray:
        missing.extend(phrases)
        return np.zeros((len(phrases), 384), dtype=np.float32)

    vectors_of = phrase_vectors(DATA, "sentence-transformers/all-MiniLM-L6-v2", encode)
    vectors_of(sorted({p for found in descriptors.values() for p in found}))
    assert not missing


def test_a_courtroom_thriller_is_set_in_a_courtroom(assistant: MovieAssistant) -> None:
    """Before the vote: Pulp Fiction, The Usual Suspects, Primal Fear, Fargo, The Devil's Advocate (two
    of five about the law); with it A Time to Kill joins them."""
    picks = assistant.recommend("a courtroom thriller from the 90s", k=5)
    words = ("court", "lawyer", "trial", "attorney")
    legal = [p.title for p in picks if any(w in " ".join([*p.keywords, p.overview]).lower() for w in words)]
    assert len(legal) >= 3, [p.title for p in picks]
