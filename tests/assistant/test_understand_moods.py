"""The mood vocabulary: everyday words for moods, and the genres they lean to (never a filter)."""

import pytest

from assistant.understand.moods import comparative_lean, mood_lean


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
        ("a slow burn psychological thriller", "Mystery", "Action"),
        ("something atmospheric and brooding", "Thriller", "Comedy"),
        ("something calm and relaxing to unwind", "Family", "Horror"),
        ("feeling lonely tonight", "Drama", "Horror"),
        ("an inspiring film to motivate me", "Drama", "Horror"),
        ("a film about injustice that makes my blood boil", "History", "Comedy"),
        ("something bittersweet and melancholy", "Drama", "Action"),
        ("a film where people are kind to each other, restore my faith in humanity", "Family", "Horror"),
        ("job interview tomorrow, I'm a bundle of nerves", "Comedy", "Thriller"),
        # both spellings, and humour said in passing
        ("a cozy film for a winter night", "Family", "Horror"),
        ("something cosy", "Family", "Horror"),
        ("feeling lost, something with some humour in it", "Comedy", "War"),
        ("a film with a sense of humor", "Comedy", "War"),
        ("a movie that will make me feel hopeful", "Family", "Horror"),
        ("an intense movie", "Thriller", "Family"),
        ("something weird and surreal", "Fantasy", "Family"),
        ("something sad", "Drama", "Comedy"),
        ("a film that will break my heart", "Drama", "Comedy"),
        ("something that'll make me sob", "Drama", "Comedy"),
        # a tone word said of the film wanted
        ("something dark", "Thriller", "Comedy"),
        ("dark and twisted", "Drama", "Family"),
        ("keep it light", "Comedy", "War"),
        ("something gritty", "Crime", "Family"),
    ],
)
def test_a_mood_leans_to_its_genres_and_away_from_others(text: str, up: str, down: str) -> None:
    lean = mood_lean(text)
    assert lean[up] > 0 > lean[down]


def test_a_tone_said_of_the_persons_world_is_not_the_films() -> None:
    # "the news is so grim": they want kindness, not a grim film
    lean = mood_lean("the news is so grim lately, I want a film where people are kind to each other")
    assert lean["Family"] > 0 > lean["Horror"]
    assert mood_lean("life has been pretty bleak lately") == {}
    # how they feel still says what they want
    assert mood_lean("life has been so lonely")["Drama"] > 0


def test_how_the_person_is_and_what_should_be_less_are_no_mood_wanted() -> None:
    # "i'm sad" says how they are (they may want cheering up), not that they want a sad film
    assert mood_lean("i'm so sad today") == {}
    assert mood_lean("feeling a bit sad") == {} == mood_lean("I've been so sad lately")
    # "more sad than scary": sad, and less of scary, not both
    lean = mood_lean("a ghost story that's more sad than scary")
    assert lean["Drama"] > 0 > lean["Horror"]


def test_no_mood_word_no_lean() -> None:
    # "moving" alone is a plot word ("moving to Paris"); so is "dark" without a film noun.
    assert mood_lean("a film about moving to Paris after a dark secret comes out") == {}
    assert mood_lean("a 90s heist thriller") == {}
    # ... nor the person's day, nor physics
    assert mood_lean("it's freezing and dark at 4pm, give me a summer movie") == {}
    assert mood_lean("a film about the speed of light") == {}
    assert mood_lean("a fun movie for a sleepover") == {}  # "fun" is no mood: the occasion says more


@pytest.mark.parametrize(
    ("text", "up", "down"),
    [
        ("something like Inception but funnier", "Comedy", "Horror"),
        ("like Se7en but less bleak", "Comedy", "Horror"),
        ("like The Matrix, but gentler", "Drama", "Action"),
        ("like Harry Potter but darker", "Thriller", "Family"),
        ("like Jaws but scarier", "Horror", "Family"),
        ("like The Notebook but sadder", "Drama", "Comedy"),
        ("something scary but I'm a wimp", "Comedy", "Horror"),
        ("a horror movie that's not too scary", "Family", "Horror"),
        ("a film about grief that isn't depressing", "Comedy", "Horror"),
        # violence refused: gentler films of the kind asked for
        ("a cozy mystery, nothing violent", "Family", "Horror"),
        ("an action movie that isn't too violent", "Family", "Horror"),
        ("a non-violent thriller", "Drama", "Horror"),
    ],
)
def test_a_comparative_says_how_to_differ_from_the_film_named(text: str, up: str, down: str) -> None:
    lean = comparative_lean(text)
    assert lean[up] > 0 > lean[down]


def test_a_comparative_is_not_a_mood_of_its_own() -> None:
    # "funnier" says how to differ from a film named; the engine weighs it only beside one
    assert mood_lean("something like Inception but funnier") == {}
    assert comparative_lean("a funny film") == {}
    assert comparative_lean("a violent revenge thriller") == {}


def test_shifted_kinship_keeps_the_named_films_kind() -> None:
    from assistant.kinship import shifted_kinship
    from ingest.movie import Movie

    def film(title: str, *genres: str) -> Movie:
        return Movie(id=title, title=title, overview="", genres=genres)

    toy_story = film("Toy Story", "Animation", "Comedy", "Family")
    darker = comparative_lean("like Toy Story but darker")
    coraline, crime = film("Coraline", "Animation", "Family", "Fantasy"), film("Crime", "Thriller", "Crime")
    animated_drama = film("Animated drama", "Animation", "Drama")
    scores = shifted_kinship([coraline, crime, animated_drama], [toy_story], darker)
    assert scores[0] > scores[1] and scores[2] > scores[1]  # still animation, not Pulp Fiction

    inception = film("Inception", "Action", "Thriller", "Science Fiction", "Mystery", "Adventure")
    funnier = comparative_lean("like Inception but funnier")
    both, comedy_only = film("Both", "Action", "Science Fiction", "Comedy"), film("Comedy only", "Comedy")
    kin_only = film("Kin only", "Action", "Thriller", "Science Fiction")
    scores = shifted_kinship([both, comedy_only, kin_only], [inception], funnier)
    assert scores[0] > max(scores[1], scores[2])
    assert scores[1] == 0.0  # a comedy of none of Inception's genres: funnier, but not its kind


def test_a_shift_away_from_intensity_leaves_that_genre_out_of_the_kind() -> None:
    from assistant.kinship import shifted_kinship
    from ingest.movie import Movie

    def film(title: str, *genres: str) -> Movie:
        return Movie(id=title, title=title, overview="", genres=genres)

    alien = film("Alien", "Horror", "Science Fiction")
    less_scary = comparative_lean("something like Alien but less scary")
    space_drama = film("Space drama", "Science Fiction", "Drama")
    space_horror = film("Space horror", "Horror", "Science Fiction")
    scores = shifted_kinship([space_drama, space_horror], [alien], less_scary)
    assert scores[0] > scores[1]  # science fiction, not horror
    # nothing left but the intensity asked away from: the named film's genres stay its kind
    die_hard = film("Die Hard", "Action", "Thriller")
    action, drama = film("Action", "Action"), film("Drama", "Drama")
    scores = shifted_kinship([action, drama], [die_hard], comparative_lean("like Die Hard but gentler"))
    assert scores[0] > scores[1]
