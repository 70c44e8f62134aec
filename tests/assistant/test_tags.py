"""Viewers' tags as a retrieval signal: word-by-word matching by meaning, and "like X" by shared tags."""

from pathlib import Path

import numpy as np
import pytest

from assistant.tags import TagIndex, request_words
from rerank.movielens import load_shipped_signals

REPO = Path(__file__).resolve().parents[2]

# A toy embedding: words of one mood share a direction, so "bleak" is close to "depressing".
DIRECTIONS = {
    "bleak": 0,
    "depressing": 0,
    "dark": 0,
    "funny": 1,
    "hilarious": 1,
    "silly": 1,
    "dreams": 2,
    "heist": 3,
    "classic": 4,
}


def toy_encode(texts: list[str]) -> np.ndarray:
    out = np.zeros((len(texts), 6), dtype=np.float32)
    for i, text in enumerate(texts):
        out[i, DIRECTIONS.get(text, 5)] = 1.0
        out[i, 5] += 0.1  # a little shared noise, as real embeddings have
    return out


FILMS = {
    "gloom": ("depressing", "classic"),
    "laughs": ("hilarious", "classic"),
    "dreamy": ("dreams", "heist"),
    "heisty": ("heist",),
    "plain": ("classic",),
}


def test_request_words_keep_what_names_a_kind_of_film() -> None:
    assert request_words("Something light and silly, I just want to laugh!") == ["light", "silly", "laugh"]
    assert request_words("a movie to watch") == []


def test_request_words_leave_out_contracted_stopwords_and_read_possessives_as_their_noun() -> None:
    # "that'll" reached the topic vote as a word a film could be about
    said = "need something that'll make me feel less alone, i'm sure it's fine, don't you're let's"
    assert request_words(said) == ["need", "make", "feel", "less", "alone", "sure", "fine"]
    # "a musician's rise and fall": the descriptors say "musician"
    assert request_words("a musician's rise and fall, it's a thing") == ["musician", "rise", "fall", "thing"]


def test_a_mood_word_finds_films_tagged_with_a_word_of_that_mood() -> None:
    index = TagIndex(FILMS, list(FILMS), toy_encode)
    scores = dict(zip(index.film_ids, index.scores("a bleak film"), strict=True))
    assert scores["gloom"] > 0
    assert scores["laughs"] == scores["plain"] == scores["heisty"] == 0
    funny = dict(zip(index.film_ids, index.scores("something silly"), strict=True))
    assert max(funny, key=lambda f: funny[f]) == "laughs"


def test_like_a_named_film_favours_films_sharing_its_rarer_tags() -> None:
    index = TagIndex(FILMS, list(FILMS), toy_encode)
    scores = dict(zip(index.film_ids, index.scores("", references=["dreamy"]), strict=True))
    # "heist" is shared with one film; "classic" (with three) is not among Dreamy's tags at all.
    assert scores["heisty"] > 0
    assert scores["plain"] == scores["gloom"] == 0


def test_films_outside_the_index_and_unknown_words_score_nothing() -> None:
    index = TagIndex(FILMS, ["gloom", "laughs"], toy_encode)
    assert len(index.scores("zzz qqq")) == 2
    assert not index.scores("zzz qqq").any()
    assert not index.scores("", references=["not-a-film"]).any()


def test_shipped_tags_cover_well_known_films() -> None:
    tags = load_shipped_signals(REPO / "data").tags
    if not tags:
        pytest.fail("data/movielens_tags.parquet is missing: run `python data/prepare.py --movielens-only`")
    assert len(tags) > 900
    assert "thought-provoking" in tags["27205"]  # Inception, by TMDB id
    assert not any("netflix" in t or "imdb" in t for film_tags in tags.values() for t in film_tags)


def test_two_words_a_tag_says_together_are_matched_as_one() -> None:
    # "artist" alone is near "art"; "con artist" is near "con artists" and far from "art"
    directions = {"art": 0, "artist": 0, "con artist": 1, "con artists": 1}

    def encode(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 3), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i, directions.get(text, 2)] = 1.0
        return out

    index = TagIndex({"grift": ("con artists",), "gallery": ("art",)}, ["grift", "gallery"], encode)
    assert index.words("a film about a con artist") == ["con artist"]
    assert index.words("con artists, or a painter") == ["painter", "con artists"]
    assert index.words("an artist who cons") == ["artist", "cons"]  # not in a row: apart
    scores = dict(zip(index.film_ids, index.scores("a film about a con artist"), strict=True))
    assert scores["grift"] > 0
    assert scores["gallery"] == 0
