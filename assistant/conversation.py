"""Follow-ups, resolved against the films shown in the session ("condense").

A message is either a new request, or refers back: "why did you recommend the second one?", "why Heat?",
"tell me more about it" (explain a shown film, no new retrieval), "not that one", "not the second one",
"I don't like the first one", "I've seen it" (drop it, offer another; "I've seen the first two": both,
two more), "who directed the second one?" (that film's facts, from the catalogue), "something older",
"newer", "shorter ones", "less violent", "funnier", "how about a comedy instead" (another kind of film,
the rest kept), "more like the first one", "the last one sounds good, anything similar?", "more" / "give
me three more" / "none of these" (the previous request again, the session already excludes what was
shown), only constraints or how a film looks ("only from the 90s", "what about the 80s?", "with Robert
De Niro", "a black and white one": the previous request, narrowed), or "one" with more ("one with
animals", "one set in Paris": the previous request with the message added). A film shown may be pointed
at by what it is about ("not the one about the boxer"), and a film asked about is the film discussed
next ("how long is Heat?", then "something like it"). Pointing at a film that was not shown ("skip the
one with Pacino", "why the one with the zeppelin?") gets a question back, and nothing is dropped. "Which
one is the shortest?" compares the films shown and "which ones are under 2 hours?" sifts them, from the
catalogue's facts (`facts.compare_shown`, `facts.sift_shown`); "what else did the director of the second
one make?" asks for that director's films. The result is a standalone `Turn` the chain can run without
the history.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from assistant.facts import compare_shown, sift_shown
from assistant.lexical import says_nothing
from assistant.sessions import Session
from assistant.tags import request_words
from assistant.understand import CatalogueIndex, ParsedRequest, RequestConstraints, find_titles, parse_request
from assistant.understand.filmmaker import asks_films_by_director
from assistant.understand.moods import comparative_lean, mood_lean, without_comparatives, without_moods
from assistant.understand.picture import PICTURES
from assistant.understand.shown import asks_which_of_shown, read_superlative
from assistant.understand.vocabulary import GENRE_WORD, NUMBER_WORDS
from ingest.movie import Movie

# answer: a question about one film ("who directed Heat?") or chit-chat ("thanks!"), answered in
# words, with no films picked.
Kind = Literal["recommend", "explain", "reject", "answer"]

_ORDINALS = {
    "first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
    "fifth": 4, "5th": 4, "sixth": 5, "6th": 5, "seventh": 6, "7th": 6, "eighth": 7, "8th": 7,
    "ninth": 8, "9th": 8, "tenth": 9, "10th": 9, "last": -1,
}  # fmt: skip
_ORDINAL_WORDS = "|".join(_ORDINALS)
_ORDINAL = re.compile(rf"\b({_ORDINAL_WORDS})\b", re.I)
_NUMBER = re.compile(r"(?:\bnumber\s*|#|\bno\.\s*)([1-9])\b", re.I)
_ONE_WITH = re.compile(r"\bthe one (?:with|by|from|starring) ([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)?)")
# "the one with the magicians", "the one about a boxer": a film shown, by what it is about
_ONE_ABOUT = re.compile(r"\bthe one (?:with|about|where|set in|in which)\s+(?P<what>[^,.;:!?]+)", re.I)
_PRONOUN = re.compile(r"\b(it|that one|this one|that film|that movie|this film|this movie|that|this)\b", re.I)
_WHY = re.compile(
    r"\b(why|how come|tell me more|(?:tell me|more) about|what'?s .{0,20}about|what is .{0,20}about)\b", re.I
)
# A shown film pointed at: "that one", "the second one", "number 3", "the one with Keanu"
_POINTED = (
    rf"(?:that|this) (?:one|film|movie)|the (?:{_ORDINAL_WORDS})"
    r"(?: (?:one|film|movie))?(?! (?:time|half|part|act|hour|minute))|(?:number ?|#|no\. ?)[1-9]"
    r"|the one (?:with|by|from|starring|about|where|set in|in which)"
)
_REJECT = re.compile(
    rf"\b(not (?:{_POINTED})|(?:skip|drop|remove|ditch|lose|scrap|nix|cut) (?:it|that|{_POINTED})"
    r"|(?:i'?ve|i have|already) (?:already )?(?:seen|watched)|seen it|watched it"
    rf"|(?:don'?t|do not) (?:like|want|fancy) (?:it|that|{_POINTED})"
    rf"|not (?:a fan of|into|keen on) (?:it|{_POINTED})"
    r"|no thanks)(?!\w)",
    re.I,
)
_NOT_SO = r"not (?:so|too|that|as)"  # "not so old": newer
_OLDER = re.compile(rf"\b(older|earlier|classics? instead|less recent|{_NOT_SO} (?:new|recent))\b", re.I)
_NEWER = re.compile(
    rf"\b(newer|more recent|recent ones|later ones|something recent|more modern|modern ones|{_NOT_SO} old)\b",
    re.I,
)
_MORE_LIKE = re.compile(r"\bmore like\b|\blike the (?:first|second|third|fourth|fifth|last)\b", re.I)
_NARROW = re.compile(r"^\s*(?:only|just|but|and|make it|preferably|ideally|rather)\b", re.I)
_A_FILM = re.compile(r"\bones?\b", re.I)  # "a silent one", "a black and white one": the film
# "one with animals", "any ones set in Paris?", "maybe one where nobody dies": "one" stands for a film of
# the previous request, and the rest adds to it ("the one with ..." points at a film shown instead)
_ONE_THAT = re.compile(
    r"^\s*(?:(?:and|but|maybe|or|now|ok|okay|so|how about|what about)[\s,]+)*(?:an?\s+|any\s+)?ones?\s+"
    r"(?:with|about|where|set|featuring|that|which|in|without)\b",
    re.I,
)
_AGAIN = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|alright|cool|great|nice|sure|yes|yeah|yep|hmm+|thanks|please|so|and)[\s,!.]+)*"
    r"(?:(?:give|show|get) me |can i (?:get|have|see) |any )?"
    r"(?:a few |some |\d+ |two |three |four |five )?"
    r"(?:more|others?|other ones|another(?: one)?|different ones|next)\b"
    r"|\b(?:none of (?:these|those|them)|something else|anything else|other options|different options)\b",
    re.I,
)
# "I've seen all of these": every film shown; the session already keeps them out of what comes next
_SEEN_ALL = re.compile(r"\b(?:seen|watched) (?:all of )?(?:these|those|them)(?: all)?\b", re.I)
_SHORTER = re.compile(rf"\b(shorter|less long|{_NOT_SO} long)\b", re.I)
_LONGER = re.compile(rf"\b(longer|{_NOT_SO} short)\b", re.I)
# "how about a comedy instead", "what about something scary?": another kind of film, the rest kept
_INSTEAD = re.compile(r"\binstead\b|^\s*(?:how|what) about\b|^\s*(?:maybe|or) (?:a|an|some)\b", re.I)
_SWAP_WORDS = re.compile(
    r"\b(?:make it|switch(?: it)? to|change it to|go with|let'?s (?:do|try|go with))\b", re.I
)
# "the last one sounds good, anything similar?": more like the film pointed at
_SIMILAR = re.compile(r"\b(?:similar|like (?:it|that|this)(?: one)?|along those lines)\b", re.I)


@dataclass(frozen=True)
class Turn:
    kind: Kind
    parsed: ParsedRequest | None = None  # what to recommend (recommend)
    target: str | None = None  # the film concerned (explain, reject)
    original_request: str = ""  # the understood request the target was shown for, as JSON (explain)
    k: int | None = None
    reply: str = ""  # an answer the conversation gives itself ("which one did you mean?")
    also: tuple[str, ...] = ()  # more films concerned (reject: "I've seen the first two")


def target_film(message: str, session: Session, index: CatalogueIndex) -> str | None:
    """Which shown film the message points at: an ordinal, a number, a title, or "it"."""
    last = session.last_turn
    if not last:
        return None
    lowered = message.casefold()
    for shown in reversed(session.shown):  # a title first: "why The Fifth Element?" is no ordinal
        title = index.movie(shown.movie_id).title.casefold()
        if re.search(rf"(?<!\w){re.escape(title)}(?!\w)", lowered):
            return shown.movie_id
    listed = session.last_list  # "the third one" counts in the last list, not in a "why?" answer
    match = _ORDINAL.search(message)
    if match:
        position = _ORDINALS[match.group(1).lower()]
        return listed[position].movie_id if -len(listed) <= position < len(listed) else None
    number = _NUMBER.search(message)
    if number and int(number.group(1)) <= len(listed):
        return listed[int(number.group(1)) - 1].movie_id
    if person := _ONE_WITH.search(message):  # "the one with Keanu": a shown film of that person
        name = person.group(1).casefold()
        for shown in listed:
            film = index.movie(shown.movie_id)
            people = [who.casefold() for who in film.cast + film.directors]
            if any(name == who or name in who.split() for who in people):
                return shown.movie_id
    shown_ids = {s.movie_id for s in session.shown}
    for movie in find_titles(message, index):  # fuzzy: "why inceptoin?"
        if movie.id in shown_ids:
            return movie.id
    if (about := _ONE_ABOUT.search(message)) and (said := _shown_about(about.group("what"), session, index)):
        return said
    if _PRONOUN.search(message):
        return last[0].movie_id if len(last) == 1 else _last_discussed(session) or last[0].movie_id
    return None


def _shown_about(said: str, session: Session, index: CatalogueIndex) -> str | None:
    """The one film shown whose title, plot or keywords say most of `said` ("the magicians": The
    Prestige, "two rival magicians"), a word fewer plots say counting more ("hockey" over "team");
    None when no film says any of it, or two say as much."""
    stems = [w[:-1] if w.endswith("s") and len(w) > 4 else w for w in request_words(said)]
    if not stems:
        return None
    plots = index.plots_saying
    weight = {s: 1.0 / math.log(2 + plots.get(s, 0) + plots.get(f"{s}s", 0)) for s in stems}
    counts: dict[str, float] = {}
    for shown in reversed(session.shown):
        film = index.movie(shown.movie_id)
        text = " ".join([film.title, film.overview, *film.keywords]).lower()
        counts.setdefault(film.id, sum(w for s, w in weight.items() if re.search(rf"\b{re.escape(s)}", text)))
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked[0][1] or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _last_discussed(session: Session) -> str | None:
    """The film the latest explain turn was about ("tell me more about it" after "why X?")."""
    if session.shown and len(session.last_turn) == 1:
        return session.last_turn[0].movie_id
    return None


def request_to_json(parsed: ParsedRequest) -> str:
    """A shown film remembers the understood request it answered, so follow-ups can narrow it."""
    return json.dumps(asdict(parsed), ensure_ascii=False, default=sorted)  # sets (excluded_films) as lists


def request_from_json(text: str) -> ParsedRequest:
    data: dict[str, Any] = json.loads(text)
    c: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in data.pop("constraints").items()
    }
    if "excluded_films" in c:  # a frozenset field: a tuple would never equal the empty default
        c["excluded_films"] = frozenset(c["excluded_films"])
    rest: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return ParsedRequest(**rest, constraints=RequestConstraints(**c))


def resolve(message: str, session: Session, index: CatalogueIndex) -> Turn:
    parsed = parse_request(message, index, in_session=bool(session.shown))
    if session.shown and asks_films_by_director(message):  # "what else did the director of #2 make?"
        return _by_director(message, parsed, session, index)
    if parsed.intent_kind in ("film_question", "chit_chat"):
        return Turn("answer", parsed, target=parsed.asked_film)
    if not session.shown:
        return Turn("recommend", parsed)
    listed = [index.movie(s.movie_id) for s in session.last_list]
    if (which := read_superlative(message)) is not None:  # "which one is the shortest?"
        return _about_the_list(parsed, *compare_shown(which, listed))
    children = "children" in parsed.occasions
    if asks_which_of_shown(message) and (children or not parsed.constraints.is_empty()):
        # "which ones are under 2 hours?": of the films shown, not new ones
        return _about_the_list(parsed, *sift_shown(parsed.constraints, children, listed))
    if _WHY.search(message):
        target = target_film(message, session, index)
        if target is not None:
            shown_for = next(s.request for s in session.shown if s.movie_id == target)
            return Turn("explain", target=target, original_request=shown_for)
        if _ONE_ABOUT.search(message):  # "why the one with the running?": no film shown says so
            return Turn("answer", replace(parsed, intent_kind="chit_chat"), reply=_which_one(message))
    if parsed.question:  # "who directed the second one?", "how long is it?": that film's facts
        target = target_film(message, session, index)
        if target is not None:
            asked = replace(parsed, intent_kind="film_question", asked_film=target)
            return Turn("answer", asked, target=target)
    # the previous request, to narrow or steer; what it noticed was said when it was answered
    base = replace(request_from_json(session.shown[-1].request), notices=parsed.notices)
    # "none of those, something from this decade": the previous request again, with what the message limits
    again = replace(base, constraints=base.constraints.merged(parsed.constraints))
    if _SEEN_ALL.search(message):
        return Turn("recommend", again, k=parsed.k)
    if _REJECT.search(message):
        target = target_film(message, session, index)
        if target is None and _points_at_one(message):
            # "skip the one with Pacino" when no film shown has him: ask, drop nothing
            return Turn("answer", replace(parsed, intent_kind="chit_chat"), reply=_which_one(message))
        if len(several := _several_pointed(message, session)) > 1:  # "I've seen the first two"
            return Turn("reject", base, target=several[0], also=tuple(several[1:]), k=len(several))
        return Turn("reject", base, target=target or session.last_turn[0].movie_id, k=1)

    shown_years = [y for s in session.last_turn if (y := index.movie(s.movie_id).year)]
    if _OLDER.search(message) and shown_years:
        constraints = replace(base.constraints, year_min=None, year_max=min(shown_years) - 1)
        return Turn("recommend", replace(base, constraints=constraints.merged(_no_years(parsed))))
    if _NEWER.search(message) and shown_years:
        constraints = replace(base.constraints, year_min=max(shown_years) + 1, year_max=None)
        return Turn("recommend", replace(base, constraints=constraints.merged(_no_years(parsed))))
    shown_runtimes = [m.runtime for s in session.last_turn if (m := index.movie(s.movie_id)).runtime]
    if _SHORTER.search(message) and shown_runtimes:
        constraints = replace(base.constraints, runtime_min=None, runtime_max=min(shown_runtimes) - 1)
        return Turn("recommend", replace(base, constraints=constraints))
    if _LONGER.search(message) and shown_runtimes:
        constraints = replace(base.constraints, runtime_min=max(shown_runtimes) + 1, runtime_max=None)
        return Turn("recommend", replace(base, constraints=constraints))
    # "something like it" after one film alone was discussed ("who directed Heat?", "why the second one?")
    alone = len(session.last_turn) == 1
    if _MORE_LIKE.search(message) or (_SIMILAR.search(message) and (_points_at_one(message) or alone)):
        target = target_film(message, session, index)
        if target is not None:
            # that film leads: "like Inception but funnier", then "more like the third one" (Scott
            # Pilgrim) asks for Scott Pilgrim's kind, not a mix of it and Inception; "more like that
            # but in French" holds the message's own limits too
            constraints = base.constraints.merged(parsed.constraints)
            return Turn("recommend", replace(base, references=(target,), constraints=constraints))
    if (
        (parsed.avoid or comparative_lean(message))
        and says_nothing(without_comparatives(parsed.intent))
        and not parsed.references
        and parsed.constraints.is_empty()
    ):
        # "less violent", "something less cheesy", "funnier": the previous request, steered that way
        # (the engine reads how to differ from the whole text)
        avoid = tuple(dict.fromkeys(base.avoid + parsed.avoid))
        return Turn("recommend", replace(base, avoid=avoid, text=f"{base.text}. {message}"))
    if (swapped := _kind_swapped(message, parsed, base, index)) is not None:
        return Turn("recommend", swapped)
    if _AGAIN.search(message) and not parsed.references:
        return Turn("recommend", again, k=parsed.k)
    narrowing = _NARROW.search(message) and len(message.split()) <= 6
    # "something in black and white", "a silent one": how the film looks or sounds narrows too
    pictured = {kind: wanted for kind in PICTURES if (wanted := getattr(parsed, kind, None)) is not None}
    if (
        not parsed.references
        and (pictured or not parsed.constraints.is_empty())
        and (narrowing or says_nothing(_A_FILM.sub(" ", _without_people(parsed))))
    ):
        # only constraints ("only from the 90s", "under 2 hours", "in Japanese instead"): narrow the
        # previous request
        merged = base.constraints.merged(parsed.constraints)
        return Turn("recommend", replace(base, constraints=merged, **pictured))
    if _ONE_THAT.search(message) and not parsed.references:
        return Turn("recommend", _added_to(base, message, index))
    return Turn("recommend", parsed)


def discussed(movie_id: str, label: str) -> ParsedRequest:
    """The request a film asked about stands for when it was never shown: films like it. "Who directed
    Heat?" then "something like it" asks for Heat's kind; "something older", for films before it."""
    return ParsedRequest(f"films like {label}", "", RequestConstraints(), (movie_id,), None, ())


