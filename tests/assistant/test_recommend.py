"""recommend() on the real catalogue: constraints always hold, named films never come back,
sessions remember what was shown, and bad requests get a reply instead of a crash."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

from assistant import MovieAssistant, Recommendation
from assistant.avoid import avoid_patterns, mentions_any
from assistant.engine import narrows, spread_series
from assistant.evaluation.probes import PROBES
from assistant.ordering import GORE_PATTERNS, GRIM_PATTERNS, clearly_not_the_mood
from assistant.understand import parse_request
from tests.conftest import VENV_BIN, cli_env


def test_no_probe_request_ever_gets_a_film_that_breaks_its_constraints(assistant: MovieAssistant) -> None:
    shown = 0
    for probe in PROBES:
        recs = assistant.recommend(probe.request, k=10)
        for rec in recs:
            movie = assistant.engine.movies[rec.movie_id]
            assert probe.expected.violations(movie) == [], (probe.request, rec.title)
        shown += len(recs)
    assert len(PROBES) >= 50 and shown > 40 * 5  # the probes mostly have answers, not empty lists


def test_heist_thriller_from_the_90s(assistant: MovieAssistant) -> None:
    recs = assistant.recommend("a tense 90s heist thriller, nothing gory", k=5)
    assert len(recs) == 5 and all(isinstance(r, Recommendation) for r in recs)
    assert all(r.year is not None and 1990 <= r.year <= 1999 and "Thriller" in r.genres for r in recs)
    assert any("heist" in (r.overview + " ".join(r.keywords)).lower() for r in recs)


def test_nothing_violent_keeps_away_the_films_catalogues_call_brutal(assistant: MovieAssistant) -> None:
    # a plot rarely says "violent": "serial killer", "torture", "gore" are what it says instead
    stems = avoid_patterns(["violent"])
    assert {r"\bviolen", r"\bserial\ killers?\b", r"\btorture"} <= set(stems)
    recs = assistant.recommend("a crime mystery, nothing violent", k=5)
    assert len(recs) == 5
    assert not [r.title for r in recs if mentions_any(assistant.engine.movies[r.movie_id], stems)]


def test_a_mood_keeps_away_the_genres_it_clearly_rules_out(assistant: MovieAssistant) -> None:
    # "feel-good" leans -2 on horror: with newer films asked for, Cult of Chucky came third
    recs = assistant.recommend("a feel-good film for tonight from after 2016", k=5)
    assert len(recs) == 5 and not [r.title for r in recs if "Horror" in r.genres]
    films = [assistant.engine.movies[r.movie_id] for r in recs]
    assert clearly_not_the_mood(films, {"Horror": -2.0, "Comedy": 2.0}).tolist() == [0.0] * 5


def test_a_light_mood_keeps_away_the_films_labelled_grim(assistant: MovieAssistant) -> None:
    # Fight Club is a Drama, a genre "relaxing" leans to: it came second, labelled dark and violent
    votes = assistant.engine.votes
    recs = assistant.recommend("something relaxing", k=5)
    grim = votes.labelled([assistant.engine.movies[r.movie_id] for r in recs], GRIM_PATTERNS)
    assert len(recs) == 5 and grim.tolist() == [0.0] * 5, [r.title for r in recs]
    fight_club = assistant.engine.index.match_title("Fight Club")
    assert fight_club is not None and votes.labelled([fight_club], GRIM_PATTERNS).tolist() == [1.0]


@pytest.mark.parametrize(
    "request_text",
    [
        "something scary but not too scary for a 13 year old",
        "a horror comedy, I'm a total wimp",
        "a mildly scary movie",
        "a horror movie that's not too scary",
        "zombies! but I'm easily scared",
    ],
)
def test_scared_only_a_little_keeps_away_the_films_labelled_gory(
    assistant: MovieAssistant, request_text: str
) -> None:
    # the horror comedies it leaned to included Zombieland and Evil Dead II ("blood splatter")
    recs = assistant.recommend(request_text, k=6)
    gory = assistant.engine.votes.labelled([assistant.engine.movies[r.movie_id] for r in recs], GORE_PATTERNS)
    assert len(recs) == 6 and gory.tolist() == [0.0] * 6, [r.title for r in recs]


def test_a_request_that_is_only_a_mood_is_answered_by_the_mood(assistant: MovieAssistant) -> None:
    # "something light" searched for "light": Star Wars: The Last Jedi, The Lighthouse, Close
    # Encounters of the Third Kind; the mood's genre lean counts twice when the message says nothing else
    recs = assistant.recommend("something light", k=5)
    assert sum("Comedy" in r.genres for r in recs) >= 3, [r.title for r in recs]


def test_a_film_movielens_does_not_know_borrows_its_series_co_liking(assistant: MovieAssistant) -> None:
    # Toy Story 4 (2019) has no MovieLens ratings (they end in 2018): the series' best-known film
    # stands in for it, so co-liking brings animated films, not Big and Back to the Future Part II
    retriever = assistant.engine.catalogue.retriever
    four = assistant.engine.index.match_title("Toy Story 4")
    assert four is not None and four.id not in retriever.neighbours
    (stand_in,) = retriever.as_known([four.id])
    assert stand_in in retriever.neighbours and assistant.engine.movies[stand_in].title == "Toy Story"
    recs = assistant.recommend("something like Toy Story 4", k=5)
    assert sum("Animation" in r.genres for r in recs) >= 3, [r.title for r in recs]


def test_named_films_steer_the_search_but_are_not_recommended_back(assistant: MovieAssistant) -> None:
    recs = assistant.recommend("something like Toy Story", k=10)
    titles = [r.title for r in recs]
    assert "Toy Story" not in titles
    # films of its kind (animated or family), not its own sequels first: "like X" asks for others
    assert all({"Animation", "Family"} & set(r.genres) for r in recs[:3]), titles
    assert not {"Toy Story 2", "Toy Story 3", "Toy Story 4"} & set(titles[:5]), titles


def test_like_a_series_asks_for_other_films_of_its_kind(assistant: MovieAssistant) -> None:
    # "Harry Potter" names the series' films: the rest of it is not "other films like it"
    titles = [r.title for r in assistant.recommend("something like Harry Potter", k=5)]
    assert not [t for t in titles if t.startswith("Harry Potter")], titles


def test_a_reply_shows_at_most_two_films_of_one_series(assistant: MovieAssistant) -> None:
    # four Pirates of the Caribbean films in five were shown: the others wait just below the reply
    titles = [r.title for r in assistant.recommend("a fun pirate adventure", k=10)]
    pirates = [i for i, t in enumerate(titles) if t.startswith("Pirates of the Caribbean")]
    assert len([i for i in pirates if i < 5]) == 2 and len(pirates) >= 3, titles


def test_spread_series_moves_a_third_film_of_a_series_past_the_films_shown() -> None:
    stems = ["star trek", "star trek beyond", "fifth element", "star trek", "alien", "gravity", "avatar"]
    order = spread_series(np.arange(7), stems, shown=4)
    assert order.tolist() == [0, 1, 2, 4, 3, 5, 6]
    # a list with no series, or fewer films than are shown, is left as it was
    assert spread_series(np.arange(3), ["a", "b", "c"], shown=5).tolist() == [0, 1, 2]
    assert spread_series(np.asarray([2, 0, 1]), ["x", "x", "x"], shown=5).tolist() == [2, 0, 1]


def test_every_stage_orders_the_same_candidates_and_keeps_the_constraints(assistant: MovieAssistant) -> None:
    engine = assistant.engine
    parsed = parse_request("a heist thriller from the 90s", engine.index)
    retrieved = engine.retrieve(parsed)
    ids = sorted(c.movie.id for c in retrieved.candidates)
    assert len(ids) > 10
    for stage in ("dense", "hybrid", "learned", "blend"):
        ordered = engine.order(parsed, retrieved, stage)
        assert sorted(c.movie.id for c in ordered) == ids, stage
        assert all(parsed.constraints.allows(c.movie) for c in ordered), stage
        scores = [c.score for c in ordered]
        assert scores == sorted(scores, reverse=True), stage


def test_director_filter(assistant: MovieAssistant) -> None:
    recs = assistant.recommend("films directed by Christopher Nolan", k=5)
    assert recs and all("Christopher Nolan" in r.directors for r in recs)


def test_a_session_does_not_repeat_films(assistant: MovieAssistant) -> None:
    first = assistant.recommend("a funny animated movie", k=5, session_id="s-repeat")
    second = assistant.recommend("a funny animated movie", k=5, session_id="s-repeat")
    assert first and second
    assert not {r.movie_id for r in first} & {r.movie_id for r in second}
    other = assistant.recommend("a funny animated movie", k=5, session_id="s-other")
    assert [r.movie_id for r in other] == [r.movie_id for r in first]  # sessions are separate


def test_films_mentioned_in_a_session_are_excluded_later(assistant: MovieAssistant) -> None:
    assistant.recommend("I loved The Dark Knight", k=3, session_id="s-mention")
    later = assistant.recommend("a dark superhero crime film", k=10, session_id="s-mention")
    assert "The Dark Knight" not in [r.title for r in later]


@pytest.mark.parametrize(
    ("request_text", "notice_fragment"),
    [
        ("", "Tell me what you feel like"),
        ("   ", "Tell me what you feel like"),
        ("🎬🍿😱", ""),
        ("like Zzzyxq", "Zzzyxq"),
        ("a scary movie " * 800, ""),
        ("<script>alert(1)</script> a scary movie", ""),
        ("'; DROP TABLE movies; --", ""),
        ("a western from after 2010 and before 1990", ""),
    ],
)
def test_bad_requests_get_a_reply_not_a_crash(
    assistant: MovieAssistant, request_text: str, notice_fragment: str
) -> None:
    reply = assistant.chat(request_text, k=5, explain=False)
    assert reply.recommendations or reply.notices  # something is always said back
    if notice_fragment:
        assert any(notice_fragment in n for n in reply.notices), reply.notices


def test_k_out_of_range_is_a_clear_error(assistant: MovieAssistant) -> None:
    with pytest.raises(ValueError, match="between 1 and 20"):
        assistant.recommend("anything", k=0)


def test_cli_ask_json(home: object) -> None:
    result = subprocess.run(
        [str(VENV_BIN / "reelchat"), "ask", "a 90s crime film", "--k", "3", "--json", "--no-llm"],
        env=cli_env(home, REELCHAT_RERANKER="none"),  # type: ignore[arg-type]
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(payload) == {"recommendations", "notices", "timings_ms"}
    assert len(payload["recommendations"]) == 3
    first = payload["recommendations"][0]
    assert set(first) == {"movie_id", "title", "year", "genres", "score"}
    assert 1990 <= first["year"] <= 1999 and "Crime" in first["genres"]


def test_an_added_film_is_recommendable_at_once(catalogue_movies: list, tmp_path) -> None:  # type: ignore[type-arg]
    from assistant.library import ingest_file
    from assistant.settings import Settings
    from ingest.catalogue import write_jsonl

    settings = Settings.from_env(env={}, home=tmp_path, reranker="none", llm="none")
    ingest_file(
        settings, write_jsonl(catalogue_movies[:50], tmp_path / "films.jsonl"), show_progress_bar=False
    )
    assistant = MovieAssistant(settings)
    assert assistant.recommend("a ferry captain who smuggles letters", k=3)  # engine loaded before the add
    movie = assistant.add_movie(
        {
            "title": "Paper Harbour",
            "year": 2024,
            "overview": "A ferry captain smuggles love letters across a strait.",
            "genres": "Drama",
        }
    )
    recs = assistant.recommend("a ferry captain who smuggles letters", k=3)
    assert recs[0].movie_id == movie.id
    # A constrained request searches the allowed films' vectors in memory: the new one is among them.
    from assistant.retrieval import RetrievalQuery
    from assistant.understand import RequestConstraints

    catalogue = assistant.engine.catalogue
    vector = catalogue.embeddings.encode(["a ferry captain who smuggles letters"])[0]
    query = RetrievalQuery(
        vector, "", constraints=RequestConstraints(year_min=2024, include_genres=("Drama",))
    )
    assert [i for i, _ in catalogue.retriever.dense(query, 3)] == [movie.id]
    assert assistant.recommend("like Paper Harbour", k=3)  # found by name too


def test_a_person_filter_says_films_without_credits_were_not_searched(assistant: MovieAssistant) -> None:
    reply = assistant.chat("a crime film with Al Pacino", k=5, explain=False)
    assert reply.recommendations
    assert all("Al Pacino" in r.cast for r in reply.recommendations)
    assert any("cast and crew" in n for n in reply.notices), reply.notices
    heat = assistant.engine.movies["949"]  # Heat (1995) comes from the source without credits
    assert not heat.has_credits
    parsed = parse_request("a crime film with Al Pacino", assistant.engine.index)
    # unknown, never "Al Pacino is not in the cast"
    assert parsed.constraints.violations(heat) == ["the catalogue has no cast or crew for it"]


def test_a_mood_the_vocabulary_knows_leans_to_its_genres(assistant: MovieAssistant) -> None:
    # MiniLM alone read "feel-good" as nothing in particular and showed Cloverfield (a monster attack).
    recs = assistant.recommend("a feel-good film for tonight", k=5)
    light = {"Comedy", "Family", "Animation", "Romance"}
    assert sum(bool(light & set(r.genres)) for r in recs) >= 4, [r.title for r in recs]
    assert not any("Horror" in r.genres for r in recs), [r.title for r in recs]


def test_no_single_learned_score_carries_a_film_alone(
    assistant: MovieAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The learned ranker once scored a film that only shared a word with the request 8 z above
    # the rest; the blend caps its vote, so the other votes still decide.
    engine = assistant.engine
    parsed = parse_request("a tense, gripping thriller", engine.index)
    retrieved = engine.retrieve(parsed)
    cands = retrieved.candidates
    weakest = int(np.argmin(engine.votes.fused(cands) + engine.votes.standing(cands)))
    outlier = np.zeros(len(cands), dtype=np.float32)
    outlier[weakest] = 50.0
    monkeypatch.setattr(engine.votes, "learned", lambda *args: outlier)
    ranked = engine.order(parsed, retrieved, "blend")
    assert ranked[0].movie.id != cands[weakest].movie.id
    assert [c.movie.id for c in ranked].index(cands[weakest].movie.id) > 10


def test_kinship_is_shared_genres_and_the_closest_plot() -> None:
    from assistant.kinship import kinship
    from ingest.movie import Movie

    shining = Movie("s", "The Shining", "", genres=("Horror", "Thriller"))
    horror = Movie("h", "A Haunting", "", genres=("Horror", "Thriller"))
    crime = Movie("c", "A Robbery", "", genres=("Crime", "Thriller"))
    other = Movie("o", "A Comedy", "", genres=("Comedy",))
    vectors = np.asarray([[1.0, 0.1, 0.0], [0.2, 1.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    scores = kinship(
        [horror, crime, other], vectors, [shining], np.asarray([[1.0, 0.0, 0.0]], dtype=np.float32)
    )
    assert scores[0] > scores[1] > scores[2]


# Written after seeing this change's output (not a blind judgement): the decade's horror films a film
# lover would name first, all in the shipped catalogue or not.
HORROR_2010S = {
    "Get Out",
    "A Quiet Place",
    "It",
    "Split",
    "Hereditary",
    "The Conjuring",
    "The Conjuring 2",
    "It Follows",
    "The Babadook",
    "The Witch",
    "Us",
    "Midsommar",
    "Annihilation",
    "Insidious",
    "Sinister",
    "The Cabin in the Woods",
    "Don't Breathe",
    "Train to Busan",
    "Hush",
    "Green Room",
    "Lights Out",
    "The Invisible Man",
    "Annabelle",
    "Crimson Peak",
    "Mother!",
    "Ready or Not",
    "Happy Death Day",
}


def test_a_kind_and_an_era_alone_get_the_films_people_know(assistant: MovieAssistant) -> None:
    """Before: Hush, The Curse of La Llorona, Ghostland, Curse of Chucky, Paranormal Activity 2 (the
    words "a horror movie" found plots that say "horror movie")."""
    picks = assistant.recommend("a 2010s horror movie", k=5)
    assert sum(p.title in HORROR_2010S for p in picks) >= 3, [p.title for p in picks]


# Written before running the request: the 1970s films a film lover would call essential.
ESSENTIAL_1970S = {
    "The Godfather",
    "The Godfather: Part II",
    "Star Wars",
    "Jaws",
    "Taxi Driver",
    "Apocalypse Now",
    "Alien",
    "One Flew Over the Cuckoo's Nest",
    "A Clockwork Orange",
    "Chinatown",
    "Annie Hall",
    "Rocky",
    "The Exorcist",
    "Halloween",
    "Close Encounters of the Third Kind",
    "Network",
    "The Deer Hunter",
    "Dog Day Afternoon",
    "The Conversation",
    "Barry Lyndon",
    "Monty Python and the Holy Grail",
    "Life of Brian",
    "Young Frankenstein",
    "Blazing Saddles",
    "All the President's Men",
    "Mean Streets",
    "Days of Heaven",
    "Superman",
    "Grease",
    "Saturday Night Fever",
    "Dirty Harry",
    "The French Connection",
    "Kramer vs. Kramer",
    "Manhattan",
    "Mad Max",
    "The Sting",
    "Carrie",
    "The Rocky Horror Picture Show",
    "The Texas Chain Saw Massacre",
    "Solaris",
    "Stalker",
    "Papillon",
    "Aguirre: The Wrath of God",
    "Harold and Maude",
    "Being There",
    "Cabaret",
    "Deliverance",
}


@pytest.mark.parametrize(
    ("message", "canon"),
    [
        ("the must-see movies from the 60s", True),
        ("essential film noir", True),
        ("the greatest westerns ever made", True),
        ("iconic sci-fi everyone should see", True),
        ("a classic", True),
        ("die hard is my all-time favourite, more like it", False),
        ("a cult classic from the 80s", False),
        ("hidden gem thrillers", False),
    ],
)
def test_the_canon_is_asked_for_in_many_words(assistant: MovieAssistant, message: str, canon: bool) -> None:
    parsed = parse_request(message, assistant.engine.index)
    assert parsed.canon is canon
    assert not canon or not any(w in parsed.intent for w in ("must", "essential", "greatest", "iconic"))


def test_the_essential_films_of_a_decade_are_the_ones_people_know(assistant: MovieAssistant) -> None:
    """Before: Star Wars, Jaws, Suspiria, Salo, or The 120 Days of Sodom, The Godfather ("essential"
    was a word to search)."""
    picks = [p.title for p in assistant.recommend("the essential films of the 1970s", k=5)]
    assert sum(t in ESSENTIAL_1970S for t in picks) >= 4, picks


@pytest.mark.parametrize("message", ["underrated sci-fi movies", "hidden gem thrillers from the 90s"])
def test_hidden_gems_are_liked_but_not_what_everyone_has_seen(
    assistant: MovieAssistant, message: str
) -> None:
    parsed = parse_request(message, assistant.engine.index)
    assert parsed.lesser_known and "gem" not in parsed.intent and "underrated" not in parsed.intent
    votes = sorted(m.vote_count or 0 for m in assistant.engine.movies.values())
    famous, few = votes[int(0.95 * len(votes))], votes[int(0.25 * len(votes))]
    picks = assistant.recommend(message, k=5)
    assert len(picks) == 5
    shown = [assistant.engine.movies[p.movie_id] for p in picks]
    assert all(few <= (m.vote_count or 0) < famous for m in shown), [(m.title, m.vote_count) for m in shown]
    assert all((m.vote_average or 0) >= 6.0 for m in shown)  # liked, not merely unseen


def test_hidden_gems_of_a_genre_are_not_the_genres_best_known(assistant: MovieAssistant) -> None:
    movies = assistant.engine.movies.values()
    westerns = sorted((m.vote_count or 0) for m in movies if "Western" in m.genres)
    well_known = westerns[int(0.8 * len(westerns))]  # the westerns everyone knows: the top fifth
    shown = [assistant.engine.movies[p.movie_id] for p in assistant.recommend("hidden gem westerns", k=5)]
    assert shown and all("Western" in m.genres for m in shown)
    assert all((m.vote_count or 0) < well_known for m in shown), [(m.title, m.vote_count) for m in shown]


@pytest.mark.parametrize("message", ["a comedy I haven't seen", "recommend a film I have not seen yet"])
def test_new_to_me_is_not_lesser_known(assistant: MovieAssistant, message: str) -> None:
    assert not parse_request(message, assistant.engine.index).lesser_known  # new to them, not obscure


def _blend_and_learned(assistant: MovieAssistant, message: str) -> tuple[np.ndarray, np.ndarray]:
    engine = assistant.engine
    parsed = parse_request(message, engine.index)
    retrieved = engine.retrieve(parsed, frozenset())
    avoided = np.zeros(len(retrieved.candidates), dtype=np.float32)
    return (
        engine.votes.blended(parsed, retrieved, avoided),
        engine.votes.learned(parsed, retrieved, avoided),
    )


@pytest.mark.parametrize(
    "message", ["I loved Heat, Collateral and The Departed", "I loved Toy Story, Finding Nemo and Up"]
)
def test_a_list_of_loved_films_leans_on_the_learned_ranker(
    assistant: MovieAssistant, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "I loved A, B and C" is what the learned ranker is trained on (MovieLens liked histories):
    its vote counts twice there, so the blend follows it more closely than with one vote."""
    if assistant.engine.ranker is None:
        pytest.skip("no learned ranker shipped")
    blend, learned = _blend_and_learned(assistant, message)
    monkeypatch.setattr("assistant.ordering.TASTE_LEARNED_WEIGHT", 1.0)
    one_vote, _ = _blend_and_learned(assistant, message)
    assert np.corrcoef(blend, learned)[0, 1] > np.corrcoef(one_vote, learned)[0, 1] + 0.02


