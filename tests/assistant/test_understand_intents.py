"""The kind of message: recommendation, known-item search, film question, follow-up, chit-chat."""

from __future__ import annotations

import pytest

from assistant.understand import CatalogueIndex, parse_request
from ingest.movie import Movie


@pytest.fixture(scope="module")
def index(catalogue_movies: list[Movie]) -> CatalogueIndex:
    return CatalogueIndex(catalogue_movies)


@pytest.mark.parametrize(
    ("message", "question", "title"),
    [
        ("who directed Heat?", "director", "Heat"),
        ("How long is Titanic?", "runtime", "Titanic"),
        ("is Coco for kids?", "kids", "Coco"),
        ("Can my kids watch Jaws?", "kids", "Jaws"),
        ("what year did the matrix come out", "year", "The Matrix"),
        ("Who plays Neo in The Matrix?", "cast", "The Matrix"),
        ("What's Inception about?", "plot", "Inception"),
        ("What genre is Drive?", "genre", "Drive"),
        ("Is Interstellar any good?", "rating", "Interstellar"),
        ("Heat: who directed it?", "director", "Heat"),
        ("how violent is It", "kids", "It"),  # a title that is also a pronoun
        ("how old should my daughter be to watch Jaws?", "kids", "Jaws"),
        ("how much did Titanic make?", "money", "Titanic"),
        # the whole title, never its first words: "The Lion" was found as The Legion, and "The Last
        # Samurai" lost "The Last" as if it said which of a series
        ("is The Lion King ok for kids?", "kids", "The Lion King"),
        ("is The Dark Knight too violent for kids?", "kids", "The Dark Knight"),
        ("is Toy Story ok for kids?", "kids", "Toy Story"),
        ("is The Last Samurai ok for kids?", "kids", "The Last Samurai"),
        ("how violent is The Dark Knight Rises?", "kids", "The Dark Knight Rises"),  # not "is The | Dark"
    ],
)
def test_a_question_about_a_film_names_the_fact_and_the_film(
    index: CatalogueIndex, message: str, question: str, title: str
) -> None:
    parsed = parse_request(message, index)
    assert parsed.intent_kind == "film_question"
    assert parsed.question == question
    assert parsed.asked_film is not None and index.movie(parsed.asked_film).title == title
    assert parsed.asked_film in parsed.named  # asked about, so never a pick


def test_a_question_about_a_film_the_catalogue_lacks_says_so(index: CatalogueIndex) -> None:
    parsed = parse_request("who directed Zzzyxq?", index)
    assert (parsed.intent_kind, parsed.question, parsed.asked_film) == ("film_question", "director", None)
    assert parsed.notices == ('I couldn\'t find "Zzzyxq" in the catalogue.',)


@pytest.mark.parametrize(
    ("message", "in_session", "kind"),
    [
        ("what's the movie where a man relives the same day", False, "known_item"),
        ("I remember a film from the 90s about a boy and a giant robot", False, "known_item"),
        ("trying to find a movie I saw as a kid about a talking dog", False, "known_item"),
        ("[TOMT] movie about a guy who wakes up in a coffin", False, "known_item"),
        ("a feel-good film for tonight", False, "recommend"),
        ("90s comedies", False, "recommend"),
        ("I want a movie where the bad guy wins", False, "recommend"),
        ("something like Heat but funnier", False, "recommend"),
        ("more like the second one", True, "follow_up"),
        ("something older", True, "follow_up"),
        ("what about the 80s?", True, "follow_up"),
        ("nah, seen them all", True, "follow_up"),
        ("hi there!", False, "chit_chat"),
        ("thanks, I'll watch the first one!", True, "chit_chat"),
        ("who are you?", False, "chit_chat"),
        ("", False, "chit_chat"),
        # acknowledgements strung together are still chit-chat, also after films were shown
        ("ok cool, cheers", True, "chit_chat"),
        ("perfect thank you, bye", True, "chit_chat"),
        # "not too X" changes the films shown
        ("but not too violent", True, "follow_up"),
        ("ones not as long", True, "follow_up"),
        # a taste stated through films liked asks for more of it, whatever the casing of the titles
        ("we loved paddington, what would the kids enjoy next", False, "recommend"),
        ("heist stories with a twist", False, "recommend"),
        ("a good sci-fi film about first contact?", False, "recommend"),
        # a description after a colon, or a word of the title, names one film to find
        ("help me find a film: two brothers rob banks in west texas to save the farm", False, "known_item"),
        ("a comedy with the word 'Wedding' in the title, the groom goes missing", False, "known_item"),
        # memories that come with requests too: a search only when no film is asked for, or a story is told
        ("cartoons like the ones we watched as kids in the 90s", False, "recommend"),
        ("a slasher from the 70s or 80s", False, "recommend"),
        ("a gangster epic, Scorsese or something", False, "recommend"),
        ("saw it as a kid, a boy finds a dragon egg in his barn", False, "known_item"),
        ("my dad loves a good western, ideas for his birthday?", False, "recommend"),
        # a film shown, then a bare question
        ("second one - how long?", True, "follow_up"),
        ("k ty", True, "chit_chat"),
        # subjects listed, and a person's films asked for with a question mark
        ("pirates, treasure maps and sea monsters, the older the better", False, "recommend"),
        ("paul newman films?", False, "recommend"),
        # a kind of story or "stuff" asks for films of that kind, however long the sentence
        ("a sports underdog story that's actually about boxing", False, "recommend"),
        ("not the same old superhero stuff", False, "recommend"),
        # films asked for in the plural are several films of a kind, however particular the story; a
        # memory still makes it a search
        ("films about a woman who becomes a spy", False, "recommend"),
        ("horror movies where a family moves into a haunted house", False, "recommend"),
        ("movies where a guy wakes up in the past, I saw one as a kid", False, "known_item"),
        # a good film asked for, not one remembered (was a known-item search for "a good movie from")
        ("what's a good movie from 1994", False, "recommend"),
        ("what's a great film about space", False, "recommend"),
        ("what's a movie about a guy who wakes up on an island", False, "known_item"),
        # the best of a kind asked for (was a known-item search, its decade only weighed, and a question
        # about a film called "the funniest comedy of the 2000s")
        ("what's the scariest horror film from the 80s", False, "recommend"),
        ("what's the funniest comedy of the 2000s?", False, "recommend"),
        ("what's the newest Pixar movie?", False, "recommend"),
        ("what's the film from the 80s where a kid finds an alien", False, "known_item"),
        # a taste for a filmmaker (was chit-chat)
        ("I love Tarantino", False, "recommend"),
        # a kind of film that is no genre, after films were shown, asks for films of it (was read as a
        # reaction to the films shown)
        ("a biopic about a musician", True, "recommend"),
        ("a heist caper", True, "recommend"),
        ("a revenge tale", True, "recommend"),
    ],
)
def test_intent_kind(index: CatalogueIndex, message: str, in_session: bool, kind: str) -> None:
    assert parse_request(message, index, in_session=in_session).intent_kind == kind


