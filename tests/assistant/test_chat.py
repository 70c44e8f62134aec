"""Conversation without an LLM (explanations from the catalogue): follow-ups resolve against the
films shown, sessions persist across MovieAssistant instances, and failures become notices."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.api import MovieAssistant
from assistant.conversation import Turn, request_to_json, resolve
from assistant.sessions import Session, Shown
from assistant.settings import Settings
from assistant.understand import CatalogueIndex, parse_request
from assistant.understand.picture import surely_colour, surely_sound
from ingest.movie import Movie


@pytest.fixture
def chat(catalogue_settings: Settings, tmp_path: Path) -> MovieAssistant:
    return MovieAssistant(
        replace(catalogue_settings, home=tmp_path, chroma_dir=catalogue_settings.chroma_dir)
    )


def test_why_the_second_one_names_it_and_its_plot(chat: MovieAssistant) -> None:
    first = chat.chat("a tense 90s heist thriller, nothing gory", "s1")
    assert first.backend == "none" and len(first.recommendations) == 5
    second = first.recommendations[1]
    why = chat.chat("why did you recommend the second one?", "s1")
    assert [r.movie_id for r in why.recommendations] == [second.movie_id]  # no new retrieval
    assert second.title in why.text
    plot_words = {w.strip(".,").lower() for w in second.overview.split() if len(w) > 6}
    assert plot_words & {w.strip(".,").lower() for w in why.text.split()}


def test_why_by_title_and_tell_me_more(chat: MovieAssistant) -> None:
    first = chat.chat("animated films about toys", "s2")
    title = first.recommendations[2].title
    why = chat.chat(f"why {title}?", "s2")
    assert why.recommendations[0].title == title
    more = chat.chat("tell me more about it", "s2")
    assert more.recommendations[0].title == title


def test_something_older_and_newer(chat: MovieAssistant) -> None:
    first = chat.chat("a space adventure", "s3")
    oldest = min(r.year for r in first.recommendations if r.year)
    older = chat.chat("something older", "s3")
    assert older.recommendations and all(r.year and r.year < oldest for r in older.recommendations)
    newest = max(r.year for r in older.recommendations if r.year)
    newer = chat.chat("newer ones", "s3")
    assert newer.recommendations and all(r.year and r.year > newest for r in newer.recommendations)


def test_not_that_one_is_never_shown_again(chat: MovieAssistant) -> None:
    first = chat.chat("a heist comedy", "s4")
    dropped = first.recommendations[0]
    reply = chat.chat("not that one", "s4")
    assert any(dropped.title in n for n in reply.notices)
    assert len(reply.recommendations) == 1 and reply.recommendations[0].movie_id != dropped.movie_id
    again = chat.chat("a heist comedy", "s4")
    assert dropped.movie_id not in {r.movie_id for r in again.recommendations}


def test_a_film_rejected_by_its_place_in_the_list_is_the_one_dropped(chat: MovieAssistant) -> None:
    first = chat.chat("a heist comedy", "s4b")
    second = first.recommendations[1]
    for message in ("not the second one", "skip number 2"):
        turn = resolve(message, chat.sessions.load("s4b"), chat.engine.index)
        assert (turn.kind, turn.target) == ("reject", second.movie_id), message
    reply = chat.chat("not the second one", "s4b")
    assert any(second.title in n for n in reply.notices)
    assert reply.recommendations and second.movie_id not in {r.movie_id for r in reply.recommendations}
    # the request goes on: the replacement is still a heist comedy's kind, not "first" or "second"
    assert "Comedy" in reply.recommendations[0].genres or "Crime" in reply.recommendations[0].genres


def test_pointing_at_a_film_not_shown_asks_which_and_drops_nothing(chat: MovieAssistant) -> None:
    first = chat.chat("a 90s crime film", "s3c")
    shown = [r.movie_id for r in first.recommendations]
    assert len(shown) == 5
    for message, said in (
        ("skip the one with Gerta Quimbly", "Gerta Quimbly"),
        ("not the ninth one", "that many"),
    ):
        reply = chat.chat(message, "s3c")
        assert reply.recommendations == [] and said in reply.text and "Which one" in reply.text, message
    assert chat.sessions.load("s3c").excluded == set(shown)  # what was shown, and nothing rejected
    # a follow-up that leaves nothing says which limits clash, also beside the people notice
    chat.chat("shorter ones", "s3c")
    empty = chat.chat("with Robert De Niro and Meryl Streep", "s3c")
    assert not empty.recommendations or any("No film matches" in n for n in empty.notices)


def test_how_to_differ_steers_the_previous_request(chat: MovieAssistant) -> None:
    first = chat.chat("a 90s crime film", "s4c")
    assert first.recommendations
    session = chat.sessions.load("s4c")
    for message in ("funnier", "something less cheesy", "darker please", "less violent"):
        turn = resolve(message, session, chat.engine.index)
        assert turn.kind == "recommend" and turn.parsed is not None, message
        # the 90s crime film still, read with how it should differ
        wanted = turn.parsed.constraints
        assert (wanted.year_min, wanted.include_genres) == (1990, ("Crime",))
        assert turn.parsed.text.endswith(message), message
    reply = chat.chat("funnier", "s4c")
    assert reply.recommendations
    assert all(r.year and 1990 <= r.year <= 1999 and "Crime" in r.genres for r in reply.recommendations)


def test_follow_ups_that_go_on_from_the_films_shown(chat: MovieAssistant) -> None:
    first = chat.chat("a 90s crime film", "s4d")
    shown = first.recommendations
    session = chat.sessions.load("s4d")
    index = chat.engine.index

    def turn(message: str) -> Turn:
        return resolve(message, session, index)

    # "I don't like the first one" drops it; "none of these" and "give me three more" ask again
    assert (turn("I don't like the first one").kind, turn("I don't like the first one").target) == (
        "reject",
        shown[0].movie_id,
    )
    for message in ("none of these, something else", "give me three more"):
        again = turn(message)
        assert again.kind == "recommend" and again.parsed is not None, message
        assert again.parsed.constraints.include_genres == ("Crime",), message
    assert turn("give me three more").k == 3
    # "shorter ones": the same request, shorter than every film shown
    shorter = turn("shorter ones please").parsed
    assert shorter is not None and shorter.constraints.year_min == 1990
    assert shorter.constraints.runtime_max == min(index.movie(r.movie_id).runtime or 999 for r in shown) - 1
    # "the last one sounds good, anything similar?" steers by that film
    similar = turn("the last one sounds good, anything similar?")
    assert similar.parsed is not None and similar.parsed.references == (shown[-1].movie_id,)
    # a person alone narrows: "with Robert De Niro" keeps the 90s crime films
    person = turn("with Robert De Niro").parsed
    assert person is not None and person.constraints.cast == ("Robert De Niro",)
    assert person.constraints.include_genres == ("Crime",) and person.constraints.year_min == 1990
    # "what about Japanese?": the same request, in Japanese
    japanese = turn("what about Japanese?").parsed
    assert japanese is not None and japanese.constraints.languages == ("ja",)
    assert japanese.constraints.include_genres == ("Crime",) and japanese.constraints.year_min == 1990


def test_another_kind_instead_keeps_the_rest_of_the_request(chat: MovieAssistant) -> None:
    chat.chat("a tense 90s heist thriller", "s4e")
    session = chat.sessions.load("s4e")
    index = chat.engine.index
    # the kind swapped, the subject and era kept: a 90s heist comedy
    comedy = resolve("how about a comedy instead", session, index).parsed
    assert comedy is not None and comedy.constraints.include_genres == ("Comedy",)
    assert (
        comedy.constraints.year_min == 1990 and "heist" in comedy.intent and "thriller" not in comedy.intent
    )
    scary = resolve("what about something scary instead", session, index).parsed
    assert scary is not None and "scary" in scary.text and "tense" not in scary.intent
    # another era asked the same way replaces the era
    eighties = resolve("what about the 80s", session, index).parsed
    assert eighties is not None and (eighties.constraints.year_min, eighties.constraints.year_max) == (
        1980,
        1989,
    )
    assert eighties.constraints.include_genres == ("Thriller",)
    # a message that says what it wants is a new request
    space = resolve("how about a heist movie set in space", session, index).parsed
    assert space is not None and space.text == "how about a heist movie set in space"
    reply = chat.chat("how about a comedy instead", "s4e")
    assert reply.recommendations
    assert all("Comedy" in r.genres and r.year and 1990 <= r.year <= 1999 for r in reply.recommendations)


def test_more_like_the_first_one_keeps_the_constraints(chat: MovieAssistant) -> None:
    first = chat.chat("a 90s crime film", "s5")
    reply = chat.chat("more like the first one", "s5")
    assert reply.recommendations
    assert all(r.year and 1990 <= r.year <= 1999 and "Crime" in r.genres for r in reply.recommendations)
    assert first.recommendations[0].movie_id not in {r.movie_id for r in reply.recommendations}


def test_more_like_a_film_shown_steers_by_that_film_alone(chat: MovieAssistant) -> None:
    first = chat.chat("something like Alien", "s5b")
    assert any("Aliens" in n for n in first.notices)
    last = first.recommendations[-1]
    session = chat.sessions.load("s5b")
    turn = resolve("more like the last one", session, chat.engine.index)
    assert turn.kind == "recommend" and turn.parsed is not None
    assert turn.parsed.references == (last.movie_id,)  # not Alien and it mixed
    assert turn.parsed.notices == ()  # what the first answer noticed was said then


def test_only_narrows_the_previous_request(chat: MovieAssistant) -> None:
    chat.chat("a 90s heist thriller", "s6")
    reply = chat.chat("only comedies", "s6")
    assert reply.recommendations
    assert all("Comedy" in r.genres and r.year and 1990 <= r.year <= 1999 for r in reply.recommendations)


def test_black_and_white_or_silent_narrows_the_previous_request(chat: MovieAssistant) -> None:
    """Before: "something in black and white" after "a comedy" was a new request (For a Few Dollars
    More, Paths of Glory), and "a silent one" searched for "one" (One Punch Man)."""
    chat.chat("a comedy", "s9")
    for message in ("something in black and white", "a silent one"):
        reply = chat.chat(message, "s9")
        assert len(reply.recommendations) == 5
        assert all("Comedy" in r.genres for r in reply.recommendations), message
        assert not [r.title for r in reply.recommendations if surely_colour(r)]
    assert not [r.title for r in reply.recommendations if surely_sound(r)]


def test_one_with_something_adds_to_the_previous_request(chat: MovieAssistant) -> None:
    """Before: "one with animals" after a horror film for a 10 year old was a request of its own, and
    The Birds came first."""
    chat.chat("a horror film my 10 year old can watch", "s10")
    turn = resolve("one with animals", chat.sessions.load("s10"), chat.engine.index)
    assert turn.kind == "recommend" and turn.parsed is not None
    assert "children" in turn.parsed.occasions and "animals" in turn.parsed.intent
    reply = chat.chat("one with animals", "s10")
    assert len(reply.recommendations) == 5
    kids = {"Family", "Animation"}
    assert not [r.title for r in reply.recommendations if not kids & set(r.genres)]


def test_something_like_the_film_asked_about(chat: MovieAssistant) -> None:
    """Before: "something like it" after "how long is Heat?" had no film to point at and showed the
    best-known films of any kind (Avengers: Infinity War, Harry Potter)."""
    heat = chat.engine.index.match_title("Heat", 1995)
    assert heat is not None
    chat.chat("how long is Heat?", "s11")
    turn = resolve("something like it", chat.sessions.load("s11"), chat.engine.index)
    assert turn.kind == "recommend" and turn.parsed is not None and turn.parsed.references == (heat.id,)
    reply = chat.chat("something like it", "s11")
    assert len(reply.recommendations) == 5 and heat.id not in {r.movie_id for r in reply.recommendations}


def shown_session(
    index: CatalogueIndex, session_id: str, request: str, films: list[tuple[str, int]]
) -> tuple[Session, list[Movie]]:
    """A session that was shown `films` (title, year) for `request`, as one list."""
    movies = [index.match_title(title, year) for title, year in films]
    assert all(movies), films
    found = [m for m in movies if m is not None]
    as_json = request_to_json(parse_request(request, index))
    return Session(id=session_id, shown=[Shown(1, m.id, as_json) for m in found]), found


def test_the_one_about_something_points_at_the_film_shown_that_says_it(chat: MovieAssistant) -> None:
    """Before: "not the one about the boxer" was a new request for boxing films, and "why the one
    about the zeppelin?" a request too. Now the film whose plot says it, or a question back."""
    index = chat.engine.index
    session, (rocky, _) = shown_session(
        index, "s12", "a sports movie", [("Rocky", 1976), ("Major League", 1989)]
    )
    assert "boxer" in rocky.keywords  # Major League's text never says "box"
    turn = resolve("not the one about the boxer", session, index)
    assert turn.kind == "reject" and turn.target == rocky.id
    turn = resolve("why the one about the boxer?", session, index)
    assert turn.kind == "explain" and turn.target == rocky.id
    turn = resolve("why the one about the zeppelin?", session, index)  # no film shown says so
    assert turn.kind == "answer" and "Which one did you mean?" in turn.reply