def _added_to(base: ParsedRequest, message: str, index: CatalogueIndex) -> ParsedRequest:
    """ "One with animals" after "a horror film my 10 year old can watch": the previous request read
    again with the message after it, its limits kept. Before, the message was a request of its own,
    and The Birds came first."""
    added = parse_request(f"{base.text}. {message}", index)
    kept = {kind: getattr(base, kind) for kind in PICTURES if getattr(added, kind, None) is None}
    return replace(
        added,
        constraints=base.constraints.merged(added.constraints),
        avoid=tuple(dict.fromkeys(base.avoid + added.avoid)),
        **kept,
    )


def _kind_swapped(
    message: str, parsed: ParsedRequest, base: ParsedRequest, index: CatalogueIndex
) -> ParsedRequest | None:
    """ "How about a comedy instead" after "a tense 90s heist thriller": the previous request with its
    kind of film (genres, moods) swapped for the one asked now, its subject and limits kept (a 90s
    heist comedy). None unless the message only names another kind."""
    said = parsed.constraints.include_genres or mood_lean(message)
    if not (_INSTEAD.search(message) and said) or parsed.references:
        return None
    if not says_nothing(_SWAP_WORDS.sub(" ", without_moods(GENRE_WORD.sub(" ", parsed.intent)))):
        return None  # "how about a heist movie set in space": a new request
    kept = without_moods(GENRE_WORD.sub(" ", base.intent))  # "a tense heist thriller" -> "a heist"
    swapped = parse_request(f"{kept}. {message}", index)
    limits = replace(base.constraints, include_genres=(), exclude_genres=())
    return replace(
        swapped,
        constraints=limits.merged(swapped.constraints),  # "what about horror from the 80s": the 80s
        references=base.references,
        avoid=tuple(dict.fromkeys(base.avoid + swapped.avoid)),
    )