@pytest.mark.parametrize(
    "message", ["pirates!", "heists", "samurai stories", "spies in Berlin", "dinosaurs please"]
)
def test_a_bare_topic_asks_for_films_of_it(index: CatalogueIndex, message: str) -> None:
    assert parse_request(message, index).intent_kind == "recommend"


@pytest.mark.parametrize("message", ["help", "hmm", "asdf", "blah blah", "lol"])
def test_noise_and_asking_for_help_are_no_topic(index: CatalogueIndex, message: str) -> None:
    assert parse_request(message, index).intent_kind == "chit_chat"


def test_a_recommendation_keeps_its_search_intent(index: CatalogueIndex) -> None:
    parsed = parse_request("a tense heist thriller", index)
    assert (parsed.intent_kind, parsed.question, parsed.asked_film) == ("recommend", None, None)
    assert parsed.intent == "a tense heist thriller"


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("who directed the second one?", "director"),
        ("how long is number 4?", "runtime"),
        ("is it any good?", "rating"),
        ("what's the last one about?", "plot"),
    ],
)
def test_a_question_about_a_film_shown_is_a_follow_up_with_its_fact(
    index: CatalogueIndex, message: str, question: str
) -> None:
    parsed = parse_request(message, index, in_session=True)
    assert (parsed.intent_kind, parsed.question, parsed.asked_film) == ("follow_up", question, None)
    assert not parsed.notices  # no "I couldn't find 'the second one'"


@pytest.mark.parametrize(
    "message",
    ["is the second one ok for kids?", "is the first one suitable for children?", "is number 2 ok for kids?"],
)
def test_a_question_about_a_film_shown_points_at_it(index: CatalogueIndex, message: str) -> None:
    parsed = parse_request(message, index, in_session=True)
    assert parsed.question == "kids" and parsed.asked_film is None  # the session says which film


def test_a_question_about_a_film_gets_no_notice_meant_for_picks(index: CatalogueIndex) -> None:
    # "for a 12 year old" in a question is who would watch it, not a wish to soften into family films
    parsed = parse_request("is The Shining too scary for a 12 year old?", index)
    assert parsed.intent_kind == "film_question" and parsed.notices == ()


def test_what_a_remembered_film_had_none_of_stays_in_the_search(index: CatalogueIndex) -> None:
    # "with no memory" avoided "memory", and Memento, whose plot says it, went down the list
    parsed = parse_request(
        "what's that movie where a guy wakes up every day with no memory and uses tattoos", index
    )
    assert parsed.intent_kind == "known_item"
    assert parsed.avoid == () and "no memory" in parsed.intent
    assert parse_request("no gore, blood or jump scares", index).avoid == ("gore", "blood", "jump scares")
    # a recommendation's "no" still refuses
    assert parse_request("a thriller with no gore", index).avoid == ("gore",)


@pytest.mark.parametrize(
    ("message", "director"),
    [
        ("films by the director of Inception", "Christopher Nolan"),
        ("what else did the director of Alien make?", "Ridley Scott"),
        ("anything else from the director of Alien?", "Ridley Scott"),
    ],
)
def test_films_by_the_director_of_a_film_ask_for_that_directors_films(
    index: CatalogueIndex, message: str, director: str
) -> None:
    """Was a question about the film ("Inception (2010) was directed by Christopher Nolan.")."""
    parsed = parse_request(message, index)
    assert parsed.intent_kind == "recommend" and parsed.constraints.directors == (director,)
    assert parsed.intent == "" and parsed.named  # the film named is no pick


def test_the_director_of_a_film_without_credits_stays_a_question(index: CatalogueIndex) -> None:
    parsed = parse_request("what else did the director of Heat make?", index)  # Heat: no credits
    assert parsed.intent_kind == "film_question" and parsed.question == "director"
    assert parse_request("who is the director of Inception?", index).intent_kind == "film_question"