def test_which_one_is_the_shortest_compares_the_films_shown(chat: MovieAssistant) -> None:
    """Before: "which one is the shortest?" after a list was a new request (Mary and Max, Underwater,
    Free Willy). Now the films shown, ordered by the catalogue's runtimes, and the one named is the
    film discussed next ("how long is it?")."""
    listed = chat.chat("a horror film for a halloween party", "s13").recommendations
    assert len(listed) == 5
    reply = chat.chat("which one is the shortest?", "s13")
    assert not reply.recommendations
    shortest = min(listed, key=lambda r: r.runtime or 10_000)
    name = f"{shortest.title} ({shortest.year})"
    assert reply.text.startswith(f"The shortest of these is {name}, {shortest.runtime} min")
    assert all(r.title in reply.text for r in listed)
    follow = chat.chat("how long is it?", "s13")
    assert follow.text.startswith(f"{shortest.title} ({shortest.year}) runs {shortest.runtime} minutes")


def test_which_of_the_films_shown_and_more_like_one_keep_what_the_message_limits(
    chat: MovieAssistant,
) -> None:
    """Before: "which ones are under 2 hours?" after a list showed five new films, and "more like
    that but in french" dropped the French. Now the films shown, sifted, and the language held."""
    index = chat.engine.index
    films = [("Aliens", 1986), ("Blade Runner", 1982), ("Heat", 1995)]
    session, (_, blade_runner, _) = shown_session(index, "s14", "a thriller from the 80s", films)
    turn = resolve("which ones are under 2 hours?", session, index)
    assert turn.kind == "answer" and turn.reply.startswith("Of these, under 120 min: Blade Runner (1982)")
    turn = resolve("more like the second one but in french", session, index)
    assert turn.kind == "recommend" and turn.parsed is not None
    assert turn.parsed.constraints.languages == ("fr",) and turn.parsed.references == (blade_runner.id,)