def test_a_request_with_limits_draws_the_best_known_films_they_allow(assistant: MovieAssistant) -> None:
    # "worth discovering" found plots about discovery; the classics the limits allow were no candidates
    engine = assistant.engine
    parsed = parse_request("an old black-and-white film worth discovering", engine.index)
    found = {c.movie.title for c in engine.retrieve(parsed, frozenset()).candidates}
    assert {"Citizen Kane", "12 Angry Men", "Bicycle Thieves"} <= found


def test_the_best_known_allowed_films_are_those_the_constraints_allow(assistant: MovieAssistant) -> None:
    from assistant.retrieval import RetrievalQuery

    engine = assistant.engine
    constraints = parse_request("a 90s thriller, nothing over two hours", engine.index).constraints
    named = engine.index.match_title("The Silence of the Lambs")  # one of them, named: never drawn
    assert named is not None and constraints.allows(named)
    query = RetrievalQuery(None, "", references=(named.id,), constraints=constraints)
    films = [engine.movies[f] for f in engine.best_known_allowed(query, 40)]
    state = engine.catalogue.state
    votes = state.facts.standing["log_votes"] + state.facts.standing["rating"]
    allowed = [m for m in engine.movies.values() if constraints.allows(m) and m.id != named.id]
    best = sorted(allowed, key=lambda m: -votes[state.row[m.id]])[:40]
    assert [m.id for m in films] == [m.id for m in best]


@pytest.mark.parametrize(
    ("message", "narrowed"),
    [
        ("a 90s comedy", True),
        ("something short, under 90 minutes", True),
        ("anything with Cate Blanchett", True),
        ("a Korean film", True),
        # ruling out says what is not wanted, not which films are: no best-known films drawn
        ("like Harry Potter but darker (and not Harry Potter itself)", False),
        ("a film that isn't a horror", False),
    ],
)
def test_only_limits_that_say_which_films_are_wanted_draw_the_best_known(
    assistant: MovieAssistant, message: str, narrowed: bool
) -> None:
    assert narrows(parse_request(message, assistant.engine.index).constraints) is narrowed
