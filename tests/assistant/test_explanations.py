"""Explanations a person can trust: evidence from the film itself, a checker that drops any sentence
claiming what is not the film's own, no sentence cut off, films explained in order even when
written at once, and a plain paragraph when no model writes. No Chroma and no real model here:
the catalogue file, and a scripted chat model where a model is needed."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from pydantic import Field

from assistant.chain import Picks, ReplyChain
from assistant.conversation import Turn
from assistant.evidence import build_evidence
from assistant.explain import evidence_sentence, film_notes
from assistant.grounding import SentenceChecker, checked_sentences
from assistant.llm import LLMBackend
from assistant.understand import CatalogueIndex, parse_request
from ingest.catalogue import read_catalogue
from ingest.movie import Movie
from tests.conftest import CATALOGUE

HEIST = "a tense 90s heist thriller, nothing gory"


@pytest.fixture(scope="module")
def index() -> CatalogueIndex:
    return CatalogueIndex(read_catalogue(CATALOGUE).movies)


def film(index: CatalogueIndex, title: str, year: int) -> Movie:
    found = index.match_title(title, year)
    assert found is not None and found.year == year, title
    return found


# --- evidence and the plain paragraph ---------------------------------------------------------


def test_evidence_names_what_in_the_film_fits(index: CatalogueIndex) -> None:
    heat = film(index, "Heat", 1995)
    evidence = build_evidence(heat, parse_request(HEIST, index))
    assert evidence.line().startswith("Matches: heist")
    assert {"heist", "thriller", "1990s"} <= set(evidence.matches)
    assert "5,1" in evidence.standing or "TMDB votes" in evidence.standing
    notes = film_notes(heat, evidence)
    assert "tense" not in notes and "gory" not in notes.replace("not gory", "")  # the request stays out


def test_contractions_are_never_shown_as_a_match(index: CatalogueIndex) -> None:
    anchorman = film(index, "Anchorman: The Legend of Ron Burgundy", 2004)
    assert "that's" in anchorman.overview  # "...but that's all about to change"
    evidence = build_evidence(anchorman, parse_request("any comedy that's actually funny", index))
    assert not any("'" in m or "’" in m for m in evidence.matches), evidence.matches


def test_how_the_person_feels_is_no_match(index: CatalogueIndex) -> None:
    # seen: "i'm sad, give me something to cheer me up" -> Mary and Max "has what you asked for: sad"
    mary = film(index, "Mary and Max", 2009)
    assert "lonely" in mary.overview
    for request in ("feeling lonely tonight, something warm", "I'm so lonely, cheer me up"):
        assert "lonely" not in build_evidence(mary, parse_request(request, index)).matches, request
    assert "lonely" in build_evidence(mary, parse_request("a film about a lonely girl", index)).matches


def test_words_that_only_point_or_remember_are_no_match(index: CatalogueIndex) -> None:
    groundhog = film(index, "Groundhog Day", 1993)
    message = "trying to find the movie where a weatherman relives the same day over and over"
    evidence = build_evidence(groundhog, parse_request(message, index))
    assert "same" in groundhog.overview.lower() and "find" not in evidence.matches
    assert "same" not in evidence.matches and evidence.matches, evidence.matches


def test_evidence_from_a_named_film_and_movielens_signals(index: CatalogueIndex) -> None:
    heat, ronin = film(index, "Heat", 1995), film(index, "Ronin", 1998)
    parsed = parse_request("something like Heat", index)
    signals = SimpleNamespace(
        neighbours={heat.id: [(ronin.id, 0.4)]}, counts={ronin.id: 180}, means={ronin.id: 4.2}
    )
    evidence = build_evidence(ronin, parsed, [heat], signals)
    assert "liked by the same MovieLens viewers as Heat" in evidence.related
    assert "4.2/5 from 180 MovieLens ratings" in evidence.standing
    assert build_evidence(ronin, parsed, [heat]).related != evidence.related  # no signals: no claim


def test_evidence_names_viewers_tags_that_match_and_those_shared_with_a_named_film(
    index: CatalogueIndex,
) -> None:
    heat, ronin = film(index, "Heat", 1995), film(index, "Ronin", 1998)
    tags = {heat.id: ("atmospheric", "heist"), ronin.id: ("atmospheric", "car chase")}
    signals = SimpleNamespace(tags=tags)
    bleak = build_evidence(ronin, parse_request("something atmospheric", index), [], signals)
    assert "atmospheric" in bleak.matches
    assert "atmospheric" not in build_evidence(ronin, parse_request("something atmospheric", index)).matches
    like = build_evidence(ronin, parse_request("something like Heat", index), [heat], signals)
    assert any("atmospheric" in r and "Heat" in r for r in like.related)


def test_without_a_model_the_explanation_reads_as_sentences(index: CatalogueIndex) -> None:
    heat = film(index, "Heat", 1995)
    text = evidence_sentence(heat, build_evidence(heat, parse_request(HEIST, index)))
    assert text.startswith("Heat (1995) is a 1990s ") and "heist" in text
    assert ";" not in text and "its story involves" not in text
    assert "Neil McCauley" in text  # a concrete plot detail
    assert all(s.strip()[0].isupper() for s in text.split(". ") if s.strip())


# --- the checker --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Heat came out in 1999 and it shows.", "year"),
        ("Tom Hanks gives a career-best turn here.", "person"),
        ("This horror film will keep you up at night.", "genre"),
        ("Fans of Moonraker will love its gadgets.", "title"),
        # a title's article in lower case mid-sentence is still the title (the model wrote "inspired
        # by the Shawshank Redemption" of GoodFellas)
        ("Its crew is as tight as the one in the Usual Suspects.", "title"),
        ("It is a heist film that matches the request.", "request"),
    ],
)
def test_a_sentence_claiming_what_is_not_the_films_own_is_dropped(
    index: CatalogueIndex, sentence: str, reason: str
) -> None:
    heat = film(index, "Heat", 1995)
    checker = SentenceChecker(heat, [heat], index)
    assert not checker.check(sentence)
    assert checker.counts.dropped == Counter({reason: 1})


def test_a_count_or_span_the_plot_never_says_is_dropped(index: CatalogueIndex) -> None:
    # Seen in a reply: Kill List's hitman "three years after" a job; its plot: "Nearly a year after
    # a botched job, a hitman takes a new assignment ... for three killings"
    kill_list = film(index, "Kill List", 2011)
    checker = SentenceChecker(kill_list, [kill_list], index)
    assert not checker.check("Three years after a botched job, a hitman takes one more contract.")
    assert checker.counts.dropped == Counter({"number": 1})
    assert checker.check("A hitman takes on three brutal killings for a big payoff.")
    # a pair read off two names, and a title's own number, are no claims
    eleven = film(index, "Ocean's Eleven", 2001)
    checker = SentenceChecker(eleven, [eleven], index)
    assert checker.check("Ocean's Eleven sees two old partners plan a casino job.")


@pytest.mark.parametrize(
    ("title", "year", "sentence"),
    [  # seen in replies of the Qwen 1.5B
        (
            "The Nightmare Before Christmas",
            1993,
            "Jack Skellington, a ghostly clown, sets out to scare.",
        ),
        ("Ferris Bueller's Day Off", 1986, "A high school dropout takes a day off to avoid being grounded."),
        ("Patch Adams", 1998, "Patch Adams is a comedian who uses humor to help people feel better."),
    ],
)
def test_a_role_the_films_text_never_gives_is_dropped(
    index: CatalogueIndex, title: str, year: int, sentence: str
) -> None:
    movie = film(index, title, year)
    checker = SentenceChecker(movie, [movie], index)
    assert not checker.check(sentence)
    assert checker.counts.dropped == Counter({"role": 1})


@pytest.mark.parametrize(
    ("title", "year", "sentence"),
    [
        ("The Big Lebowski", 1998, "The Dude, a Los Angeles slacker, would rather bowl."),  # its plot's word
        ("Taxi Driver", 1976, "A lonely veteran drives across the city in a cab."),
        (
            "Lost in Translation",
            2003,
            "It is a heartwarming story of two strangers in Tokyo.",
        ),
        ("American History X", 1998, "Derek Vineyard, a former criminal, is released from prison."),  # common
        ("The Giver", 2014, "A community without conflict or choice is a utopia."),  # said of no one
        ("The Iron Lady", 2011, "A biography of Margaret Thatcher, who shaped British politics."),  # a kind
        ("Léon: The Professional", 1994, "Léon, a hitman, takes in the girl next door."),  # plot: "hit man"
    ],
)
def test_a_role_the_films_text_gives_or_too_broad_to_be_wrong_is_kept(
    index: CatalogueIndex, title: str, year: int, sentence: str
) -> None:
    movie = film(index, title, year)
    assert SentenceChecker(movie, [movie], index).check(sentence)


@pytest.mark.parametrize(
    ("pick", "named", "sentence", "kept"),
    [
        # the named film put into the pick's story (the embedded model wrote both)
        (
            ("Vacation", 2015),
            ("Paddington", 2014),
            "Paddington and his family embark on a magical journey.",
            False,
        ),
        (
            ("Before Sunrise", 1995),
            ("Amélie", 2001),
            "Amélie and Link fall in love during an evening in Vienna.",
            False,
        ),
        # compared, or the pick's own story
        (("Chocolat", 2000), ("Amélie", 2001), "Amélie and Chocolat are both about love and freedom.", True),
        (("Vacation", 2015), ("Paddington", 2014), "Paddington fans will find the same warmth here.", True),
        (("Vacation", 2015), ("Paddington", 2014), "Rusty takes his family on a road trip.", True),
    ],
)
def test_a_sentence_that_tells_a_named_film_as_the_picks_story_is_dropped(
    index: CatalogueIndex, pick: tuple[str, int], named: tuple[str, int], sentence: str, kept: bool
) -> None:
    movie, other = film(index, *pick), film(index, *named)
    checker = SentenceChecker(movie, [movie, other], index)
    assert checker.check(sentence) is kept
    assert kept or checker.counts.dropped == Counter({"other film": 1})


def test_a_faithful_sentence_is_kept(index: CatalogueIndex) -> None:
    dogs = film(index, "Reservoir Dogs", 1992)
    checker = SentenceChecker(dogs, [dogs], index)
    for sentence in (
        "Quentin Tarantino's Reservoir Dogs, from 1992, starts with a robbery gone wrong.",
        "You'll enjoy the tense standoff in the warehouse in this 90s crime thriller with Harvey Keitel.",
        "It keeps you on the edge of your seat.",  # "The Edge" is a title, "the edge" is not
    ):
        assert checker.check(sentence), checker.dropped
    assert checker.counts.kept == 3


def test_a_sentence_copied_from_the_prompts_made_up_example_is_dropped(index: CatalogueIndex) -> None:
    # Seen in a reply: the example's "risks everything on one last diamond job before dawn" told as
    # The Big Lebowski's plot.
    lebowski = film(index, "The Big Lebowski", 1998)
    checker = SentenceChecker(lebowski, [lebowski], index)
    assert not checker.check("The Dude, a Los Angeles slacker, risks everything on one last job before dawn.")
    assert checker.counts.dropped == Counter({"example": 1})
    # everyday words the example also uses are no copy; a film whose plot says them may use them
    taxi = film(index, "Taxi Driver", 1976)
    assert SentenceChecker(taxi, [taxi], index).check("A lonely veteran drives across the city in a cab.")
    # one of the example's rare words, in any form, is a copy too (seen: Shaun of the Dead)
    shaun = film(index, "Shaun of the Dead", 2004)
    checker = SentenceChecker(shaun, [shaun], index)
    copied = "A retired safecracker's life is a never-ending tale of unrelenting pursuit."
    assert not checker.check(copied)
    assert checker.dropped == [("example", copied)]
    # a film whose own plot has the word may say it
    for title, year, sentence in (
        ("Papillon", 2017, "A safecracker is wrongly sent to a penal colony and plans his escape."),
        ("Hidalgo", 2004, "A Pony Express courier races his horse across the Arabian desert."),
    ):
        movie = film(index, title, year)
        assert SentenceChecker(movie, [movie], index).check(sentence)


def test_a_sentence_caught_in_a_loop_is_dropped(index: CatalogueIndex) -> None:
    # seen: "A Sumatran rat-monkey transforms into a zombie and begins killing the entire town while
    # a Sumatran rat-monkey transforms into a zombie and begins killing the entire town."
    braindead = film(index, "Braindead", 1992)
    checker = SentenceChecker(braindead, [braindead], index)
    looped = "A rat-monkey bites his mother while a rat-monkey bites his mother again."
    assert not checker.check(looped)
    assert checker.dropped == [("repeat", looped)]
    assert checker.check("A rat-monkey bites his mother, and soon the whole town turns.")


def test_a_title_or_name_with_an_abbreviation_is_not_cut_into_sentences(index: CatalogueIndex) -> None:
    # seen: "Guardians of the Galaxy Vol." checked alone, and dropped as a film not given
    vol2 = film(index, "Guardians of the Galaxy Vol. 2", 2017)
    checker = SentenceChecker(vol2, [vol2], index)
    tokens = iter(["Guardians of the Galaxy Vol.", " 2 sees the team ", "fight for Peter. ", "Dr. Strange"])
    out = list(checked_sentences(tokens, checker, Counter()))
    assert out == ["Guardians of the Galaxy Vol. 2 sees the team fight for Peter. "], checker.dropped


def test_no_sentence_is_shown_unfinished(index: CatalogueIndex) -> None:
    eleven = film(index, "Ocean's Eleven", 2001)  # its plot: "more than $150 million from three ..."
    unfinished: Counter[str] = Counter()
    tokens = iter(["The crew plans to steal $1", "50 million. ", "Then the", " twist comes", " and they"])
    out = list(checked_sentences(tokens, SentenceChecker(eleven, [eleven], index), unfinished))
    assert out == ["The crew plans to steal $150 million. "]
    assert unfinished == Counter({"unfinished": 1})


# --- the chain, with a scripted model ---------------------------------------------------------


class ScriptedChat(GenericFakeChatModel):
    """Answers each film from `script` (keyed by a word of its notes), token by token, slowly for
    films listed in `slow`; counts the tokens it streamed."""

    script: dict[str, str]
    slow: dict[str, float] = Field(default_factory=dict)
    streamed: Any = Field(default_factory=Counter)
    messages: Any = Field(default_factory=lambda: iter(()))

    def _stream(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        notes = str(messages[-1].content)
        key = next(k for k in self.script if k in notes)
        for word in self.script[key].split(" "):
            time.sleep(self.slow.get(key, 0.001))
            self.streamed[key] += 1
            yield ChatGenerationChunk(message=AIMessageChunk(content=word + " "))

    def _generate(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the chain streams")


def chain_for(index: CatalogueIndex, chat: Any) -> ReplyChain:
    engine = SimpleNamespace(index=index, movies={m.id: m for m in index._movies.values()})
    backend = LLMBackend("scripted", "script", chat, 2048, parallel=5)
    return ReplyChain(engine, lambda: backend)  # type: ignore[arg-type]


def picks_for(index: CatalogueIndex, movies: list[Movie]) -> Picks:
    parsed = parse_request(HEIST, index)
    return Picks(Turn("recommend", parsed), parsed, movies, [1.0] * len(movies))


def test_films_written_at_once_are_shown_in_order_and_checked(index: CatalogueIndex) -> None:
    heat, ronin, dogs = (
        film(index, "Heat", 1995),
        film(index, "Ronin", 1998),
        film(index, "Reservoir Dogs", 1992),
    )
    chat = ScriptedChat(
        script={  # one sentence a film is shown; a dropped one gets a second try, no more
            "Heat": "Like Moonraker, it thrills. A master thief meets his match in a relentless detective. X",
            "Ronin": "A briefcase everyone wants drives car chases through Paris. Not read.",
            "Reservoir": "Fans of Titanic will cry. Then the",
        },
        slow={"Heat": 0.02},  # the first film is the slowest: the others wait for it, in order
    )
    picks = picks_for(index, [heat, ronin, dogs])
    text = "".join(chain_for(index, chat).prose(HEIST, picks))
    lines = text.strip().split("\n")
    assert lines[0] == "1. Heat (1995): A master thief meets his match in a relentless detective."
    assert lines[1] == "2. Ronin (1998): A briefcase everyone wants drives car chases through Paris."
    assert lines[2].startswith("3. Reservoir Dogs (1992): A 1990s crime thriller")  # all dropped: evidence
    assert "Moonraker" not in text and "Titanic" not in text and "Then the" not in text
    assert picks.checks.kept == 2 and picks.checks.dropped == Counter({"title": 2, "unfinished": 1})
    assert picks.removed_titles == 2


def test_a_reader_who_stops_stops_the_model(index: CatalogueIndex) -> None:
    movies = [film(index, "Heat", 1995), film(index, "Ronin", 1998)]
    long = " ".join(["On and on it goes."] * 200)
    chat = ScriptedChat(
        script={"Heat": "A thief. " + long, "Ronin": long}, slow={"Heat": 0.01, "Ronin": 0.01}
    )
    prose = iter(chain_for(index, chat).prose(HEIST, picks_for(index, movies)))
    assert next(prose) == "1. Heat (1995): "
    prose.close()  # as when a newer message takes over the conversation
    time.sleep(0.3)
    seen = sum(chat.streamed.values())
    time.sleep(0.3)
    assert sum(chat.streamed.values()) == seen < 200  # nobody is writing any more


def test_a_failing_model_leaves_the_evidence_and_a_notice(index: CatalogueIndex) -> None:
    class Broken(ScriptedChat):
        def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
            raise ConnectionError("model went away")

    movies = [film(index, "Heat", 1995), film(index, "Ronin", 1998)]
    prose = chain_for(index, Broken(script={})).prose(HEIST, picks_for(index, movies))
    text = "".join(prose)
    assert "1. Heat (1995): A 1990s action thriller" in text and "2. Ronin (1998): A 1990s" in text
    assert prose.notices and "model went away" in prose.notices[0]


def test_why_answers_at_once_from_the_evidence(index: CatalogueIndex) -> None:
    heat = film(index, "Heat", 1995)
    gate = threading.Event()

    class Waiting(ScriptedChat):
        def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
            gate.wait(5)  # the model is busy elsewhere
            yield ChatGenerationChunk(message=AIMessageChunk(content="Late words. "))

    parsed = parse_request(HEIST, index)
    picks = Picks(Turn("explain", target=heat.id), parsed, [heat], [1.0])
    prose = iter(chain_for(index, Waiting(script={})).prose("why Heat?", picks))
    started = time.perf_counter()
    first = next(prose)
    assert first.startswith("Heat (1995) is a 1990s") and time.perf_counter() - started < 1
    gate.set()
    assert "Late words." in "".join(prose)