def test_a_narrowing_only_films_shown_fit_names_them(chat: MovieAssistant) -> None:
    """Before: "any with Al Pacino?" after a list of 70s dramas with both Godfathers said "No film
    matches all of: 1970-1979, Drama, with Al Pacino", though two films shown did."""
    index = chat.engine.index
    godfathers = [index.match_title("The Godfather", 1972), index.match_title("The Godfather: Part II", 1974)]
    assert all(godfathers)
    request = request_to_json(parse_request("a drama from the 70s", index))
    shown = [m.id for m in godfathers if m is not None]
    chat.sessions.record_turn("s15", "a drama from the 70s", "", shown, request)
    reply = chat.chat("any with Al Pacino?", "s15")
    assert not reply.recommendations  # the shipped catalogue credits him in no other 70s drama
    assert (
        "Of the films I showed you, The Godfather (1972) and The Godfather: Part II (1974) fit "
        "(1970-1979, Drama, with Al Pacino); I have no other film that does."
    ) in reply.notices


def test_the_director_of_a_film_shown_gives_a_new_request_for_their_films(chat: MovieAssistant) -> None:
    """Before: "what else did the director of the second one make?" answered "I couldn't find that
    film", and "more from the same director" was a new request for its words."""
    index = chat.engine.index
    films = [("Inception", 2010), ("Alien", 1979), ("Heat", 1995)]
    session, _ = shown_session(index, "s16", "a thriller", films)
    turn = resolve("what else did the director of the second one make?", session, index)
    assert turn.kind == "recommend" and turn.parsed is not None
    assert turn.parsed.constraints.directors == ("Ridley Scott",) and turn.parsed.intent == ""
    turn = resolve("more from the same director", session, index)  # three directors: which one?
    assert turn.kind == "answer" and turn.reply.startswith("Which film's director do you mean?")
    turn = resolve("films by the director of the third one", session, index)  # Heat: no credits
    assert turn.kind == "answer" and turn.parsed is not None and turn.parsed.question == "director"
    session, nolan = shown_session(index, "s17", "a thriller", [("Memento", 2000), ("The Prestige", 2006)])
    assert all(m.directors == ("Christopher Nolan",) for m in nolan)
    turn = resolve("more from the same director", session, index)  # every film shown is Nolan's
    assert turn.kind == "recommend" and turn.parsed is not None
    assert turn.parsed.constraints.directors == ("Christopher Nolan",)