def _which_one(message: str) -> str:
    if said := _ONE_WITH.search(message):
        missing = f"None of the films I showed has {said.group(1)}"
    elif about := _ONE_ABOUT.search(message):  # "the one with the hockey team": none, or two alike
        missing = f'I couldn\'t tell which film you meant by "{" ".join(about.group().split())}"'
    else:
        missing = "I didn't show that many films"
    return f"{missing}, so I left the list as it was. Which one did you mean? You can say its title."


def _about_the_list(parsed: ParsedRequest, reply: str, film: Movie | None) -> Turn:
    """An answer about the films shown; the one film it names, if any, is the film discussed next."""
    return Turn(
        "answer", replace(parsed, intent_kind="follow_up"), target=film.id if film else None, reply=reply
    )


def _by_director(message: str, parsed: ParsedRequest, session: Session, index: CatalogueIndex) -> Turn:
    """That film's director's films: a new request, the film pointed at (or the one just discussed)
    giving the director; a question back when no one film is meant."""
    if parsed.intent_kind == "recommend" and parsed.constraints.directors:
        return Turn("recommend", parsed)  # "films by the director of Inception": read from the title
    target = target_film(message, session, index) if _points_at_one(message) else _last_discussed(session)
    films = [index.movie(s.movie_id) for s in session.last_turn]
    shared = set.intersection(*(set(m.directors) for m in films)) if films else set()
    if target is None and shared:  # "more from the same director" after five Scorsese films
        target = films[0].id
    if target is None:
        reply = "Which film's director do you mean? Say its place in the list or its title."
        return Turn("answer", replace(parsed, intent_kind="chit_chat", notices=()), reply=reply)
    film = index.movie(target)
    if not film.directors:  # the answer about its director says the catalogue doesn't know
        asked = replace(
            parsed, intent_kind="film_question", question="director", asked_film=target, notices=()
        )
        return Turn("answer", asked, target=target)
    constraints = replace(
        parsed.constraints, directors=tuple(sorted(shared)) if shared else tuple(film.directors)
    )
    named = (*parsed.named, target)
    asked = replace(parsed, intent="", intent_kind="recommend", question=None, asked_film=None, notices=())
    return Turn("recommend", replace(asked, constraints=constraints, references=(), named=named))


_FIRST_FEW = re.compile(r"\b(first|last|top)\s+(two|three|four|[234])\b(?!\s*(?:min|hour|h\b))", re.I)


def _several_pointed(message: str, session: Session) -> list[str]:
    """The films shown that "the first two", "the last three" or "the first and the third" point at."""
    listed = [s.movie_id for s in session.last_list]
    if few := _FIRST_FEW.search(message):
        said = few.group(2).lower()
        n = int(said) if said.isdigit() else NUMBER_WORDS[said]
        return listed[-n:] if few.group(1).lower() == "last" else listed[:n]
    places = [_ORDINALS[m.group(1).lower()] for m in _ORDINAL.finditer(message)]
    return list(dict.fromkeys(listed[p] for p in places if -len(listed) <= p < len(listed)))


def _points_at_one(message: str) -> bool:
    """Whether the message points at one film shown ("the last one", "number 2", "the one with ...")."""
    said = _ORDINAL.search(message) or _NUMBER.search(message) or _ONE_WITH.search(message)
    return bool(said or _ONE_ABOUT.search(message))


def _without_people(parsed: ParsedRequest) -> str:
    """The intent without the people it asks for ("any by Kurosawa?" -> "any by ?")."""
    said = parsed.intent
    for name in parsed.constraints.directors + parsed.constraints.cast:
        for part in name.split():
            said = re.sub(rf"\b{re.escape(part)}\b", " ", said, flags=re.I)
    return said


def _no_years(parsed: ParsedRequest) -> RequestConstraints:
    return replace(parsed.constraints, year_min=None, year_max=None)