def test_more_of_the_same_keeps_the_request_and_adds_what_the_message_limits(chat: MovieAssistant) -> None:
    """Before: "none of those, something from this decade" repeated the request without the decade
    (The Silence of the Lambs, Memento, Rear Window), and "ok give me 3 more" was a new request for
    its own words (Upside Down, The Half of It, Full Metal Jacket)."""
    index = chat.engine.index
    base = parse_request("a psychological thriller", index)
    session, _ = shown_session(index, "s18", base.text, [("Heat", 1995)])
    turn = resolve("none of those, something from this decade", session, index)
    decade = parse_request("something from this decade", index).constraints
    assert turn.kind == "recommend" and turn.parsed is not None and decade.year_min is not None
    assert turn.parsed.intent == base.intent and turn.parsed.constraints.year_min == decade.year_min
    turn = resolve("ok give me 3 more", session, index)
    assert turn.kind == "recommend" and turn.k == 3 and turn.parsed is not None
    assert turn.parsed.intent == base.intent


def test_seen_the_first_two_drops_both_and_offers_two_more(chat: MovieAssistant) -> None:
    """Before: "I've seen the first two" dropped the first film only and offered one more."""
    index = chat.engine.index
    films = [index.match_title(t, y) for t, y in [("Heat", 1995), ("Ronin", 1998), ("The Town", 2010)]]
    assert all(films)
    ids = [m.id for m in films if m is not None]
    chat.sessions.record_turn(
        "s19", "a heist movie", "", ids, request_to_json(parse_request("a heist movie", index))
    )
    reply = chat.chat("I've seen the first two", "s19")
    assert reply.notices[0] == "Noted: I won't suggest Heat and Ronin again."
    assert len(reply.recommendations) == 2 and not {r.movie_id for r in reply.recommendations} & set(ids)
    session = chat.sessions.load("s19")
    assert {ids[0], ids[1]} <= session.disliked
    turn = resolve("not the first and the third", session, index)  # counts in the latest list: the two new
    latest = [s.movie_id for s in session.last_list]
    assert turn.kind == "reject" and (turn.target, turn.also) == (latest[0], ()) and turn.k == 1  # no third


def test_a_new_assistant_on_the_same_data_continues_the_session(
    chat: MovieAssistant, catalogue_settings: Settings
) -> None:
    first = chat.chat("films like Toy Story", "s7")
    later = MovieAssistant(chat.settings)  # as after a restart
    why = later.chat("why the first one?", "s7")
    assert why.recommendations[0].movie_id == first.recommendations[0].movie_id


def test_stream_gives_recommendations_first_then_text(chat: MovieAssistant) -> None:
    events = list(chat.stream("a romantic comedy from the 2000s", "s8"))
    kinds = [e.type for e in events]
    assert kinds[0] == "recommendations" and kinds[-1] == "done" and "text" in kinds
    reply = events[-1].reply
    assert reply is not None and reply.text == "".join(e.text for e in events if e.type == "text").strip()


def test_questions_about_films_shown_are_answered_from_that_film(chat: MovieAssistant) -> None:
    listed = chat.chat("a tense 90s heist thriller, nothing gory", "s9").recommendations
    why = chat.chat("why did you recommend the second one?", "s9")
    assert [r.movie_id for r in why.recommendations] == [listed[1].movie_id]
    # "number 3" still counts in the list, not in the one-film answer just given
    third = chat.chat("ok, tell me about number 3", "s9")
    assert [r.movie_id for r in third.recommendations] == [listed[2].movie_id]
    director = chat.chat("who directed the fourth one?", "s9")
    assert not director.recommendations and listed[3].title in director.text
    assert "directed by" in director.text or "doesn't say who directed" in director.text
    # "it" is now the fourth film, the one just asked about; "the second one" still counts in the list
    fourth = chat.engine.movies[listed[3].movie_id]
    runtime = chat.chat("how long is it?", "s9")
    assert fourth.title in runtime.text and str(fourth.runtime) in runtime.text, runtime.text
    second = chat.chat("and what year is the second one from?", "s9")
    assert listed[1].title in second.text, second.text


def test_a_bare_question_after_a_film_shown_answers_it(chat: MovieAssistant) -> None:
    listed = chat.chat("something like The Matrix", "s11").recommendations
    third = chat.engine.movies[listed[2].movie_id]
    runtime = chat.chat("#3 - how long?", "s11")
    assert not runtime.recommendations and third.title in runtime.text and str(third.runtime) in runtime.text
    with_cast = next(chat.engine.movies[r.movie_id] for r in listed if chat.engine.movies[r.movie_id].cast)
    surname = with_cast.cast[0].split()[-1]
    year = chat.chat(f"the one with {surname} - what year?", "s11")
    assert with_cast.title in year.text and str(with_cast.year) in year.text


def test_thanks_get_a_short_reply_and_no_films(chat: MovieAssistant) -> None:
    chat.chat("a feel-good comedy", "s10")
    thanks = chat.chat("cool, thx", "s10")
    assert not thanks.recommendations
    assert thanks.text.startswith("You're welcome")
